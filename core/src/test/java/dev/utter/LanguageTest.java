package dev.utter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageTest {
  @Test
  void fromWireNameIgnoresCaseAndSpace() {
    assertEquals(Language.ENGLISH, Language.fromWireName("English"));
    assertEquals(Language.ENGLISH, Language.fromWireName(" english "));
    assertEquals(Language.AUTO, Language.fromWireName("AUTO"));
  }

  @Test
  void everyLanguageRoundTripsThroughItsWireName() {
    for (Language language : Language.values()) {
      assertEquals(language, Language.fromWireName(language.wireName()));
    }
  }

  @Test
  void unknownNameListsTheSupportedLanguages() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Language.fromWireName("Klingon"));
    assertEquals("Unsupported language: Klingon. Supported: Auto, Chinese, English, Japanese, Korean, German,"
        + " French, Russian, Portuguese, Spanish, Italian", e.getMessage());
    assertEquals(Optional.of("unsupported_language"), e.code());
  }

  @Test
  void nullNameIsUnsupported() {
    assertThrows(InvalidRequestException.class, () -> Language.fromWireName(null));
  }
}
