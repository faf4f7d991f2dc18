package dev.utter.provider.qwen.internal;

import dev.utter.transport.internal.Nullable;

/**
 * {@code POST /design} of a VoiceDesign service (schema {@code DesignRequest}): the preview
 * {@code text}, its {@code language}, the voice description {@code instruct}, and an optional
 * {@code seed} (left out when null).
 */
public record DesignRequest(String text, String language, String instruct, @Nullable Long seed) {}
