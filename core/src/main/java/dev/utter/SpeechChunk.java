package dev.utter;

import dev.utter.audio.PcmAudio;

/**
 * One piece of streamed speech, delivered in text order. Pieces played back to back are the whole
 * speech, joins included.
 *
 * @param index the zero-based index of the text chunk this piece ends with
 * @param total the number of text chunks in the generation
 * @param text the text chunk this piece speaks
 * @param audio the audio, ready to play
 */
public record SpeechChunk(int index, int total, String text, PcmAudio audio) {
  /**
   * Whether this piece ends the speech.
   *
   * @return true for the piece of the last text chunk
   */
  public boolean isLast() {
    return index == total - 1;
  }
}
