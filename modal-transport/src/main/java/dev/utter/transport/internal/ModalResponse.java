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
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.ResponseBody;

/**
 * A successful (2xx) response, read completely: nothing to close. A WAV body ({@code audio/wav}) is
 * decoded as it arrives, so the response holds its samples and never the file's bytes; any other body
 * is held as bytes and decoded on demand. Decoding failures are reported as
 * {@link GenerationFailedException}s carrying the status and request id. Immutable apart from the
 * arrays, which are not copied.
 */
public final class ModalResponse {
  private static final Set<String> WAV_SUBTYPES = Set.of("wav", "x-wav", "wave", "vnd.wave");

  private final int status;
  private final String requestId;
  private final String contentType;
  /** The body, or null when it was WAV audio decoded as it arrived. */
  private final byte[] body;
  /** The body decoded as it arrived, or null. */
  private final PcmAudio audio;
  private final String description;
  private final Moshi moshi;

  private ModalResponse(int status, String requestId, String contentType, byte[] body, PcmAudio audio,
      String description, Moshi moshi) {
    this.status = status;
    this.requestId = requestId;
    this.contentType = contentType;
    this.body = body;
    this.audio = audio;
    this.description = description;
    this.moshi = moshi;
  }

  /**
   * Reads a successful response's body: WAV audio ({@code audio/wav} and its aliases) decoded as it
   * arrives, anything else as bytes.
   *
   * @throws GenerationFailedException when a body sent as WAV is not valid WAV audio or ends before
   *     its declared data.
   * @throws IOException what reading the body threw
   */
  static ModalResponse read(int status, String requestId, String contentType, ResponseBody body, String description,
      Moshi moshi) throws IOException {
    if (!isWav(contentType)) {
      return new ModalResponse(status, requestId, contentType, body.bytes(), null, description, moshi);
    }
    try {
      return new ModalResponse(status, requestId, contentType, null, Wav.read(body.byteStream()), description, moshi);
    } catch (AudioFormatException e) {
      throw failure(status, requestId, notWav("response body", description, e), e);
    }
  }

  private static boolean isWav(String contentType) {
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    return type != null && type.type().equals("audio") && WAV_SUBTYPES.contains(type.subtype());
  }

  /**
   * The HTTP status.
   *
   * @return the status of the final response, always 2xx
   */
  public int status() {
    return status;
  }

  /**
   * The service's {@code X-Request-Id}, or the one the transport sent.
   *
   * @return the request id to quote in errors and logs
   */
  public String requestId() {
    return requestId;
  }

  /**
   * The {@code Content-Type} header, when sent.
   *
   * @return the header's value, or empty
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * The body decoded as a WAV file.
   *
   * @return the decoded audio
   * @throws GenerationFailedException when it is not a complete PCM16 WAV file.
   */
  public PcmAudio wav() {
    return audio != null ? audio : decodeWav(body, "response body");
  }

  /**
   * {@code bytes} decoded as a WAV file, failures attributed to this response ({@code what} names the
   * part, e.g. "audio_files[2]").
   *
   * @param bytes a WAV file taken from this response (e.g. decoded from a JSON field)
   * @param what names the part in the error message
   * @return the decoded audio
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
      throw failure(notWav(what, description, e), e);
    }
  }

  /**
   * The body decoded as the wire record {@code type} (fields the record does not name are ignored).
   *
   * @param <T> the record's type
   * @param type the record class; a {@link WireResponse} also has its required fields checked
   * @return the decoded record, never null
   * @throws GenerationFailedException when it is not JSON of that shape, or the record refuses it.
   */
  public <T> T json(Class<T> type) {
    if (body == null) {
      throw failure("The response of " + description + " is not the JSON expected: it is WAV audio", null);
    }
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

  /**
   * A {@link GenerationFailedException} about this response, carrying its status and request id.
   *
   * @param message what is wrong; the request id is appended
   * @param cause the underlying failure, or null
   * @return the exception, for the caller to throw
   */
  public GenerationFailedException failure(String message, Throwable cause) {
    return failure(status, requestId, message, cause);
  }

  private static GenerationFailedException failure(int status, String requestId, String message, Throwable cause) {
    return new GenerationFailedException(message + " (request id " + requestId + ")",
        Details.ofResponse(status, requestId, null, "invalid_response"), cause);
  }

  private static String notWav(String what, String description, AudioFormatException e) {
    return "The " + what + " of " + description + " is not valid WAV audio: " + e.getMessage();
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
    return "ModalResponse{" + status + ", " + description + ", "
        + (body != null ? body.length + " bytes" : audio.length() + " samples") + ", request id " + requestId + '}';
  }
}
