"""Reference-audio decoding (WAV/FLAC/OGG via soundfile, MP3/M4A/... via PyAV) and WAV encoding."""

from __future__ import annotations

import base64
import binascii
import io
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

import numpy as np

from .errors import ApiError, invalid_audio

_B64_WS = re.compile(r"\s+")
_DATA_URL = re.compile(r"^data:[^,]*;base64,", re.IGNORECASE)


@dataclass(frozen=True)
class DecodedAudio:
    wav: np.ndarray  # mono float32 in [-1, 1]
    sample_rate: int

    @property
    def duration_seconds(self) -> float:
        return float(len(self.wav)) / float(self.sample_rate)


def decode_base64_audio(data: str, max_bytes: int) -> bytes:
    """Decode a (possibly data-URL) base64 string strictly; errors are 400 invalid_audio."""
    if not isinstance(data, str):
        raise invalid_audio("ref_audio_base64 must be a string")
    s = _DATA_URL.sub("", data.strip(), count=1)
    s = _B64_WS.sub("", s)
    if not s:
        raise invalid_audio("Reference audio is empty")
    if len(s) * 3 // 4 > max_bytes + 3:
        raise invalid_audio(f"Reference audio is larger than {max_bytes} bytes")
    try:
        raw = base64.b64decode(s, validate=True)
    except (binascii.Error, ValueError) as e:
        raise invalid_audio(f"ref_audio_base64 is not valid base64: {e}") from None
    if not raw:
        raise invalid_audio("Reference audio is empty")
    if len(raw) > max_bytes:
        raise invalid_audio(f"Reference audio is {len(raw)} bytes; the maximum is {max_bytes} bytes")
    return raw


def fetch_url(url: str, max_bytes: int, timeout: float) -> bytes:
    """Download ``ref_audio_url`` (http/https only), at most ``max_bytes``."""
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        raise invalid_audio("ref_audio_url must be an http(s) URL")
    req = urllib.request.Request(url, headers={"User-Agent": "utter-modal/0.1"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (scheme checked)
            data = resp.read(max_bytes + 1)
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise invalid_audio(f"Could not download ref_audio_url: {e}") from None
    if len(data) > max_bytes:
        raise invalid_audio(f"Reference audio at ref_audio_url is larger than {max_bytes} bytes")
    if not data:
        raise invalid_audio("Reference audio at ref_audio_url is empty")
    return data


def _to_mono(arr: np.ndarray) -> np.ndarray:
    if arr.ndim == 2:
        arr = arr.mean(axis=1)
    return np.ascontiguousarray(arr, dtype=np.float32)


def _decode_soundfile(raw: bytes, max_seconds: float) -> DecodedAudio | None:
    import soundfile as sf

    try:
        with sf.SoundFile(io.BytesIO(raw)) as f:
            sr = int(f.samplerate)
            frames = int(f.frames)
            if sr <= 0:
                return None
            if frames > 0 and frames / sr > max_seconds:
                raise invalid_audio(
                    f"Reference audio is {frames / sr:.1f} s long; the maximum is {max_seconds:g} s"
                )
            data = f.read(dtype="float32", always_2d=True)
    except ApiError:
        raise
    except Exception:  # soundfile raises LibsndfileError (a RuntimeError) for unknown formats
        return None
    return DecodedAudio(_to_mono(data), sr)


def _decode_pyav(raw: bytes, max_seconds: float) -> DecodedAudio | None:
    try:
        import av
    except ImportError:  # pragma: no cover
        return None
    try:
        container = av.open(io.BytesIO(raw), mode="r")
    except Exception:
        return None
    try:
        streams = [s for s in container.streams if s.type == "audio"]
        if not streams:
            return None
        stream = streams[0]
        sr = int(stream.codec_context.sample_rate or stream.rate or 0)
        if sr <= 0:
            return None
        resampler = av.AudioResampler(format="flt", layout="mono", rate=sr)
        chunks: list[np.ndarray] = []
        total = 0
        limit = int(max_seconds * sr) + 1
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                a = out.to_ndarray().reshape(-1)
                chunks.append(a)
                total += a.shape[0]
            if total > limit:
                raise invalid_audio(
                    f"Reference audio is longer than the maximum of {max_seconds:g} s"
                )
        for out in resampler.resample(None):
            a = out.to_ndarray().reshape(-1)
            chunks.append(a)
            total += a.shape[0]
    except ApiError:
        raise
    except Exception:
        return None
    finally:
        container.close()
    if not chunks:
        return DecodedAudio(np.zeros(0, dtype=np.float32), sr)
    wav = np.concatenate(chunks).astype(np.float32, copy=False)
    return DecodedAudio(wav, sr)


def decode_audio(
    raw: bytes,
    *,
    max_seconds: float = 300.0,
    min_seconds: float = 0.0,
    max_bytes: int | None = None,
) -> DecodedAudio:
    """Decode audio bytes into mono float32 + sample rate.

    soundfile first (WAV, FLAC, OGG...), PyAV as fallback (MP3, M4A/AAC, ...).
    Every failure is a 400 ``invalid_audio`` ApiError with a readable detail.
    """
    if raw is None or len(raw) == 0:
        raise invalid_audio("Reference audio is empty")
    if max_bytes is not None and len(raw) > max_bytes:
        raise invalid_audio(f"Reference audio is {len(raw)} bytes; the maximum is {max_bytes} bytes")
    decoded = _decode_soundfile(raw, max_seconds)
    if decoded is None:
        decoded = _decode_pyav(raw, max_seconds)
    if decoded is None:
        raise invalid_audio(
            "Reference audio could not be decoded; send WAV, MP3, M4A or FLAC audio"
        )
    if decoded.wav.size == 0:
        raise invalid_audio("Reference audio contains no samples")
    dur = decoded.duration_seconds
    if dur > max_seconds:
        raise invalid_audio(f"Reference audio is {dur:.1f} s long; the maximum is {max_seconds:g} s")
    if min_seconds > 0 and dur < min_seconds:
        raise invalid_audio(f"Reference audio is {dur:.1f} s long; the minimum is {min_seconds:g} s")
    if not np.all(np.isfinite(decoded.wav)):
        raise invalid_audio("Reference audio contains non-finite samples")
    return decoded


def encode_wav(wav: np.ndarray, sample_rate: int) -> bytes:
    """Encode mono float audio as WAV PCM16."""
    import soundfile as sf

    a = np.asarray(wav, dtype=np.float32).reshape(-1)
    a = np.nan_to_num(a, nan=0.0, posinf=1.0, neginf=-1.0)
    a = np.clip(a, -1.0, 1.0)
    buf = io.BytesIO()
    sf.write(buf, a, int(sample_rate), format="WAV", subtype="PCM_16")
    return buf.getvalue()


def resample_linear(wav: np.ndarray, sr_in: int, sr_out: int) -> np.ndarray:
    """Cheap linear resampler (used for the fake engine and as a fallback)."""
    if sr_in == sr_out or wav.size == 0:
        return np.asarray(wav, dtype=np.float32)
    n_out = max(1, int(round(len(wav) * sr_out / sr_in)))
    x_old = np.linspace(0.0, 1.0, num=len(wav), endpoint=False)
    x_new = np.linspace(0.0, 1.0, num=n_out, endpoint=False)
    return np.interp(x_new, x_old, wav).astype(np.float32)


def encode_mp3(wav: np.ndarray, sample_rate: int, bitrate: int = 128_000) -> bytes:
    """Encode mono float audio as MP3 with PyAV (libmp3lame)."""
    import av

    a = np.clip(np.nan_to_num(np.asarray(wav, dtype=np.float32).reshape(-1)), -1.0, 1.0)
    buf = io.BytesIO()
    with av.open(buf, mode="w", format="mp3") as out:
        stream = out.add_stream("libmp3lame", rate=int(sample_rate))
        stream.layout = "mono"
        stream.bit_rate = bitrate
        pts = 0
        for i in range(0, len(a), 1152):
            chunk = a[i:i + 1152].reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
            frame.sample_rate = int(sample_rate)
            frame.pts = pts
            pts += chunk.shape[1]
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()
