import base64
import json
import hashlib
import io

import pytest
import soundfile as sf

from fixtures import b64, flac_bytes, m4a_bytes, mp3_bytes, wav_bytes
from utter_modal.audio import decode_audio
from utter_modal.engines import FakeEngine

LANGS = ["Auto", "Chinese", "English", "Japanese", "Korean", "German", "French", "Russian",
         "Portuguese", "Spanish", "Italian"]
REF = wav_bytes(1.0, 16000)
REF_TEXT = "This is the reference."


def step6_body(**kw):
    body = {"text": "Hello from the clone.", "language": "Auto", "ref_audio_base64": b64(REF),
            "ref_text": REF_TEXT, "max_new_tokens": 2048}
    body.update(kw)
    return body


def assert_error(r, status, code, detail=None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"detail", "code"}, body
    assert body["code"] == code
    if detail is not None:
        assert body["detail"] == detail
    assert r.headers["x-request-id"]


def wav_info(data: bytes):
    return sf.info(io.BytesIO(data))


def test_health(qwen):
    r = qwen.get("/health")
    assert r.status_code == 200
    h = r.json()
    assert h["status"] == "healthy" and h["model"] == "Qwen/Qwen3-TTS-12Hz-0.6B-Base"
    assert h["gpu"] == "cpu" and h["attention_implementation"] == "fake"
    assert h["supported_languages"] == LANGS
    assert h["api_version"] == "1" and h["engine"] == "fake" and h["sample_rate"] == 24000
    assert h["limits"] == {"max_text_chars": 600, "original_max_text_chars": None, "max_batch_size": 8,
                           "max_reference_seconds": 300, "min_reference_seconds": 0,
                           "max_reference_bytes": 52428800, "max_body_bytes": 70953644, "max_new_tokens": 2048}
    assert h["idempotency_keys"] is True and h["engine_calls"] == 0
    assert len(r.headers["x-request-id"]) == 32


def test_languages(qwen):
    assert qwen.get("/languages").json() == {"languages": LANGS, "default": "Auto",
                                             "note": "Language names are case-insensitive"}


def test_request_id_echoed(qwen):
    assert qwen.get("/health", headers={"X-Request-Id": "abc-123"}).headers["x-request-id"] == "abc-123"
    r = qwen.get("/health", headers={"X-Request-Id": "bad id with spaces"})
    assert r.headers["x-request-id"] != "bad id with spaces"


def test_step6_clone_returns_wav(qwen):
    r = qwen.post("/clone", json=step6_body())
    assert r.status_code == 200 and r.headers["content-type"] == "audio/wav"
    info = wav_info(r.content)
    assert info.samplerate == 24000 and info.channels == 1 and info.subtype == "PCM_16"
    assert info.duration == pytest.approx(len("Hello from the clone.") / 14, abs=0.01)
    assert r.headers["x-voice-id"].startswith("qv_")


@pytest.mark.parametrize("make", [flac_bytes, mp3_bytes, m4a_bytes], ids=["flac", "mp3", "m4a"])
def test_clone_other_formats(qwen, make):
    r = qwen.post("/clone", json=step6_body(ref_audio_base64=b64(make())))
    assert r.status_code == 200, r.text


def test_clone_output_format_mp3(qwen):
    r = qwen.post("/clone", json=step6_body(output_format="mp3"))
    assert r.status_code == 200 and r.headers["content-type"] == "audio/mpeg"
    assert "output.mp3" in r.headers["content-disposition"]
    decoded = decode_audio(r.content)
    assert decoded.sample_rate == 24000
    assert decoded.duration_seconds == pytest.approx(len("Hello from the clone.") / 14, abs=0.1)


def test_clone_deterministic_and_seed(qwen):
    a = qwen.post("/clone", json=step6_body(seed=7)).content
    b = qwen.post("/clone", json=step6_body(seed=7)).content
    c = qwen.post("/clone", json=step6_body(seed=8)).content
    assert a == b and a != c


def test_language_case_insensitive(qwen):
    assert qwen.post("/clone", json=step6_body(language="english")).status_code == 200
    assert qwen.post("/clone", json=step6_body(language="CHINESE")).status_code == 200


@pytest.mark.parametrize("patch, detail", [
    ({"text": ""}, "'text' is required"),
    ({"text": None}, "'text' is required"),
    ({"ref_text": ""}, "'ref_text' is required"),
    ({"ref_text": None}, "'ref_text' is required"),
    ({"language": "Klingon"}, "Unsupported language: Klingon. Supported: " + ", ".join(LANGS)),
    ({"ref_audio_base64": None}, "Either 'ref_audio_url' or 'ref_audio_base64' is required"),
])
def test_step6_errors(qwen, patch, detail):
    body = step6_body(**patch)
    body = {k: v for k, v in body.items() if v is not None}
    assert_error(qwen.post("/clone", json=body), 400, _code(detail), detail)


def _code(detail):
    return "unsupported_language" if detail.startswith("Unsupported language") else "invalid_request"


def test_step6_error_order_text_first(qwen):
    assert_error(qwen.post("/clone", json={}), 400, "invalid_request", "'text' is required")
    assert_error(qwen.post("/clone", json={"text": "hi"}), 400, "invalid_request", "'ref_text' is required")


def test_garbage_base64(qwen):
    r = qwen.post("/clone", json=step6_body(ref_audio_base64="%%%not-base64%%%"))
    assert_error(r, 400, "invalid_audio")
    assert "base64" in r.json()["detail"]


def test_non_audio_bytes(qwen):
    r = qwen.post("/clone", json=step6_body(ref_audio_base64=b64(b"PK\x03\x04 definitely a zip" * 50)))
    assert_error(r, 400, "invalid_audio")
    assert "could not be decoded" in r.json()["detail"]


def test_reference_301_seconds(qwen):
    r = qwen.post("/voices", json={"ref_audio_base64": b64(wav_bytes(301.0, 8000)), "ref_text": "x"})
    assert_error(r, 400, "invalid_audio")
    assert "301.0 s" in r.json()["detail"] and "300 s" in r.json()["detail"]


@pytest.mark.parametrize("extension", [{"seed": 1}, {"output_format": "wav"}, {"voice_id": "registered"}])
def test_text_over_600_characters_is_refused_when_an_extension_is_used(qwen, extension):
    if "voice_id" in extension:
        extension = {"voice_id": qwen.post("/voices", json={"ref_audio_base64": b64(REF),
                                                              "ref_text": REF_TEXT}).json()["voice_id"]}
    assert_error(qwen.post("/clone", json=step6_body(text="x" * 601, **extension)), 422, "text_too_long",
                 "Text is 601 characters; the maximum is 600 characters per request")
    assert qwen.post("/clone", json=step6_body(text="x" * 600, **extension)).status_code == 200


@pytest.mark.parametrize("n", [601, 5000])
def test_original_body_speaks_texts_the_original_deployment_accepted(qwen, n):
    text = ("Long text for the original backend. " * 200)[:n]
    r = qwen.post("/clone", json=step6_body(text=text, max_new_tokens=100))
    assert r.status_code == 200, r.text
    # the token budget bounds the audio, as it did in the original deployment (12.5 tokens per second)
    assert wav_info(r.content).duration == pytest.approx(100 / 12.5, abs=0.01)


def test_original_body_text_limit_is_configurable(make_qwen):
    c = make_qwen(original_max_text_chars=1000)
    assert c.get("/health").json()["limits"]["original_max_text_chars"] == 1000
    assert_error(c.post("/clone", json=step6_body(text="x" * 1001, max_new_tokens=50)), 422, "text_too_long",
                 "Text is 1001 characters; the maximum is 1000 characters per request")
    assert c.post("/clone", json=step6_body(text="x" * 1000, max_new_tokens=50)).status_code == 200


def test_original_batch_accepts_long_texts_and_an_extended_one_does_not(qwen):
    long_texts = {"texts": ["a", "x" * 5000], "languages": ["Auto", "Auto"], "max_new_tokens": 50}
    assert qwen.post("/clone-batch", json=batch_body(**long_texts)).status_code == 200
    assert_error(qwen.post("/clone-batch", json=batch_body(seed=3, **long_texts)), 422, "text_too_long",
                 "texts[1] is 5000 characters; the maximum is 600 characters per request")


def test_validation_errors(qwen):
    assert_error(qwen.post("/clone", json=step6_body(text=123)), 422, "validation_error")
    assert_error(qwen.post("/clone", json=step6_body(output_format="ogg")), 422, "validation_error")
    assert_error(qwen.post("/clone", json=step6_body(max_new_tokens=0)), 422, "validation_error")
    assert_error(qwen.post("/clone", json=step6_body(max_new_tokens=4096)), 422, "validation_error")
    assert_error(qwen.post("/clone", content=b"{not json", headers={"content-type": "application/json"}),
                 422, "validation_error")


def test_unknown_route_and_method(qwen):
    assert_error(qwen.get("/nope"), 404, "not_found")
    r = qwen.get("/clone")
    assert_error(r, 405, "method_not_allowed")
    assert "POST" in r.headers.get("allow", "")


def test_voices_register_and_use(qwen):
    r = qwen.post("/voices", json={"ref_audio_base64": b64(REF), "ref_text": REF_TEXT})
    assert r.status_code == 200
    v = r.json()
    expected = "qv_" + hashlib.sha256(REF + b"\0" + REF_TEXT.encode()).hexdigest()[:32]
    assert v == {"voice_id": expected, "duration_seconds": 1.0, "sample_rate": 16000, "cached": True}
    # same input, same id; different transcript, different id
    assert qwen.post("/voices", json={"ref_audio_base64": b64(REF), "ref_text": REF_TEXT}).json()["voice_id"] == expected
    other = qwen.post("/voices", json={"ref_audio_base64": b64(REF), "ref_text": "other"}).json()["voice_id"]
    assert other != expected
    by_id = qwen.post("/clone", json={"text": "Hello from the clone.", "voice_id": expected, "seed": 3})
    inline = qwen.post("/clone", json=step6_body(seed=3))
    assert by_id.status_code == 200 and by_id.content == inline.content


def test_voices_errors(qwen):
    assert_error(qwen.post("/voices", json={"ref_audio_base64": b64(REF)}), 400, "invalid_request",
                 "'ref_text' is required")
    assert_error(qwen.post("/voices", json={"ref_text": "x"}), 400, "invalid_request",
                 "Either 'ref_audio_url' or 'ref_audio_base64' is required")
    assert_error(qwen.post("/voices", json={"ref_audio_base64": "", "ref_text": "x"}), 400, "invalid_request")


def test_voice_not_cached(qwen):
    vid = "qv_" + "0" * 32
    assert_error(qwen.post("/clone", json={"text": "hi", "voice_id": vid}), 404, "voice_not_cached",
                 f"Voice {vid} is not cached on this service; register it again with POST /voices")
    assert_error(qwen.post("/clone-batch", json={"texts": ["hi"], "languages": ["Auto"], "voice_id": vid}), 404,
                 "voice_not_cached")


def test_cache_hit_skips_prompt_rebuild(make_qwen):
    engine = FakeEngine("qwen")
    c = make_qwen(engine=engine)
    for _ in range(3):
        assert c.post("/clone", json=step6_body()).status_code == 200
    assert engine.voices_built == 1
    stats = c.get("/health").json()["cache"]
    assert stats["hits"] == 2 and stats["misses"] == 1 and stats["entries"] == 1


def test_cache_eviction_then_voice_not_cached(make_qwen):
    # each fake prompt holds ~64 KB (1 s at 16 kHz float32): room for one
    c = make_qwen(cache_max_bytes=100_000)
    v1 = c.post("/voices", json={"ref_audio_base64": b64(REF), "ref_text": "a"}).json()["voice_id"]
    v2 = c.post("/voices", json={"ref_audio_base64": b64(REF), "ref_text": "b"}).json()["voice_id"]
    assert c.post("/clone", json={"text": "hi", "voice_id": v2}).status_code == 200
    assert_error(c.post("/clone", json={"text": "hi", "voice_id": v1}), 404, "voice_not_cached")
    assert c.get("/health").json()["cache"]["evictions"] == 1


def test_shared_tier_across_containers(make_qwen):
    shared = {}
    a = make_qwen(shared_cache=shared)
    b = make_qwen(shared_cache=shared)
    vid = a.post("/voices", json={"ref_audio_base64": b64(REF), "ref_text": REF_TEXT}).json()["voice_id"]
    assert vid in shared
    r = b.post("/clone", json={"text": "Hello from the clone.", "voice_id": vid, "seed": 1})
    assert r.status_code == 200
    assert r.content == a.post("/clone", json={"text": "Hello from the clone.", "voice_id": vid, "seed": 1}).content


def test_ref_audio_url(make_qwen):
    seen = []

    def fetch(url, max_bytes, timeout):
        seen.append(url)
        return REF

    c = make_qwen(url_fetcher=fetch)
    body = step6_body(ref_audio_url="https://example.test/ref.wav")
    del body["ref_audio_base64"]
    assert c.post("/clone", json=body).status_code == 200 and seen == ["https://example.test/ref.wav"]
    c2 = make_qwen()
    body["ref_audio_url"] = "file:///etc/passwd"
    assert_error(c2.post("/clone", json=body), 400, "invalid_audio")


def test_ref_audio_url_wins_over_base64_like_step6(make_qwen):
    c = make_qwen(url_fetcher=lambda url, max_bytes, timeout: REF)
    by_url = c.post("/clone", json=step6_body(ref_audio_url="https://example.test/ref.wav",
                                               ref_audio_base64=b64(wav_bytes(1.0, 16000, freq=330.0))))
    assert by_url.content == c.post("/clone", json=step6_body()).content


def test_generation_failed(make_qwen):
    class Boom(FakeEngine):
        def generate(self, *a, **k):
            raise RuntimeError("CUDA out of memory")

    c = make_qwen(engine=Boom("qwen"))
    assert_error(c.post("/clone", json=step6_body()), 500, "generation_failed",
                 "Generation failed: CUDA out of memory")
    assert_error(c.post("/clone-batch", json={"texts": ["a"], "languages": ["Auto"], "ref_audio_base64": b64(REF),
                                              "ref_text": "x"}), 500, "generation_failed",
                 "Batch generation failed: CUDA out of memory")


# ---------------------------------------------------------------- batch
def batch_body(**kw):
    body = {"texts": ["First line.", "Second, longer line."], "languages": ["English", "Auto"],
            "ref_audio_base64": b64(REF), "ref_text": REF_TEXT, "max_new_tokens": 2048}
    body.update(kw)
    return body


def test_step6_batch(qwen):
    r = qwen.post("/clone-batch", json=batch_body())
    assert r.status_code == 200
    j = r.json()
    assert j["status"] == "success" and j["count"] == 2 and len(j["audio_files"]) == 2
    for i, f in enumerate(j["audio_files"]):
        assert set(f) == {"index", "text", "audio_base64", "size_bytes"}
        assert f["index"] == i and f["text"] == batch_body()["texts"][i]
        data = base64.b64decode(f["audio_base64"])
        assert len(data) == f["size_bytes"] and wav_info(data).samplerate == 24000
    single = qwen.post("/clone", json=step6_body(text="First line.", language="English"))
    assert base64.b64decode(j["audio_files"][0]["audio_base64"]) == single.content


def test_batch_by_voice_id(qwen):
    vid = qwen.post("/voices", json={"ref_audio_base64": b64(REF), "ref_text": REF_TEXT}).json()["voice_id"]
    r = qwen.post("/clone-batch", json={"texts": ["a", "b", "c"], "languages": ["Auto"] * 3, "voice_id": vid,
                                        "seed": 5})
    assert r.status_code == 200 and r.json()["count"] == 3


def test_batch_text_shortened_like_step6(qwen):
    long_text = "x" * 51
    r = qwen.post("/clone-batch", json=batch_body(texts=["y" * 50, long_text]))
    assert [f["text"] for f in r.json()["audio_files"]] == ["y" * 50, "x" * 50 + "..."]


def test_batch_without_languages_is_a_length_mismatch_like_step6(qwen):
    body = batch_body()
    del body["languages"]
    assert_error(qwen.post("/clone-batch", json=body), 400, "invalid_request",
                 "Length of 'texts' must match 'languages'")


@pytest.mark.parametrize("patch, status, code, detail", [
    ({"languages": ["Auto"]}, 400, "invalid_request", "Length of 'texts' must match 'languages'"),
    ({"texts": [], "languages": []}, 400, "invalid_request", "'texts' is required"),
    ({"ref_text": ""}, 400, "invalid_request", "'ref_text' is required"),
    ({"languages": ["Auto", "Elvish"]}, 400, "unsupported_language", "Unsupported language: Elvish"),
    ({"ref_audio_base64": None}, 400, "invalid_request", "Either 'ref_audio_url' or 'ref_audio_base64' is required"),
    ({"texts": ["a"] * 9, "languages": ["Auto"] * 9}, 422, "batch_too_large", "Batch has 9 texts; the maximum is 8"),
    ({"texts": ["a", ""]}, 400, "invalid_request", "'texts[1]' is empty"),
    ({"texts": "not a list"}, 422, "validation_error", None),
], ids=["length-mismatch", "no-texts", "no-ref-text", "language", "no-audio", "too-many",
        "empty-text", "not-a-list"])
def test_batch_errors(qwen, patch, status, code, detail):
    body = {k: v for k, v in batch_body(**patch).items() if v is not None}
    assert_error(qwen.post("/clone-batch", json=body), status, code, detail)


def test_batch_checks_in_step6_order(qwen):
    # texts first, then ref_text, then the lengths, then languages
    assert_error(qwen.post("/clone-batch", json={}), 400, "invalid_request", "'texts' is required")
    assert_error(qwen.post("/clone-batch", json={"texts": ["a"]}), 400, "invalid_request", "'ref_text' is required")
    assert_error(qwen.post("/clone-batch", json={"texts": ["a"], "ref_text": "t", "languages": ["Elvish", "x"]}),
                 400, "invalid_request", "Length of 'texts' must match 'languages'")


# ---------------------------------------------------------------- auth and limits
def test_auth_on(make_qwen):
    c = make_qwen(token="s3cret")
    assert c.get("/health").status_code == 200  # open
    assert_error(c.get("/languages"), 401, "unauthorized", "Missing or invalid bearer token")
    assert_error(c.post("/clone", json=step6_body(), headers={"Authorization": "Bearer wrong"}), 401,
                 "unauthorized")
    assert_error(c.post("/clone", json=step6_body(), headers={"Authorization": "Basic s3cret"}), 401,
                 "unauthorized")
    assert_error(c.get("/nope"), 401, "unauthorized")
    ok = {"Authorization": "Bearer s3cret"}
    assert c.get("/languages", headers=ok).status_code == 200
    assert c.post("/clone", json=step6_body(), headers=ok).status_code == 200


def test_auth_off_by_default(qwen):
    assert qwen.get("/languages", headers={"Authorization": "Bearer anything"}).status_code == 200


def test_body_limit_content_length(make_qwen):
    c = make_qwen(max_body_bytes=10_000)
    assert c.get("/health").json()["limits"]["max_body_bytes"] == 10_000
    r = c.post("/clone", json=step6_body(ref_audio_base64=b64(wav_bytes(1.0))))
    assert_error(r, 413, "payload_too_large")


def test_body_limit_while_reading(make_qwen):
    c = make_qwen(max_body_bytes=1000)

    def chunks():
        for _ in range(10):
            yield b"x" * 200

    r = c.post("/clone", content=chunks(), headers={"content-type": "application/json"})
    assert_error(r, 413, "payload_too_large")


def test_reference_larger_than_limit_via_url(make_qwen):
    c = make_qwen(max_reference_bytes=5000, url_fetcher=lambda u, m, t: REF)
    body = step6_body(ref_audio_url="https://x.test/a.wav")
    del body["ref_audio_base64"]
    assert_error(c.post("/clone", json=body), 400, "invalid_audio")


def test_body_limit_fits_the_largest_allowed_reference(qwen):
    from utter_modal.settings import DEFAULT_MAX_BODY_BYTES, MAX_REFERENCE_BYTES

    # 50 MiB of reference as base64 with a 5000-character text and transcript: under the limit
    body = json.dumps(step6_body(text="t" * 5000, ref_text="r" * 5000,
                                 ref_audio_base64="A" * (4 * -(-MAX_REFERENCE_BYTES // 3)))).encode()
    assert len(body) <= DEFAULT_MAX_BODY_BYTES == qwen.get("/health").json()["limits"]["max_body_bytes"]
    body = body.replace(b'"language": "Auto"', b'"language": "Elvish"')  # stop before decoding 50 MiB
    r = qwen.post("/clone", content=body, headers={"content-type": "application/json"})
    assert_error(r, 400, "unsupported_language")  # read whole and parsed: not refused as too large
