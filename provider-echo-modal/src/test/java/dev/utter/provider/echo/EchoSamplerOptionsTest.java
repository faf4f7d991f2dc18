package dev.utter.provider.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.InvalidRequestException;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class EchoSamplerOptionsTest {

  @Test
  void defaultsAreTheReadmeSettings() {
    EchoSamplerOptions d = EchoSamplerOptions.defaults();
    assertEquals(40, d.numSteps());
    assertEquals(3.0, d.cfgScaleText());
    assertEquals(8.0, d.cfgScaleSpeaker());
    assertEquals(0.5, d.cfgMinT());
    assertEquals(1.0, d.cfgMaxT());
    assertEquals(OptionalDouble.of(0.8), d.truncationFactor());
    assertEquals(OptionalDouble.empty(), d.rescaleK());
    assertEquals(OptionalDouble.empty(), d.rescaleSigma());
    assertEquals(OptionalDouble.empty(), d.speakerKvScale());
    assertEquals(OptionalInt.empty(), d.speakerKvMaxLayers());
    assertEquals(OptionalDouble.empty(), d.speakerKvMinT());
    assertEquals(640, d.sequenceLength());
  }

  @Test
  void builderKeepsEverySetting() {
    EchoSamplerOptions o = EchoSamplerOptions.builder()
        .numSteps(30)
        .cfgScaleText(2.5)
        .cfgScaleSpeaker(6.0)
        .guidanceWindow(0.2, 0.9)
        .truncationFactor(0.9)
        .rescale(1.2, 3.0)
        .speakerKvScale(1.5, 0.9)
        .speakerKvMaxLayers(12)
        .sequenceLength(320)
        .build();
    assertEquals(30, o.numSteps());
    assertEquals(2.5, o.cfgScaleText());
    assertEquals(6.0, o.cfgScaleSpeaker());
    assertEquals(0.2, o.cfgMinT());
    assertEquals(0.9, o.cfgMaxT());
    assertEquals(OptionalDouble.of(0.9), o.truncationFactor());
    assertEquals(OptionalDouble.of(1.2), o.rescaleK());
    assertEquals(OptionalDouble.of(3.0), o.rescaleSigma());
    assertEquals(OptionalDouble.of(1.5), o.speakerKvScale());
    assertEquals(OptionalInt.of(12), o.speakerKvMaxLayers());
    assertEquals(OptionalDouble.of(0.9), o.speakerKvMinT());
    assertEquals(320, o.sequenceLength());
    assertEquals(o, o.toBuilder().build());
    assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
  }

  @Test
  void noTruncationClearsTheFactor() {
    assertFalse(EchoSamplerOptions.builder().noTruncation().build().truncationFactor().isPresent());
  }

  @Test
  void boundaryValuesAreAccepted() {
    EchoSamplerOptions.builder().numSteps(1).sequenceLength(1).guidanceWindow(0, 0).cfgScaleText(0)
        .cfgScaleSpeaker(0).truncationFactor(1.0).speakerKvScale(0.5, 0).speakerKvMaxLayers(1).build();
    EchoSamplerOptions.builder().numSteps(EchoSamplerOptions.MAX_NUM_STEPS)
        .sequenceLength(EchoSamplerOptions.MAX_SEQUENCE_LENGTH).guidanceWindow(1, 1).speakerKvScale(2, 1).build();
  }

  @Test
  void zeroStepsAreRejectedNamingTheSetting() {
    InvalidRequestException e = reject(b -> b.numSteps(0));
    assertTrue(e.getMessage().contains("num_steps must be between 1 and 200, got 0"), e.getMessage());
    assertEquals("invalid_request", e.code().orElseThrow());
    assertEquals(0, e.status());
  }

  @Test
  void tooManyStepsAreRejected() {
    reject(b -> b.numSteps(EchoSamplerOptions.MAX_NUM_STEPS + 1));
  }

  @Test
  void negativeOrNonFiniteGuidanceScalesAreRejected() {
    assertTrue(reject(b -> b.cfgScaleText(-0.1)).getMessage().contains("cfg_scale_text"));
    assertTrue(reject(b -> b.cfgScaleText(Double.NaN)).getMessage().contains("cfg_scale_text"));
    assertTrue(reject(b -> b.cfgScaleSpeaker(Double.POSITIVE_INFINITY)).getMessage().contains("cfg_scale_speaker"));
  }

  @Test
  void guidanceWindowOutsideZeroToOneOrReversedIsRejected() {
    assertTrue(reject(b -> b.guidanceWindow(-0.1, 1)).getMessage().contains("cfg_min_t"));
    reject(b -> b.guidanceWindow(0.5, 1.1));
    reject(b -> b.guidanceWindow(0.8, 0.2));
    reject(b -> b.guidanceWindow(Double.NaN, 1));
  }

  @Test
  void truncationFactorOutsideZeroToOneIsRejected() {
    assertTrue(reject(b -> b.truncationFactor(0)).getMessage().contains("truncation_factor"));
    reject(b -> b.truncationFactor(1.01));
    reject(b -> b.truncationFactor(Double.NaN));
  }

  @Test
  void nonPositiveRescaleParametersAreRejected() {
    assertTrue(reject(b -> b.rescale(0, 1)).getMessage().contains("rescale_k"));
    assertTrue(reject(b -> b.rescale(1, -1)).getMessage().contains("rescale_sigma"));
    reject(b -> b.rescale(Double.POSITIVE_INFINITY, 1));
  }

  @Test
  void invalidSpeakerKvSettingsAreRejected() {
    assertTrue(reject(b -> b.speakerKvScale(0, 0.5)).getMessage().contains("speaker_kv_scale"));
    assertTrue(reject(b -> b.speakerKvScale(1.5, 1.5)).getMessage().contains("speaker_kv_min_t"));
    assertTrue(reject(b -> b.speakerKvScale(1.5, 0.9).speakerKvMaxLayers(0)).getMessage()
        .contains("speaker_kv_max_layers"));
  }

  @Test
  void speakerKvMaxLayersWithoutAScaleIsRejected() {
    InvalidRequestException e = reject(b -> b.speakerKvMaxLayers(4));
    assertTrue(e.getMessage().contains("speaker_kv_max_layers has no effect without speaker_kv_scale"));
  }

  @Test
  void sequenceLengthOverTheTrainedMaximumIsRejected() {
    assertTrue(reject(b -> b.sequenceLength(641)).getMessage().contains("sequence_length must be between 1 and 640"));
    reject(b -> b.sequenceLength(0));
  }

  private static InvalidRequestException reject(UnaryOperator<EchoSamplerOptions.Builder> settings) {
    return assertThrows(InvalidRequestException.class, () -> settings.apply(EchoSamplerOptions.builder()).build());
  }
}
