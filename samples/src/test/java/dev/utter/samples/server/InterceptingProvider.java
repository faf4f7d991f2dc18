package dev.utter.samples.server;

import dev.utter.audio.PcmAudio;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.ForwardingTtsProvider;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A provider that hands each request to {@code before} (to throw or to hold it), then to {@code delegate}. */
final class InterceptingProvider extends ForwardingTtsProvider {
  private final Consumer<SynthesisRequest> before;

  InterceptingProvider(Consumer<SynthesisRequest> before, TtsProvider delegate) {
    super(delegate);
    this.before = before;
  }

  /** Holds the calls {@code which} selects until {@code gate} opens or the call is interrupted. */
  static Consumer<SynthesisRequest> holding(Predicate<SynthesisRequest> which, CountDownLatch gate) {
    return request -> {
      if (which.test(request)) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancellationException("interrupted while held");
        }
      }
    };
  }

  @Override
  public PcmAudio synthesize(SynthesisRequest request) {
    before.accept(request);
    return super.synthesize(request);
  }
}
