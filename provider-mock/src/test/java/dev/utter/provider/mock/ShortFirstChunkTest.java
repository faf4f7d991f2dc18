package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.GenerationRequest;
import dev.utter.Speech;
import dev.utter.SpeechChunk;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.testing.TestAudio;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which doors of the client cut the first chunk short, as seen by the provider. */
class ShortFirstChunkTest {
  private static final Voice VOICE = TestAudio.voice(TestAudio.TRANSCRIPT);
  /** About 1300 characters of sentences of 40 to 70 characters. */
  private static final String TEXT = ("The keeper watched the sea from the tower. A storm came in from the west, slowly. "
      + "Nobody on the island slept that night. The boats were pulled up high on the shingle. ").repeat(5)
      .strip();

  @Test
  void aStreamSendsItsFirstSentencesAloneInAShortCall() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    List<String> texts = new ArrayList<>();
    try (Utter utter = Utter.builder().provider(provider).build();
        SpeechStream stream = utter.stream(GenerationRequest.builder(VOICE, TEXT).build())) {
      for (SpeechChunk chunk : stream) {
        texts.add(chunk.text());
      }
    }
    assertEquals("The keeper watched the sea from the tower. A storm came in from the west, slowly.", texts.get(0));
    CallRecorder.Call first = callWithChunk(provider, 0);
    assertEquals(List.of(0), first.chunkIndexes());
    for (String later : texts.subList(1, texts.size() - 1)) {
      assertTrue(later.length() > 200, later);
    }
    assertEquals(TEXT, String.join(" ", texts));
  }

  @Test
  void generateKeepsItsFirstChunkLongByDefault() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    try (Utter utter = Utter.builder().provider(provider).build()) {
      utter.generate(GenerationRequest.builder(VOICE, TEXT).build());
    }
    assertTrue(callWithChunk(provider, 0).texts().get(0).length() > 200);
  }

  @Test
  void firstChunkCharsCutsGeneratesFirstChunkShortAndTheSpeechIsWhole() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    Speech speech;
    try (Utter utter = Utter.builder().provider(provider).firstChunkChars(50).build()) {
      speech = utter.generate(GenerationRequest.builder(VOICE, TEXT).build());
    }
    CallRecorder.Call first = callWithChunk(provider, 0);
    assertEquals(List.of("The keeper watched the sea from the tower."), first.texts());
    String[] spoken = new String[speech.chunks().size()];
    for (CallRecorder.Call call : provider.recorder().calls()) {
      for (int i = 0; i < call.batchSize(); i++) {
        spoken[call.chunkIndexes().get(i)] = call.texts().get(i);
      }
    }
    assertEquals(TEXT, String.join(" ", spoken));
  }

  @Test
  void zeroTurnsTheShortFirstChunkOffForStreams() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    try (Utter utter = Utter.builder().provider(provider).streamFirstChunkChars(0).build();
        SpeechStream stream = utter.stream(GenerationRequest.builder(VOICE, TEXT).build())) {
      assertTrue(stream.iterator().next().text().length() > 200);
    }
  }

  @Test
  void negativeLengthsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Utter.builder().firstChunkChars(-1));
    assertThrows(IllegalArgumentException.class, () -> Utter.builder().streamFirstChunkChars(-1));
  }

  private static CallRecorder.Call callWithChunk(MockTtsProvider provider, int index) {
    return provider.recorder().calls().stream()
        .filter(call -> call.chunkIndexes().contains(index))
        .findFirst()
        .orElseThrow();
  }
}
