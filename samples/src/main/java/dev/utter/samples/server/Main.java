package dev.utter.samples.server;

import dev.utter.ConfigurationException;
import dev.utter.samples.server.config.ServerConfig;

/**
 * Runs the utter web app: {@code java -jar samples/target/utter-server.jar [--port N] [--bind HOST]
 * [--data-dir DIR] [--provider mock|qwen-modal|echo-modal]}; see {@link ServerConfig} for the
 * environment variables. Prints {@code Listening on http://HOST:PORT} once it serves.
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
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "utter-shutdown"));
    System.out.println("Listening on " + server.url());
  }
}
