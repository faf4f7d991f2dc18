package dev.utter.samples.server.config;

import dev.utter.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Parses {@code --name value} and {@code --name=value} flags. */
final class Flags {
  private static final Set<String> KNOWN = Set.of("port", "bind", "data-dir", "provider");

  private Flags() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new ConfigurationException("Unexpected argument '" + arg + "'. Flags: --port, --bind, --data-dir, --provider");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new ConfigurationException("Flag --" + name + " needs a value");
      }
      if (!KNOWN.contains(name)) {
        throw new ConfigurationException("Unknown flag --" + name + ". Flags: --port, --bind, --data-dir, --provider");
      }
      flags.put(name, value);
    }
    return flags;
  }
}
