/** Speaking with a stored voice: the bridge from database rows to the utter SDK and back. */
package dev.utter.samples.server.speech;
