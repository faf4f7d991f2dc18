package dev.utter.internal.generation;

import dev.utter.Language;
import dev.utter.audio.PcmAudio;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A provider whose behaviour per chunk the test scripts: each call runs {@code behaviour} (which may
 * block, throw or wait for a latch) and returns a tone as long as its text (10 ms per character).
 */
final class ScriptedProvider implements TtsProvider {
  static final int SAMPLE_RATE = 8000;

  final List<List<Integer>> calls = new CopyOnWriteArrayList<>();
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();
  final AtomicInteger interrupted = new AtomicInteger();
  private final ProviderCapabilities capabilities;
  private final Consumer<SynthesisRequest> behaviour;

  ScriptedProvider(int maxChars, int batchSize, Consumer<SynthesisRequest> behaviour) {
    this(baseCapabilities().maxCharsPerCall(maxChars).maxBatchSize(batchSize).build(), behaviour);
  }

  ScriptedProvider(ProviderCapabilities capabilities, Consumer<SynthesisRequest> behaviour) {
    this.capabilities = capabilities;
    this.behaviour = behaviour;
  }

  /** Capabilities at this provider's sample rate, in every language, limits to be set. */
  static ProviderCapabilities.Builder baseCapabilities() {
    return ProviderCapabilities.builder().sampleRate(SAMPLE_RATE).languages(EnumSet.allOf(Language.class));
  }

  static PcmAudio toneFor(String text) {
    short[] samples = new short[text.length() * SAMPLE_RATE / 100];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / SAMPLE_RATE));
    }
    return PcmAudio.of(SAMPLE_RATE, samples);
  }

  @Override
  public String id() {
    return "scripted";
  }

  @Override
  public ProviderCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public PcmAudio synthesize(SynthesisRequest request) {
    return synthesizeBatch(List.of(request)).get(0);
  }

  @Override
  public List<PcmAudio> synthesizeBatch(List<SynthesisRequest> requests) {
    calls.add(requests.stream().map(SynthesisRequest::chunkIndex).toList());
    int now = running.incrementAndGet();
    maxRunning.accumulateAndGet(now, Math::max);
    try {
      for (SynthesisRequest request : requests) {
        behaviour.accept(request);
      }
      return requests.stream().map(r -> toneFor(r.text())).toList();
    } finally {
      if (Thread.currentThread().isInterrupted()) {
        interrupted.incrementAndGet();
      }
      running.decrementAndGet();
    }
  }

  @Override
  public ProviderHealth health() {
    return ProviderHealth.up("scripted", Map.of());
  }

  @Override
  public void close() {}
}
