package dev.utter.provider.mock.internal;

import java.util.Random;

/**
 * A speech-like signal for a text: voiced syllables (a harmonic tone with a syllable envelope and a
 * little pitch movement) for its words, short silences for its spaces and longer ones at punctuation.
 * Every character takes {@code 1 / CHARS_PER_SECOND} seconds; a clause mark pauses two characters'
 * worth and a sentence end four. The same arguments give the same samples on every JVM and CPU: only
 * IEEE arithmetic, which Java 17 defines bit for bit, no {@link Math#sin}. Not part of the API.
 */
public final class SpeechSignal {
  /** The speaking rate: characters of text per second of audio. */
  public static final double CHARS_PER_SECOND = 14.0;
  /** The pause after {@code . ! ?}, in characters. */
  static final int SENTENCE_PAUSE_CHARS = 4;
  /** The pause after {@code , ; :}, in characters. */
  static final int CLAUSE_PAUSE_CHARS = 2;
  private static final int CHARS_PER_SYLLABLE = 3;
  private static final double PEAK = 9000;
  private static final double ROOM_NOISE = 24;
  private static final double TWO_PI = 2 * Math.PI;

  private final double samplesPerChar;
  private final int sampleRate;
  private final double pitchHz;
  private final double second;
  private final double third;
  private final double fourth;
  private final double harmonicsSum;
  private final Random random;
  private final short[] out;
  private double position; // in characters
  private double phase;

  private SpeechSignal(String text, int sampleRate, double pitchHz, double brightness, long seed) {
    this.sampleRate = sampleRate;
    this.samplesPerChar = sampleRate / CHARS_PER_SECOND;
    this.pitchHz = pitchHz;
    if (brightness == 1) { // the plain voice, bit for bit as before brightness existed
      this.second = 0.5;
      this.third = 0.3;
      this.fourth = 0.15;
      this.harmonicsSum = 1.95;
    } else {
      this.second = 0.5 * brightness;
      this.third = 0.3 * brightness * brightness;
      this.fourth = 0.15 * brightness * brightness * brightness;
      this.harmonicsSum = 1 + second + third + fourth;
    }
    this.random = new Random(seed);
    this.out = new short[length(text, sampleRate)];
  }

  /**
   * Silence as long as the signal for {@code text} at {@code sampleRate}: the same length, no work.
   *
   * @param text the text that would be spoken
   * @param sampleRate samples per second
   * @return a new array of zero PCM16 samples
   */
  public static short[] silence(String text, int sampleRate) {
    return new short[length(text, sampleRate)];
  }

  private static int length(String text, int sampleRate) {
    return (int) Math.round(lengthInChars(text) * (sampleRate / CHARS_PER_SECOND));
  }

  /**
   * The signal for {@code text}, at {@code sampleRate}, around {@code pitchHz}; {@code seed} varies the
   * syllables' pitch, loudness and noise.
   *
   * @param text the text to speak; each character takes {@code 1 / CHARS_PER_SECOND} s, pauses more
   * @param sampleRate samples per second
   * @param pitchHz the voice's base pitch in Hz
   * @param seed varies the syllables; the same arguments give the same samples
   * @return a new array of mono PCM16 samples
   */
  public static short[] of(String text, int sampleRate, double pitchHz, long seed) {
    return of(text, sampleRate, pitchHz, 1, seed);
  }

  /**
   * The signal of {@link #of(String, int, double, long)} with a timbre: {@code brightness} scales the
   * overtones (the second harmonic by it, the third by its square, the fourth by its cube), so values
   * under 1 sound darker and over 1 brighter; 1 is the plain voice.
   *
   * @param text the text to speak; each character takes {@code 1 / CHARS_PER_SECOND} s, pauses more
   * @param sampleRate samples per second
   * @param pitchHz the voice's base pitch in Hz
   * @param brightness the overtone scale; over 0
   * @param seed varies the syllables; the same arguments give the same samples
   * @return a new array of mono PCM16 samples
   * @throws IllegalArgumentException when {@code brightness} is not over 0
   */
  public static short[] of(String text, int sampleRate, double pitchHz, double brightness, long seed) {
    if (!(brightness > 0)) {
      throw new IllegalArgumentException("brightness must be > 0: " + brightness);
    }
    SpeechSignal signal = new SpeechSignal(text, sampleRate, pitchHz, brightness, seed);
    signal.render(text);
    return signal.out;
  }

  /** How long {@code text} speaks, in characters' worth of time. */
  static double lengthInChars(String text) {
    double length = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      length += isVoiced(c) ? 1 : pauseChars(c);
      i += Character.charCount(c);
    }
    return length;
  }

  private void render(String text) {
    int wordLength = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (isVoiced(c)) {
        wordLength++;
        continue;
      }
      word(wordLength);
      wordLength = 0;
      pause(pauseChars(c));
    }
    word(wordLength);
  }

  private static boolean isVoiced(int c) {
    return Character.isLetterOrDigit(c) || c == '\'' || c == '\u2019';
  }

  private static int pauseChars(int c) {
    switch (c) {
      case '.': case '!': case '?': case '\u3002': case '\uff01': case '\uff1f':
        return SENTENCE_PAUSE_CHARS;
      case ',': case ';': case ':': case '\u3001': case '\uff0c': case '\uff1b':
        return CLAUSE_PAUSE_CHARS;
      default:
        return 1;
    }
  }

  private void word(int chars) {
    if (chars == 0) {
      return;
    }
    int syllables = Math.max(1, Math.round(chars / (float) CHARS_PER_SYLLABLE));
    double perSyllable = chars / (double) syllables;
    for (int s = 0; s < syllables; s++) {
      syllable(perSyllable);
    }
  }

  private void syllable(double chars) {
    int from = sampleAt(position);
    int to = sampleAt(position + chars);
    position += chars;
    double startHz = pitchHz * (0.92 + 0.16 * random.nextDouble());
    double endHz = startHz * (0.94 + 0.1 * random.nextDouble());
    double loudness = PEAK * (0.6 + 0.4 * random.nextDouble());
    int length = Math.max(1, to - from);
    for (int n = from; n < to; n++) {
      double t = (n - from) / (double) length;
      double hz = startHz + (endHz - startHz) * t;
      phase += TWO_PI * hz / sampleRate;
      if (phase >= TWO_PI) {
        phase -= TWO_PI;
      }
      // The harmonics follow from sin and cos of the phase.
      double sin = sin(phase);
      double cos = sin(phase < 1.5 * Math.PI ? phase + 0.5 * Math.PI : phase - 1.5 * Math.PI);
      double sin2 = 2 * sin * cos;
      double cos2 = 1 - 2 * sin * sin;
      double sin3 = sin * (3 - 4 * sin * sin);
      double sin4 = 2 * sin2 * cos2;
      double voice = sin + second * sin2 + third * sin3 + fourth * sin4;
      double envelope = Math.sqrt(sin(Math.PI * t));
      out[n] = clip(loudness * envelope * voice / harmonicsSum + noise());
    }
  }

  private void pause(int chars) {
    int from = sampleAt(position);
    int to = sampleAt(position + chars);
    position += chars;
    for (int n = from; n < to; n++) {
      out[n] = clip(noise());
    }
  }

  private double noise() {
    return ROOM_NOISE * (random.nextDouble() * 2 - 1);
  }

  private int sampleAt(double chars) {
    return (int) Math.min(out.length, Math.round(chars * samplesPerChar));
  }

  /**
   * The sine of {@code x}, for {@code 0 <= x < 2π}, within 1e-9: a Taylor polynomial on [0, π/2] and
   * the sine's symmetries. Unlike {@link Math#sin}, the same bits on every JVM, and faster than
   * {@link StrictMath#sin}.
   */
  static double sin(double x) {
    double sign = 1;
    if (x >= Math.PI) {
      x -= Math.PI;
      sign = -1;
    }
    if (x > 0.5 * Math.PI) {
      x = Math.PI - x;
    }
    double x2 = x * x;
    return sign * x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72 * (1 - x2 / 110
        * (1 - x2 / 156))))));
  }

  private static short clip(double value) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
  }
}
