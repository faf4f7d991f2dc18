import hashlib
import io

import pytest
import soundfile as sf

from fixtures import b64, mp3_bytes, wav_bytes
from test_qwen_app import assert_error
from utter_modal.text import normalize_echo_text

REF = wav_bytes(1.0, 22050)


def test_health(echo):
    h = echo.get("/health").json()
    assert h["status"] == "healthy" and h["model"] == "jordand/echo-tts-base" and h["gpu"] == "cpu"
    assert h["api_version"] == "1" and h["engine"] == "fake" and h["sample_rate"] == 44100
    assert h["supported_languages"] == ["English"]
    assert h["limits"] == {"max_text_bytes": 767, "max_audio_seconds": 29.7, "max_reference_seconds": 300,
                           "max_reference_bytes": 52428800, "max_body_bytes": 70953644}
    assert h["idempotency_keys"] is True and h["engine_calls"] == 0


def test_voices(echo):
    r = echo.post("/voices", json={"ref_audio_base64": b64(REF)})
    assert r.status_code == 200
    v = r.json()
    assert v == {"voice_id": "ev_" + hashlib.sha256(REF).hexdigest()[:32], "duration_seconds": 1.0,
                 "sample_rate": 22050, "cached": True}
    assert_error(echo.post("/voices", json={}), 400, "invalid_request",
                 "Either 'ref_audio_url' or 'ref_audio_base64' is required")
    assert_error(echo.post("/voices", json={"ref_audio_base64": b64(b"garbage" * 100)}), 400, "invalid_audio")


def test_generate_inline_and_by_voice_id(echo):
    text = "Hello there: this is Echo."
    r = echo.post("/generate", json={"text": text, "ref_audio_base64": b64(mp3_bytes()), "seed": 4})
    assert r.status_code == 200 and r.headers["content-type"] == "audio/wav"
    info = sf.info(io.BytesIO(r.content))
    assert info.samplerate == 44100 and info.channels == 1 and info.subtype == "PCM_16"
    assert info.duration == pytest.approx(len(normalize_echo_text(text)) / 14, abs=0.01)
    vid = echo.post("/voices", json={"ref_audio_base64": b64(mp3_bytes())}).json()["voice_id"]
    r2 = echo.post("/generate", json={"text": text, "voice_id": vid, "seed": 4})
    assert r2.content == r.content
    r3 = echo.post("/generate", json={"text": text, "voice_id": vid, "seed": 5})
    assert r3.content != r.content
    # seed defaults to 0
    assert echo.post("/generate", json={"text": text, "voice_id": vid}).content == \
        echo.post("/generate", json={"text": text, "voice_id": vid, "seed": 0}).content


def test_generate_without_reference_and_with_sampler(echo):
    r = echo.post("/generate", json={"text": "Default voice.", "sampler": {
        "num_steps": 20, "cfg_scale_text": 3.0, "cfg_scale_speaker": 8.0, "cfg_min_t": 0.5, "cfg_max_t": 1.0,
        "truncation_factor": 0.8, "rescale_k": None, "rescale_sigma": None, "speaker_kv_scale": 1.5,
        "speaker_kv_max_layers": 24, "speaker_kv_min_t": 0.9, "sequence_length": 640}})
    assert r.status_code == 200
    assert_error(echo.post("/generate", json={"text": "x", "sampler": {"num_stepz": 3}}), 422, "validation_error")
    assert_error(echo.post("/generate", json={"text": "x", "sampler": {"sequence_length": 4096}}), 422,
                 "validation_error")


def test_audio_capped(echo):
    r = echo.post("/generate", json={"text": "word " * 150})
    assert sf.info(io.BytesIO(r.content)).frames == int(round(29.7 * 44100))


def test_767_bytes(echo):
    ok = "a" * (767 - 5)  # "[S1] " prefix is 5 bytes
    assert echo.post("/generate", json={"text": ok}).status_code == 200
    assert_error(echo.post("/generate", json={"text": ok + "a"}), 422, "text_too_long",
                 "Text is 768 bytes after normalization; Echo-TTS accepts at most 767 UTF-8 bytes per call")
    # multi-byte characters count as bytes
    r = echo.post("/generate", json={"text": "é" * 400})
    assert_error(r, 422, "text_too_long",
                 "Text is 805 bytes after normalization; Echo-TTS accepts at most 767 UTF-8 bytes per call")


def test_generate_errors(echo):
    assert_error(echo.post("/generate", json={}), 400, "invalid_request", "'text' is required")
    assert_error(echo.post("/generate", json={"text": "   "}), 400, "invalid_request", "'text' is required")
    vid = "ev_" + "f" * 32
    assert_error(echo.post("/generate", json={"text": "hi", "voice_id": vid}), 404, "voice_not_cached",
                 f"Voice {vid} is not cached on this service; register it again with POST /voices")
    assert_error(echo.post("/generate", json={"text": "hi", "ref_audio_base64": "@@@"}), 400, "invalid_audio")
    assert_error(echo.post("/generate", json={"text": "hi", "ref_audio_base64": b64(wav_bytes(301, 8000))}),
                 400, "invalid_audio")
    assert_error(echo.get("/generate"), 405, "method_not_allowed")
    assert_error(echo.get("/clone"), 404, "not_found")


def test_auth_and_limit(make_echo):
    c = make_echo(token="t0k", max_body_bytes=2000)
    assert c.get("/health").status_code == 200
    assert_error(c.post("/generate", json={"text": "hi"}), 401, "unauthorized")
    h = {"Authorization": "Bearer t0k"}
    assert c.post("/generate", json={"text": "hi"}, headers=h).status_code == 200
    assert_error(c.post("/voices", json={"ref_audio_base64": b64(REF)}, headers=h), 413, "payload_too_large")
