package dev.utter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.utter.GenerationRequest;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.Speech;
import dev.utter.Utter;
import dev.utter.UtterException;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TtsProvider} keeps, as JUnit 5 tests. Extend it in a provider's tests (it
 * ships in the {@code utter-core} test-jar) and say how to make the provider:
 *
 * <pre>{@code
 * class MyProviderContractTest extends TtsProviderContract {
 *   @Override protected TtsProvider createProvider() {
 *     return MyProvider.builder().baseUrl(server.url("/")).build();
 *   }
 *
 *   @Override protected TtsProvider createFailingProvider() {
 *     return MyProvider.builder().baseUrl(deadServer.url("/")).build(); // every call fails
 *   }
 *
 *   @Override protected Class<? extends UtterException> expectedFailure() {
 *     return ProviderUnavailableException.class;
 *   }
 * }
 * }</pre>
 *
 * <p>The tests check that the provider speaks valid audio at its advertised sample rate, longer for
 * longer text; that the {@link Utter} client rejects blank text, an unsupported language and a voice
 * missing a required transcript before any call reaches it; that a batch (when the provider takes
 * them) gives one audio per request; that it serves 8 threads at once; that
 * {@code close()} is idempotent; and that its failures are typed {@link UtterException}s. Each test gets a
 * fresh provider from {@link #createProvider()} and closes it.
 */
public abstract class TtsProviderContract {
  /** Texts of the same speaking style and growing length. */
  private static final String SHORT_TEXT = "Hello there.";
  private static final String LONG_TEXT = "Hello there. This sentence is much longer than the first one,"
      + " so the speech made from it must last longer too.";
  private static final int THREADS = 8;

  private TtsProvider provider;

  /** A new provider that works; each test closes the one it gets. */
  protected abstract TtsProvider createProvider();

  /** A new provider whose every call fails, the way this provider fails (a dead backend, say). */
  protected abstract TtsProvider createFailingProvider();

  /** The voice the tests speak in: {@link TestAudio#voice(String)} with {@link TestAudio#TRANSCRIPT}. */
  protected Voice voice() {
    return TestAudio.voice(TestAudio.TRANSCRIPT);
  }

  /** The exception type the failing provider's calls throw; any {@link UtterException} by default. */
  protected Class<? extends UtterException> expectedFailure() {
    return UtterException.class;
  }

  @BeforeEach
  void openProvider() {
    provider = createProvider();
  }

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  @Test
  void speaksValidWavAtTheAdvertisedSampleRate() {
    int sampleRate = provider.capabilities().sampleRate();
    Speech speech = generate(provider, SHORT_TEXT);

    byte[] wav = speech.toWavBytes();
    assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
    assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
    PcmAudio parsed = Wav.read(wav);
    assertEquals(sampleRate, parsed.sampleRate());
    assertEquals(speech.audio(), parsed);
    assertTrue(parsed.length() > 0, "no samples");
    assertTrue(Arrays.stream(toInts(parsed)).anyMatch(s -> Math.abs(s) > 100), "only silence");
  }

  @Test
  void longerTextSpeaksLonger() {
    Speech shorter = generate(provider, SHORT_TEXT);
    Speech longer = generate(provider, LONG_TEXT);

    assertTrue(longer.duration().compareTo(shorter.duration()) > 0,
        "short " + shorter.duration() + ", long " + longer.duration());
  }

  @Test
  void blankTextIsRejectedBeforeAnyCall() {
    CountingProvider counting = new CountingProvider(provider);
    try (Utter utter = Utter.builder().provider(counting).build()) {
      assertThrows(InvalidRequestException.class,
          () -> utter.generate(GenerationRequest.builder(voice(), " \n\t ").build()));
    }
    assertEquals(0, counting.calls.get());
  }

  @Test
  void unsupportedLanguageIsRejectedBeforeAnyCall() {
    Optional<Language> unsupported = Arrays.stream(Language.values())
        .filter(language -> !provider.capabilities().supports(language))
        .findFirst();
    assumeTrue(unsupported.isPresent(), "the provider supports every language");
    CountingProvider counting = new CountingProvider(provider);
    try (Utter utter = Utter.builder().provider(counting).build()) {
      GenerationRequest request = GenerationRequest.builder(voice(), SHORT_TEXT)
          .language(unsupported.get())
          .build();
      InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> utter.generate(request));
      assertTrue(e.getMessage().startsWith("Unsupported language: " + unsupported.get().wireName()),
          e.getMessage());
    }
    assertEquals(0, counting.calls.get());
  }

  @Test
  void missingRequiredTranscriptIsRejectedBeforeAnyCall() {
    assumeTrue(provider.capabilities().requiresTranscript(), "the provider needs no transcript");
    Voice withoutTranscript = voice().toBuilder().transcript(null).build();
    CountingProvider counting = new CountingProvider(provider);
    try (Utter utter = Utter.builder().provider(counting).build()) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> utter.generate(GenerationRequest.builder(withoutTranscript, SHORT_TEXT).build()));
      assertEquals(Optional.of("missing_transcript"), e.code());
    }
    assertEquals(0, counting.calls.get());
  }

  @Test
  void servesConcurrentCalls() throws Exception {
    Voice voice = voice();
    Language language = supportedLanguage(provider.capabilities(), voice);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<PcmAudio>> results = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        SynthesisRequest request = new SynthesisRequest(
            voice, "Call number " + (i + 1) + " speaks now.", language, OptionalLong.empty(), null, i);
        results.add(pool.submit(() -> {
          start.await();
          return provider.synthesize(request);
        }));
      }
      start.countDown();
      for (Future<PcmAudio> result : results) {
        PcmAudio audio = result.get(2, TimeUnit.MINUTES);
        assertEquals(provider.capabilities().sampleRate(), audio.sampleRate());
        assertTrue(audio.length() > 0, "no samples");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void batchGivesOneAudioPerRequestInRequestOrder() {
    ProviderCapabilities capabilities = provider.capabilities();
    assumeTrue(capabilities.supportsBatch(), "the provider speaks one chunk a call");
    Voice voice = voice();
    Language language = supportedLanguage(capabilities, voice);
    List<String> texts = List.of("Short one.", LONG_TEXT, "Third.");
    List<SynthesisRequest> requests = new ArrayList<>();
    for (int i = 0; i < Math.min(texts.size(), capabilities.maxBatchSize()); i++) {
      requests.add(new SynthesisRequest(voice, texts.get(i), language, OptionalLong.empty(), null, i));
    }

    List<PcmAudio> audio = provider.synthesizeBatch(requests);

    assertEquals(requests.size(), audio.size());
    for (PcmAudio one : audio) {
      assertEquals(capabilities.sampleRate(), one.sampleRate());
    }
    // The long text sits second: its audio must be the longest there.
    for (int i = 0; i < audio.size(); i++) {
      if (i != 1) {
        assertTrue(audio.get(1).length() > audio.get(i).length(), "audio out of request order");
      }
    }
  }

  @Test
  void closeIsIdempotent() {
    TtsProvider another = createProvider();
    another.close();
    another.close();
  }

  @Test
  void failuresAreTypedUtterExceptions() {
    try (TtsProvider failing = createFailingProvider()) {
      Voice voice = voice();
      SynthesisRequest request = SynthesisRequest.of(voice, SHORT_TEXT,
          supportedLanguage(failing.capabilities(), voice));
      assertThrows(expectedFailure(), () -> failing.synthesize(request));

      try (Utter utter = Utter.builder().provider(failing).build()) {
        UtterException e = assertThrows(UtterException.class,
            () -> utter.generate(GenerationRequest.builder(voice, SHORT_TEXT).build()));
        assertInstanceOf(expectedFailure(), e);
      }
    }
  }

  private Speech generate(TtsProvider target, String text) {
    try (Utter utter = Utter.builder().provider(target).build()) {
      return utter.generate(GenerationRequest.builder(voice(), text).build());
    }
  }

  private static Language supportedLanguage(ProviderCapabilities capabilities, Voice voice) {
    if (capabilities.supports(voice.language())) {
      return voice.language();
    }
    return capabilities.languages().stream().sorted().findFirst().orElseThrow();
  }

  private static int[] toInts(PcmAudio audio) {
    int[] out = new int[audio.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = audio.sampleAt(i);
    }
    return out;
  }

  /** Passes everything to a provider and counts the synthesis calls that reach it. */
  private static final class CountingProvider extends ForwardingTtsProvider {
    final AtomicInteger calls = new AtomicInteger();

    CountingProvider(TtsProvider delegate) {
      super(delegate);
    }

    @Override
    public PcmAudio synthesize(SynthesisRequest request) {
      calls.incrementAndGet();
      return super.synthesize(request);
    }

    @Override
    public List<PcmAudio> synthesizeBatch(List<SynthesisRequest> requests) {
      calls.incrementAndGet();
      return delegate().synthesizeBatch(requests);
    }
  }
}
