package dev.utter.provider.mock;

import dev.utter.DesignRequest;
import dev.utter.Language;
import dev.utter.audio.PcmAudio;
import dev.utter.provider.mock.internal.DesignedTimbre;
import dev.utter.provider.mock.internal.SpeechSignal;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.VoiceDesigner;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The mock's voice design: the preview is the mock's speech-like signal for the preview text, with a
 * pitch and a brightness (overtone strength) taken from a SHA-256 of the description, so different
 * descriptions sound audibly different and the same request (description, text, language, seed) gives
 * the same samples on any JVM. It speaks the provider's languages at its sample rate and, like a
 * real backend, refuses a language it does not list; the provider runs the making of the preview as
 * one of its calls ({@code asCall}), which takes its latency model's time for the preview and injects
 * its failures. Thread-safe.
 */
final class MockVoiceDesigner implements VoiceDesigner {
  private final ProviderCapabilities capabilities;
  private final Function<Supplier<PcmAudio>, PcmAudio> asCall;

  MockVoiceDesigner(ProviderCapabilities capabilities, Function<Supplier<PcmAudio>, PcmAudio> asCall) {
    this.capabilities = capabilities;
    this.asCall = asCall;
  }

  @Override
  public Set<Language> languages() {
    return capabilities.languages();
  }

  @Override
  public PcmAudio design(DesignRequest request) {
    capabilities.requireSupported(request.language());
    return asCall.apply(() -> preview(request));
  }

  private PcmAudio preview(DesignRequest request) {
    DesignedTimbre timbre = DesignedTimbre.of(request.description());
    long seed = request.seed().orElse(0L);
    seed = seed * 1_000_003L + request.text().hashCode();
    seed = seed * 1_000_003L + request.description().hashCode();
    seed = seed * 1_000_003L + request.language().ordinal();
    int rate = capabilities.sampleRate();
    short[] samples = SpeechSignal.of(request.text(), rate, timbre.pitchHz(), timbre.brightness(), seed);
    double maxSeconds = capabilities.maxAudioSecondsPerCall();
    if (maxSeconds > 0 && samples.length > maxSeconds * rate) {
      samples = Arrays.copyOf(samples, (int) (maxSeconds * rate));
    }
    return PcmAudio.of(rate, samples);
  }
}
