package dev.utter.provider.qwen;

import dev.utter.ConfigurationException;
import dev.utter.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where a Qwen3-TTS service lives:
 * <ul>
 *   <li>{@link #modalDeploy(String) modal-deploy}: one base URL serving {@code /health},
 *       {@code /languages}, {@code /voices}, {@code /clone} and {@code /clone-batch}; it may register
 *       voices, so the provider starts with the registered-voice strategy;
 *   <li>{@link #separateEndpoints(String, String, String, String) separate endpoints}, as the original
 *       guide deployed them: four URLs and no {@code /voices}, so the reference audio travels inline with
 *       every request. {@link #modalWorkspace(String)} derives the four URLs from a Modal workspace.
 * </ul>
 * Immutable.
 */
public final class QwenEndpoints {
  /** Setting: the base URL of a modal-deploy Qwen service. */
  public static final String URL = "UTTER_QWEN_URL";
  /** Setting: the Modal workspace of a separate-endpoints deployment; its four URLs are derived from it. */
  public static final String WORKSPACE = "UTTER_QWEN_WORKSPACE";
  /** Setting (the original app's): the Modal app name of a separate-endpoints deployment. */
  public static final String MODAL_APP = "QWEN_MODAL_APP";
  /** Setting (the original app's): the Modal class name of a separate-endpoints deployment. */
  public static final String MODAL_CLASS = "QWEN_MODAL_CLASS";
  /** Settings: the four endpoint URLs of a separate-endpoints deployment, given one by one. */
  public static final String CLONE_URL = "UTTER_QWEN_CLONE_URL";
  public static final String CLONE_BATCH_URL = "UTTER_QWEN_CLONE_BATCH_URL";
  public static final String HEALTH_URL = "UTTER_QWEN_HEALTH_URL";
  public static final String LANGUAGES_URL = "UTTER_QWEN_LANGUAGES_URL";

  /** The Modal app and class names the original guide deployed the separate endpoints under. */
  public static final String DEFAULT_APP = "qwen3-tts-voice-clone";
  public static final String DEFAULT_CLASS = "Qwen3TTSService";

  private final boolean registersVoices;
  private final HttpUrl clone;
  private final HttpUrl cloneBatch;
  private final HttpUrl health;
  private final HttpUrl languages;
  private final HttpUrl voices;

  private QwenEndpoints(boolean registersVoices, HttpUrl clone, HttpUrl cloneBatch, HttpUrl health,
      HttpUrl languages, HttpUrl voices) {
    this.registersVoices = registersVoices;
    this.clone = clone;
    this.cloneBatch = cloneBatch;
    this.health = health;
    this.languages = languages;
    this.voices = voices;
  }

  /**
   * A modal-deploy Qwen service at {@code baseUrl} (e.g. {@code http://127.0.0.1:8001} or
   * {@code https://ws--utter-qwen-serve.modal.run}).
   *
   * @throws ConfigurationException when it is not an http(s) URL.
   */
  public static QwenEndpoints modalDeploy(String baseUrl) {
    HttpUrl base = parse(baseUrl, URL);
    return new QwenEndpoints(true, route(base, "clone"), route(base, "clone-batch"), route(base, "health"),
        route(base, "languages"), route(base, "voices"));
  }

  /**
   * A deployment whose four endpoints are given one by one (it has no {@code /voices}).
   *
   * @throws ConfigurationException when one is not an http(s) URL.
   */
  public static QwenEndpoints separateEndpoints(String clone, String cloneBatch, String health, String languages) {
    return new QwenEndpoints(false, parse(clone, CLONE_URL), parse(cloneBatch, CLONE_BATCH_URL),
        parse(health, HEALTH_URL), parse(languages, LANGUAGES_URL), null);
  }

  /** The separate endpoints of the guide's app and class names in the Modal {@code workspace}. */
  public static QwenEndpoints modalWorkspace(String workspace) {
    return modalWorkspace(workspace, DEFAULT_APP, DEFAULT_CLASS);
  }

  /**
   * The separate endpoints of {@code app}/{@code cls} in the Modal {@code workspace}, URLs derived by
   * Modal's naming rule {@code https://{workspace}--{app}-{class}-{endpoint}.modal.run}, lower-cased.
   * Modal shortens labels longer than 63 characters; give such URLs one by one with
   * {@link #separateEndpoints(String, String, String, String)}.
   */
  public static QwenEndpoints modalWorkspace(String workspace, String app, String cls) {
    Objects.requireNonNull(workspace, "workspace == null");
    Objects.requireNonNull(app, "app == null");
    Objects.requireNonNull(cls, "cls == null");
    String prefix = "https://" + workspace.strip() + "--" + app.strip() + "-" + cls.strip() + "-";
    return separateEndpoints(derived(prefix, "clone"), derived(prefix, "clone-batch"), derived(prefix, "health"),
        derived(prefix, "languages"));
  }

  /**
   * The endpoints named by {@code settings}: {@code UTTER_QWEN_URL}, else {@code UTTER_QWEN_WORKSPACE}
   * (with {@code QWEN_MODAL_APP} and {@code QWEN_MODAL_CLASS} when set), else the four
   * {@code UTTER_QWEN_*_URL}s.
   *
   * @throws ConfigurationException when none is set, or only some of the four URLs.
   */
  public static QwenEndpoints fromSettings(ProviderSettings settings) {
    Objects.requireNonNull(settings, "settings == null");
    if (settings.get(URL).isPresent()) {
      return modalDeploy(settings.require(URL));
    }
    if (settings.get(WORKSPACE).isPresent()) {
      return modalWorkspace(settings.require(WORKSPACE), settings.get(MODAL_APP).orElse(DEFAULT_APP),
          settings.get(MODAL_CLASS).orElse(DEFAULT_CLASS));
    }
    List<String> urls = List.of(CLONE_URL, CLONE_BATCH_URL, HEALTH_URL, LANGUAGES_URL);
    List<String> missing = new ArrayList<>();
    for (String key : urls) {
      if (settings.get(key).isEmpty()) {
        missing.add(key);
      }
    }
    if (missing.isEmpty()) {
      return separateEndpoints(settings.require(CLONE_URL), settings.require(CLONE_BATCH_URL), settings.require(HEALTH_URL),
          settings.require(LANGUAGES_URL));
    }
    if (missing.size() < urls.size()) {
      throw new ConfigurationException("The separate Qwen endpoints need all four URLs; missing " + missing);
    }
    throw new ConfigurationException("No Qwen service configured: set " + URL + " (a modal-deploy service), or "
        + WORKSPACE + " (the separate endpoints of a Modal workspace), or " + String.join(", ", urls));
  }

  /**
   * Whether the service has a {@code /voices} route to register voices (modal-deploy): the provider then
   * starts with the registered-voice strategy, else it sends the reference inline.
   */
  public boolean registersVoices() {
    return registersVoices;
  }

  HttpUrl cloneUrl() {
    return clone;
  }

  HttpUrl cloneBatchUrl() {
    return cloneBatch;
  }

  HttpUrl healthUrl() {
    return health;
  }

  HttpUrl languagesUrl() {
    return languages;
  }

  HttpUrl voicesUrl() {
    return voices;
  }

  @Override
  public String toString() {
    return registersVoices ? "QwenEndpoints{modal-deploy " + clone.newBuilder().encodedPath("/").build() + "}"
        : "QwenEndpoints{separate " + clone + ", " + cloneBatch + ", " + health + ", " + languages + "}";
  }

  private static String derived(String prefix, String endpoint) {
    return (prefix + endpoint + ".modal.run").toLowerCase(Locale.ROOT);
  }

  private static HttpUrl route(HttpUrl base, String name) {
    return base.newBuilder().addPathSegment(name).build();
  }

  private static HttpUrl parse(String url, String setting) {
    Objects.requireNonNull(url, setting + " == null");
    String trimmed = url.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    HttpUrl parsed = HttpUrl.parse(trimmed);
    if (parsed == null) {
      throw new ConfigurationException(setting + " is not an http(s) URL: " + url);
    }
    return parsed;
  }
}
