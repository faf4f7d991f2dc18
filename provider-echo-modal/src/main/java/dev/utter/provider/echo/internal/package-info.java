/**
 * Implementation detail of the Echo provider; not part of the API and free to change.
 */
package dev.utter.provider.echo.internal;
