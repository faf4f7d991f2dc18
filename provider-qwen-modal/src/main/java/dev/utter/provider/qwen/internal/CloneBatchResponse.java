package dev.utter.provider.qwen.internal;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonDataException;
import java.util.List;

/**
 * The answer of {@code POST /clone-batch} (schema {@code CloneBatchResponse}): one WAV per text. Only
 * the fields the provider reads are modelled; {@code status}, {@code count}, {@code text} and
 * {@code size_bytes} are ignored.
 */
public record CloneBatchResponse(@Json(name = "audio_files") List<AudioFile> audioFiles) {
  public CloneBatchResponse {
    if (audioFiles == null) {
      throw new JsonDataException("audio_files is missing");
    }
  }

  /**
   * One WAV of a batch (schema {@code AudioFile}).
   *
   * @param index the position of its text in the request
   * @param audioBase64 the WAV file, base64
   */
  public record AudioFile(int index, @Json(name = "audio_base64") String audioBase64) {
    public AudioFile {
      if (audioBase64 == null) {
        throw new JsonDataException("audio_base64 is missing");
      }
    }
  }
}
