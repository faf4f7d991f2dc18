package dev.utter.samples.server;

import dev.utter.ConfigurationException;
import dev.utter.samples.server.config.ServerConfig;
import dev.utter.samples.server.storage.StorageException;

/**
 * Runs the utter web app: {@code java -jar samples/target/utter-server.jar [--port N] [--bind HOST]
 * [--data-dir DIR] [--provider mock|qwen-modal|echo-modal]}; see {@link ServerConfig} for the
 * environment variables and {@link dev.utter.samples.server.config.Limits} for the bounds on work. Prints
 * {@code Listening on http://HOST:PORT} once it serves. A bad setting exits with status 2, a data
 * directory that cannot be written (full, read-only) with status 3, each after one line on stderr.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    UtterServer server;
    try {
      server = UtterServer.start(ServerConfig.fromArgs(args));
    } catch (ConfigurationException e) {
      System.err.println("utter: " + e.getMessage());
      System.exit(2);
      return;
    } catch (StorageException e) {
      System.err.println("utter: cannot start: " + oneLine(e));
      System.exit(3);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "utter-shutdown"));
    System.out.println("Listening on " + server.url());
  }

  /** {@code e}'s message and, when it says something more, its root cause's, in one line. */
  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage();
    String rootMessage = root.getMessage();
    if (root != e && rootMessage != null && !message.contains(rootMessage)) {
      message += ": " + rootMessage;
    }
    return message.replaceAll("\\s*\\R\\s*", " ");
  }
}
