package dev.utter.benchmarks;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.Wav;
import dev.utter.provider.qwen.QwenModalProvider;
import dev.utter.spi.SynthesisRequest;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Benchmark 3: the Qwen provider generating one chunk against a loopback server that answers a fixed
 * 10 s WAV, against a bare OkHttp POST of the same body to the same server. Both sides send the same
 * JSON bytes, read the whole response and end with the samples (the SDK's job ends with PCM, so the
 * baseline's does too): the bare side the way a hand-written client does it, {@code execute()}, the body
 * as bytes, then {@link Wav#read(byte[])}; the SDK side builds the JSON, runs its interceptors, retry
 * decoration, call budget and checks, and decodes the WAV as it arrives ({@link Wav#read(java.io.InputStream)},
 * no copy of the file in memory). Both run the call on the calling thread. Calls alternate, so both see
 * the same machine. After a warm-up, {@link LongTextBenchmark#ROUNDS} rounds each compare the medians of
 * {@link #CALLS} calls; the row gives the median and range of the rounds' ratios.
 */
final class CallOverheadBenchmark {
  private static final int WARM_UP = 400;
  private static final int CALLS = 200;
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

      double[] sdkMedians = new double[LongTextBenchmark.ROUNDS];
      double[] plainMedians = new double[LongTextBenchmark.ROUNDS];
      alternate(provider, request, bare, post, new double[WARM_UP], new double[WARM_UP]);
      for (int round = 0; round < LongTextBenchmark.ROUNDS; round++) {
        double[] sdk = new double[CALLS];
        double[] plain = new double[CALLS];
        alternate(provider, request, bare, post, sdk, plain);
        sdkMedians[round] = Spread.of(sdk).median();
        plainMedians[round] = Spread.of(plain).median();
      }
      bare.dispatcher().executorService().shutdown();
      bare.connectionPool().evictAll();
      return Result.atMost("3. One chunk through the Qwen provider (10 s WAV back, loopback), median of "
              + CALLS + " calls",
          "bare OkHttp POST of the same body, body read then decoded: " + Spread.millis(Spread.of(plainMedians)), Spread.millis(Spread.of(sdkMedians)),
          Spread.ofRatios(sdkMedians, plainMedians), 1.10);
    }
  }

  /** Fills {@code sdk} and {@code plain} with the nanoseconds of alternating calls. */
  private static void alternate(QwenModalProvider provider, SynthesisRequest request, OkHttpClient bare,
      Request post, double[] sdk, double[] plain) throws IOException {
    for (int i = 0; i < sdk.length; i++) {
      long start = System.nanoTime();
      provider.synthesize(request);
      long middle = System.nanoTime();
      try (Response response = bare.newCall(post).execute()) {
        Wav.read(response.body().bytes());
      }
      sdk[i] = middle - start;
      plain[i] = System.nanoTime() - middle;
    }
  }
}
