package dev.utter.transport.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.utter.GenerationFailedException;
import dev.utter.UtterException.Details;
import dev.utter.audio.AudioFormatException;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.io.IOException;
import java.util.Optional;

/**
 * A successful (2xx) response, read completely: nothing to close. Decoding failures are reported as
 * {@link GenerationFailedException}s carrying the status and request id. Immutable apart from the
 * body array, which is not copied.
 */
public final class ModalResponse {
  private final int status;
  private final String requestId;
  private final String contentType;
  private final byte[] body;
  private final String description;
  private final Moshi moshi;

  ModalResponse(int status, String requestId, String contentType, byte[] body, String description, Moshi moshi) {
    this.status = status;
    this.requestId = requestId;
    this.contentType = contentType;
    this.body = body;
    this.description = description;
    this.moshi = moshi;
  }

  public int status() {
    return status;
  }

  /** The service's {@code X-Request-Id}, or the one the transport sent. */
  public String requestId() {
    return requestId;
  }

  /** The {@code Content-Type} header, when sent. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The body's bytes (not a copy). */
  public byte[] bytes() {
    return body;
  }

  /**
   * The body decoded as a WAV file.
   *
   * @throws GenerationFailedException when it is not a complete PCM16 WAV file.
   */
  public PcmAudio wav() {
    return decodeWav(body, "response body");
  }

  /**
   * {@code bytes} decoded as a WAV file, failures attributed to this response ({@code what} names the
   * part, e.g. "audio_files[2]").
   *
   * @throws GenerationFailedException when they are not a complete PCM16 WAV file.
   */
  public PcmAudio decodeWav(byte[] bytes, String what) {
    try {
      PcmAudio audio = Wav.read(bytes);
      long expectedData = declaredDataBytes(bytes);
      if (expectedData >= 0 && audio.length() * 2L < expectedData) {
        throw new AudioFormatException("WAV data is truncated: " + audio.length() * 2L + " of "
            + expectedData + " bytes");
      }
      return audio;
    } catch (AudioFormatException e) {
      throw failure("The " + what + " of " + description + " is not valid WAV audio: " + e.getMessage(), e);
    }
  }

  /**
   * The body decoded as the wire record {@code type} (fields the record does not name are ignored).
   *
   * @throws GenerationFailedException when it is not JSON of that shape, or the record refuses it.
   */
  public <T> T json(Class<T> type) {
    JsonAdapter<T> adapter = moshi.adapter(type);
    try {
      T value = adapter.fromJson(new String(body, java.nio.charset.StandardCharsets.UTF_8));
      if (value == null) {
        throw new JsonDataException("null body");
      }
      if (value instanceof WireResponse checked) {
        checked.requireFields();
      }
      return value;
    } catch (IOException | JsonDataException e) {
      throw failure("The response of " + description + " is not the JSON expected: " + e.getMessage(), e);
    }
  }

  /** A {@link GenerationFailedException} about this response, carrying its status and request id. */
  public GenerationFailedException failure(String message, Throwable cause) {
    return new GenerationFailedException(message + " (request id " + requestId + ")",
        Details.ofResponse(status, requestId, null, "invalid_response"), cause);
  }

  /** The size the data chunk claims, or -1 when the header cannot say. */
  private static long declaredDataBytes(byte[] wav) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    while (pos + 8 <= wav.length) {
      int id = b.getInt(pos);
      long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
      if (id == 0x61746164) { // "data"
        return size == 0xFFFFFFFFL || size == 0 ? -1 : size; // streaming writers leave it open
      }
      pos = (int) Math.min(Integer.MAX_VALUE, pos + 8 + size + (size & 1));
    }
    return -1;
  }

  @Override
  public String toString() {
    return "ModalResponse{" + status + ", " + description + ", " + body.length + " bytes, request id " + requestId + '}';
  }
}
