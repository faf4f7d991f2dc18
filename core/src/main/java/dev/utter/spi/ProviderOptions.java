package dev.utter.spi;

/**
 * Options only one provider understands (sampler settings, for instance), carried by a
 * {@link dev.utter.GenerationRequest} to the provider unchanged. A provider ignores options of a type
 * it does not know.
 */
public interface ProviderOptions {}
