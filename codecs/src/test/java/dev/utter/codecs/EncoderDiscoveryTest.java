package dev.utter.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.OutputFormat;
import dev.utter.audio.AudioEncoderProvider;
import dev.utter.audio.AudioEncoders;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EncoderDiscoveryTest {
  @Test
  void serviceLoaderFindsTheCodecEncoders() {
    List<AudioEncoderProvider> found = ServiceLoader.load(AudioEncoderProvider.class).stream()
        .map(ServiceLoader.Provider::get).toList();
    assertEquals(1, found.size());
    assertEquals(CodecEncoderProvider.class, found.get(0).getClass());
    AudioEncoders.checkAvailable(OutputFormat.mp3(44100, 128));
    AudioEncoders.checkAvailable(OutputFormat.opus(48000, 64));
  }

  @Test
  void aRateTheCodecCannotDoIsRefusedByTheEncoder() {
    CodecEncoderProvider provider = new CodecEncoderProvider();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // Formats outside the list never reach an encoder; an encoder asked directly still refuses.
    assertThrows(IllegalArgumentException.class, () -> provider.open(OutputFormat.WAV.resolve(44100), out));
    assertThrows(IllegalArgumentException.class, () -> OggOpusEncoder.open(44100, 64, out));
    assertThrows(IllegalArgumentException.class, () -> new Mp3Encoder(22050, 320, out));
  }
}
