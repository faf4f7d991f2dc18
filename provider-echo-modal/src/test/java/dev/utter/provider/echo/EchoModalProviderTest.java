package dev.utter.provider.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ConfigurationException;
import dev.utter.GenerationFailedException;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.provider.echo.internal.EchoText;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviders;
import dev.utter.text.TextChunker;
import dev.utter.text.TextNormalizer;
import dev.utter.transport.ModalRetries;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EchoModalProviderTest {
  static final Voice VOICE = Voice.builder()
      .name("Echo")
      .reference(Wav.write(PcmAudio.silence(8000, 8000 * 11)))
      .build();

  private final MockWebServer server = new MockWebServer();
  private final ScriptedEchoService service = new ScriptedEchoService();
  private EchoModalProvider provider;

  @BeforeEach
  void setUp() throws IOException {
    server.setDispatcher(service);
    server.start();
    provider = provider(EchoModalProvider.builder());
  }

  @AfterEach
  void tearDown() {
    provider.close();
    server.close();
  }

  private EchoModalProvider provider(EchoModalProvider.Builder builder) {
    return builder.baseUrl(server.url("/")).retryConfig(ModalRetries.none()).build();
  }

  private static SynthesisRequest request(String text) {
    return SynthesisRequest.of(VOICE, text, Language.ENGLISH);
  }

  @Test
  void capabilitiesDescribeEcho() {
    ProviderCapabilities c = provider.capabilities();
    assertEquals("echo-modal", provider.id());
    assertFalse(c.requiresTranscript());
    assertEquals(java.util.Set.of(Language.AUTO, Language.ENGLISH), c.languages());
    assertEquals(44_100, c.sampleRate());
    assertEquals(762, c.maxUtf8BytesPerCall());
    assertEquals(70, c.maxWordsPerCall());
    assertEquals(29.7, c.maxAudioSecondsPerCall());
    assertFalse(c.supportsBatch());
  }

  @ParameterizedTest
  @ValueSource(strings = {"é", "😀", "語", "a", "—", "…", ":"})
  void chunksWithinTheByteLimitFitAfterNormalization(String unit) {
    String text = String.join(" ", java.util.Collections.nCopies(400, unit.repeat(7)));
    TextChunker chunker = TextChunker.of(provider.capabilities().chunkLimits());
    for (String chunk : chunker.chunk(TextNormalizer.normalize(text))) {
      String spoken = chunk.strip();
      assertTrue(spoken.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 762, spoken);
      assertTrue(EchoText.normalizedBytes(spoken) <= EchoText.MAX_TEXT_BYTES, spoken);
    }
  }

  @Test
  void registersTheVoiceOnceThenSendsItsId() {
    PcmAudio first = provider.synthesize(request("Hello there, this is Echo."));
    provider.synthesize(request("And a second chunk."));

    assertEquals(44_100, first.sampleRate());
    assertEquals(1, service.received("/voices").size());
    List<ScriptedEchoService.Received> generates = service.received("/generate");
    assertEquals(2, generates.size());
    for (ScriptedEchoService.Received generate : generates) {
      assertTrue(((String) generate.body().get("voice_id")).startsWith("ev_"));
      assertNull(generate.body().get("ref_audio_base64"));
    }
    assertEquals(Base64.getEncoder().encodeToString(VOICE.reference().bytes()),
        service.received("/voices").get(0).body().get("ref_audio_base64"));
  }

  @Test
  void sendsTheTextSeedAndDefaultSampler() {
    provider.synthesize(new SynthesisRequest(VOICE, "Hello: there.", Language.AUTO, OptionalLong.of(7), null, 0));

    Map<String, Object> body = service.received("/generate").get(0).body();
    assertEquals("Hello: there.", body.get("text"));
    assertEquals(7.0, body.get("seed"));
    assertEquals(Map.of("num_steps", 40.0, "cfg_scale_text", 3.0, "cfg_scale_speaker", 8.0, "cfg_min_t", 0.5,
        "cfg_max_t", 1.0, "truncation_factor", 0.8, "sequence_length", 640.0), body.get("sampler"));
  }

  @Test
  void leavesTheSeedToTheServiceWhenTheRequestHasNone() {
    provider.synthesize(request("Hello."));

    assertFalse(service.received("/generate").get(0).body().containsKey("seed"));
  }

  @Test
  void sendsTheRequestsSamplerOptions() {
    EchoSamplerOptions options = EchoSamplerOptions.builder().numSteps(20).noTruncation().rescale(1.2, 3)
        .speakerKvScale(1.5, 0.9).speakerKvMaxLayers(8).sequenceLength(320).build();
    provider.synthesize(new SynthesisRequest(VOICE, "Hello.", Language.ENGLISH, OptionalLong.empty(), options, 0));

    assertEquals(Map.of("num_steps", 20.0, "cfg_scale_text", 3.0, "cfg_scale_speaker", 8.0, "cfg_min_t", 0.5,
        "cfg_max_t", 1.0, "rescale_k", 1.2, "rescale_sigma", 3.0, "speaker_kv_scale", 1.5,
        "speaker_kv_max_layers", 8.0, "speaker_kv_min_t", 0.9), withoutSequenceLength(service));
  }

  @Test
  void usesTheProvidersDefaultOptionsWhenTheRequestHasNone() {
    try (EchoModalProvider tuned = provider(EchoModalProvider.builder()
        .defaultOptions(EchoSamplerOptions.builder().numSteps(12).build()))) {
      tuned.synthesize(request("Hello."));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> sampler = (Map<String, Object>) service.received("/generate").get(0).body().get("sampler");
    assertEquals(12.0, sampler.get("num_steps"));
  }

  @Test
  void registersAgainWhenTheServiceForgotTheVoice() {
    provider.synthesize(request("Hello."));
    service.forgetVoices();

    PcmAudio audio = provider.synthesize(request("Hello again."));

    assertEquals(44_100, audio.sampleRate());
    assertEquals(2, service.received("/voices").size());
    assertEquals(3, service.received("/generate").size());
  }

  @Test
  void sendsTheReferenceWithEachCallWhenTheServiceCannotRegister() {
    service.withoutVoicesRoute();

    provider.synthesize(request("Hello."));
    provider.synthesize(request("Hello again."));

    assertEquals(1, service.received("/voices").size());
    for (ScriptedEchoService.Received generate : service.received("/generate")) {
      assertNull(generate.body().get("voice_id"));
      assertEquals(Base64.getEncoder().encodeToString(VOICE.reference().bytes()), generate.body().get("ref_audio_base64"));
    }
  }

  @Test
  void sendsTheReferenceWithEachCallWhenRegistrationIsOff() {
    try (EchoModalProvider inline = provider(EchoModalProvider.builder().registerVoices(false))) {
      inline.synthesize(request("Hello."));
    }

    assertEquals(0, service.received("/voices").size());
    assertTrue(service.received("/generate").get(0).body().containsKey("ref_audio_base64"));
  }

  @ParameterizedTest
  @EnumSource(value = Language.class, names = {"AUTO", "ENGLISH"}, mode = EnumSource.Mode.EXCLUDE)
  void rejectsEveryLanguageButEnglishBeforeAnyRequest(Language language) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> provider.synthesize(SynthesisRequest.of(VOICE, "Bonjour.", language)));

    assertEquals("Unsupported language: " + language.wireName() + ". Echo-TTS speaks English only: use Auto or English",
        e.getMessage());
    assertEquals("unsupported_language", e.code().orElseThrow());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"é", "😀", "語"})
  void rejectsMultiByteTextOverTheLimitBeforeAnyRequest(String unit) {
    String text = unit.repeat(800 / unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);

    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> provider.synthesize(request(text)));

    assertEquals("text_too_long", e.code().orElseThrow());
    assertTrue(e.getMessage().contains("bytes after normalization"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void reportsAudioAtAnotherSampleRateAsAFailedGeneration() {
    service.sampleRate(24_000);

    GenerationFailedException e = assertThrows(GenerationFailedException.class,
        () -> provider.synthesize(request("Hello.")));

    assertTrue(e.getMessage().contains("24000 Hz"), e.getMessage());
  }

  @Test
  void healthReportsWhatTheServiceSays() {
    ProviderHealth health = provider.health();

    assertTrue(health.healthy());
    assertEquals("jordand/echo-tts-base", health.attributes().get("model"));
    assertEquals("fake", health.attributes().get("engine"));
    assertEquals("44100", health.attributes().get("sample_rate"));
  }

  @Test
  void healthIsDownWhenTheServiceCannotBeReached() throws IOException {
    server.close();

    assertFalse(provider.health().healthy());
  }

  @Test
  void isFoundByServiceLoaderAndConfiguredFromSettings() {
    ProviderSettings settings = ProviderSettings.of(Map.of("UTTER_ECHO_URL", server.url("/").toString(),
        "MODAL_KEY", "wk-key", "MODAL_SECRET", "ws-secret", "UTTER_SERVICE_TOKEN", "tok"));
    try (TtsProvider found = TtsProviders.create("echo-modal", settings)) {
      assertInstanceOf(EchoModalProvider.class, found);
      found.health();
    }

    ScriptedEchoService.Received health = service.received("/health").get(0);
    assertEquals("wk-key", health.modalKey());
    assertEquals("Bearer tok", health.authorization());
  }

  @Test
  void keepsAPathInTheBaseUrl() {
    try (EchoModalProvider prefixed = EchoModalProvider.builder().baseUrl(server.url("/echo").toString())
        .retryConfig(ModalRetries.none()).build()) {
      prefixed.health();
    }

    assertEquals("/echo/health", service.received().get(0).path());
  }

  @Test
  void missingUrlIsAConfigurationErrorNamingTheSetting() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new EchoModalProviderFactory().create(ProviderSettings.empty()));

    assertTrue(e.getMessage().startsWith("Missing setting UTTER_ECHO_URL"), e.getMessage());
  }

  @Test
  void invalidUrlIsAConfigurationError() {
    assertThrows(ConfigurationException.class,
        () -> new EchoModalProviderFactory().create(ProviderSettings.of(Map.of("UTTER_ECHO_URL", "not a url"))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutSequenceLength(ScriptedEchoService service) {
    Map<String, Object> sampler = new java.util.HashMap<>(
        (Map<String, Object>) service.received("/generate").get(0).body().get("sampler"));
    assertEquals(320.0, sampler.remove("sequence_length"));
    return sampler;
  }
}
