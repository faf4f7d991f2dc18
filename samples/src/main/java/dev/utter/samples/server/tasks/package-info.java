/**
 * Background generations: {@link dev.utter.samples.server.tasks.TaskRunner} runs each task on the
 * SDK's {@code generateAsync}, writes its progress to the database as chunks finish, tells
 * subscribers (the SSE endpoint) about every change, and cancels the generation on request.
 * {@link dev.utter.samples.server.tasks.GenerationSlots} bounds the generations a request waits for.
 */
package dev.utter.samples.server.tasks;
