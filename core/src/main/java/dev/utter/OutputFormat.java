package dev.utter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What speech is delivered as: an encoding, a sample rate and, for MP3 and Opus, a bitrate. Always mono.
 *
 * <p>Formats have names, as ElevenLabs spells them: {@code wav_RATE}, {@code pcm_RATE} (raw s16le),
 * {@code mp3_RATE_KBPS}, {@code opus_RATE_KBPS} (Opus in Ogg), {@code ulaw_8000}, {@code alaw_8000} (raw
 * G.711), plus {@code wav_ulaw_8000} and {@code wav_alaw_8000} (G.711 in a WAV file). {@link #parse} turns a
 * name into a format; {@link #names()} lists every valid one. {@link #WAV} and {@link #PCM_S16LE}, named
 * {@code wav} and {@code pcm}, keep the provider's own sample rate, so no resampling happens.
 *
 * <p>Which formats exist: WAV and PCM at 8000, 16000, 22050, 24000, 44100 and 48000 Hz; μ-law and A-law at
 * 8000 Hz; MP3 (constant bitrate) at 16000, 22050, 24000 Hz with 32–160 kb/s and at 44100, 48000 Hz with
 * 32–192 kb/s; Opus at 16000, 24000, 48000 Hz with 16–192 kb/s. MP3 and Opus need the optional module
 * {@code dev.utter:utter-codecs} on the class path. Immutable and thread-safe.
 */
public final class OutputFormat {
  /** How samples are coded. */
  public enum Encoding {
    /** 16-bit PCM in a RIFF WAV file. */
    WAV("wav", "audio/wav", "wav"),
    /** Raw little-endian 16-bit PCM, no header. */
    PCM("pcm", "audio/L16", "pcm"),
    /** Raw G.711 μ-law, one byte a sample. */
    ULAW("ulaw", "audio/basic", "ulaw"),
    /** Raw G.711 A-law, one byte a sample. */
    ALAW("alaw", "audio/x-alaw-basic", "alaw"),
    /** G.711 μ-law in a WAV file (format tag 7). */
    WAV_ULAW("wav_ulaw", "audio/wav", "wav"),
    /** G.711 A-law in a WAV file (format tag 6). */
    WAV_ALAW("wav_alaw", "audio/wav", "wav"),
    /** MPEG-1/2 Layer III, constant bitrate. Needs {@code utter-codecs}. */
    MP3("mp3", "audio/mpeg", "mp3"),
    /** Opus in an Ogg stream. Needs {@code utter-codecs}. */
    OPUS("opus", "audio/ogg", "opus");

    private final String prefix;
    private final String contentType;
    private final String fileExtension;

    Encoding(String prefix, String contentType, String fileExtension) {
      this.prefix = prefix;
      this.contentType = contentType;
      this.fileExtension = fileExtension;
    }

    /** Whether this encoding needs an encoder from outside core ({@code utter-codecs}). */
    public boolean needsCodecLibrary() {
      return this == MP3 || this == OPUS;
    }
  }

  private static final int[] PCM_RATES = {8000, 16000, 22050, 24000, 44100, 48000};
  private static final int[] MP3_LOW_RATES = {16000, 22050, 24000};
  private static final int[] MP3_LOW_KBPS = {32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
  private static final int[] MP3_HIGH_RATES = {44100, 48000};
  private static final int[] MP3_HIGH_KBPS = {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192};
  private static final int[] OPUS_RATES = {16000, 24000, 48000};
  private static final int[] OPUS_KBPS = {16, 24, 32, 48, 64, 96, 128, 192};

  /** A WAV file (16-bit PCM) at the provider's sample rate: the default. */
  public static final OutputFormat WAV = new OutputFormat(Encoding.WAV, 0, 0);
  /** Raw little-endian 16-bit PCM at the provider's sample rate. */
  public static final OutputFormat PCM_S16LE = new OutputFormat(Encoding.PCM, 0, 0);
  /** Raw G.711 μ-law at 8 kHz, as telephony (e.g. Twilio media streams) wants it. */
  public static final OutputFormat ULAW_8000 = new OutputFormat(Encoding.ULAW, 8000, 0);
  /** Raw G.711 A-law at 8 kHz. */
  public static final OutputFormat ALAW_8000 = new OutputFormat(Encoding.ALAW, 8000, 0);

  private static final List<OutputFormat> ALL = all();

  private final Encoding encoding;
  private final int sampleRate;
  private final int kbps;

  private OutputFormat(Encoding encoding, int sampleRate, int kbps) {
    this.encoding = encoding;
    this.sampleRate = sampleRate;
    this.kbps = kbps;
  }

  /** A WAV file at {@code sampleRate}. @throws InvalidRequestException for a rate not listed above. */
  public static OutputFormat wav(int sampleRate) {
    return checked(new OutputFormat(Encoding.WAV, sampleRate, 0));
  }

  /** Raw s16le PCM at {@code sampleRate}. @throws InvalidRequestException for a rate not listed above. */
  public static OutputFormat pcm(int sampleRate) {
    return checked(new OutputFormat(Encoding.PCM, sampleRate, 0));
  }

  /** MP3 at {@code sampleRate} and {@code kbps}. @throws InvalidRequestException for a pair not listed above. */
  public static OutputFormat mp3(int sampleRate, int kbps) {
    return checked(new OutputFormat(Encoding.MP3, sampleRate, kbps));
  }

  /** Opus in Ogg at {@code sampleRate} and {@code kbps}. @throws InvalidRequestException for a pair not listed above. */
  public static OutputFormat opus(int sampleRate, int kbps) {
    return checked(new OutputFormat(Encoding.OPUS, sampleRate, kbps));
  }

  /** G.711 μ-law ({@code inWav} false: raw; true: in a WAV file) at 8 kHz. */
  public static OutputFormat ulaw(boolean inWav) {
    return inWav ? new OutputFormat(Encoding.WAV_ULAW, 8000, 0) : ULAW_8000;
  }

  /** G.711 A-law ({@code inWav} false: raw; true: in a WAV file) at 8 kHz. */
  public static OutputFormat alaw(boolean inWav) {
    return inWav ? new OutputFormat(Encoding.WAV_ALAW, 8000, 0) : ALAW_8000;
  }

  /**
   * The format called {@code name} (case-insensitive, e.g. {@code mp3_44100_128}, {@code pcm_16000}).
   *
   * @throws InvalidRequestException for a name that is not a format, listing the valid names.
   */
  public static OutputFormat parse(String name) {
    Objects.requireNonNull(name, "name == null");
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (OutputFormat format : ALL) {
      if (format.name().equals(wanted)) {
        return format;
      }
    }
    throw new InvalidRequestException("Unknown output format '" + name + "'. Valid formats: "
        + String.join(", ", names()));
  }

  /** Every valid format name, in a stable order. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(ALL.size());
    for (OutputFormat format : ALL) {
      names.add(format.name());
    }
    return Collections.unmodifiableList(names);
  }

  public Encoding encoding() {
    return encoding;
  }

  /** The sample rate, or empty for {@link #WAV} and {@link #PCM_S16LE}, which keep the provider's. */
  public OptionalInt sampleRate() {
    return sampleRate == 0 ? OptionalInt.empty() : OptionalInt.of(sampleRate);
  }

  /**
   * This format with its sample rate settled for a provider that speaks at {@code providerRate}: itself
   * when it has a rate, else the same encoding at {@code providerRate} (whose name {@link #parse} may not
   * know, when that rate is not in the list above).
   */
  public OutputFormat resolve(int providerRate) {
    if (sampleRate != 0) {
      return this;
    }
    if (providerRate <= 0) {
      throw new IllegalArgumentException("providerRate <= 0: " + providerRate);
    }
    return new OutputFormat(encoding, providerRate, kbps);
  }

  /** The bitrate in kb/s for MP3 and Opus, or empty. */
  public OptionalInt kbps() {
    return kbps == 0 ? OptionalInt.empty() : OptionalInt.of(kbps);
  }

  /**
   * The MIME type to serve it with, e.g. {@code audio/mpeg}; raw PCM is {@code audio/L16} with its rate
   * (RFC 2586) once {@linkplain #resolve resolved}.
   */
  public String contentType() {
    if (encoding == Encoding.PCM) {
      return sampleRate == 0 ? "audio/L16;channels=1" : "audio/L16;rate=" + sampleRate + ";channels=1";
    }
    return encoding.contentType;
  }

  /** The usual file extension, without the dot, e.g. {@code mp3}. */
  public String fileExtension() {
    return encoding.fileExtension;
  }

  /** The name {@link #parse} reads back, e.g. {@code mp3_44100_128}; {@code wav} or {@code pcm} for the defaults. */
  public String name() {
    StringBuilder name = new StringBuilder(encoding.prefix);
    if (sampleRate != 0) {
      name.append('_').append(sampleRate);
    }
    if (kbps != 0) {
      name.append('_').append(kbps);
    }
    return name.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputFormat other
        && other.encoding == encoding && other.sampleRate == sampleRate && other.kbps == kbps;
  }

  @Override
  public int hashCode() {
    return Objects.hash(encoding, sampleRate, kbps);
  }

  @Override
  public String toString() {
    return name();
  }

  private static OutputFormat checked(OutputFormat format) {
    if (!ALL.contains(format)) {
      throw new InvalidRequestException("Unsupported output format '" + format.name() + "'. Valid formats: "
          + String.join(", ", names()));
    }
    return format;
  }

  private static List<OutputFormat> all() {
    List<OutputFormat> all = new ArrayList<>();
    all.add(WAV);
    all.add(PCM_S16LE);
    for (int rate : PCM_RATES) {
      all.add(new OutputFormat(Encoding.WAV, rate, 0));
    }
    for (int rate : PCM_RATES) {
      all.add(new OutputFormat(Encoding.PCM, rate, 0));
    }
    all.add(ULAW_8000);
    all.add(ALAW_8000);
    all.add(new OutputFormat(Encoding.WAV_ULAW, 8000, 0));
    all.add(new OutputFormat(Encoding.WAV_ALAW, 8000, 0));
    addCoded(all, Encoding.MP3, MP3_LOW_RATES, MP3_LOW_KBPS);
    addCoded(all, Encoding.MP3, MP3_HIGH_RATES, MP3_HIGH_KBPS);
    addCoded(all, Encoding.OPUS, OPUS_RATES, OPUS_KBPS);
    return List.copyOf(all);
  }

  private static void addCoded(List<OutputFormat> all, Encoding encoding, int[] rates, int[] kbps) {
    for (int rate : rates) {
      for (int k : kbps) {
        all.add(new OutputFormat(encoding, rate, k));
      }
    }
  }
}
