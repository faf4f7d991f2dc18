package dev.utter.provider.mock;
// The README quick start: everything below this line, word for word. QuickStartTest runs it.

import dev.utter.GenerationRequest;
import dev.utter.Speech;
import dev.utter.Utter;
import dev.utter.Voice;
import java.nio.file.Path;

public class QuickStart {
  public static void main(String[] args) {
    Voice voice = Voice.builder()
        .name("Ada")
        .reference(Path.of("ada.wav")) // 10 to 300 s of the voice: WAV, MP3 or M4A
        .transcript("Hello, this is my voice sample for testing.") // what ada.wav says
        .build();

    try (Utter utter = Utter.builder().provider("mock").build()) {
      Speech speech = utter.generate(GenerationRequest.builder(voice, "Hello from utter!").build());
      speech.writeTo(Path.of("hello.wav"));
      System.out.println("Wrote hello.wav: " + speech.duration());
    }
  }
}
