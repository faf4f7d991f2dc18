/** The server's settings, read from command-line flags and the environment. */
package dev.utter.samples.server.config;
