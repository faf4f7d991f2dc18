package dev.utter.samples.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The policy's one hash matches what the vendored WaveSurfer puts in its shadow root on the generate page. */
class SecurityHeadersTest {
  private static final String WAVESURFER = "/web/vendor/wavesurfer-7.12.12.min.js";
  private static final String STYLE_OPEN = "<style${i?` nonce=\"${i}\"`:\"\"}>";
  private static final String HEIGHT = "${this.getHeight(this.options.height,this.options.splitChannels)}";

  @Test
  void theStyleHashIsWaveSurfersShadowStylesheetAtTheGeneratePagesHeight() throws Exception {
    assertTrue(resource("/web/js/generate.js").contains("height: 64,"), "generate.js must draw 64 px high");
    String script = resource(WAVESURFER);
    int start = script.indexOf(STYLE_OPEN);
    assertTrue(start > 0, "WaveSurfer's stylesheet template moved: recompute the hash");
    start += STYLE_OPEN.length();
    String template = script.substring(start, script.indexOf("</style>", start));
    String css = template.replace(HEIGHT, "64").replace("\\n", "\n");
    assertEquals(-1, css.indexOf("${"), "another expression in WaveSurfer's stylesheet: " + css);
    assertEquals(SecurityHeaders.WAVESURFER_STYLE_HASH, "'sha256-" + sha256(css) + "'");
    assertTrue(SecurityHeaders.CONTENT_SECURITY_POLICY.contains(SecurityHeaders.WAVESURFER_STYLE_HASH));
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SecurityHeadersTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
