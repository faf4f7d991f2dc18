package dev.utter.provider.mock;

import dev.utter.Language;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.VoiceDesignContract;
import java.util.EnumSet;

/** The design contract, with fewer languages than Qwen so that the language refusal is exercised. */
class MockVoiceDesignContractTest extends VoiceDesignContract {
  @Override
  protected TtsProvider createProvider() {
    return MockTtsProvider.builder()
        .capabilities(MockPresets.QWEN.toBuilder()
            .languages(EnumSet.of(Language.AUTO, Language.ENGLISH, Language.CHINESE))
            .build())
        .build();
  }

  @Override
  protected TtsProvider createProviderWithoutDesign() {
    return MockTtsProvider.builder().voiceDesign(false).build();
  }
}
