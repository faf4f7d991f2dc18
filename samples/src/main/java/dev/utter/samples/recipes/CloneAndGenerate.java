package dev.utter.samples.recipes;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.SpeechFile;
import dev.utter.Utter;
import dev.utter.Voice;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Clones a voice from a reference recording and writes speech in it to a WAV file.
 *
 * <pre>
 * java -cp utter-server.jar dev.utter.samples.recipes.CloneAndGenerate [reference.wav] [transcript] [out.wav]
 * </pre>
 */
public final class CloneAndGenerate {
  private CloneAndGenerate() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 2 ? args[2] : "hello.wav");
    try (Utter utter = RecipeSupport.client()) {
      Voice voice = RecipeSupport.voice(RecipeSupport.arg(args, 0), RecipeSupport.arg(args, 1));
      GenerationRequest request = GenerationRequest.builder(voice,
              "Hello! This voice was cloned from a short recording, and now it can say anything.")
          .language(Language.ENGLISH)
          .build();
      SpeechFile speech = utter.generateToFile(request, out);
      System.out.printf("Wrote %s: %.2f s of audio at %d Hz from %s in %d ms%n", speech.path(),
          speech.duration().toMillis() / 1000.0, speech.sampleRate(), speech.providerId(),
          speech.elapsed().toMillis());
    }
  }
}
