package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavStreamWriterTest {
  private static PcmAudio tone(int rate, int n, int pitch) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) (9000 * Math.sin(2 * Math.PI * pitch * i / rate));
    }
    return PcmAudio.of(rate, s);
  }

  @Test
  void fileHeaderGetsTheFinalSizesAndFfprobeReadsIt(@TempDir Path dir) throws IOException {
    Encoders.require("ffprobe");
    Path file = dir.resolve("out.wav");
    try (WavStreamWriter writer = WavStreamWriter.toFile(file, 24000)) {
      writer.write(tone(24000, 24000, 200));
      writer.write(tone(24000, 12001, 300));
    }
    PcmAudio back = Wav.read(Files.readAllBytes(file));
    assertEquals(36001, back.length());
    assertEquals(36001 / 24000.0, Encoders.ffprobeDuration(file), 0.001);
  }

  @Test
  void streamHeaderIsOpenEndedAndTheDataFollows() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcmAudio audio = tone(8000, 800, 200);
    try (WavStreamWriter writer = WavStreamWriter.toStream(out, 8000)) {
      writer.write(audio);
    }
    byte[] bytes = out.toByteArray();
    assertEquals(0xFFFFFFFFL, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xFFFFFFFFL);
    assertEquals(audio, Wav.read(bytes));
  }

  @Test
  void closeIsIdempotent(@TempDir Path dir) throws IOException {
    WavStreamWriter writer = WavStreamWriter.toFile(dir.resolve("x.wav"), 8000);
    writer.close();
    writer.close();
    assertEquals(44, Files.size(dir.resolve("x.wav")));
  }

  @Test
  void rejectsBadArgumentsAndWritesAfterClose(@TempDir Path dir) throws IOException {
    assertThrows(IllegalArgumentException.class, () -> WavStreamWriter.toStream(new ByteArrayOutputStream(), 0));
    WavStreamWriter writer = WavStreamWriter.toFile(dir.resolve("y.wav"), 8000);
    assertThrows(IllegalArgumentException.class, () -> writer.write(PcmAudio.silence(16000, 1)));
    writer.close();
    assertThrows(IOException.class, () -> writer.write(PcmAudio.silence(8000, 1)));
  }

  @Test
  void writesMoreThanOneBufferAtATime(@TempDir Path dir) throws IOException {
    PcmAudio audio = tone(48000, 100_003, 440); // several times the writer's buffer
    Path file = dir.resolve("long.wav");
    try (WavStreamWriter writer = WavStreamWriter.toFile(file, 48000)) {
      writer.write(audio);
    }
    assertEquals(audio, Wav.read(Files.readAllBytes(file)));
  }
}
