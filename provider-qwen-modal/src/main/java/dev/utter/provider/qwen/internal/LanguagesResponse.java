package dev.utter.provider.qwen.internal;

import com.squareup.moshi.JsonDataException;
import dev.utter.transport.internal.Nullable;
import java.util.List;

/** {@code GET /languages} (schema {@code LanguagesResponse}): the language names the service accepts. */
public record LanguagesResponse(List<String> languages, @Nullable String note) {
  public LanguagesResponse {
    if (languages == null) {
      throw new JsonDataException("languages is missing");
    }
  }
}
