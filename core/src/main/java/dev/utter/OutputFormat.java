package dev.utter;

/** The encodings the SDK writes speech in. */
public enum OutputFormat {
  /** A RIFF WAV file, 16-bit PCM mono, at the provider's sample rate. */
  WAV,
  /** Raw little-endian 16-bit PCM mono, no header. */
  PCM_S16LE
}
