"""The VoiceDesign service: /design, /health, /languages, errors, limits, auth, idempotency."""

import io

import numpy as np
import pytest
import soundfile as sf
from fastapi.testclient import TestClient

from test_qwen_app import LANGS, assert_error
from utter_modal.app_design import create_design_app
from utter_modal.engines import FakeDesignEngine
from utter_modal.settings import Settings

SAILOR = "An old sailor, gravelly and slow."


@pytest.fixture
def make_design():
    def _make(engine=None, **kw):
        return TestClient(create_design_app(engine or FakeDesignEngine(), Settings(**kw)),
                          raise_server_exceptions=False)

    return _make


@pytest.fixture
def design(make_design):
    return make_design()


def body(**kw):
    b = {"text": "Ahoy there, welcome aboard.", "language": "English", "instruct": SAILOR}
    b.update(kw)
    return b


def pitch(wav_bytes_: bytes) -> float:
    """Dominant frequency (Hz) of a WAV."""
    data, sr = sf.read(io.BytesIO(wav_bytes_))
    spectrum = np.abs(np.fft.rfft(data))
    return float(np.argmax(spectrum) * sr / len(data))


def test_design_answers_a_24khz_wav(design):
    r = design.post("/design", json=body())
    assert r.status_code == 200 and r.headers["content-type"] == "audio/wav"
    assert r.headers["content-disposition"] == "attachment; filename=designed_voice.wav"
    info = sf.info(io.BytesIO(r.content))
    assert (info.samplerate, info.channels, info.subtype) == (24000, 1, "PCM_16")
    assert info.duration == pytest.approx(len(body()["text"]) / 14, abs=0.01)


def test_same_request_same_bytes_and_seed_changes_them(design):
    a = design.post("/design", json=body(seed=1)).content
    assert a == design.post("/design", json=body(seed=1)).content
    assert a != design.post("/design", json=body(seed=2)).content


def test_different_descriptions_give_audibly_different_voices(design):
    text = "The same words in two voices. " * 3
    sailor = design.post("/design", json=body(text=text)).content
    child = design.post("/design", json=body(text=text, instruct="A cheerful young girl, fast and bright.")).content
    assert abs(pitch(sailor) - pitch(child)) > 10.0


def test_language_defaults_to_english_and_is_case_insensitive(design):
    without = body()
    del without["language"]
    assert design.post("/design", json=without).content == design.post("/design", json=body(language="english")).content


@pytest.mark.parametrize("patch, status, code, detail", [
    ({"text": None}, 400, "invalid_request", "'text' is required"),
    ({"text": "   "}, 400, "invalid_request", "'text' is required"),
    ({"text": "x" * 501}, 400, "text_too_long", "'text' exceeds maximum length of 500 characters"),
    ({"instruct": None}, 400, "invalid_request", "'instruct' is required (voice description)"),
    ({"instruct": ""}, 400, "invalid_request", "'instruct' is required (voice description)"),
    ({"instruct": "y" * 501}, 400, "instruct_too_long", "'instruct' exceeds maximum length of 500 characters"),
    ({"language": "Klingon"}, 400, "unsupported_language", "Unsupported language: Klingon. Supported: " + ", ".join(LANGS)),
    ({"seed": "not a number"}, 422, "validation_error", None),
], ids=["no-text", "blank-text", "long-text", "no-instruct", "empty-instruct", "long-instruct", "language", "seed"])
def test_design_errors(design, patch, status, code, detail):
    b = {k: v for k, v in body(**patch).items() if v is not None}
    assert_error(design.post("/design", json=b), status, code, detail)
    assert design.get("/health").json()["engine_calls"] == 0


def test_checks_in_the_original_order(design):
    assert_error(design.post("/design", json={}), 400, "invalid_request", "'text' is required")
    assert_error(design.post("/design", json={"text": "x" * 501}), 400, "text_too_long")
    assert_error(design.post("/design", json={"text": "hi", "language": "Elvish"}), 400, "invalid_request",
                 "'instruct' is required (voice description)")


def test_500_characters_of_each_are_accepted_counting_code_points(design):
    # 500 emoji are 1000 UTF-16 units and 2000 UTF-8 bytes, but 500 characters
    r = design.post("/design", json=body(text="\U0001F600" * 500, instruct="\U0001F3B5" * 500))
    assert r.status_code == 200, r.text


def test_a_failed_design_is_500_with_the_original_wording(make_design):
    class Broken(FakeDesignEngine):
        def design(self, text, language, instruct, *, seed=None):
            raise RuntimeError("CUDA out of memory")

    assert_error(make_design(Broken()).post("/design", json=body()), 500, "generation_failed",
                 "Voice design failed: CUDA out of memory")


def test_health(design):
    h = design.get("/health").json()
    assert h["status"] == "healthy" and h["model"] == "Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign"
    assert h["model_type"] == "VoiceDesign" and h["engine"] == "fake" and h["sample_rate"] == 24000
    assert h["supported_languages"] == LANGS and h["idempotency_keys"] is True
    assert h["limits"] == {"max_text_chars": 500, "max_instruct_chars": 500, "max_body_bytes": 70953644}
    design.post("/design", json=body())
    assert design.get("/health").json()["engine_calls"] == 1


def test_languages(design):
    assert design.get("/languages").json() == {"languages": LANGS, "default": "English",
                                               "note": "Language names are case-insensitive"}


def test_auth(make_design):
    c = make_design(token="k")
    assert c.get("/health").status_code == 200
    assert_error(c.post("/design", json=body()), 401, "unauthorized")
    assert_error(c.get("/languages"), 401, "unauthorized")
    assert c.post("/design", json=body(), headers={"Authorization": "Bearer k"}).status_code == 200


def test_idempotency_key_replays_a_design(design):
    key = {"Idempotency-Key": "design-1"}
    first = design.post("/design", json=body(), headers=key)
    again = design.post("/design", json=body(), headers=key)
    assert again.headers["idempotent-replayed"] == "true" and again.content == first.content
    assert_error(design.post("/design", json=body(text="Other words."), headers=key), 422, "idempotency_key_reused")
    assert design.get("/health").json()["engine_calls"] == 1
