"""Idempotency-Key on the generating POSTs: replay, waiting, reuse with another body, what is not
stored, expiry, the byte bound and the shared tier."""

import json
import threading
import time

import pytest
from fastapi.testclient import TestClient

from fixtures import b64, wav_bytes
from test_qwen_app import assert_error, step6_body
from utter_modal.app_qwen import create_qwen_app
from utter_modal.engines import FakeEngine
from utter_modal.idempotency import ResponseStore, StoredResponse, fingerprint
from utter_modal.settings import Settings

KEY = {"Idempotency-Key": "job-42/chunk-0"}


def engine_calls(client):
    return client.get("/health").json()["engine_calls"]


def test_same_key_and_body_replays_the_stored_answer_without_generating_again(qwen):
    first = qwen.post("/clone", json=step6_body(), headers=KEY)
    second = qwen.post("/clone", json=step6_body(), headers=KEY)
    assert first.status_code == second.status_code == 200
    assert "idempotent-replayed" not in first.headers
    assert second.headers["idempotent-replayed"] == "true"
    assert second.content == first.content
    assert second.headers["content-type"] == "audio/wav"
    assert second.headers["x-voice-id"] == first.headers["x-voice-id"]
    assert second.headers["x-request-id"] != first.headers["x-request-id"]
    assert engine_calls(qwen) == 1


def test_json_answers_replay_with_their_content_type(qwen):
    body = {"texts": ["a", "b"], "languages": ["Auto", "Auto"], "ref_audio_base64": b64(wav_bytes(1.0)),
            "ref_text": "reference"}
    first = qwen.post("/clone-batch", json=body, headers=KEY)
    second = qwen.post("/clone-batch", json=body, headers=KEY)
    assert second.headers["idempotent-replayed"] == "true"
    assert second.headers["content-type"] == "application/json"
    assert second.json() == first.json() and engine_calls(qwen) == 1


def test_without_a_key_every_post_generates(qwen):
    qwen.post("/clone", json=step6_body())
    qwen.post("/clone", json=step6_body())
    assert engine_calls(qwen) == 2


def test_different_keys_generate_separately(qwen):
    qwen.post("/clone", json=step6_body(), headers={"Idempotency-Key": "a"})
    r = qwen.post("/clone", json=step6_body(), headers={"Idempotency-Key": "b"})
    assert "idempotent-replayed" not in r.headers and engine_calls(qwen) == 2


@pytest.mark.parametrize("path, body", [
    ("/clone", step6_body(text="Another text.")),
    ("/clone-batch", step6_body()),
], ids=["other-body", "other-path"])
def test_a_key_reused_for_another_request_is_refused(qwen, path, body):
    assert qwen.post("/clone", json=step6_body(), headers=KEY).status_code == 200
    assert_error(qwen.post(path, json=body, headers=KEY), 422, "idempotency_key_reused",
                 "This Idempotency-Key was used for a different request (method, path or body)")
    assert engine_calls(qwen) == 1


def test_validation_errors_are_not_stored_so_a_corrected_request_runs(qwen):
    bad = step6_body(language="Elvish")
    assert_error(qwen.post("/clone", json=bad, headers=KEY), 400, "unsupported_language")
    r = qwen.post("/clone", json=bad, headers=KEY)
    assert_error(r, 400, "unsupported_language")
    assert "idempotent-replayed" not in r.headers
    ok = qwen.post("/clone", json=step6_body(), headers=KEY)
    assert ok.status_code == 200 and "idempotent-replayed" not in ok.headers


class FailingOnce(FakeEngine):
    def __init__(self):
        super().__init__("qwen")
        self.failures = 1

    def generate(self, texts, voice, **kw):
        if self.failures:
            self.failures -= 1
            raise RuntimeError("CUDA out of memory")
        return super().generate(texts, voice, **kw)


def test_a_failed_generation_is_not_stored_so_the_retry_generates(make_qwen):
    c = make_qwen(engine=FailingOnce())
    assert_error(c.post("/clone", json=step6_body(), headers=KEY), 500, "generation_failed",
                 "Generation failed: CUDA out of memory")
    r = c.post("/clone", json=step6_body(), headers=KEY)
    assert r.status_code == 200 and "idempotent-replayed" not in r.headers
    assert engine_calls(c) == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there", "caf\u00e9"], ids=["empty", "256", "control", "non-ascii"])
def test_a_malformed_key_is_refused_before_any_work(qwen, key):
    r = qwen.post("/clone", json=step6_body(), headers={"Idempotency-Key": key.encode("utf-8")})
    assert_error(r, 400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 printable ASCII characters")
    assert engine_calls(qwen) == 0


def test_a_key_of_255_printable_characters_is_accepted(qwen):
    key = ("~ !" * 100)[:255]
    assert qwen.post("/clone", json=step6_body(), headers={"Idempotency-Key": key}).status_code == 200


def test_keys_are_ignored_on_get(qwen):
    assert qwen.get("/languages", headers={"Idempotency-Key": "\x01"}).status_code == 200


def test_auth_comes_before_the_key(make_qwen):
    c = make_qwen(token="t")
    assert_error(c.post("/clone", json=step6_body(), headers=KEY), 401, "unauthorized")
    ok = c.post("/clone", json=step6_body(), headers={**KEY, "Authorization": "Bearer t"})
    assert ok.status_code == 200 and "idempotent-replayed" not in ok.headers


def test_a_stored_answer_expires_after_ten_minutes(qwen):
    store = qwen.app.state.idempotency
    now = [1000.0]
    store.clock = lambda: now[0]
    qwen.post("/clone", json=step6_body(), headers=KEY)
    now[0] += 599
    assert qwen.post("/clone", json=step6_body(), headers=KEY).headers["idempotent-replayed"] == "true"
    now[0] += 1
    r = qwen.post("/clone", json=step6_body(text="A new request once the key expired."), headers=KEY)
    assert r.status_code == 200 and "idempotent-replayed" not in r.headers
    assert engine_calls(qwen) == 2


def test_the_access_log_counts_no_generation_for_a_replay(make_qwen, tmp_path):
    log = tmp_path / "a.jsonl"
    c = make_qwen(access_log=str(log))
    c.post("/clone", json=step6_body(), headers=KEY)
    c.post("/clone", json=step6_body(), headers=KEY)
    assert [json.loads(x)["engine_calls"] for x in log.read_text().splitlines()] == [1, 0]


class Gate(FakeEngine):
    """Holds every generation until ``release`` is set; ``entered`` is set when one starts."""

    def __init__(self):
        super().__init__("qwen")
        self.entered = threading.Event()
        self.release = threading.Event()

    def generate(self, texts, voice, **kw):
        self.entered.set()
        assert self.release.wait(10), "test did not release the generation"
        return super().generate(texts, voice, **kw)


def test_a_concurrent_request_with_the_same_key_waits_and_gets_the_same_answer():
    engine = Gate()
    app = create_qwen_app(engine, Settings())
    results = {}
    with TestClient(app) as c:
        def post(name):
            results[name] = c.post("/clone", json=step6_body(), headers=KEY)

        first = threading.Thread(target=post, args=("first",))
        first.start()
        assert engine.entered.wait(10)
        second = threading.Thread(target=post, args=("second",))
        second.start()
        time.sleep(0.2)  # give the second request time to arrive; it must wait either way
        assert "second" not in results
        engine.release.set()
        first.join(10)
        second.join(10)
        assert c.get("/health").json()["engine_calls"] == 1
    assert results["first"].status_code == results["second"].status_code == 200
    assert results["second"].content == results["first"].content
    assert results["second"].headers["idempotent-replayed"] == "true"


def test_a_concurrent_request_with_the_same_key_and_another_body_is_refused_at_once():
    engine = Gate()
    app = create_qwen_app(engine, Settings())
    with TestClient(app) as c:
        first = threading.Thread(target=lambda: c.post("/clone", json=step6_body(), headers=KEY))
        first.start()
        assert engine.entered.wait(10)
        try:
            assert_error(c.post("/clone", json=step6_body(text="Other."), headers=KEY), 422,
                         "idempotency_key_reused")
        finally:
            engine.release.set()
            first.join(10)


def test_the_shared_tier_lets_another_container_replay():
    shared = {}
    a = TestClient(create_qwen_app(FakeEngine("qwen"), Settings(shared_cache=shared)))
    b = TestClient(create_qwen_app(FakeEngine("qwen"), Settings(shared_cache=shared)))
    first = a.post("/clone", json=step6_body(), headers=KEY)
    retry = b.post("/clone", json=step6_body(), headers=KEY)
    assert retry.headers["idempotent-replayed"] == "true" and retry.content == first.content
    assert engine_calls(b) == 0
    assert_error(b.post("/clone", json=step6_body(text="Other."), headers=KEY), 422, "idempotency_key_reused")


# ------------------------------------------------------------------ the store alone
def answer(body: bytes, at: float = 0.0) -> StoredResponse:
    return StoredResponse(fingerprint("POST", "/x", body), 200, ((b"content-type", b"audio/wav"),), body, at)


def test_store_evicts_the_least_recently_used_answer_to_hold_its_byte_bound():
    one = answer(b"1" * 100)
    store = ResponseStore(max_bytes=3 * one.nbytes, clock=lambda: 0.0)
    for k in "abc":
        store.put(k, answer(b"1" * 100))
    assert store.get("a") is not None  # a is now the most recently used
    store.put("d", answer(b"1" * 100))
    assert store.get("b") is None and store.get("a") is not None and len(store) == 3


def test_store_keeps_no_answer_larger_than_its_bound():
    store = ResponseStore(max_bytes=100, clock=lambda: 0.0)
    store.put("big", answer(b"x" * 1000))
    assert store.get("big") is None and len(store) == 0


def test_store_survives_a_failing_shared_tier():
    class Down(dict):
        def __getitem__(self, k):
            raise ConnectionError

        get = __getitem__

        def __setitem__(self, k, v):
            raise ConnectionError

    store = ResponseStore(max_bytes=10_000, shared=Down(), clock=lambda: 0.0)
    store.put("k", answer(b"abc"))
    assert store.get("k").body == b"abc"
    assert store.get("other") is None and store.shared_errors == 2


def test_stored_answer_round_trips_through_a_plain_dict():
    a = answer(b"abc", at=12.5)
    assert StoredResponse.from_dict(a.to_dict()) == a
