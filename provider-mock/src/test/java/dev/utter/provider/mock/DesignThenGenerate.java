package dev.utter.provider.mock;

import dev.utter.DesignRequest;
import dev.utter.DesignedVoice;
import dev.utter.GenerationRequest;
import dev.utter.Utter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The README's design-then-generate example, between the markers; {@link ReadmeDesignExampleTest} runs it. */
public class DesignThenGenerate {
  public static void main(String[] args) throws Exception {
    // README: from here
    try (Utter utter = Utter.builder().provider("mock").build()) {
      DesignedVoice sailor = utter.design(DesignRequest.builder(
              "An old sailor, gravelly and slow, with a warm laugh.",                 // the voice
              "The sea was calm that night, and the old ship creaked in the harbour.") // its preview
          .voiceName("Sailor")
          .build());
      Files.write(Path.of("sailor.wav"), sailor.previewWav()); // ReferenceAudio.ofDesignedPreview reloads it
      GenerationRequest story = GenerationRequest.builder(sailor.voice(), "Any text, up to 5000 characters.").build();
      utter.generateToFile(story, Path.of("story.wav"));
    }
    // README: to here
  }
}
