package dev.utter;

import dev.utter.audio.WavStreamWriter;
import dev.utter.internal.generation.Generation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Speech delivered chunk by chunk, in text order, as soon as each chunk is synthesized and every
 * chunk before it has been delivered. The first chunk is available before the last one is done.
 *
 * <p>Iterate it once, read it as PCM with {@link #openPcmStream()}, or copy it as WAV with
 * {@link #writeWavTo(OutputStream)}: one of the three. A failure of the generation, an {@link Error}
 * included, is thrown from the iterator (or the stream) when reached. The caller closes the stream; closing before the end cancels
 * the generation, after which no provider call starts. Not thread-safe: one consumer.
 */
public final class SpeechStream implements Iterable<SpeechChunk>, AutoCloseable {
  private static final Object END = new Object();

  private final Generation generation;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
  private final Future<?> driver;
  private boolean iterated;
  private Object head;
  private boolean closed;

  SpeechStream(Generation generation, ExecutorService executor) {
    this.generation = generation;
    this.driver = executor.submit(this::drive);
  }

  private void drive() {
    Object last = END;
    try {
      generation.run((index, total, text, audio) -> queue.put(new SpeechChunk(index, total, text, audio)));
    } catch (Throwable e) { // an Error too: the consumer must learn how the generation ended
      last = e;
    }
    try {
      queue.put(last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The sample rate of every chunk. */
  public int sampleRate() {
    return generation.sampleRate();
  }

  /** The number of text chunks the speech is made of. */
  public int chunkCount() {
    return generation.chunkCount();
  }

  /**
   * The chunks in text order. Each {@code next()} blocks until the chunk is ready.
   *
   * @throws IllegalStateException when called twice.
   */
  @Override
  public Iterator<SpeechChunk> iterator() {
    if (iterated) {
      throw new IllegalStateException("A SpeechStream can be consumed once");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return peek() != END;
      }

      @Override
      public SpeechChunk next() {
        Object item = peek();
        if (item == END) {
          throw new NoSuchElementException();
        }
        head = null;
        return (SpeechChunk) item;
      }
    };
  }

  private Object peek() {
    if (head == null) {
      if (closed) {
        throw new CancellationException("SpeechStream closed");
      }
      try {
        head = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new CancellationException("Interrupted while waiting for speech");
      }
    }
    if (head instanceof RuntimeException e) {
      head = END;
      throw e;
    }
    if (head instanceof Error e) {
      head = END;
      throw e;
    }
    return head;
  }

  /**
   * The speech as raw little-endian 16-bit mono PCM, at {@link #sampleRate()}. Closing the returned
   * stream closes this one.
   */
  public InputStream openPcmStream() {
    Iterator<SpeechChunk> chunks = iterator();
    return new InputStream() {
      private byte[] buffer = new byte[0];
      private int position;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        while (position == buffer.length) {
          if (!chunks.hasNext()) {
            return -1;
          }
          buffer = chunks.next().audio().toPcmBytes();
          position = 0;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
      }

      @Override
      public void close() {
        SpeechStream.this.close();
      }
    };
  }

  /**
   * Copies the speech to {@code out} as a WAV stream as it arrives. The header declares an open-ended
   * length, since the total is unknown when it is written. Does not close {@code out}.
   */
  public void writeWavTo(OutputStream out) throws IOException {
    WavStreamWriter writer = WavStreamWriter.toStream(new NonClosing(out), sampleRate());
    try (writer) {
      for (SpeechChunk chunk : this) {
        writer.write(chunk.audio());
      }
    }
  }

  /** Stops the generation; chunks not yet delivered are dropped. */
  public void cancel() {
    close();
  }

  /** Cancels the generation if it is still running. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    generation.cancel();
    driver.cancel(true);
    queue.clear();
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
