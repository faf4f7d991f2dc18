package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ReferenceAudio;
import dev.utter.Voice;
import dev.utter.audio.AudioProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Design a voice" example is {@link DesignThenGenerate} word for word, and it runs as a
 * user would run it: in its own JVM, writing the preview and the story next to it.
 */
class ReadmeDesignExampleTest {
  @TempDir Path dir;

  @Test
  void theReadmeExampleIsTheTestedProgram() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Design a voice"));
    int start = section.indexOf("```java\n") + 8;
    String block = section.substring(start, section.indexOf("\n```", start));

    String program = Files.readString(
        Path.of("src", "test", "java", "dev", "utter", "provider", "mock", "DesignThenGenerate.java"));
    String region = program.substring(program.indexOf("// README: from here\n") + 21,
        program.indexOf("    // README: to here"));
    String dedented = region.lines().map(line -> line.startsWith("    ") ? line.substring(4) : line)
        .collect(Collectors.joining("\n"));

    assertEquals(dedented.strip(), block.strip());
  }

  @Test
  void theExampleDesignsAVoiceKeepsItsPreviewAndSpeaksInIt() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DesignThenGenerate.class.getName())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the example did not end");
    assertEquals(0, process.exitValue(), out);

    byte[] preview = Files.readAllBytes(dir.resolve("sailor.wav"));
    Voice reloaded = Voice.builder().name("Sailor").reference(ReferenceAudio.ofDesignedPreview(preview))
        .transcript("The sea was calm that night, and the old ship creaked in the harbour.").build();
    assertTrue(reloaded.reference().info().durationSeconds() >= 3, reloaded.toString());
    assertTrue(AudioProbe.probe(dir.resolve("story.wav")).durationSeconds() > 1, "story.wav too short");
  }
}
