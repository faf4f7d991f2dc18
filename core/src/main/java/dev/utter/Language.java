package dev.utter;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The languages a voice can speak: {@link #AUTO} (the model detects it) and the ten languages of
 * Qwen3-TTS. {@link #wireName()} is the name the services and the original utter app use.
 */
public enum Language {
  AUTO("Auto"),
  CHINESE("Chinese"),
  ENGLISH("English"),
  JAPANESE("Japanese"),
  KOREAN("Korean"),
  GERMAN("German"),
  FRENCH("French"),
  RUSSIAN("Russian"),
  PORTUGUESE("Portuguese"),
  SPANISH("Spanish"),
  ITALIAN("Italian");

  private final String wireName;

  Language(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire and in the original app, e.g. {@code "English"}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The language with this wire name, ignoring case ({@code "english"} is {@link #ENGLISH}).
   *
   * @throws InvalidRequestException naming the supported languages, when there is none.
   */
  public static Language fromWireName(String name) {
    if (name != null) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      for (Language language : values()) {
        if (language.wireName.toLowerCase(Locale.ROOT).equals(wanted)) {
          return language;
        }
      }
    }
    throw new InvalidRequestException(
        "Unsupported language: " + name + ". Supported: " + supportedList(),
        UtterException.Details.ofCode("unsupported_language"), null);
  }

  /** The wire names of every language, comma separated, in declaration order. */
  public static String supportedList() {
    return Arrays.stream(values()).map(Language::wireName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
