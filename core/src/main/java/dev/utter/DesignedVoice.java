package dev.utter;

import dev.utter.UtterException.Details;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of {@link Utter#design}: the preview the designed voice spoke, and a ready {@link Voice}
 * made from it, whose reference recording is the preview as a WAV file and whose transcript is the
 * preview text. Speak any text in it like a cloned voice:
 *
 * <pre>{@code
 * DesignedVoice designed = utter.design(DesignRequest.builder(description, previewText).build());
 * Speech speech = utter.generate(GenerationRequest.builder(designed.voice(), longText).build());
 * }</pre>
 *
 * <p><b>Reference length.</b> A cloned voice needs 10 to 300 s of reference recording, because an
 * arbitrary recording needs that much to show a voice. A designed preview is clean speech whose
 * transcript is exact, and Qwen3-TTS clones from a few seconds of such audio, so a designed voice
 * needs only {@value #MIN_PREVIEW_SECONDS} s (see {@link ReferenceAudio#ofDesignedPreview(byte[])}).
 * A preview shorter than that fails the design with an {@link InvalidRequestException} (code
 * {@code preview_too_short}) asking for a longer preview text.
 *
 * <p>Immutable and safe to share; it holds the preview in memory and has nothing to close.
 */
public final class DesignedVoice {
  /** The shortest preview a designed voice is made from, in seconds. */
  public static final double MIN_PREVIEW_SECONDS = 3;

  private final DesignRequest request;
  private final PcmAudio preview;
  private final Voice voice;

  private DesignedVoice(DesignRequest request, PcmAudio preview, Voice voice) {
    this.request = request;
    this.preview = preview;
    this.voice = voice;
  }

  /**
   * The designed voice made from {@code preview}, the audio a designer spoke for {@code request}.
   * Checks the length first, so a too-short preview fails before any WAV is written.
   *
   * @param request the validated request the preview was spoken for; not null
   * @param preview the designer's audio; not null, kept as is (it is immutable)
   * @return the designed voice, its reference the preview written as WAV
   * @throws InvalidRequestException with code {@code preview_too_short} when the preview is shorter
   *     than {@value #MIN_PREVIEW_SECONDS} s, {@code audio_too_long} when over 300 s, or
   *     {@code file_too_large} when its WAV is over 50 MB
   * @throws NullPointerException when {@code request} or {@code preview} is null
   */
  public static DesignedVoice of(DesignRequest request, PcmAudio preview) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(preview, "preview == null");
    if (preview.durationSeconds() < MIN_PREVIEW_SECONDS) {
      throw new InvalidRequestException(String.format(Locale.ROOT,
          "The preview is %.1f s long; a designed voice needs at least %.0f s of speech."
              + " Use a longer preview text.", preview.durationSeconds(), MIN_PREVIEW_SECONDS),
          Details.ofCode("preview_too_short"), null);
    }
    Voice voice = Voice.builder()
        .name(request.voiceName())
        .reference(ReferenceAudio.ofDesignedPreview(Wav.write(preview)))
        .transcript(request.text())
        .language(request.language())
        .build();
    return new DesignedVoice(request, preview, voice);
  }

  /**
   * What was asked for.
   *
   * @return the request this voice was designed from
   */
  public DesignRequest request() {
    return request;
  }

  /**
   * The preview: the designed voice speaking {@link DesignRequest#text()}.
   *
   * @return the preview as PCM at the designer's sample rate, at least {@value #MIN_PREVIEW_SECONDS} s
   */
  public PcmAudio preview() {
    return preview;
  }

  /**
   * The preview as a WAV file: the bytes of the voice's reference recording.
   *
   * @return a fresh copy on each call, which the caller owns
   */
  public byte[] previewWav() {
    return voice.reference().bytes();
  }

  /**
   * The playing time of the preview.
   *
   * @return the duration of the reference WAV: {@value #MIN_PREVIEW_SECONDS} to 300 s
   */
  public Duration duration() {
    return voice.reference().duration();
  }

  /**
   * The designed voice: named {@link DesignRequest#voiceName()}, the preview as its reference, the
   * preview text as its transcript, the request's language. Keep its {@link Voice#reference()} bytes
   * to use the voice again later without designing it again.
   *
   * @return the ready voice, the same instance on each call
   */
  public Voice voice() {
    return voice;
  }

  @Override
  public String toString() {
    return "DesignedVoice{" + voice + '}';
  }
}
