package dev.utter;

import dev.utter.UtterException.Details;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.VoiceDesigner;

/** What {@link Utter#design} does: the checks before the call, the call, the voice from the preview. */
final class VoiceDesigns {
  private VoiceDesigns() {}

  static DesignedVoice design(TtsProvider provider, DesignRequest request) {
    VoiceDesigner designer = provider.voiceDesigner().orElseThrow(() -> new ConfigurationException(
        "Provider '" + provider.id() + "' cannot design voices",
        Details.ofCode("voice_design_unsupported"), null));
    ProviderCapabilities.requireSupported(request.language(), designer.languages());
    return DesignedVoice.of(request, designer.design(request));
  }
}
