package dev.utter.samples.server.api;

import dev.utter.ConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The {@code Host} header values the server answers to, against DNS rebinding: a page on another
 * site whose name an attacker points at this machine still sends that name as {@code Host}, and it
 * is on no list here. Accepted are:
 *
 * <ul>
 *   <li>the bind address with the server's port;
 *   <li>for a loopback bind, {@code localhost}, {@code 127.0.0.1} and {@code [::1]} with the port;
 *   <li>for a wildcard bind ({@code 0.0.0.0}, {@code ::}), {@code localhost} and any IP literal with
 *       the port (an address cannot be rebound; names need {@code UTTER_ALLOWED_HOSTS});
 *   <li>each configured name: {@code name} with any port (for a reverse proxy), or {@code name:port}.
 * </ul>
 *
 * A {@code Host} without a port means port 80. Names compare case-insensitively, IPv6 literals by
 * address. Immutable and thread-safe.
 */
final class AllowedHosts {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*]");
  private static final int DEFAULT_PORT = 80;

  private final Set<String> local = new HashSet<>();
  private final boolean anyAddress;
  private final Set<String> anyPort = new HashSet<>();
  private final Set<HostHeader> exact = new HashSet<>();
  private final IntSupplier port;

  /**
   * @param bind the address the server listens on
   * @param port the port it listens on, read at each check (it is known only once the server runs)
   * @param configured the extra names, {@code name} or {@code name:port}
   * @throws ConfigurationException when a configured name is no host name
   */
  AllowedHosts(String bind, IntSupplier port, List<String> configured) {
    this.port = port;
    String address = bind.startsWith("[") ? bind : bind.contains(":") ? "[" + bind + "]" : bind;
    String canonicalBind = parse(address).map(HostHeader::name).orElse(bind.toLowerCase(Locale.ROOT));
    this.anyAddress = canonicalBind.equals("0.0.0.0") || canonicalBind.equals(canonical("[::]"));
    local.add(canonicalBind);
    if (anyAddress || isLoopback(canonicalBind)) {
      local.add("localhost");
      local.add("127.0.0.1");
      local.add(canonical("[::1]"));
    }
    for (String entry : configured) {
      HostHeader host = parse(entry).orElseThrow(() -> new ConfigurationException(
          "UTTER_ALLOWED_HOSTS: '" + entry + "' is not a host name or name:port"));
      if (host.port() < 0) {
        anyPort.add(host.name());
      } else {
        exact.add(host);
      }
    }
  }

  /** Whether a request with this {@code Host} header is for this server. */
  boolean accepts(String hostHeader) {
    Optional<HostHeader> parsed = parse(hostHeader);
    if (parsed.isEmpty()) {
      return false;
    }
    HostHeader host = parsed.get();
    int effectivePort = host.port() < 0 ? DEFAULT_PORT : host.port();
    if (anyPort.contains(host.name()) || exact.contains(new HostHeader(host.name(), effectivePort))) {
      return true;
    }
    if (effectivePort != port.getAsInt()) {
      return false;
    }
    return local.contains(host.name()) || (anyAddress && isIpLiteral(host.name()));
  }

  /** A {@code Host} value split into its canonical name and port (-1 when absent); empty when malformed. */
  static Optional<HostHeader> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.strip().toLowerCase(Locale.ROOT);
    int nameEnd = text.startsWith("[") ? text.indexOf(']') + 1 : text.indexOf(':') < 0 ? text.length() : text.indexOf(':');
    if (nameEnd <= 0) {
      return Optional.empty();
    }
    String name = text.substring(0, nameEnd);
    String rest = text.substring(nameEnd);
    int port = -1;
    if (!rest.isEmpty()) {
      if (!rest.matches(":\\d{1,5}")) {
        return Optional.empty();
      }
      port = Integer.parseInt(rest.substring(1));
      if (port > 65535) {
        return Optional.empty();
      }
    }
    if (!IPV6.matcher(name).matches() && !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(new HostHeader(canonical(name), port));
  }

  /** IPv6 literals in one spelling ({@code [::1]} and {@code [0:0:0:0:0:0:0:1]} alike); names as given. */
  private static String canonical(String name) {
    if (!IPV6.matcher(name).matches()) {
      return name;
    }
    try {
      // A literal of hex digits, colons and dots only: resolved without any name lookup.
      return "[" + InetAddress.getByName(name.substring(1, name.length() - 1)).getHostAddress() + "]";
    } catch (UnknownHostException e) {
      return name;
    }
  }

  private static boolean isIpLiteral(String name) {
    return IPV4.matcher(name).matches() || IPV6.matcher(name).matches();
  }

  private static boolean isLoopback(String name) {
    return name.equals("localhost") || (IPV4.matcher(name).matches() && name.startsWith("127."))
        || name.equals(canonical("[::1]"));
  }

  /** A parsed {@code Host} header: a lower-case name or bracketed IPv6 literal, and a port or -1. */
  record HostHeader(String name, int port) {}
}
