package dev.utter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputFormatTest {
  @Test
  void everyListedNameParsesBackToAFormatOfThatName() {
    List<String> names = OutputFormat.names();
    assertEquals(names.size(), new HashSet<>(names).size(), "names are unique");
    for (String name : names) {
      assertEquals(name, OutputFormat.parse(name).name());
      assertEquals(OutputFormat.parse(name), OutputFormat.parse(name.toUpperCase(java.util.Locale.ROOT)));
    }
  }

  @Test
  void theListHoldsTheDocumentedFormats() {
    List<String> names = OutputFormat.names();
    for (int rate : new int[] {8000, 16000, 22050, 24000, 44100, 48000}) {
      assertTrue(names.contains("wav_" + rate));
      assertTrue(names.contains("pcm_" + rate));
    }
    for (String name : List.of("ulaw_8000", "alaw_8000", "wav_ulaw_8000", "wav_alaw_8000", "mp3_22050_32",
        "mp3_24000_48", "mp3_44100_32", "mp3_44100_64", "mp3_44100_96", "mp3_44100_128", "mp3_44100_192",
        "mp3_48000_192", "mp3_16000_160", "opus_16000_16", "opus_24000_32", "opus_48000_64", "opus_48000_192")) {
      assertTrue(names.contains(name), name);
    }
    assertEquals(2 + 12 + 4 + 3 * 11 + 2 * 11 + 3 * 8, names.size());
  }

  @Test
  void namesSayEncodingRateAndBitrate() {
    OutputFormat mp3 = OutputFormat.parse("mp3_44100_128");
    assertEquals(OutputFormat.Encoding.MP3, mp3.encoding());
    assertEquals(OptionalInt.of(44100), mp3.sampleRate());
    assertEquals(OptionalInt.of(128), mp3.kbps());
    assertEquals("audio/mpeg", mp3.contentType());
    assertEquals("mp3", mp3.fileExtension());
    assertEquals(OutputFormat.mp3(44100, 128), mp3);
    assertEquals(OutputFormat.pcm(16000), OutputFormat.parse(" pcm_16000 "));
    assertEquals("audio/L16;rate=16000;channels=1", OutputFormat.pcm(16000).contentType());
    assertEquals(OutputFormat.ULAW_8000, OutputFormat.parse("ulaw_8000"));
    assertEquals(OutputFormat.ulaw(true), OutputFormat.parse("wav_ulaw_8000"));
    assertEquals("audio/ogg", OutputFormat.parse("opus_48000_64").contentType());
  }

  @Test
  void theDefaultsKeepTheProviderRateUntilResolved() {
    assertEquals(OutputFormat.WAV, OutputFormat.parse("wav"));
    assertEquals(OutputFormat.PCM_S16LE, OutputFormat.parse("pcm"));
    assertEquals(OptionalInt.empty(), OutputFormat.WAV.sampleRate());
    assertEquals(OptionalInt.of(32000), OutputFormat.WAV.resolve(32000).sampleRate());
    assertEquals("audio/L16;channels=1", OutputFormat.PCM_S16LE.contentType());
    assertEquals("audio/L16;rate=24000;channels=1", OutputFormat.PCM_S16LE.resolve(24000).contentType());
    assertEquals(OutputFormat.mp3(48000, 64), OutputFormat.mp3(48000, 64).resolve(24000));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "mp3", "mp4_44100_128", "wav_32000", "pcm_44100_128", "mp3_44100", "mp3_44100_320",
      "mp3_22050_192", "mp3_8000_32", "opus_44100_64", "opus_48000_500", "ulaw_16000", "alaw", "wav_-1"})
  void anUnknownNameIsAnInvalidRequestListingTheValidOnes(String name) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> OutputFormat.parse(name));
    assertTrue(e.getMessage().startsWith("Unknown output format '" + name + "'. Valid formats: wav, pcm, wav_8000,"),
        e.getMessage());
    assertTrue(e.getMessage().contains("mp3_44100_128") && e.getMessage().contains("opus_48000_64"));
  }

  @Test
  void aBitrateOrRateACodecCannotDoIsAnInvalidRequest() {
    assertThrows(InvalidRequestException.class, () -> OutputFormat.mp3(22050, 192));
    assertThrows(InvalidRequestException.class, () -> OutputFormat.mp3(8000, 32));
    assertThrows(InvalidRequestException.class, () -> OutputFormat.opus(44100, 64));
    assertThrows(InvalidRequestException.class, () -> OutputFormat.opus(48000, 8));
    assertThrows(InvalidRequestException.class, () -> OutputFormat.wav(11025));
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> OutputFormat.pcm(96000));
    assertTrue(e.getMessage().startsWith("Unsupported output format 'pcm_96000'. Valid formats: "), e.getMessage());
  }
}
