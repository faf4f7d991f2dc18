package dev.utter.provider.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.provider.echo.internal.EchoText;
import dev.utter.provider.echo.internal.GenerateRequest;
import dev.utter.spi.SynthesisRequest;
import dev.utter.testing.ModalDeployService;
import dev.utter.testing.TestAudio;
import dev.utter.transport.internal.ModalTransport;
import dev.utter.transport.ModalRetries;
import java.util.List;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The provider against the real modal-deploy Echo service (fake engine) on loopback. */
class EchoModalProviderLocalServiceTest {
  private static ModalDeployService service;
  private final Voice voice = TestAudio.voice(null);
  private EchoModalProvider provider;
  private int logged;

  @BeforeAll
  static void startService() {
    service = ModalDeployService.builder("echo").start();
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  @BeforeEach
  void setUp() {
    provider = EchoModalProvider.builder().baseUrl(service.baseUrl()).retryConfig(ModalRetries.none()).build();
    logged = service.accessLog().size();
  }

  @AfterEach
  void tearDown() {
    provider.close();
  }

  /** What the service logged since this test began. */
  private List<ModalDeployService.Request> requests() {
    List<ModalDeployService.Request> all = service.accessLog();
    return all.subList(logged, all.size());
  }

  @Test
  void registersTheVoiceOnceThenSendsOnlyItsId() {
    provider.synthesize(SynthesisRequest.of(voice, "Hello there.", Language.ENGLISH));
    provider.synthesize(SynthesisRequest.of(voice, "Hello again.", Language.AUTO));

    List<ModalDeployService.Request> requests = requests();
    // /health once, before the first POST: does the service honour idempotency keys?
    assertEquals("/health", requests.get(0).path());
    requests = requests.subList(1, requests.size());
    assertEquals(List.of("/voices", "/generate", "/generate"), requests.stream().map(r -> r.path()).toList());
    assertTrue(requests.stream().allMatch(r -> r.status() == 200), requests.toString());
    assertTrue(requests.get(0).hasReferenceAudio());
    assertFalse(requests.get(1).hasReferenceAudio());
    assertFalse(requests.get(2).hasReferenceAudio());
  }

  @Test
  void theServiceAcceptsEverySamplerSettingAndTheSeed() {
    EchoSamplerOptions options = EchoSamplerOptions.builder().numSteps(8).cfgScaleText(2).cfgScaleSpeaker(5)
        .guidanceWindow(0.3, 0.9).truncationFactor(0.9).rescale(1.2, 3).speakerKvScale(1.5, 0.9)
        .speakerKvMaxLayers(12).sequenceLength(320).build();

    PcmAudio first = provider.synthesize(
        new SynthesisRequest(voice, "Seeded speech.", Language.ENGLISH, OptionalLong.of(42), options, 0));
    PcmAudio second = provider.synthesize(
        new SynthesisRequest(voice, "Seeded speech.", Language.ENGLISH, OptionalLong.of(42), options, 0));

    assertEquals(44_100, first.sampleRate());
    assertEquals(first, second);
  }

  @Test
  void rejectsFrenchBeforeAnyRequest() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> provider.synthesize(SynthesisRequest.of(voice, "Bonjour tout le monde.", Language.FRENCH)));

    assertEquals("unsupported_language", e.code().orElseThrow());
    assertEquals(List.of(), requests());
  }

  /**
   * Text of exactly 767 bytes after normalization is accepted by the service, and one byte more is
   * refused by the provider before any request, and by the service with the same message: the
   * provider's measure is the service's.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "plain words ",
      "café crème, naïve façade; déjà vu: ",
      "😀 emoji 🎉 ",
      "日本語の文章。",
      "“Well…” — she said: ’yes’; ",
      "tabs\tand\n\nnew lines  ",
  })
  void measuresBytesAsTheServiceDoes(String unit) {
    String fits = padTo(unit, EchoText.MAX_TEXT_BYTES);
    String over = fits + "a";

    provider.synthesize(SynthesisRequest.of(voice, fits, Language.ENGLISH));
    InvalidRequestException local = assertThrows(InvalidRequestException.class,
        () -> provider.synthesize(SynthesisRequest.of(voice, over, Language.ENGLISH)));
    int before = service.accessLog().size();
    InvalidRequestException remote;
    try (ModalTransport raw = ModalTransport.builder().retryConfig(ModalRetries.none()).build()) {
      remote = assertThrows(InvalidRequestException.class, () -> raw.postJson(
          HttpUrl.get(service.baseUrl() + "/generate"),
          new GenerateRequest(over, null, null, null, EchoModalProvider.sampler(EchoSamplerOptions.defaults())),
          over.length(), false));
    }

    assertEquals("text_too_long", local.code().orElseThrow());
    assertEquals("text_too_long", remote.code().orElseThrow());
    assertEquals(local.getMessage(), remote.serverMessage().orElseThrow());
    assertEquals(before + 1, service.accessLog().size()); // only the raw request reached the service
  }

  /** {@code unit} repeated, then padded with "a", to exactly {@code bytes} bytes after normalization. */
  private static String padTo(String unit, int bytes) {
    StringBuilder text = new StringBuilder();
    while (EchoText.normalizedBytes(text + unit) <= bytes) {
      text.append(unit);
    }
    text = new StringBuilder(text.toString().strip()); // so that each "a" adds exactly one byte
    while (EchoText.normalizedBytes(text + "a") <= bytes) {
      text.append('a');
    }
    assertEquals(bytes, EchoText.normalizedBytes(text.toString()), text::toString);
    return text.toString();
  }
}
