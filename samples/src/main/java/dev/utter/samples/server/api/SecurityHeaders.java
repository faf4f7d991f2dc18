package dev.utter.samples.server.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * The headers on every response: pages, static files, JSON, audio and every error, Jetty's own
 * included. The content security policy allows only this server's own scripts, styles, audio and
 * connections, and no framing. The one inline piece is the stylesheet WaveSurfer puts in its shadow
 * root, allowed by its hash (it holds the waveform height, 64 px on the generate page; a WaveSurfer
 * upgrade or another height needs a new hash, which {@code SecurityHeadersTest} computes). Audio may
 * also come from {@code blob:} URLs, which WaveSurfer makes from the audio it fetched.
 */
final class SecurityHeaders {
  /** The sha-256 of WaveSurfer 7.12.12's shadow-root stylesheet at a height of 64 px. */
  static final String WAVESURFER_STYLE_HASH = "'sha256-fF0LBso7Nz75zaFRDBUefBDvPe19hjaiDnnc8lt+2Js='";
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' "
      + WAVESURFER_STYLE_HASH + "; img-src 'self'; media-src 'self' blob:; connect-src 'self'; "
      + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  static final Map<String, String> HEADERS = Map.of(
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Content-Security-Policy", CONTENT_SECURITY_POLICY,
      "Referrer-Policy", "no-referrer",
      "Cross-Origin-Opener-Policy", "same-origin",
      "Cross-Origin-Resource-Policy", "same-origin");

  private SecurityHeaders() {}

  static void apply(HttpServletResponse response) {
    HEADERS.forEach(response::setHeader);
  }

  static void apply(HttpFields.Mutable fields) {
    HEADERS.forEach(fields::put);
  }

  /** A Jetty handler that sets the headers on each response before the handlers it wraps run. */
  static HandlerWrapper handler() {
    return new HandlerWrapper() {
      @Override
      public void handle(String target, Request baseRequest, HttpServletRequest request,
          HttpServletResponse response) throws IOException, ServletException {
        apply(response);
        super.handle(target, baseRequest, request, response);
      }
    };
  }
}
