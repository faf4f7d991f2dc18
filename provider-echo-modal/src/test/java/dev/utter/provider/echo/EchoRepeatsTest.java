package dev.utter.provider.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.Language;
import dev.utter.ProviderUnavailableException;
import dev.utter.spi.SynthesisRequest;
import dev.utter.testing.FakeTime;
import java.io.IOException;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A {@code /generate} that may have run is sent again only when {@code /health} says the service honours keys. */
class EchoRepeatsTest {
  private final MockWebServer server = new MockWebServer();
  private final ScriptedEchoService service = new ScriptedEchoService();
  private final FakeTime time = new FakeTime();
  private EchoModalProvider provider;

  @BeforeEach
  void setUp() throws IOException {
    server.setDispatcher(service);
    server.start();
    provider = EchoModalProvider.builder().baseUrl(server.url("/")).clock(time).sleeper(time).build();
  }

  @AfterEach
  void tearDown() {
    provider.close();
    server.close();
  }

  private void speak() {
    provider.synthesize(SynthesisRequest.of(EchoModalProviderTest.VOICE, "Hello there.", Language.ENGLISH));
  }

  @Test
  void a502IsRepeatedWithTheSameKeyWhenTheServiceHonoursKeys() {
    service.honoursIdempotencyKeys();
    service.failNextGenerates(1);

    speak();

    List<ScriptedEchoService.Received> generates = service.received("/generate");
    assertEquals(2, generates.size());
    assertNotNull(generates.get(0).idempotencyKey());
    assertEquals(generates.get(0).idempotencyKey(), generates.get(1).idempotencyKey());
  }

  @Test
  void a502IsReportedNotRepeatedWhenTheServiceDoesNotSaySo() {
    service.failNextGenerates(1);

    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, this::speak);

    assertEquals(502, e.status());
    assertEquals(1, service.received("/generate").size());
  }
}
