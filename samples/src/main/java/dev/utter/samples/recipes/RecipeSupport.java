package dev.utter.samples.recipes;

import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.spi.ProviderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the recipes share: the client from the environment and a voice from a reference file. */
final class RecipeSupport {
  static final String DEFAULT_TRANSCRIPT = "Hello, this is my voice sample for testing.";

  private RecipeSupport() {}

  /** A client for {@code UTTER_PROVIDER} (default {@code mock}), configured from the environment. */
  static Utter client() {
    String provider = System.getenv("UTTER_PROVIDER");
    return Utter.builder()
        .provider(provider == null || provider.isBlank() ? "mock" : provider.strip(), ProviderSettings.fromEnv())
        .build();
  }

  /**
   * A voice from the WAV/MP3/M4A file {@code reference} and its transcript; with no file, a 12-second
   * tone made here, so that the recipe runs anywhere on the mock provider.
   */
  static Voice voice(String reference, String transcript) throws IOException {
    Path file = reference != null ? Path.of(reference) : tone();
    return Voice.builder()
        .id("recipe-voice")
        .name("Recipe voice")
        .reference(file)
        .transcript(transcript != null ? transcript : DEFAULT_TRANSCRIPT)
        .build();
  }

  private static Path tone() throws IOException {
    int rate = 16_000;
    short[] samples = new short[12 * rate];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (6000 * Math.sin(2 * Math.PI * 140 * i / rate));
    }
    Path file = Files.createTempFile("utter-reference-", ".wav");
    file.toFile().deleteOnExit();
    return Files.write(file, Wav.write(PcmAudio.of(rate, samples)));
  }

  static String arg(String[] args, int index) {
    return args.length > index ? args[index] : null;
  }
}
