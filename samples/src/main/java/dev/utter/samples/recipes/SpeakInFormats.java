package dev.utter.samples.recipes;

import dev.utter.GenerationRequest;
import dev.utter.OutputFormat;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.Voice;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The same text for a web page and for a phone line: an MP3 streamed as it is spoken (what a browser's
 * {@code <audio>} plays), and raw 8 kHz μ-law (what Twilio media streams and most PBXs take).
 *
 * <pre>
 * java -cp utter-server.jar dev.utter.samples.recipes.SpeakInFormats [reference.wav] [transcript] [out-dir]
 * </pre>
 */
public final class SpeakInFormats {
  private SpeakInFormats() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "."));
    String text = "Thank you for calling. Your order has shipped and will arrive on Tuesday.";
    try (Utter utter = RecipeSupport.client()) {
      Voice voice = RecipeSupport.voice(RecipeSupport.arg(args, 0), RecipeSupport.arg(args, 1));

      // For the web: MP3, each chunk's frames sent as soon as it is spoken.
      GenerationRequest web = GenerationRequest.builder(voice, text).outputFormat("mp3_44100_128").build();
      try (SpeechStream stream = utter.stream(web); OutputStream out = Files.newOutputStream(dir.resolve("web.mp3"))) {
        stream.writeTo(out);
      }

      // For telephony: 8 kHz μ-law, one byte a sample.
      GenerationRequest phone = GenerationRequest.builder(voice, text).outputFormat(OutputFormat.ULAW_8000).build();
      Files.write(dir.resolve("phone.ulaw"), utter.generate(phone).toBytes());
      System.out.println("Wrote " + dir.resolve("web.mp3") + " and " + dir.resolve("phone.ulaw"));
    }
  }
}
