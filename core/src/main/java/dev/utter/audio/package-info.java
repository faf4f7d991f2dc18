/**
 * The audio toolkit: {@link dev.utter.audio.AudioProbe} recognises WAV, MP3 and M4A by content and reads
 * their duration without ffmpeg, from bytes, a file or a stream (holding at most 64 KiB of a stream);
 * {@link dev.utter.audio.Wav} reads and writes WAV as {@link dev.utter.audio.PcmAudio};
 * {@link dev.utter.audio.AudioJoiner} joins chunks with a crossfade or a gap, chunk by chunk;
 * {@link dev.utter.audio.WavStreamWriter} writes WAV to a file or stream piece by piece.
 *
 * <p>Output formats: {@link dev.utter.audio.EncodingWriter} turns PCM at the provider's rate into any
 * {@link dev.utter.OutputFormat}, piece by piece, with the band-limited {@link dev.utter.audio.Resampler}
 * and an {@link dev.utter.audio.AudioEncoder}; core encodes WAV, PCM and {@link dev.utter.audio.G711}
 * itself, and finds the others (MP3, Opus: module {@code dev.utter:utter-codecs}) through
 * {@link dev.utter.audio.AudioEncoderProvider} with {@link java.util.ServiceLoader}
 * ({@link dev.utter.audio.AudioEncoders}).
 */
package dev.utter.audio;
