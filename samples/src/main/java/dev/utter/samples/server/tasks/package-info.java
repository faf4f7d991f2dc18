/**
 * Admission control and background generations. {@link dev.utter.samples.server.tasks.TaskRunner} keeps
 * tasks in a bounded line for a fixed number of workers, streams each to its file, writes its progress to
 * the database as chunks finish, tells subscribers (the SSE endpoint) about every change, cancels on
 * request, and ends every task it takes whatever is thrown. {@link
 * dev.utter.samples.server.tasks.GenerationSlots} bounds synchronous generations, refusing the excess at
 * once with {@link dev.utter.samples.server.tasks.ServerBusyException}.
 */
package dev.utter.samples.server.tasks;
