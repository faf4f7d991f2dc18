package dev.utter.samples.recipes;

import dev.utter.GenerationRequest;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.Voice;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a long text to a WAV file chunk by chunk, printing progress: memory stays bounded however
 * long the text.
 *
 * <pre>
 * java -cp utter-server.jar dev.utter.samples.recipes.StreamLongText [reference.wav] [transcript] [out.wav]
 * </pre>
 */
public final class StreamLongText {
  private StreamLongText() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 2 ? args[2] : "long.wav");
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      text.append("This is sentence number ").append(i)
          .append(" of a long text, spoken one chunk after another. ");
    }
    try (Utter utter = RecipeSupport.client()) {
      Voice voice = RecipeSupport.voice(RecipeSupport.arg(args, 0), RecipeSupport.arg(args, 1));
      GenerationRequest request = GenerationRequest.builder(voice, text.toString())
          .onProgress(p -> System.out.printf("chunk %d/%d, %.1f s of audio, %d ms%n",
              p.chunksDone(), p.chunksTotal(), p.audioSeconds(), p.elapsed().toMillis()))
          .build();
      try (SpeechStream stream = utter.stream(request); OutputStream file = Files.newOutputStream(out)) {
        stream.writeWavTo(file);
      }
      System.out.println("Wrote " + out);
    }
  }
}
