package dev.utter.samples.server.api;

import dev.utter.Language;
import dev.utter.audio.AudioFormat;
import dev.utter.audio.AudioInfo;
import dev.utter.audio.AudioProbe;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.Voice;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.VoiceRecord;
import dev.utter.samples.server.storage.VoiceStore;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code POST /api/clone}, {@code GET /api/voices}, {@code DELETE /api/voices/{id}} and
 * {@code GET /api/voices/{id}/preview} (also {@code HEAD}). An upload is streamed by Jetty to {@code tmp/} (never held in
 * memory), copied to a temporary file of ours, recognised by content and measured there, and only
 * then moved to {@code references/}; on any failure nothing is left on disk or in the database.
 */
final class VoicesApi {
  static final String VOICE_NOT_FOUND = "Voice not found";

  private final VoiceStore voices;
  private final DataFiles files;
  private final Supplier<ProviderCapabilities> capabilities;
  private final SignedUrls signedUrls;
  private final Clock clock;

  VoicesApi(VoiceStore voices, DataFiles files, Supplier<ProviderCapabilities> capabilities, SignedUrls signedUrls,
      Clock clock) {
    this.voices = voices;
    this.files = files;
    this.capabilities = capabilities;
    this.signedUrls = signedUrls;
    this.clock = clock;
  }

  /** The voice {@code {id}}. @throws ApiException 404 "Voice not found". */
  VoiceRecord voice(String id) {
    return DataFiles.uuid(id).flatMap(voices::find).orElseThrow(() -> ApiException.notFound(VOICE_NOT_FOUND));
  }

  void clone(Context ctx) {
    Multipart form = Multipart.read(ctx);
    String name = Voice.checkName(form.field("name"));
    String transcript = form.field("transcript");
    if (transcript != null && transcript.isBlank()) {
      transcript = null;
    }
    if (transcript != null || capabilities.get().requiresTranscript()) {
      transcript = Voice.checkTranscript(transcript);
    }
    String languageName = form.field("language");
    Language language = supported(languageName == null || languageName.isBlank() ? "Auto" : languageName);
    String checkedTranscript = transcript;
    VoiceRecord voice = store(form.file("audio"), UploadRules::reference, (id, referencePath) ->
        new VoiceRecord(id, name, referencePath, checkedTranscript, language.wireName(), clock.instant()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", voice.id());
    body.put("name", voice.name());
    Json.respond(ctx, 201, body);
  }

  /**
   * Stores the uploaded {@code audio} as the reference recording of a new voice: "No file provided"
   * without one, the file name and size checked, the upload copied to a temporary file, recognised and
   * measured there by {@code check}, moved to {@code references/} and the voice's row, made by
   * {@code row} from the new id and the stored path, inserted. On any failure nothing is left.
   */
  VoiceRecord store(UploadedFile audio, Function<Path, AudioInfo> check,
      BiFunction<String, String, VoiceRecord> row) {
    if (audio == null || audio.filename() == null || audio.filename().isBlank()) {
      throw ApiException.badRequest("No file provided");
    }
    UploadRules.fileName(audio.filename());
    UploadRules.size(audio.size());

    Path upload = files.newTempFile(".upload");
    Path reference = null;
    try {
      copy(audio, upload);
      AudioInfo info = check.apply(upload);
      String id = DataFiles.newId();
      reference = files.reference(id, info.format());
      DataFiles.moveIntoPlace(upload, reference);
      VoiceRecord voice = row.apply(id, files.relative(reference));
      voices.insert(voice);
      reference = null;
      return voice;
    } finally {
      DataFiles.deleteQuietly(upload);
      DataFiles.deleteQuietly(reference);
    }
  }

  void list(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (VoiceRecord voice : voices.list()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", voice.id());
      v.put("name", voice.name());
      v.put("language", voice.language());
      v.put("transcript", voice.transcript());
      v.put("created_at", voice.createdAt().toString());
      v.put("source", voice.source());
      v.put("description", voice.description());
      referenceDuration(voice).ifPresent(d -> v.put("duration_seconds", d));
      String previewUrl = "/api/voices/" + voice.id() + "/preview";
      v.put("preview_url", previewUrl);
      signedUrls.sign(previewUrl).ifPresent(url -> v.put("signed_preview_url", url));
      out.add(v);
    }
    Json.respond(ctx, 200, Map.of("voices", out));
  }

  void delete(Context ctx) {
    String id = Ids.pathId(ctx, VOICE_NOT_FOUND);
    VoiceRecord voice = voices.find(id).orElseThrow(() -> ApiException.notFound(VOICE_NOT_FOUND));
    List<String> audio = voices.delete(id).orElseThrow(() -> ApiException.notFound(VOICE_NOT_FOUND));
    DataFiles.deleteQuietly(files.resolve(voice.referencePath()));
    audio.forEach(path -> DataFiles.deleteQuietly(files.resolve(path)));
    Json.respond(ctx, 200, Map.of("id", id, "deleted", true));
  }

  void preview(Context ctx) {
    VoiceRecord voice = voice(Ids.pathId(ctx, VOICE_NOT_FOUND));
    Path file = files.resolve(voice.referencePath());
    AudioResponses.serve(ctx, file, mediaType(file), VOICE_NOT_FOUND);
  }

  /** The language named {@code name} when the provider speaks it. */
  Language supported(String name) {
    Language language = Language.fromWireName(name);
    capabilities.get().requireSupported(language);
    return language;
  }

  private Optional<Double> referenceDuration(VoiceRecord voice) {
    try {
      return Optional.of(AudioProbe.probe(files.resolve(voice.referencePath())).durationSeconds());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void copy(UploadedFile audio, Path target) {
    try (InputStream in = audio.content(); OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store the upload", e);
    }
  }

  private static String mediaType(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (AudioFormat format : AudioFormat.values()) {
      if (name.endsWith(format.extension())) {
        return format.mediaType();
      }
    }
    return "application/octet-stream";
  }
}
