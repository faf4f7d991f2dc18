package dev.utter.audio;

import dev.utter.InvalidRequestException;

/**
 * Bytes that are not audio the SDK can read: an unknown container, or a known one that is corrupt or
 * truncated. Parsers throw this rather than guessing, hanging or allocating without bound.
 */
public class AudioFormatException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with the code {@code invalid_audio}.
   *
   * @param message what is wrong with the bytes, e.g. which header is cut short
   */
  public AudioFormatException(String message) {
    super(message, Details.ofCode("invalid_audio"), null);
  }

  /**
   * An exception with a code of the caller's choosing, e.g. {@link
   * dev.utter.ReferenceAudio#UNREADABLE}.
   *
   * @param message what is wrong with the bytes
   * @param details the code and any other details; {@link Details#NONE} when there are none
   * @param cause the underlying failure, or null
   */
  public AudioFormatException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public AudioFormatException atChunk(int index, int total) {
    return new AudioFormatException(
        chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
