package dev.utter.samples.server.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An HTTP/1.1 proxy on loopback that forwards to one upstream port and injects faults into chosen
 * exchanges, for tests against the real local modal-deploy service.
 *
 * <p>Every client connection gets its own upstream connection, and each side's close is passed on to
 * the other: when the service closes an idle keep-alive connection, the client's connection to the
 * proxy closes too, exactly as without the proxy. When the upstream cannot be reached, the client's
 * connection is reset, as a refused connection would be.
 *
 * <p>Faults are rules: the first rule whose predicate matches a request is applied to that exchange
 * and used up ({@link #once}). Unmatched requests pass through. Every request is recorded
 * ({@link #requests()}), credentials included, so a test can see what reached the proxy.
 *
 * <p>Every wait is bounded; {@link #close()} closes every socket and thread the proxy opened.
 * Thread-safe.
 */
final class FaultProxy implements AutoCloseable {
  /** The query parameter of a hand-off GET, as Modal names it. */
  static final String CALL_ID = "__modal_function_call_id";
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final Duration MAX_STALL = Duration.ofSeconds(60);

  /** What to do with one matched exchange. */
  sealed interface Fault {}

  /** Forward the request, then hold the upstream's answer for {@code duration} before passing it on. */
  record Stall(Duration duration) implements Fault {
    Stall {
      if (duration.isNegative() || duration.compareTo(MAX_STALL) > 0) {
        throw new IllegalArgumentException("stall must be 0-" + MAX_STALL + ", got " + duration);
      }
    }
  }

  /** Forward the request, read the upstream's whole answer (the work was done), answer {@code status} instead. */
  record ReplaceStatus(int status) implements Fault {}

  /**
   * Forward the request, hold the upstream's answer and answer {@code 303 See Other} to a hand-off URL on
   * this proxy, as Modal does after 150 s. A GET of that URL is answered with {@code getStatuses} in turn
   * (e.g. 502), then with the held answer.
   */
  record HandOff(List<Integer> getStatuses) implements Fault {
    HandOff {
      getStatuses = List.copyOf(getStatuses);
    }
  }

  /** Forward the request, send the answer's head and half its body, then reset the connection. */
  record ResetMidBody() implements Fault {}

  /**
   * Do not forward; answer {@code status} with a {@code Location} of the same target on {@code origin}
   * (e.g. {@code http://127.0.0.1:PORT}), with a hand-off call id for a {@code 303}.
   */
  record Redirect(int status, String origin) implements Fault {}

  /** Forward the request, pass on the answer with its body rewritten by {@code body} (UTF-8 text). */
  record RewriteBody(UnaryOperator<String> body) implements Fault {}

  /**
   * One request as it reached the proxy.
   *
   * @param target the request target: path and query
   * @param headers header names in lower case; a repeated header keeps its last value
   * @param bodySha256 the body's SHA-256 in hex, to tell a re-sent request from another one
   */
  record Recorded(String method, String target, Map<String, String> headers, String bodySha256) {
    String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private static final class Rule {
    final Predicate<Recorded> matches;
    final Fault fault;
    int uses;

    Rule(Predicate<Recorded> matches, Fault fault, int uses) {
      this.matches = Objects.requireNonNull(matches, "matches == null");
      this.fault = Objects.requireNonNull(fault, "fault == null");
      this.uses = uses;
    }
  }

  /** A request forwarded upstream, waiting for its answer; {@code fault} is null for none. */
  private record Pending(Recorded request, Fault fault) {}

  /** A held answer and the statuses to answer its hand-off GETs with first. */
  private record HeldAnswer(Deque<Integer> statusesFirst, byte[] answer) {}

  private final ServerSocket server;
  private final int upstreamPort;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final List<Rule> rules = new ArrayList<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, HeldAnswer> handOffs = new ConcurrentHashMap<>();
  private final AtomicInteger callIds = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;

  private FaultProxy(ServerSocket server, int upstreamPort) {
    this.server = server;
    this.upstreamPort = upstreamPort;
  }

  /** A proxy on a free loopback port forwarding to {@code 127.0.0.1:upstreamPort}. */
  static FaultProxy start(int upstreamPort) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      FaultProxy proxy = new FaultProxy(server, upstreamPort);
      proxy.threads.execute(proxy::acceptLoop);
      return proxy;
    } catch (IOException e) {
      throw new AssertionError("Cannot listen on loopback", e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Applies {@code fault} to the next request that {@code matches}, once. Rules are tried in the order added. */
  synchronized FaultProxy once(Predicate<Recorded> matches, Fault fault) {
    rules.add(new Rule(matches, fault, 1));
    return this;
  }

  /** Applies {@code fault} to every request that {@code matches} (and no earlier rule does). */
  synchronized FaultProxy always(Predicate<Recorded> matches, Fault fault) {
    rules.add(new Rule(matches, fault, Integer.MAX_VALUE));
    return this;
  }

  /** How many client connections the proxy has accepted. */
  int connections() {
    return connections.get();
  }

  /** Every request so far, in the order they arrived. */
  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** The requests so far that {@code matches}. */
  List<Recorded> requests(Predicate<Recorded> matches) {
    return requests.stream().filter(matches).toList();
  }

  private synchronized Fault take(Recorded request) {
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (rule.matches.test(request)) {
        if (--rule.uses == 0) {
          rules.remove(i);
        }
        return rule.fault;
      }
    }
    return null;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        track(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    Socket upstream;
    try {
      upstream = new Socket();
      track(upstream);
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
    } catch (IOException refused) {
      reset(client);
      return;
    }
    BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    threads.execute(() -> answers(client, upstream, pending));
    try {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream toUpstream = upstream.getOutputStream();
      while (!closed) {
        Message request = Message.read(in, true, false);
        if (request == null) {
          break;
        }
        Recorded recorded = request.recorded();
        requests.add(recorded);
        HeldAnswer held = handOff(recorded);
        if (held != null) {
          answerHandOff(client, held);
          continue;
        }
        Fault fault = take(recorded);
        if (fault instanceof Redirect redirect) {
          String target = redirect.status() == 303
              ? handOffTarget(recorded, "fc-" + callIds.incrementAndGet()) : recorded.target();
          write(client, Message.answer(redirect.status(), "Location: " + redirect.origin() + target + "\r\n", ""));
          continue;
        }
        pending.add(new Pending(recorded, fault));
        toUpstream.write(request.head());
        toUpstream.write(request.body());
        toUpstream.flush();
      }
      upstream.shutdownOutput(); // the client is done: the service closes, and answers() closes both
    } catch (IOException ended) {
      closeQuietly(upstream);
    }
  }

  /** Reads the upstream's answers in order and passes each on, with its exchange's fault. */
  private void answers(Socket client, Socket upstream, BlockingQueue<Pending> pending) {
    try {
      InputStream in = new BufferedInputStream(upstream.getInputStream());
      while (!closed) {
        in.mark(1);
        if (in.read() < 0) {
          break; // closed by the service while idle, or after its last answer
        }
        in.reset();
        Pending next = pending.poll(10, TimeUnit.SECONDS);
        if (next == null) {
          throw new IOException("The service answered a request the proxy never forwarded");
        }
        Message answer = Message.read(in, false, next.request().method().equals("HEAD"));
        if (answer == null) {
          break;
        }
        if (!deliver(client, upstream, next, answer)) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // The connection ended; close both sides below.
    }
    // The service closed (an idle keep-alive timeout, a crash): the client's connection ends too.
    closeQuietly(client);
    closeQuietly(upstream);
  }

  /** Passes {@code answer} on under {@code pending}'s fault; false when the connection was ended on purpose. */
  private boolean deliver(Socket client, Socket upstream, Pending pending, Message answer)
      throws IOException, InterruptedException {
    Fault fault = pending.fault();
    if (fault == null) {
      write(client, answer.bytes());
    } else if (fault instanceof Stall stall) {
      Thread.sleep(stall.duration().toMillis());
      write(client, answer.bytes());
    } else if (fault instanceof ReplaceStatus replace) {
      write(client, Message.answer(replace.status(), "Content-Type: text/plain\r\n", reasonPhrase(replace.status())));
    } else if (fault instanceof HandOff handOff) {
      String id = "fc-" + callIds.incrementAndGet();
      handOffs.put(id, new HeldAnswer(new ArrayDeque<>(handOff.getStatuses()), answer.bytes()));
      write(client, Message.answer(303, "Location: " + handOffTarget(pending.request(), id) + "\r\n", ""));
    } else if (fault instanceof ResetMidBody) {
      byte[] body = answer.body();
      synchronized (client) {
        OutputStream out = client.getOutputStream();
        out.write(answer.head());
        out.write(body, 0, body.length / 2);
        out.flush();
      }
      reset(client);
      closeQuietly(upstream);
      return false;
    } else if (fault instanceof RewriteBody rewrite) {
      write(client, answer.withBody(rewrite.body().apply(answer.text())));
    } else {
      throw new IllegalStateException("Fault " + fault + " does not apply to an answer");
    }
    return true;
  }

  private static String handOffTarget(Recorded request, String id) {
    String separator = request.target().contains("?") ? "&" : "?";
    return request.target() + separator + CALL_ID + "=" + id;
  }

  private HeldAnswer handOff(Recorded request) {
    if (!request.method().equals("GET")) {
      return null;
    }
    String target = request.target();
    int at = target.indexOf(CALL_ID + "=");
    return at < 0 ? null : handOffs.get(target.substring(at + CALL_ID.length() + 1));
  }

  private void answerHandOff(Socket client, HeldAnswer held) throws IOException {
    Integer status;
    synchronized (held) {
      status = held.statusesFirst().poll();
    }
    write(client, status == null ? held.answer()
        : Message.answer(status, "Content-Type: text/plain\r\n", reasonPhrase(status)));
  }

  private static String reasonPhrase(int status) {
    return switch (status) {
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 303 -> "See Other";
      case 302 -> "Found";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      default -> "Status " + status;
    };
  }

  private static void write(Socket client, byte[] bytes) throws IOException {
    synchronized (client) {
      OutputStream out = client.getOutputStream();
      out.write(bytes);
      out.flush();
    }
  }

  private void track(Socket socket) {
    sockets.add(socket);
    if (closed) {
      closeQuietly(socket);
    }
  }

  /** Ends {@code socket} with a TCP reset instead of an orderly close. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException alreadyClosed) {
      // Nothing to reset.
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that is left to do.
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    sockets.forEach(FaultProxy::closeQuietly);
    threads.shutdownNow();
    try {
      if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new AssertionError("FaultProxy threads did not end within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One HTTP/1.1 message as raw bytes: its head (start line and headers) and its body as sent. */
  private record Message(String startLine, Map<String, String> headers, byte[] head, byte[] body, boolean chunked) {
    /**
     * Reads one message, or returns null at a clean end of stream before its first byte. The body is
     * framed by {@code Content-Length} or chunked encoding; an answer with neither runs to the end of the
     * stream.
     */
    static Message read(InputStream in, boolean isRequest, boolean answersHead) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int last4 = 0;
      while (last4 != 0x0D0A0D0A) {
        int b = in.read();
        if (b < 0) {
          if (head.size() == 0) {
            return null;
          }
          throw new EOFException("End of stream inside a message head");
        }
        head.write(b);
        last4 = (last4 << 8) | b;
        if (head.size() > MAX_HEAD_BYTES) {
          throw new IOException("Message head over " + MAX_HEAD_BYTES + " bytes");
        }
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
      }
      boolean chunked = "chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""));
      byte[] body;
      if (answersHead || (!isRequest && noBody(lines[0]))) {
        body = new byte[0];
      } else if (chunked) {
        body = readChunked(in);
      } else if (headers.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      } else {
        body = isRequest ? new byte[0] : in.readAllBytes();
      }
      return new Message(lines[0], headers, head.toByteArray(), body, chunked);
    }

    private static boolean noBody(String statusLine) {
      String[] parts = statusLine.split(" ");
      int status = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return status / 100 == 1 || status == 204 || status == 304;
    }

    /** The raw chunked body, up to and including its last chunk and trailer. */
    private static byte[] readChunked(InputStream in) throws IOException {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line(in, raw);
        int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
        if (size == 0) {
          while (!line(in, raw).isEmpty()) {
            // trailer fields
          }
          return raw.toByteArray();
        }
        raw.write(in.readNBytes(size));
        line(in, raw);
      }
    }

    private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new EOFException("End of stream inside a chunked body");
        }
        raw.write(b);
        if (b != '\r') {
          line.write(b);
        }
      }
      raw.write(b);
      return line.toString(StandardCharsets.ISO_8859_1);
    }

    Recorded recorded() {
      String[] parts = startLine.split(" ");
      try {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        return new Recorded(parts[0], parts.length > 1 ? parts[1] : "", Map.copyOf(headers), sha);
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }

    byte[] bytes() {
      byte[] all = new byte[head.length + body.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(body, 0, all, head.length, body.length);
      return all;
    }

    /** The body as UTF-8 text; a chunked body is decoded first. */
    String text() throws IOException {
      if (!chunked) {
        return new String(body, StandardCharsets.UTF_8);
      }
      ByteArrayOutputStream decoded = new ByteArrayOutputStream();
      InputStream in = new ByteArrayInputStream(body);
      while (true) {
        int size = Integer.parseInt(line(in, new ByteArrayOutputStream()).split(";")[0].strip(), 16);
        if (size == 0) {
          return decoded.toString(StandardCharsets.UTF_8);
        }
        decoded.write(in.readNBytes(size));
        line(in, new ByteArrayOutputStream());
      }
    }

    /** This answer with {@code text} as its body, framed by {@code Content-Length}. */
    byte[] withBody(String text) {
      StringBuilder newHead = new StringBuilder(startLine).append("\r\n");
      headers.forEach((name, value) -> {
        if (!name.equals("content-length") && !name.equals("transfer-encoding")) {
          newHead.append(name).append(": ").append(value).append("\r\n");
        }
      });
      byte[] newBody = text.getBytes(StandardCharsets.UTF_8);
      newHead.append("content-length: ").append(newBody.length).append("\r\n\r\n");
      return new Message(startLine, headers, newHead.toString().getBytes(StandardCharsets.ISO_8859_1), newBody,
          false).bytes();
    }

    /** A small answer of the proxy's own; {@code extraHeaders} are CRLF-terminated lines. */
    static byte[] answer(int status, String extraHeaders, String body) {
      byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
      String head = "HTTP/1.1 " + status + " " + reasonPhrase(status) + "\r\n" + extraHeaders
          + "Content-Length: " + bodyBytes.length + "\r\n\r\n";
      return new Message("", Map.of(), head.getBytes(StandardCharsets.ISO_8859_1), bodyBytes, false).bytes();
    }
  }
}
