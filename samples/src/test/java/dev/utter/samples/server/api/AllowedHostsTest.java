package dev.utter.samples.server.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {
  private static final int PORT = 8000;

  @Test
  void aLoopbackBindAnswersToTheLoopbackNamesOnItsPort() {
    AllowedHosts hosts = new AllowedHosts("127.0.0.1", () -> PORT, List.of());
    for (String host : List.of("127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000",
        "[0:0:0:0:0:0:0:1]:8000", " localhost:8000 ")) {
      assertTrue(hosts.accepts(host), host);
    }
    for (String host : List.of("localhost", "localhost:8001", "evil.example:8000", "127.0.0.2:8000",
        "192.168.1.2:8000", "localhost:8000:8000", "localhost:+8000", "localhost:99999", "[::1", "",
        "a b:8000", "user@localhost:8000", "localhost.:8000", "-x-:8000")) {
      assertFalse(hosts.accepts(host), host);
    }
    assertFalse(hosts.accepts(null));
  }

  @Test
  void anIpv6LoopbackBindAnswersToTheSameNames() {
    AllowedHosts hosts = new AllowedHosts("::1", () -> PORT, List.of());
    assertTrue(hosts.accepts("[::1]:8000"));
    assertTrue(hosts.accepts("localhost:8000"));
    assertFalse(hosts.accepts("[::2]:8000"));
  }

  @Test
  void aWildcardBindAnswersToAnyAddressButNoName() {
    AllowedHosts hosts = new AllowedHosts("0.0.0.0", () -> PORT, List.of());
    assertTrue(hosts.accepts("192.168.1.20:8000"));
    assertTrue(hosts.accepts("[fe80::1]:8000"));
    assertTrue(hosts.accepts("localhost:8000"));
    assertFalse(hosts.accepts("192.168.1.20:8001"));
    assertFalse(hosts.accepts("mybox.local:8000"));
    assertTrue(new AllowedHosts("::", () -> PORT, List.of()).accepts("10.0.0.1:8000"));
  }

  @Test
  void aSpecificBindAnswersToItselfAndTheConfiguredNames() {
    AllowedHosts hosts = new AllowedHosts("192.168.1.5", () -> PORT, List.of("utter.example", "proxy.example:8443"));
    assertTrue(hosts.accepts("192.168.1.5:8000"));
    assertFalse(hosts.accepts("localhost:8000"));
    assertFalse(hosts.accepts("192.168.1.6:8000"));
    assertTrue(hosts.accepts("utter.example"));
    assertTrue(hosts.accepts("Utter.Example:1234"));
    assertTrue(hosts.accepts("proxy.example:8443"));
    assertFalse(hosts.accepts("proxy.example"));
    assertFalse(hosts.accepts("x.utter.example"));
  }

  @Test
  void theCurrentPortIsReadAtEachCheck() {
    int[] port = {0};
    AllowedHosts hosts = new AllowedHosts("127.0.0.1", () -> port[0], List.of());
    port[0] = 41234;
    assertTrue(hosts.accepts("localhost:41234"));
  }

  @Test
  void aConfiguredNameThatIsNoHostNameIsAConfigurationError() {
    for (String bad : List.of("http://utter.example", "utter.example/", "a b", "x:y")) {
      assertThrows(ConfigurationException.class, () -> new AllowedHosts("127.0.0.1", () -> PORT, List.of(bad)), bad);
    }
  }
}
