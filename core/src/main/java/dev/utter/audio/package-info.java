/**
 * The audio toolkit: {@link dev.utter.audio.AudioProbe} recognises WAV, MP3 and M4A by content and reads
 * their duration without ffmpeg, from bytes, a file or a stream (holding at most 64 KiB of a stream);
 * {@link dev.utter.audio.Wav} reads and writes WAV as {@link dev.utter.audio.PcmAudio};
 * {@link dev.utter.audio.AudioJoiner} joins chunks with a crossfade or a gap, chunk by chunk;
 * {@link dev.utter.audio.WavStreamWriter} writes WAV to a file or stream piece by piece.
 */
package dev.utter.audio;
