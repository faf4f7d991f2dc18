/**
 * The utter web app, a sample of the SDK in use: {@link dev.utter.samples.server.Main} starts it;
 * {@link dev.utter.samples.server.UtterServer} wires configuration, storage, the API and tasks.
 */
package dev.utter.samples.server;
