package dev.utter.spi;

import dev.utter.ConfigurationException;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/** Finds {@link TtsProviderFactory} implementations on the class path with {@link ServiceLoader}. */
public final class TtsProviders {
  private TtsProviders() {}

  /**
   * Every factory visible to {@code loader}, by id. Two factories with one id is an error.
   *
   * @param loader where to look; not null
   * @return a new map, sorted by id, possibly empty
   * @throws ConfigurationException when two factories of different classes share an id
   */
  public static SortedMap<String, TtsProviderFactory> factories(ClassLoader loader) {
    SortedMap<String, TtsProviderFactory> byId = new TreeMap<>();
    for (TtsProviderFactory factory : ServiceLoader.load(TtsProviderFactory.class, loader)) {
      TtsProviderFactory previous = byId.putIfAbsent(factory.id(), factory);
      if (previous != null && previous.getClass() != factory.getClass()) {
        throw new ConfigurationException("Two TTS providers share the id '" + factory.id() + "': "
            + previous.getClass().getName() + " and " + factory.getClass().getName());
      }
    }
    return byId;
  }

  /**
   * Every factory visible to the thread's context class loader, by id.
   *
   * @return a new map, sorted by id, possibly empty
   * @throws ConfigurationException when two factories of different classes share an id
   */
  public static SortedMap<String, TtsProviderFactory> factories() {
    return factories(contextLoader());
  }

  /**
   * A new provider with the given id, configured from {@code settings}; the caller closes it.
   *
   * @param id the provider's id, e.g. {@code "mock"}; not null
   * @param settings where the provider reads its configuration; not null
   * @return an open provider that the caller owns
   * @throws ConfigurationException listing the ids found, when none has this id.
   */
  public static TtsProvider create(String id, ProviderSettings settings) {
    SortedMap<String, TtsProviderFactory> factories = factories();
    TtsProviderFactory factory = factories.get(id);
    if (factory == null) {
      throw new ConfigurationException("Unknown TTS provider '" + id + "'. Providers found on the class path: "
          + (factories.isEmpty() ? "none" : String.join(", ", factories.keySet())));
    }
    return factory.create(settings);
  }

  private static ClassLoader contextLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : TtsProviders.class.getClassLoader();
  }
}
