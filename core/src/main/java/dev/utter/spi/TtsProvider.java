package dev.utter.spi;

import dev.utter.audio.PcmAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One text-to-speech backend, doing one call well. Providers do not chunk, stitch, schedule or
 * validate user input beyond their own limits: the {@link dev.utter.Utter} client does that, using
 * {@link #capabilities()}.
 *
 * <p>Implementations must be thread-safe: the client calls {@link #synthesize} from several threads at
 * once. A call blocked in I/O must end promptly, with a {@link java.util.concurrent.CancellationException}
 * or the thread's interrupt status set, when its thread is interrupted: that is how the client cancels.
 *
 * <p>Failures are thrown as {@link dev.utter.UtterException}s. The client owns the provider it creates
 * from a factory and closes it; a provider passed in code is closed by whoever created it.
 */
public interface TtsProvider extends AutoCloseable {

  /**
   * The stable id this provider is selected by, e.g. {@code "mock"} or {@code "qwen-modal"}.
   *
   * @return never null, the same on every call
   */
  String id();

  /**
   * What this provider can do. Stable after construction, or after the first {@link #health()}.
   *
   * @return never null
   */
  ProviderCapabilities capabilities();

  /**
   * Synthesizes one chunk of text, which the caller has checked against {@link #capabilities()}.
   *
   * @param request one chunk within the provider's limits
   * @return the chunk's audio, mono at {@link ProviderCapabilities#sampleRate()}
   * @throws dev.utter.UtterException when the call fails
   */
  PcmAudio synthesize(SynthesisRequest request);

  /**
   * Synthesizes several chunks of the same voice in one call, results in request order. The list
   * holds at most {@link ProviderCapabilities#maxBatchSize()} requests. The default makes one call
   * after another.
   *
   * @param requests 1 to {@link ProviderCapabilities#maxBatchSize()} requests of the same voice
   * @return one audio per request, in request order
   * @throws dev.utter.UtterException when the call fails
   */
  default List<PcmAudio> synthesizeBatch(List<SynthesisRequest> requests) {
    List<PcmAudio> out = new ArrayList<>(requests.size());
    for (SynthesisRequest request : requests) {
      out.add(synthesize(request));
    }
    return out;
  }

  /**
   * This provider's voice design, when it can design voices as configured; empty by default. Stable
   * after construction, like {@link #capabilities()}. The designer belongs to the provider.
   *
   * @return the designer, or empty when this provider cannot design voices
   */
  default Optional<VoiceDesigner> voiceDesigner() {
    return Optional.empty();
  }

  /**
   * Asks the backend whether it can serve; never throws for an unhealthy backend.
   *
   * @return the backend's answer; a failed check is reported in it, not thrown
   */
  ProviderHealth health();

  /** Releases connections and threads. Idempotent. */
  @Override
  void close();
}
