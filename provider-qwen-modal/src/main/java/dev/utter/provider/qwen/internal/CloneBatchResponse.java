package dev.utter.provider.qwen.internal;

import com.squareup.moshi.Json;
import dev.utter.transport.internal.WireResponse;
import java.util.List;

/**
 * The answer of {@code POST /clone-batch} (schema {@code CloneBatchResponse}): one WAV per text. Only
 * the fields the provider reads are modelled; {@code status}, {@code count}, {@code text} and
 * {@code size_bytes} are ignored.
 */
public record CloneBatchResponse(@Json(name = "audio_files") List<AudioFile> audioFiles) implements WireResponse {
  @Override
  public void requireFields() {
    for (AudioFile file : WireResponse.required(audioFiles, "audio_files")) {
      WireResponse.required(file, "audio_files[]");
      WireResponse.required(file.audioBase64(), "audio_files[].audio_base64");
    }
  }

  /**
   * One WAV of a batch (schema {@code AudioFile}).
   *
   * @param index the position of its text in the request
   * @param audioBase64 the WAV file, base64
   */
  public record AudioFile(int index, @Json(name = "audio_base64") String audioBase64) {}
}
