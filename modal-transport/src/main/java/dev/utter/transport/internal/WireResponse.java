package dev.utter.transport.internal;

import com.squareup.moshi.JsonDataException;

/**
 * A response record with fields the service must send: {@link ModalResponse#json(Class)} calls
 * {@link #requireFields()} after decoding, so a body missing one fails as a
 * {@link dev.utter.GenerationFailedException} naming the field. (Moshi fills absent reference fields
 * with null and fails only for primitives.)
 */
public interface WireResponse {
  /** @throws JsonDataException naming the first required field that is missing. */
  void requireFields();

  /** {@code value}, or a {@link JsonDataException} saying {@code jsonName} is missing. */
  static <T> T required(T value, String jsonName) {
    if (value == null) {
      throw new JsonDataException(jsonName + " is missing");
    }
    return value;
  }
}
