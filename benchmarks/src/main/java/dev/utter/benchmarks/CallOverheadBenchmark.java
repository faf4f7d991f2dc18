package dev.utter.benchmarks;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.provider.qwen.QwenModalProvider;
import dev.utter.spi.SynthesisRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Benchmark 3: the Qwen provider generating one chunk against a loopback server that answers a fixed
 * 10 s WAV, against a bare OkHttp POST of the same body to the same server. Calls alternate, so both
 * see the same machine; the medians are compared.
 */
final class CallOverheadBenchmark {
  private static final int WARM_UP = 200;
  private static final int CALLS = 400;
  private static final MediaType JSON = MediaType.get("application/json");

  private CallOverheadBenchmark() {}

  static Result run(Voice voice) throws IOException {
    try (LocalQwenServer server = new LocalQwenServer();
        QwenModalProvider provider = QwenModalProvider.builder().baseUrl(server.baseUrl()).build()) {
      OkHttpClient bare = new OkHttpClient();
      SynthesisRequest request = SynthesisRequest.of(voice, "The quick brown fox jumps over the lazy dog.",
          Language.ENGLISH);
      provider.synthesize(request); // registers the voice; the body it sends from now on is fixed
      byte[] body = server.lastCloneBody.get();
      Request post = new Request.Builder().url(server.baseUrl() + "/clone")
          .post(RequestBody.create(body, JSON)).build();

      long[] sdk = new long[CALLS];
      long[] plain = new long[CALLS];
      for (int i = -WARM_UP; i < CALLS; i++) {
        long start = System.nanoTime();
        provider.synthesize(request);
        long middle = System.nanoTime();
        try (Response response = bare.newCall(post).execute()) {
          response.body().bytes();
        }
        long end = System.nanoTime();
        if (i >= 0) {
          sdk[i] = middle - start;
          plain[i] = end - middle;
        }
      }
      bare.dispatcher().executorService().shutdown();
      bare.connectionPool().evictAll();
      double sdkMedian = median(sdk) / 1e6;
      double plainMedian = median(plain) / 1e6;
      return Result.atMost("3. One chunk through the Qwen provider (10 s WAV back, loopback), median",
          "bare OkHttp POST of the same body: " + ms(plainMedian), ms(sdkMedian), sdkMedian / plainMedian, 1.15);
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.2f ms", millis);
  }
}
