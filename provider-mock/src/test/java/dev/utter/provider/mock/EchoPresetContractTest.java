package dev.utter.provider.mock;

import dev.utter.GenerationFailedException;
import dev.utter.UtterException;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.TtsProviderContract;

/** The Echo-like preset: no transcript needed, few languages, so the language test runs. */
class EchoPresetContractTest extends TtsProviderContract {
  @Override
  protected TtsProvider createProvider() {
    return MockTtsProvider.builder().capabilities(MockPresets.ECHO).build();
  }

  @Override
  protected TtsProvider createFailingProvider() {
    return MockTtsProvider.builder()
        .capabilities(MockPresets.ECHO)
        .failureRate(1.0, 7, () -> new GenerationFailedException("Mock model failed"))
        .build();
  }

  @Override
  protected Class<? extends UtterException> expectedFailure() {
    return GenerationFailedException.class;
  }
}
