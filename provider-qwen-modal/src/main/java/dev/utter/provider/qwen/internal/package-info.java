/**
 * The Qwen services' wire bodies as records, checked field by field against
 * {@code modal-deploy/openapi/qwen.json}. <b>Not API.</b>
 */
package dev.utter.provider.qwen.internal;
