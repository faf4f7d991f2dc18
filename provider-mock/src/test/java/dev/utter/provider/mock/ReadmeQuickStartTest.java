package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's quick start is {@link QuickStart}, which {@link QuickStartTest} runs: they must not drift. */
class ReadmeQuickStartTest {
  private static final String MARKER = "word for word. QuickStartTest runs it.\n";

  @Test
  void readmeQuickStartIsTheTestedProgram() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Quick start"));
    String block = section.substring(section.indexOf("```java\n") + 8, section.indexOf("\n```", section.indexOf("```java\n")));

    String program = Files.readString(
        Path.of("src", "test", "java", "dev", "utter", "provider", "mock", "QuickStart.java"));
    String body = program.substring(program.indexOf(MARKER) + MARKER.length()).strip();

    assertEquals(body, block.strip());
  }
}
