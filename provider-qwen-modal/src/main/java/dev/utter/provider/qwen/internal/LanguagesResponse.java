package dev.utter.provider.qwen.internal;

import dev.utter.transport.internal.Nullable;
import dev.utter.transport.internal.WireResponse;
import java.util.List;

/** {@code GET /languages} (schema {@code LanguagesResponse}): the language names the service accepts. */
public record LanguagesResponse(List<String> languages, @Nullable String note) implements WireResponse {
  @Override
  public void requireFields() {
    WireResponse.required(languages, "languages");
  }
}
