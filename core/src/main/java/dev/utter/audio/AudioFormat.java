package dev.utter.audio;

/** The container formats the SDK recognises by content. */
public enum AudioFormat {
  WAV("audio/wav", ".wav"),
  MP3("audio/mpeg", ".mp3"),
  M4A("audio/mp4", ".m4a");

  private final String mediaType;
  private final String extension;

  AudioFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The IANA media type, e.g. {@code audio/wav}. */
  public String mediaType() {
    return mediaType;
  }

  /** The usual file extension with its dot, e.g. {@code .wav}. */
  public String extension() {
    return extension;
  }
}
