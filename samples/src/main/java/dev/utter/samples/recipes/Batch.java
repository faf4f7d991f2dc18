package dev.utter.samples.recipes;

import dev.utter.GenerationRequest;
import dev.utter.Speech;
import dev.utter.Utter;
import dev.utter.Voice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Speaks several texts at once with one shared client, one {@code generateAsync} future per text, and
 * writes {@code batch-1.wav}, {@code batch-2.wav}, ... into a folder.
 *
 * <pre>
 * java -cp utter-server.jar dev.utter.samples.recipes.Batch [reference.wav] [transcript] [out-dir]
 * </pre>
 */
public final class Batch {
  private Batch() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "batch"));
    List<String> texts = List.of(
        "Welcome to the show.",
        "Today we talk about voices, and how a few seconds of speech can become many.",
        "Thanks for listening, and see you next time.");
    try (Utter utter = RecipeSupport.client()) {
      Voice voice = RecipeSupport.voice(RecipeSupport.arg(args, 0), RecipeSupport.arg(args, 1));
      List<CompletableFuture<Speech>> futures = new ArrayList<>();
      for (String text : texts) {
        futures.add(utter.generateAsync(GenerationRequest.builder(voice, text).build()));
      }
      for (int i = 0; i < futures.size(); i++) {
        Speech speech = futures.get(i).join();
        Path file = dir.resolve("batch-" + (i + 1) + ".wav");
        speech.writeTo(file);
        System.out.printf("Wrote %s: %.2f s%n", file, speech.duration().toMillis() / 1000.0);
      }
    }
  }
}
