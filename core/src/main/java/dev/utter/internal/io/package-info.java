/** Not API. File helpers: atomic writes through a temporary file moved into place. */
package dev.utter.internal.io;
