/**
 * Not API: public only so the SDK's own packages can share it, left out of the public-API check, and
 * free to change in any release. File helpers: atomic writes through a temporary file moved into place.
 */
package dev.utter.internal.io;
