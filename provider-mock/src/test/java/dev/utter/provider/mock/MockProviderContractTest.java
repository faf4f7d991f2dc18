package dev.utter.provider.mock;

import dev.utter.ProviderUnavailableException;
import dev.utter.UtterException;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.TtsProviderContract;

class MockProviderContractTest extends TtsProviderContract {
  @Override
  protected TtsProvider createProvider() {
    return MockTtsProvider.builder().build();
  }

  @Override
  protected TtsProvider createFailingProvider() {
    return MockTtsProvider.builder()
        .failFirst(Integer.MAX_VALUE, () -> new ProviderUnavailableException("Mock backend is down"))
        .build();
  }

  @Override
  protected Class<? extends UtterException> expectedFailure() {
    return ProviderUnavailableException.class;
  }
}
