package dev.utter.provider.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.Speech;
import dev.utter.Utter;
import dev.utter.audio.AudioFormat;
import dev.utter.audio.AudioInfo;
import dev.utter.audio.AudioProbe;
import dev.utter.testing.ModalDeployService;
import dev.utter.testing.TestAudio;
import dev.utter.transport.ModalRetries;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 5000-character English text through the {@link Utter} client and the real modal-deploy Echo
 * service (fake engine): every chunk is accepted and the result is one 44.1 kHz WAV.
 */
class EchoLongTextTest {
  /** Sentences with what Echo normalizes (colons, semicolons, em dashes) and a few accented words. */
  private static final String[] SENTENCES = {
      "The harbour was quiet that morning: only the gulls and the slow creak of the moorings could be heard.",
      "Mara had promised herself she would finish the letter before noon; she had not written a word.",
      "Her grandfather — a patient man who repaired clocks — used to say that every delay has its reason.",
      "She ordered a café au lait, opened the notebook, and watched the ferry leave for the island.",
      "There were three things to explain, and each one seemed harder than the last.",
      "Why had she left the city, why had she stayed away so long, and why was she coming back now?",
      "The waiter, a cheerful fellow named José, asked whether she wanted anything else.",
      "She shook her head, smiled, and finally began to write in small, careful letters.",
  };

  static String englishText(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < length; i++) {
      text.append(SENTENCES[i % SENTENCES.length]).append(' ');
    }
    String cut = text.substring(0, length);
    return cut.substring(0, cut.length() - 1) + ".";
  }

  @Test
  void fiveThousandCharactersBecomeOneWavAndEveryChunkIsAccepted() {
    String text = englishText(5000);
    assertEquals(5000, text.length());
    try (ModalDeployService service = ModalDeployService.builder("echo").start();
        EchoModalProvider provider = EchoModalProvider.builder().baseUrl(service.baseUrl())
            .retryConfig(ModalRetries.none()).build();
        Utter utter = Utter.builder().provider(provider).build()) {

      Speech speech = utter.generate(GenerationRequest.builder(TestAudio.voice(null), text)
          .language(Language.ENGLISH).build());

      List<ModalDeployService.Request> generates = service.accessLog().stream()
          .filter(r -> r.path().equals("/generate")).toList();
      assertEquals(speech.chunks().size(), generates.size(), service.accessLog().toString());
      assertTrue(generates.size() >= 5000 / 762, "chunks: " + generates.size());
      assertTrue(generates.stream().allMatch(r -> r.status() == 200), generates.toString());
      assertEquals(44_100, speech.sampleRate());
      AudioInfo wav = AudioProbe.probe(speech.toWavBytes());
      assertEquals(AudioFormat.WAV, wav.format());
      assertEquals(44_100, wav.sampleRate());
      assertTrue(wav.durationSeconds() > 5000 / 14.0 * 0.8, "duration " + wav.durationSeconds());
    }
  }
}
