package dev.utter.samples.server.speech;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.VoiceRecord;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SDK {@link Voice} per stored voice, built from its row and reference file the first time it is
 * needed and kept, so a generation neither re-reads nor re-hashes a reference of up to 50 MB. A
 * {@code Voice} holds its reference in memory, so the cache holds at most {@code maxBytes} of
 * references, dropping the least recently used first; a voice larger than that is built for each use
 * and not kept. {@link #forget} drops a deleted voice. Thread-safe.
 */
public final class VoiceCache {
  private final DataFiles files;
  private final long maxBytes;
  private final Map<String, Voice> voices = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  public VoiceCache(DataFiles files, long maxBytes) {
    this.files = Objects.requireNonNull(files, "files == null");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The voice of {@code record}, built now if it is not cached. */
  public Voice voice(VoiceRecord record) {
    synchronized (voices) {
      Voice cached = voices.get(record.id());
      if (cached != null) {
        return cached;
      }
    }
    Voice voice = Voice.builder()
        .id(record.id())
        .name(record.name())
        .reference(files.resolve(record.referencePath()))
        .transcript(record.transcript())
        .language(Language.fromWireName(record.language()))
        .createdAt(record.createdAt())
        .build();
    keep(voice);
    return voice;
  }

  /** Drops the voice {@code voiceId}, if cached. */
  public void forget(String voiceId) {
    synchronized (voices) {
      Voice gone = voices.remove(voiceId);
      if (gone != null) {
        bytes -= size(gone);
      }
    }
  }

  private void keep(Voice voice) {
    long size = size(voice);
    if (size > maxBytes) {
      return;
    }
    synchronized (voices) {
      Voice replaced = voices.put(voice.id(), voice);
      bytes += size - (replaced == null ? 0 : size(replaced));
      for (Iterator<Voice> eldest = voices.values().iterator(); bytes > maxBytes && eldest.hasNext(); ) {
        bytes -= size(eldest.next());
        eldest.remove();
      }
    }
  }

  private static long size(Voice voice) {
    return voice.reference().size();
  }
}
