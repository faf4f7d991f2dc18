package dev.utter.internal.generation;

import dev.utter.audio.PcmAudio;
import java.io.IOException;

/** Where a generation's joined audio goes, piece by piece, in text order. */
public interface AudioSink {
  /**
   * Takes the next piece of joined audio.
   *
   * @param index the text chunk the piece ends with
   * @param total the number of text chunks
   * @param text that chunk's text
   * @param audio the piece, at the provider's sample rate
   * @throws IOException when the sink cannot write the audio; the generation then ends with it
   * @throws InterruptedException when the thread is interrupted while the sink waits
   */
  void accept(int index, int total, String text, PcmAudio audio) throws IOException, InterruptedException;
}
