package dev.utter.provider.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ConfigurationException;
import dev.utter.DesignRequest;
import dev.utter.GenerationFailedException;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.audio.PcmAudio;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviders;
import dev.utter.spi.VoiceDesigner;
import dev.utter.transport.ModalRetries;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Qwen provider's design client on the wire: its request, its credentials, its errors and its limits. */
class QwenVoiceDesignerTest {
  private static final String DESCRIPTION = "A warm, low voice of an old sailor, gravelly and slow.";
  private static final String TEXT = "The sea was calm that night. The old ship creaked in the harbour.";
  private final MockWebServer server = new MockWebServer();
  private final ScriptedQwenService design = new ScriptedQwenService();
  private QwenModalProvider provider;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(design);
    server.start();
    provider = QwenModalProvider.builder()
        .baseUrl(server.url("/qwen").toString())
        .designUrl(server.url("/vd/").toString())
        .modalAuth("wk-key", "ws-secret")
        .retryConfig(ModalRetries.none())
        .build();
  }

  @AfterEach
  void stop() {
    provider.close();
    server.close();
  }

  private VoiceDesigner designer() {
    return provider.voiceDesigner().orElseThrow();
  }

  @Test
  void postsTheDesignRequestWithTheCredentialsAndAnIdempotencyKey() {
    design.on("/vd/health", ScriptedQwenService.json(200, ScriptedDesignService.DESIGN_HEALTH))
        .on("/vd/design", ScriptedQwenService.wav(ScriptedQwenService.tone(24_000, 96_000)));

    PcmAudio preview = designer().design(DesignRequest.builder(DESCRIPTION, TEXT)
        .language(Language.GERMAN).seed(7).build());

    assertEquals(24_000, preview.sampleRate());
    assertEquals(4.0, preview.durationSeconds(), 1e-9);
    RecordedRequest post = design.requests("/vd/design").get(0);
    assertEquals("POST", post.getMethod());
    assertEquals(Map.of("text", TEXT, "language", "German", "instruct", DESCRIPTION, "seed", 7.0),
        ScriptedDesignService.body(post));
    assertEquals("wk-key", post.getHeaders().get("Modal-Key"));
    assertEquals("ws-secret", post.getHeaders().get("Modal-Secret"));
    assertNotNull(post.getHeaders().get("Idempotency-Key"));
    assertTrue(design.requests("/qwen/health").isEmpty(), "designing needs nothing of the Qwen service");
  }

  @Test
  void withoutASeedTheFieldIsLeftOut() {
    design.on("/vd/health", ScriptedQwenService.json(200, ScriptedDesignService.DESIGN_HEALTH))
        .on("/vd/design", ScriptedQwenService.wav(ScriptedQwenService.tone(24_000, 96_000)));

    designer().design(DesignRequest.builder(DESCRIPTION, TEXT).build());

    assertEquals(Map.of("text", TEXT, "language", "English", "instruct", DESCRIPTION),
        ScriptedDesignService.body(design.requests("/vd/design").get(0)));
  }

  @Test
  void languagesComeFromTheDesignServicesHealthAndOthersAreRefusedBeforeAnyCall() {
    design.on("/vd/health", ScriptedQwenService.json(200, ScriptedDesignService.DESIGN_HEALTH));

    assertEquals(Set.of(Language.ENGLISH, Language.CHINESE, Language.GERMAN), designer().languages());
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> designer().design(DesignRequest.builder(DESCRIPTION, TEXT).language(Language.FRENCH).build()));
    assertEquals(Optional.of("unsupported_language"), e.code());
    assertTrue(design.requests("/vd/design").isEmpty());
  }

  @Test
  void aTextOverTheServicesLimitIsRefusedBeforeAnyCall() {
    design.on("/vd/health", ScriptedQwenService.json(200,
        ScriptedDesignService.DESIGN_HEALTH.replace("\"max_text_chars\":500", "\"max_text_chars\":40")));

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> designer().design(DesignRequest.builder(DESCRIPTION, TEXT).build()));
    assertEquals("Preview text is 65 characters; this design service accepts at most 40", e.getMessage());
    assertEquals(Optional.of("text_too_long"), e.code());
    assertTrue(design.requests("/vd/design").isEmpty());
  }

  @Test
  void theServicesErrorsArriveTyped() {
    design.on("/vd/health", ScriptedQwenService.json(200, ScriptedDesignService.DESIGN_HEALTH))
        .on("/vd/design", ScriptedQwenService.json(400,
            "{\"detail\":\"'instruct' exceeds maximum length of 500 characters\",\"code\":\"instruct_too_long\"}"))
        .on("/vd/design", ScriptedQwenService.json(500,
            "{\"detail\":\"Voice design failed: CUDA out of memory\",\"code\":\"generation_failed\"}"));
    DesignRequest request = DesignRequest.builder(DESCRIPTION, TEXT).build();

    InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> designer().design(request));
    assertEquals(Optional.of("instruct_too_long"), refused.code());
    assertTrue(refused.getMessage().contains("'instruct' exceeds maximum length of 500 characters"),
        refused.getMessage());
    GenerationFailedException failed = assertThrows(GenerationFailedException.class, () -> designer().design(request));
    assertTrue(failed.getMessage().contains("Voice design failed: CUDA out of memory"), failed.getMessage());
  }

  @Test
  void aPreviewAtAnotherRateThanTheHealthPromisedFails() {
    design.on("/vd/health", ScriptedQwenService.json(200, ScriptedDesignService.DESIGN_HEALTH))
        .on("/vd/design", ScriptedQwenService.wav(ScriptedQwenService.tone(16_000, 64_000)));

    GenerationFailedException e = assertThrows(GenerationFailedException.class,
        () -> designer().design(DesignRequest.builder(DESCRIPTION, TEXT).build()));
    assertTrue(e.getMessage().contains("16000 Hz"), e.getMessage());
  }

  @Test
  void whileTheHealthCannotBeReadTheDefaultsApplyAndItIsAskedAgain() {
    design.on("/vd/health", ScriptedQwenService.json(503, "{\"detail\":\"cold\"}"))
        .on("/vd/health", ScriptedQwenService.json(200, ScriptedDesignService.DESIGN_HEALTH));

    assertTrue(designer().languages().containsAll(Set.of(Language.values())));
    assertEquals(3, designer().languages().size());
    assertEquals(3, designer().languages().size());
    assertEquals(2, design.requests("/vd/health").size(), "asked until it answered, then kept");
  }

  @Test
  void withoutADesignUrlThereIsNoDesigner() {
    try (TtsProvider plain = QwenModalProvider.builder().baseUrl(server.url("/qwen").toString()).build()) {
      assertEquals(Optional.empty(), plain.voiceDesigner());
    }
  }

  @Test
  void theFactoryReadsTheDesignUrlSetting() {
    try (TtsProvider withDesign = TtsProviders.create("qwen-modal", ProviderSettings.of(Map.of(
            "UTTER_QWEN_URL", "http://127.0.0.1:8001", "UTTER_QWEN_DESIGN_URL", "http://127.0.0.1:8003/")));
         TtsProvider without = TtsProviders.create("qwen-modal", ProviderSettings.of(Map.of(
            "UTTER_QWEN_URL", "http://127.0.0.1:8001")))) {
      assertTrue(withDesign.voiceDesigner().isPresent());
      assertTrue(withDesign.voiceDesigner().get().toString().contains("http://127.0.0.1:8003/"),
          withDesign.voiceDesigner().get().toString());
      assertFalse(without.voiceDesigner().isPresent());
    }
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TtsProviders.create("qwen-modal",
        ProviderSettings.of(Map.of("UTTER_QWEN_URL", "http://127.0.0.1:8001", "UTTER_QWEN_DESIGN_URL", "not a url"))));
    assertTrue(e.getMessage().startsWith("UTTER_QWEN_DESIGN_URL is not an http(s) URL"), e.getMessage());
  }
}
