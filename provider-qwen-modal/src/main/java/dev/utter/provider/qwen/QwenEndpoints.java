package dev.utter.provider.qwen;

import dev.utter.ConfigurationException;
import dev.utter.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where a Qwen3-TTS service lives, and which of the two deployments it is:
 * <ul>
 *   <li>{@link #modalDeploy(String) modal-deploy}: one base URL serving {@code /health},
 *       {@code /languages}, {@code /voices}, {@code /clone} and {@code /clone-batch}; voices are
 *       registered once and then referred to by id;
 *   <li>{@link #step6(String, String, String, String) the Step-6 deployment} of the original guide: four
 *       separate endpoint URLs, the reference audio sent as base64 with every request.
 * </ul>
 * Immutable.
 */
public final class QwenEndpoints {
  /** Setting: the base URL of a modal-deploy Qwen service. */
  public static final String URL = "UTTER_QWEN_URL";
  /** Setting: the Modal workspace of a Step-6 deployment; its four URLs are derived from it. */
  public static final String WORKSPACE = "UTTER_QWEN_WORKSPACE";
  /** Setting (the original app's): the Modal app name of a Step-6 deployment. */
  public static final String MODAL_APP = "QWEN_MODAL_APP";
  /** Setting (the original app's): the Modal class name of a Step-6 deployment. */
  public static final String MODAL_CLASS = "QWEN_MODAL_CLASS";
  /** Settings: the four endpoint URLs of a Step-6 deployment, given one by one. */
  public static final String CLONE_URL = "UTTER_QWEN_CLONE_URL";
  public static final String CLONE_BATCH_URL = "UTTER_QWEN_CLONE_BATCH_URL";
  public static final String HEALTH_URL = "UTTER_QWEN_HEALTH_URL";
  public static final String LANGUAGES_URL = "UTTER_QWEN_LANGUAGES_URL";

  /** The Step-6 deployment's Modal app and class names. */
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
   * A Step-6 deployment whose four endpoints are given one by one.
   *
   * @throws ConfigurationException when one is not an http(s) URL.
   */
  public static QwenEndpoints step6(String clone, String cloneBatch, String health, String languages) {
    return new QwenEndpoints(false, parse(clone, CLONE_URL), parse(cloneBatch, CLONE_BATCH_URL),
        parse(health, HEALTH_URL), parse(languages, LANGUAGES_URL), null);
  }

  /** A Step-6 deployment with the guide's app and class names in {@code workspace}. */
  public static QwenEndpoints step6Workspace(String workspace) {
    return step6Workspace(workspace, DEFAULT_APP, DEFAULT_CLASS);
  }

  /**
   * A Step-6 deployment in {@code workspace}, URLs derived by Modal's naming rule
   * {@code https://{workspace}--{app}-{class}-{endpoint}.modal.run}, lower-cased. Modal shortens labels
   * longer than 63 characters; give such URLs one by one with {@link #step6(String, String, String, String)}.
   */
  public static QwenEndpoints step6Workspace(String workspace, String app, String cls) {
    Objects.requireNonNull(workspace, "workspace == null");
    Objects.requireNonNull(app, "app == null");
    Objects.requireNonNull(cls, "cls == null");
    String prefix = "https://" + workspace.strip() + "--" + app.strip() + "-" + cls.strip() + "-";
    return step6(derived(prefix, "clone"), derived(prefix, "clone-batch"), derived(prefix, "health"),
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
      return step6Workspace(settings.require(WORKSPACE), settings.get(MODAL_APP).orElse(DEFAULT_APP),
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
      return step6(settings.require(CLONE_URL), settings.require(CLONE_BATCH_URL), settings.require(HEALTH_URL),
          settings.require(LANGUAGES_URL));
    }
    if (missing.size() < urls.size()) {
      throw new ConfigurationException("The Qwen Step-6 endpoints need all four URLs; missing " + missing);
    }
    throw new ConfigurationException("No Qwen service configured: set " + URL + " (a modal-deploy service), or "
        + WORKSPACE + " (a Step-6 deployment), or " + String.join(", ", urls));
  }

  /** Whether the service registers voices ({@code POST /voices}), as modal-deploy does. */
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
        : "QwenEndpoints{step-6 " + clone + ", " + cloneBatch + ", " + health + ", " + languages + "}";
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
