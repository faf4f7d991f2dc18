/**
 * Where the server keeps its state: an SQLite file migrated by Flyway ({@link
 * dev.utter.samples.server.storage.Database}), one store per table, and the audio files under the data
 * directory ({@link dev.utter.samples.server.storage.DataFiles}). Every id that reaches a path or a
 * query has been checked to be a UUID first. A disk that is full or read-only is told apart from other
 * failures by {@link dev.utter.samples.server.storage.DiskFault}.
 */
package dev.utter.samples.server.storage;
