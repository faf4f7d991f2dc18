package dev.utter.benchmarks;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.provider.qwen.QwenEndpoints;
import dev.utter.provider.qwen.QwenModalProvider;
import dev.utter.spi.SynthesisRequest;
import java.io.IOException;
import java.util.Locale;

/**
 * Benchmark 4: request bytes sent for generations 2 to 20 with the same 60 s reference, the provider
 * registering the voice once (modal-deploy) against sending it as base64 every time (the separate endpoints, inline reference).
 */
final class ReferenceBytesBenchmark {
  private ReferenceBytesBenchmark() {}

  static Result run() throws IOException {
    Voice voice = BenchProviders.voice(60);
    long registered;
    long inline;
    try (LocalQwenServer server = new LocalQwenServer()) {
      try (QwenModalProvider provider = QwenModalProvider.builder().baseUrl(server.baseUrl()).build()) {
        registered = bytesForGenerations2To20(server, provider, voice);
      }
      String base = server.baseUrl();
      QwenEndpoints endpoints = QwenEndpoints.separateEndpoints(base + "/inline/clone", base + "/inline/clone-batch",
          base + "/inline/health", base + "/inline/languages");
      try (QwenModalProvider provider = QwenModalProvider.builder().endpoints(endpoints).build()) {
        inline = bytesForGenerations2To20(server, provider, voice);
      }
    }
    return Result.atLeast("4. Bytes sent for generations 2–20, same 60 s reference",
        "Inline reference, base64 every time: " + kb(inline), kb(registered) + " (voice registered once)",
        inline / (double) registered, 100);
  }

  private static long bytesForGenerations2To20(LocalQwenServer server, QwenModalProvider provider, Voice voice) {
    SynthesisRequest request = SynthesisRequest.of(voice, "Generation number one of twenty.", Language.ENGLISH);
    provider.synthesize(request);
    server.bodyBytes.set(0);
    for (int generation = 2; generation <= 20; generation++) {
      provider.synthesize(SynthesisRequest.of(voice, "Generation number " + generation + " of twenty.",
          Language.ENGLISH));
    }
    return server.bodyBytes.get();
  }

  private static String kb(long bytes) {
    return bytes >= 1_000_000
        ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
        : String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
  }
}
