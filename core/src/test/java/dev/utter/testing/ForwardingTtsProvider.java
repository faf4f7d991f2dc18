package dev.utter.testing;

import dev.utter.audio.PcmAudio;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;

/**
 * A provider that passes its identity, capabilities, single calls, health and {@code close()} to a
 * delegate, for tests that count, hold or fail some of them by overriding a method. Batches go through
 * this provider's own {@link #synthesize} (the interface's default), and no voice designer is offered,
 * unless a subclass overrides those too.
 */
public abstract class ForwardingTtsProvider implements TtsProvider {
  private final TtsProvider delegate;

  protected ForwardingTtsProvider(TtsProvider delegate) {
    this.delegate = delegate;
  }

  /** The provider everything is passed to. */
  protected final TtsProvider delegate() {
    return delegate;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public ProviderCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public PcmAudio synthesize(SynthesisRequest request) {
    return delegate.synthesize(request);
  }

  @Override
  public ProviderHealth health() {
    return delegate.health();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
