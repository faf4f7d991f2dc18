package dev.utter;

import dev.utter.audio.EncodingWriter;
import dev.utter.internal.generation.Generation;
import java.io.ByteArrayOutputStream;
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
 * <p>Consume it once, one way: iterate its PCM chunks; read it in the request's {@link #format()} with
 * {@link #openStream()} or copy it so with {@link #writeTo(OutputStream)}; or read it as PCM with
 * {@link #openPcmStream()}, or copy it as WAV with {@link #writeWavTo(OutputStream)}. The encoded doors
 * deliver each chunk's bytes as soon as the chunk is ready (all whole MP3 frames or Ogg pages so far), and
 * everything they deliver, put together, is one valid file. A failure of the generation, an {@link Error}
 * included, is thrown from the
 * iterator (or the stream) when reached. The caller closes the stream; closing before the end cancels
 * the generation, after which no provider call starts. Not thread-safe: one consumer.
 */
public final class SpeechStream implements Iterable<SpeechChunk>, AutoCloseable {
  private static final Object END = new Object();

  private final Generation generation;
  private final OutputFormat format;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
  private final Future<?> driver;
  private boolean iterated;
  private Object head;
  private boolean closed;

  SpeechStream(Generation generation, ExecutorService executor, OutputFormat format) {
    this.generation = generation;
    this.format = format.resolve(generation.sampleRate());
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

  /** The format {@link #openStream()} and {@link #writeTo(OutputStream)} deliver, its rate settled. */
  public OutputFormat format() {
    return format;
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
   * The speech in {@link #format()}, each chunk's bytes readable as soon as the chunk is ready. Closing the
   * returned stream closes this one.
   */
  public InputStream openStream() {
    return openEncoded(format);
  }

  /**
   * The speech as raw little-endian 16-bit mono PCM, at {@link #sampleRate()}. Closing the returned
   * stream closes this one.
   */
  public InputStream openPcmStream() {
    return openEncoded(OutputFormat.PCM_S16LE);
  }

  /**
   * Copies the speech to {@code out} in {@link #format()} as it arrives, flushing {@code out} after each
   * chunk. Does not close {@code out}.
   */
  public void writeTo(OutputStream out) throws IOException {
    writeTo(out, format);
  }

  /**
   * Copies the speech to {@code out} as a WAV stream (16-bit PCM at {@link #sampleRate()}) as it arrives.
   * The header declares an open-ended length, since the total is unknown when it is written. Does not
   * close {@code out}.
   */
  public void writeWavTo(OutputStream out) throws IOException {
    writeTo(out, OutputFormat.WAV);
  }

  private void writeTo(OutputStream out, OutputFormat encoding) throws IOException {
    EncodingWriter writer = EncodingWriter.open(encoding, sampleRate(), out);
    for (SpeechChunk chunk : this) {
      writer.write(chunk.audio());
      writer.flush();
    }
    writer.finish();
  }

  private InputStream openEncoded(OutputFormat encoding) {
    Iterator<SpeechChunk> chunks = iterator();
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    EncodingWriter writer;
    try {
      writer = EncodingWriter.open(encoding, sampleRate(), pending);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return new InputStream() {
      private byte[] buffer = new byte[0];
      private int position;
      private boolean ended;

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
          if (ended) {
            return -1;
          }
          if (chunks.hasNext()) {
            writer.write(chunks.next().audio());
            writer.flush();
          } else {
            writer.finish();
            ended = true;
          }
          buffer = pending.toByteArray();
          pending.reset();
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
}
