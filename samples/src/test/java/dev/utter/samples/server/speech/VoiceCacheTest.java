package dev.utter.samples.server.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.VoiceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceCacheTest {
  private static final int RATE = 16_000;
  /** 12 s of PCM16 mono at 16 kHz plus the header. */
  private static final long REFERENCE_BYTES = 12L * RATE * 2 + 44;

  @TempDir Path dataDir;
  DataFiles files;

  @BeforeEach
  void open() {
    files = DataFiles.open(dataDir);
  }

  @Test
  void buildsAVoiceOnceAndReusesItUntilForgotten() throws IOException {
    VoiceCache cache = new VoiceCache(files, 10 * REFERENCE_BYTES);
    VoiceRecord ada = stored("Ada");

    Voice first = cache.voice(ada);
    assertSame(first, cache.voice(ada));
    Files.delete(files.resolve(ada.referencePath()));
    assertSame(first, cache.voice(ada), "the reference was read again");
    assertEquals("Ada", first.name());
    assertEquals(12.0, first.reference().duration().toMillis() / 1000.0, 0.01);

    cache.forget(ada.id());
    writeReference(ada);
    assertNotSame(first, cache.voice(ada));
  }

  @Test
  void holdsAtMostItsBudgetDroppingTheLeastRecentlyUsed() throws IOException {
    VoiceCache cache = new VoiceCache(files, 2 * REFERENCE_BYTES);
    VoiceRecord a = stored("A");
    VoiceRecord b = stored("B");
    VoiceRecord c = stored("C");
    Voice voiceA = cache.voice(a);
    Voice voiceB = cache.voice(b);
    assertSame(voiceA, cache.voice(a)); // A is now the most recently used
    cache.voice(c);                     // over budget: B goes

    assertSame(voiceA, cache.voice(a));
    assertNotSame(voiceB, cache.voice(b));
  }

  @Test
  void aVoiceLargerThanTheBudgetIsBuiltForEachUse() throws IOException {
    VoiceCache cache = new VoiceCache(files, REFERENCE_BYTES - 1);
    VoiceRecord ada = stored("Ada");
    assertNotSame(cache.voice(ada), cache.voice(ada));
  }

  private VoiceRecord stored(String name) throws IOException {
    String id = DataFiles.newId();
    VoiceRecord record = new VoiceRecord(id, name, "references/" + id + ".wav", "Hello, this is my voice.",
        "English", Instant.parse("2026-01-01T00:00:00Z"));
    writeReference(record);
    return record;
  }

  private void writeReference(VoiceRecord record) throws IOException {
    short[] samples = new short[12 * RATE];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 150 * i / RATE));
    }
    Files.write(files.resolve(record.referencePath()), Wav.write(PcmAudio.of(RATE, samples)));
  }
}
