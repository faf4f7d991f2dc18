package dev.utter;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The languages a voice can speak: {@link #AUTO} (the model detects it) and the ten languages of
 * Qwen3-TTS. {@link #wireName()} is the name the services and the original utter app use.
 */
public enum Language {
  /** Let the model detect the language from the text. */
  AUTO("Auto"),
  /** Mandarin Chinese, wire name {@code "Chinese"}. */
  CHINESE("Chinese"),
  /** Wire name {@code "English"}. */
  ENGLISH("English"),
  /** Wire name {@code "Japanese"}. */
  JAPANESE("Japanese"),
  /** Wire name {@code "Korean"}. */
  KOREAN("Korean"),
  /** Wire name {@code "German"}. */
  GERMAN("German"),
  /** Wire name {@code "French"}. */
  FRENCH("French"),
  /** Wire name {@code "Russian"}. */
  RUSSIAN("Russian"),
  /** Wire name {@code "Portuguese"}. */
  PORTUGUESE("Portuguese"),
  /** Wire name {@code "Spanish"}. */
  SPANISH("Spanish"),
  /** Wire name {@code "Italian"}. */
  ITALIAN("Italian");

  private final String wireName;

  Language(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name on the wire and in the original app, e.g. {@code "English"}.
   *
   * @return never null
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The language with this wire name, ignoring case ({@code "english"} is {@link #ENGLISH}).
   *
   * @param name a wire name; surrounding blanks are ignored; null is refused
   * @return the language, never null
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

  /**
   * The wire names of every language, comma separated, in declaration order.
   *
   * @return e.g. {@code "Auto, Chinese, English, ..."}, for error messages
   */
  public static String supportedList() {
    return Arrays.stream(values()).map(Language::wireName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
