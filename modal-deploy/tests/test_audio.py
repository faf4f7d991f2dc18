import base64

import numpy as np
import pytest
import soundfile as sf
import io

from fixtures import flac_bytes, m4a_bytes, mp3_bytes, wav_bytes
from utter_modal.audio import decode_audio, decode_base64_audio, encode_wav
from utter_modal.errors import ApiError


@pytest.mark.parametrize(
    "make, sr",
    [(lambda: wav_bytes(1.0, 16000), 16000), (lambda: flac_bytes(1.0, 16000), 16000),
     (lambda: mp3_bytes(1.0, 24000), 24000), (lambda: m4a_bytes(1.0, 24000), 24000)],
    ids=["wav", "flac", "mp3", "m4a"],
)
def test_decode_formats(make, sr):
    d = decode_audio(make())
    assert d.sample_rate == sr
    assert d.wav.dtype == np.float32 and d.wav.ndim == 1
    assert 0.9 < d.duration_seconds < 1.2
    assert 0.2 < float(np.abs(d.wav).max()) <= 1.0


def test_stereo_becomes_mono():
    d = decode_audio(wav_bytes(0.5, 22050, channels=2))
    assert d.wav.ndim == 1 and len(d.wav) == 11025


def test_float_wav():
    d = decode_audio(wav_bytes(0.5, 8000, subtype="FLOAT"))
    assert d.sample_rate == 8000


@pytest.mark.parametrize("raw, fragment", [
    (b"", "empty"),
    (b"this is not audio at all" * 10, "could not be decoded"),
    (b"\x00" * 5000, "could not be decoded"),
])
def test_decode_errors(raw, fragment):
    with pytest.raises(ApiError) as e:
        decode_audio(raw)
    assert e.value.status == 400 and e.value.code == "invalid_audio"
    assert fragment in e.value.detail


def test_too_long_wav_rejected():
    raw = wav_bytes(301.0, 8000)
    with pytest.raises(ApiError) as e:
        decode_audio(raw, max_seconds=300)
    assert e.value.code == "invalid_audio" and "maximum is 300 s" in e.value.detail


def test_too_long_m4a_rejected():
    with pytest.raises(ApiError) as e:
        decode_audio(m4a_bytes(3.0, 8000), max_seconds=2)
    assert e.value.code == "invalid_audio" and "2 s" in e.value.detail


def test_min_seconds_and_max_bytes():
    with pytest.raises(ApiError) as e:
        decode_audio(wav_bytes(0.5), min_seconds=1)
    assert "minimum" in e.value.detail
    with pytest.raises(ApiError) as e:
        decode_audio(wav_bytes(0.5), max_bytes=100)
    assert "maximum is 100 bytes" in e.value.detail


def test_zero_samples():
    buf = io.BytesIO()
    sf.write(buf, np.zeros(0, dtype=np.float32), 16000, format="WAV")
    with pytest.raises(ApiError) as e:
        decode_audio(buf.getvalue())
    assert e.value.code == "invalid_audio"


def test_base64():
    raw = wav_bytes(0.1)
    enc = base64.b64encode(raw).decode()
    assert decode_base64_audio(enc, 10**6) == raw
    assert decode_base64_audio("data:audio/wav;base64," + enc, 10**6) == raw
    assert decode_base64_audio(enc[:40] + "\n" + enc[40:], 10**6) == raw
    for bad in ["!!!not base64!!!", "abc", "   "]:
        with pytest.raises(ApiError) as e:
            decode_base64_audio(bad, 10**6)
        assert e.value.code == "invalid_audio"
    with pytest.raises(ApiError) as e:
        decode_base64_audio(enc, 100)
    assert e.value.code == "invalid_audio"


def test_encode_wav_pcm16_roundtrip():
    a = np.array([0.0, 0.5, -0.5, 2.0, np.nan], dtype=np.float32)
    data = encode_wav(a, 24000)
    info = sf.info(io.BytesIO(data))
    assert info.samplerate == 24000 and info.channels == 1 and info.subtype == "PCM_16"
    back, _ = sf.read(io.BytesIO(data), dtype="float32")
    assert back[3] == pytest.approx(1.0, abs=1e-3) and back[4] == 0.0
