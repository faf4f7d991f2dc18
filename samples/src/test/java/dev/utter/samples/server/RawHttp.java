package dev.utter.samples.server;

import com.squareup.moshi.Moshi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to the test server, for what a client library would normalise or
 * refuse: the {@code Host} header, raw request lines and paths, odd header sizes. Each request asks
 * for {@code Connection: close} and reads the answer to the end (chunked bodies are decoded).
 */
final class RawHttp {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final String BOUNDARY = "utterRawBoundary7MA4YWxkTrZu0gW";
  /** The {@code Content-Type} of a body made by {@link #multipart}. */
  static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** The value a client sends as {@code Host} for this server. */
  String host() {
    return "127.0.0.1:" + port;
  }

  /** A request with the given start line, headers and body; Host, Content-Length and Connection are added unless given. */
  Response send(String method, String target, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Host", host());
    all.putAll(headers);
    if (body.length > 0 && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Transfer-Encoding"))) {
      all.putIfAbsent("Content-Length", String.valueOf(body.length));
    }
    all.put("Connection", "close");
    all.forEach((name, value) -> {
      if (value != null) {
        head.append(name).append(": ").append(value).append("\r\n");
      }
    });
    head.append("\r\n");
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    request.writeBytes(body);
    return exchange(request.toByteArray());
  }

  Response get(String target, Map<String, String> headers) {
    return send("GET", target, headers, new byte[0]);
  }

  /** A form body of {@code parts}, as a browser would send it, for {@link #MULTIPART}. */
  static byte[] multipart(List<Part> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Part part : parts) {
      StringBuilder head = new StringBuilder("--").append(BOUNDARY).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
      if (part.fileName() != null) {
        head.append("; filename=\"").append(part.fileName()).append('"');
      }
      head.append("\r\n");
      if (part.contentType() != null) {
        head.append("Content-Type: ").append(part.contentType()).append("\r\n");
      }
      head.append("\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(part.content());
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** One part of a form: a field, or a file when {@code fileName} is set. */
  record Part(String name, String fileName, String contentType, byte[] content) {
    static Part field(String name, String value) {
      return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
    }

    static Part file(String name, String fileName, String contentType, byte[] content) {
      return new Part(name, fileName, contentType, content);
    }
  }

  /** Writes {@code request} as is and reads the whole answer. */
  Response exchange(byte[] request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before it has read everything (a refused upload); read its answer.
      }
      InputStream in = socket.getInputStream();
      return Response.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An answer: status, headers by lower-case name, body bytes. */
  record Response(int status, Map<String, List<String>> headers, byte[] content) {
    static Response parse(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new AssertionError("No complete HTTP answer: " + text);
      }
      String[] lines = text.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].substring(9, 12));
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
      byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
      if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
        body = dechunk(body);
      }
      return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] body) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int at = 0;
      while (true) {
        int lineEnd = indexOfCrlf(body, at);
        int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).strip(), 16);
        if (size == 0) {
          return out.toByteArray();
        }
        out.write(body, lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
      }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
      for (int i = from; i + 1 < bytes.length; i++) {
        if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
          return i;
        }
      }
      throw new AssertionError("Truncated chunked body");
    }

    /** The body as UTF-8 text. */
    String body() {
      return new String(content, StandardCharsets.UTF_8);
    }

    /** The first value of header {@code name}, or null. */
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    /** The {@code detail} of a JSON error body. @throws AssertionError when the body is not {@code {"detail": "..."}}. */
    String detail() {
      Object parsed;
      try {
        parsed = MOSHI.adapter(Object.class).fromJson(body());
      } catch (IOException | RuntimeException e) {
        throw new AssertionError("Not JSON: " + this, e);
      }
      if (!(parsed instanceof Map<?, ?> map) || !(map.get("detail") instanceof String detail)) {
        throw new AssertionError("No string detail: " + this);
      }
      return detail;
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + body();
    }
  }
}
