package dev.utter.provider.qwen;

import dev.utter.DesignRequest;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.UtterException;
import dev.utter.UtterException.Details;
import dev.utter.audio.PcmAudio;
import dev.utter.provider.qwen.internal.DesignHealthResponse;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.VoiceDesigner;
import dev.utter.transport.internal.ModalResponse;
import dev.utter.transport.internal.ModalTransport;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Qwen3-TTS VoiceDesign over HTTP: {@code POST /design} of a modal-deploy VoiceDesign service
 * ({@code UTTER_QWEN_DESIGN_URL}), through the provider's transport (same credentials, retries and
 * budgets). The languages, the sample rate, the limits and whether a repeated {@code POST} is safe are
 * read from the service's {@code /health} on first use and kept; while it cannot be read, the
 * service's documented defaults apply (the 11 Qwen3-TTS languages, 24 kHz, 500 characters of text and
 * of description, no repeats of a {@code POST} that may have arrived) and it is asked again next time.
 * Thread-safe; it belongs to its {@link QwenModalProvider}, which closes the transport.
 */
final class QwenVoiceDesigner implements VoiceDesigner {
  private static final Logger log = LoggerFactory.getLogger(QwenVoiceDesigner.class);
  private static final int DEFAULT_SAMPLE_RATE = 24_000;
  private static final int DEFAULT_MAX_CHARS = 500;

  /** What the designer learnt from {@code /health}. */
  private record Service(Set<Language> languages, int sampleRate, int maxTextChars, int maxInstructChars,
      boolean honoursIdempotencyKeys) {}

  private static final Service DEFAULTS = new Service(EnumSet.allOf(Language.class), DEFAULT_SAMPLE_RATE,
      DEFAULT_MAX_CHARS, DEFAULT_MAX_CHARS, false);

  private final QwenEndpoints.Design endpoints;
  private final ModalTransport transport;
  private volatile Service service;

  QwenVoiceDesigner(QwenEndpoints.Design endpoints, ModalTransport transport) {
    this.endpoints = endpoints;
    this.transport = transport;
  }

  @Override
  public Set<Language> languages() {
    return service().languages();
  }

  /**
   * @throws InvalidRequestException when the language is not one the service lists or a text is over
   *     the service's limits; nothing was sent.
   * @throws UtterException typed by the transport for the service's errors (a 400 with the original
   *     app's wording, 500 {@code Voice design failed: ...}).
   */
  @Override
  public PcmAudio design(DesignRequest request) {
    Objects.requireNonNull(request, "request == null");
    Service s = service();
    ProviderCapabilities.requireSupported(request.language(), s.languages());
    int textChars = atMost(request.text(), s.maxTextChars(), "Preview text", "text_too_long");
    atMost(request.description(), s.maxInstructChars(), "Voice description", "instruct_too_long");
    Long seed = request.seed().isPresent() ? request.seed().getAsLong() : null;
    dev.utter.provider.qwen.internal.DesignRequest body = new dev.utter.provider.qwen.internal.DesignRequest(
        request.text(), request.language().wireName(), request.description(), seed);
    ModalResponse response = transport.postJson(endpoints.designUrl(), body, textChars, s.honoursIdempotencyKeys());
    return QwenModalProvider.checkRate(response, response.wav(), s.sampleRate());
  }

  private Service service() {
    Service s = service;
    if (s != null) {
      return s;
    }
    DesignHealthResponse health;
    try {
      health = transport.get(endpoints.healthUrl()).json(DesignHealthResponse.class);
    } catch (UtterException e) {
      log.warn("Cannot read the limits of the design service {} ({}); assuming its defaults until it answers",
          endpoints, e.getMessage());
      return DEFAULTS;
    }
    s = new Service(QwenModalProvider.languagesOf(health.supportedLanguages()),
        QwenModalProvider.positiveOr(health.sampleRate(), DEFAULT_SAMPLE_RATE),
        QwenModalProvider.positiveOr(health.limits().maxTextChars(), DEFAULT_MAX_CHARS),
        QwenModalProvider.positiveOr(health.limits().maxInstructChars(), DEFAULT_MAX_CHARS),
        health.honoursIdempotencyKeys());
    service = s;
    return s;
  }

  private static int atMost(String text, int max, String label, String code) {
    int chars = text.codePointCount(0, text.length());
    if (chars > max) {
      throw new InvalidRequestException(label + " is " + chars + " characters; this design service accepts at most "
          + max, Details.ofCode(code), null);
    }
    return chars;
  }

  @Override
  public String toString() {
    return "QwenVoiceDesigner{" + endpoints + '}';
  }
}
