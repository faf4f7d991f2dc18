package dev.utter.samples.server;

import dev.utter.Language;
import dev.utter.provider.mock.MockTtsProvider;
import dev.utter.samples.server.config.Limits;
import dev.utter.samples.server.config.ServerConfig;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.TtsProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.UnaryOperator;

/** The real server on a free loopback port over a data directory, with a recording mock provider. */
final class TestServer extends ApiClient implements AutoCloseable {
  /** Qwen-like, but one short chunk a call, so that a few sentences make several progress steps. */
  static final ProviderCapabilities SMALL_CHUNKS = ProviderCapabilities.builder()
      .sampleRate(16_000)
      .requiresTranscript(true)
      .languages(EnumSet.allOf(Language.class))
      .maxCharsPerCall(60)
      .maxBatchSize(1)
      .build();

  final MockTtsProvider provider;
  final UtterServer server;
  final Path dataDir;

  private TestServer(ServerConfig config, MockTtsProvider provider, UtterServer server) {
    super(server.url(), config.apiKey());
    this.dataDir = config.dataDir();
    this.provider = provider;
    this.server = server;
  }

  static TestServer start(Path dataDir) {
    return start(dataDir, Duration.ZERO, null);
  }

  static TestServer start(Path dataDir, Duration latency, String apiKey) {
    return start(new ServerConfig(0, "127.0.0.1", dataDir, "mock", apiKey), latency);
  }

  /** The server under {@code config} (port 0 for a free one), on the mock provider with {@code latency} a call. */
  static TestServer start(ServerConfig config, Duration latency) {
    return start(config, latency, Limits.DEFAULTS, UnaryOperator.identity());
  }

  /**
   * Starts with {@code limits}, serving through {@code wrap} applied to the recording mock (to inject
   * faults); {@link #provider} stays the mock.
   */
  static TestServer start(Path dataDir, Duration latency, String apiKey, Limits limits,
      UnaryOperator<TtsProvider> wrap) {
    return start(new ServerConfig(0, "127.0.0.1", dataDir, "mock", apiKey), latency, limits, wrap);
  }

  static TestServer start(ServerConfig config, Duration latency, Limits limits, UnaryOperator<TtsProvider> wrap) {
    MockTtsProvider provider = MockTtsProvider.builder()
        .capabilities(SMALL_CHUNKS)
        .latency(latency, Duration.ZERO)
        .build();
    UtterServer server = UtterServer.start(config, limits, wrap.apply(provider));
    return new TestServer(config, provider, server);
  }

  /** A raw-socket client for this server. */
  RawHttp raw() {
    return new RawHttp(server.port());
  }

  /** The server over {@code provider}, which it closes. */
  static TestServer start(Path dataDir, MockTtsProvider provider) {
    ServerConfig config = new ServerConfig(0, "127.0.0.1", dataDir, "mock", null);
    return new TestServer(config, provider, UtterServer.start(config, Limits.DEFAULTS, provider));
  }

  @Override
  public void close() {
    server.close();
    provider.close();
  }
}
