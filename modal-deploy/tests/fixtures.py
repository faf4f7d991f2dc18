"""Audio fixtures synthesized in-test (no binary files checked in)."""

from __future__ import annotations

import base64
import io

import numpy as np
import soundfile as sf


def tone(seconds: float = 1.0, sr: int = 16000, freq: float = 220.0, channels: int = 1) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    a = (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    if channels > 1:
        a = np.stack([a] * channels, axis=1)
    return a


def wav_bytes(seconds: float = 1.0, sr: int = 16000, freq: float = 220.0, channels: int = 1, subtype="PCM_16") -> bytes:
    buf = io.BytesIO()
    sf.write(buf, tone(seconds, sr, freq, channels), sr, format="WAV", subtype=subtype)
    return buf.getvalue()


def flac_bytes(seconds: float = 1.0, sr: int = 16000, freq: float = 330.0) -> bytes:
    buf = io.BytesIO()
    sf.write(buf, tone(seconds, sr, freq), sr, format="FLAC")
    return buf.getvalue()


def _pyav_encode(fmt: str, codec: str, seconds: float, sr: int, freq: float) -> bytes:
    import av

    buf = io.BytesIO()
    with av.open(buf, mode="w", format=fmt) as out:
        stream = out.add_stream(codec, rate=sr)
        stream.layout = "mono"
        samples = tone(seconds, sr, freq)
        frame_size = 1152 if codec == "libmp3lame" else 1024
        pts = 0
        for i in range(0, len(samples), frame_size):
            chunk = samples[i:i + frame_size]
            frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1).astype(np.float32), format="fltp", layout="mono")
            frame.sample_rate = sr
            frame.pts = pts
            pts += len(chunk)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()


def mp3_bytes(seconds: float = 1.0, sr: int = 24000, freq: float = 440.0) -> bytes:
    return _pyav_encode("mp3", "libmp3lame", seconds, sr, freq)


def m4a_bytes(seconds: float = 1.0, sr: int = 24000, freq: float = 440.0) -> bytes:
    return _pyav_encode("ipod", "aac", seconds, sr, freq)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
