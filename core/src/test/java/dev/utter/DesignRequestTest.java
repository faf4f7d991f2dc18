package dev.utter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DesignRequestTest {
  private static final String DESCRIPTION = "An old sailor, gravelly and slow.";
  private static final String TEXT = "The sea was calm that night, and the old ship creaked in the harbour.";

  @Test
  void defaultsAndTrimming() {
    DesignRequest request = DesignRequest.builder("  " + DESCRIPTION + "\n", "\t" + TEXT + " ").build();

    assertEquals(DESCRIPTION, request.description());
    assertEquals(TEXT, request.text());
    assertEquals(Language.ENGLISH, request.language());
    assertEquals(OptionalLong.empty(), request.seed());
    assertEquals(DesignRequest.DEFAULT_VOICE_NAME, request.voiceName());
  }

  @Test
  void optionalParts() {
    DesignRequest request = DesignRequest.builder(DESCRIPTION, TEXT)
        .language(Language.GERMAN).seed(42).voiceName(" Sailor ").build();

    assertEquals(Language.GERMAN, request.language());
    assertEquals(OptionalLong.of(42), request.seed());
    assertEquals("Sailor", request.voiceName());
  }

  @Test
  void previewTextRules() {
    assertInvalid("Preview text is required", "invalid_text", DESCRIPTION, null);
    assertInvalid("Preview text is required", "invalid_text", DESCRIPTION, " \n ");
    assertInvalid("Preview text must be 500 characters or less", "text_too_long", DESCRIPTION, "a".repeat(501));
    assertInvalid("Preview text must be at least 10 characters: it becomes the designed voice's transcript",
        "text_too_short", DESCRIPTION, "Too short");
    // Code points, not UTF-16 units: 500 emoji (1000 chars in Java) are allowed.
    assertEquals(500, DesignRequest.builder(DESCRIPTION, "\uD83D\uDE00".repeat(500)).build()
        .text().codePointCount(0, 1000));
  }

  @Test
  void descriptionRules() {
    assertInvalid("Voice description is required", "invalid_description", null, TEXT);
    assertInvalid("Voice description is required", "invalid_description", "   ", TEXT);
    assertInvalid("Voice description must be 500 characters or less", "description_too_long",
        "b".repeat(501), TEXT);
    assertEquals(500, DesignRequest.builder("b".repeat(500), TEXT).build().description().length());
  }

  @Test
  void descriptionAndPreviewTextFollowTheSdkTextRules() {
    assertInvalid("Preview text contains a lone surrogate: it is not valid Unicode text", "invalid_text",
        DESCRIPTION, TEXT + "\uD83D");
    assertInvalid("Preview text must not contain control characters other than tabs and line breaks",
        "invalid_text", DESCRIPTION, TEXT + "\u0000");
    assertInvalid("Voice description contains a lone surrogate: it is not valid Unicode text",
        "invalid_description", "\uDE00" + DESCRIPTION, TEXT);
    assertInvalid("Voice description must not contain control characters other than tabs and line breaks",
        "invalid_description", DESCRIPTION + "\u001B[31m", TEXT);
    assertInvalid("Voice description must contain visible characters, not only spaces or zero-width and "
        + "formatting characters", "invalid_description", "\u200B\u200D", TEXT);
    assertEquals("Line one.\nLine two, a longer one.", DesignRequest.builder(DESCRIPTION,
        "Line one.\nLine two, a longer one.").build().text());
  }

  @Test
  void textIsCheckedBeforeTheDescriptionAsTheOriginalApp() {
    assertInvalid("Preview text is required", "invalid_text", null, null);
  }

  @Test
  void voiceNameRules() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> DesignRequest.builder(DESCRIPTION, TEXT).voiceName(" ").build());
    assertEquals("Name must be 1-100 characters", e.getMessage());
  }

  private static void assertInvalid(String message, String code, String description, String text) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> DesignRequest.builder(description, text).build());
    assertEquals(message, e.getMessage());
    assertEquals(Optional.of(code), e.code());
  }
}
