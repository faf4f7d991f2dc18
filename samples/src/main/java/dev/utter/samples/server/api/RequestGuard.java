package dev.utter.samples.server.api;

import io.javalin.http.Context;
import io.javalin.http.Header;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps other web sites out of a server that a browser can reach, as before-handlers on every path.
 *
 * <p><b>Host</b> (always): the {@code Host} header must be one of {@link AllowedHosts}, else 421
 * (400 when it is missing). This defeats DNS rebinding, where a page on the attacker's name talks to
 * this server as if it were its own origin.
 *
 * <p><b>Cross-site requests</b> (only without {@code UTTER_API_KEY}; with a key, the key in a request
 * header is something no other site can send): a state-changing request ({@code POST}, {@code PUT},
 * {@code PATCH}, {@code DELETE})
 *
 * <ol>
 *   <li>is refused 403 when {@code Sec-Fetch-Site} is present and not {@code same-origin} or
 *       {@code none}, or when {@code Origin} is present and is not this server's origin as named by the
 *       {@code Host} header ({@code Origin: null} included). Every current browser sends {@code Origin}
 *       on each cross-origin request of these methods; command-line clients send neither header;
 *   <li>is refused 415 when it carries a body or a {@code Content-Type} that is not
 *       {@code application/json} or {@code multipart/form-data}. A page elsewhere can send JSON only
 *       after a CORS preflight, which this server never grants. It can send multipart from a plain
 *       form, so multipart is covered by rule 1 (a cross-site form always carries a foreign
 *       {@code Origin}).
 * </ol>
 *
 * A request without a body and without a {@code Content-Type} (the pages' {@code DELETE} and the
 * original app's bodiless cancel {@code POST}, {@code curl -X DELETE}) passes rule 2: from another
 * site a browser can send one only with a foreign {@code Origin} (rule 1), and {@code PUT},
 * {@code PATCH} and {@code DELETE} only after a preflight. Thread-safe.
 */
final class RequestGuard {
  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> BODY_TYPES = Set.of("application/json", "multipart/form-data");
  private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

  private final AllowedHosts hosts;
  private final boolean keyRequired;

  RequestGuard(AllowedHosts hosts, boolean keyRequired) {
    this.hosts = hosts;
    this.keyRequired = keyRequired;
  }

  /** @throws ApiException 400 without a {@code Host}, 421 for a host this server does not answer to. */
  void checkHost(Context ctx) {
    String host = ctx.header(Header.HOST);
    if (host == null || host.isBlank()) {
      throw ApiException.badRequest("Missing Host header");
    }
    if (!hosts.accepts(host)) {
      throw new ApiException(421, "Unknown Host. Use the address the server listens on, "
          + "or add the name to UTTER_ALLOWED_HOSTS");
    }
  }

  /** @throws ApiException 403 for a cross-site request, 415 for a body type a form could send. */
  void checkCrossSite(Context ctx) {
    if (keyRequired || !STATE_CHANGING.contains(ctx.method().name())) {
      return;
    }
    String fetchSite = ctx.header("Sec-Fetch-Site");
    if (fetchSite != null && !OWN_FETCH_SITES.contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
      throw new ApiException(403, "Cross-site request refused");
    }
    String origin = ctx.header(Header.ORIGIN);
    if (origin != null && !isOwnOrigin(origin, ctx.header(Header.HOST))) {
      throw new ApiException(403, "Cross-site request refused");
    }
    String type = ctx.header(Header.CONTENT_TYPE);
    boolean body = ctx.req().getContentLengthLong() > 0 || ctx.header(Header.TRANSFER_ENCODING) != null;
    if ((type != null || body) && !BODY_TYPES.contains(mediaType(type))) {
      throw new ApiException(415, "Content-Type must be application/json or multipart/form-data");
    }
  }

  /** Whether {@code origin} ({@code scheme://host[:port]}) names the same host and port as {@code host}. */
  private static boolean isOwnOrigin(String origin, String host) {
    URI uri;
    try {
      uri = new URI(origin.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int defaultPort = switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
    if (defaultPort < 0 || uri.getRawAuthority() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
      return false;
    }
    Optional<AllowedHosts.HostHeader> from = AllowedHosts.parse(uri.getRawAuthority());
    Optional<AllowedHosts.HostHeader> to = AllowedHosts.parse(host);
    if (from.isEmpty() || to.isEmpty()) {
      return false;
    }
    int fromPort = from.get().port() < 0 ? defaultPort : from.get().port();
    int toPort = to.get().port() < 0 ? defaultPort : to.get().port();
    return from.get().name().equals(to.get().name()) && fromPort == toPort;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
