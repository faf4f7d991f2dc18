package dev.utter.audio;

/** The container formats the SDK recognises by content. */
public enum AudioFormat {
  /** RIFF WAVE, {@code audio/wav}. */
  WAV("audio/wav", ".wav"),
  /** MPEG audio, {@code audio/mpeg}. */
  MP3("audio/mpeg", ".mp3"),
  /** MPEG-4 audio (AAC in an MP4 container), {@code audio/mp4}. */
  M4A("audio/mp4", ".m4a");

  private final String mediaType;
  private final String extension;

  AudioFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /**
   * The IANA media type, e.g. {@code audio/wav}.
   *
   * @return never null
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The usual file extension with its dot, e.g. {@code .wav}.
   *
   * @return never null
   */
  public String extension() {
    return extension;
  }
}
