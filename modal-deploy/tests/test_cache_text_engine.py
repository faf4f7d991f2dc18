import numpy as np
import pytest

from utter_modal.cache import CacheEntry, VoiceCache, VoiceSource
from utter_modal.engines import FakeEngine, make_engine
from utter_modal.text import echo_text_bytes, echo_text_too_long_detail, normalize_echo_text


def entry(vid, n):
    return CacheEntry(vid, object(), n, 1.0, 16000)


def test_lru_hit_miss_eviction():
    c = VoiceCache(max_bytes=100)
    assert c.get("a") is None and c.misses == 1
    c.put(entry("a", 40))
    c.put(entry("b", 40))
    assert c.get("a") is not None and c.hits == 1  # a is now most recent
    c.put(entry("c", 40))  # evicts b (least recently used)
    assert "b" not in c and "a" in c and "c" in c
    assert c.evictions == 1 and c.bytes_used == 80
    c.put(entry("d", 100))  # evicts a and c
    assert len(c) == 1 and c.evictions == 3
    c.put(entry("huge", 1000))  # larger than the cache: not kept, nothing evicted
    assert "huge" not in c and "d" in c
    s = c.stats()
    assert s["entries"] == 1 and s["hits"] == 1 and s["evictions"] == 3


def test_replace_same_key_keeps_byte_count():
    c = VoiceCache(max_bytes=100)
    c.put(entry("a", 60))
    c.put(entry("a", 30))
    assert c.bytes_used == 30 and len(c) == 1


def test_shared_tier_rebuild():
    shared = {}
    c1 = VoiceCache(100, shared)
    src = VoiceSource.from_wav(np.array([0.0, 0.5, -0.5], dtype=np.float32), 16000, "hi")
    c1.put_source("qv_x", src)
    c2 = VoiceCache(100, shared)
    built = []
    e = c2.get_or_rebuild("qv_x", lambda s: built.append(s) or entry("qv_x", 10))
    assert e is not None and built[0].ref_text == "hi" and built[0].sample_rate == 16000
    assert np.allclose(built[0].wav(), [0.0, 0.5, -0.5], atol=1e-4)
    assert c2.shared_hits == 1 and "qv_x" in c2
    assert c2.get_or_rebuild("missing", lambda s: entry("missing", 1)) is None


def test_shared_tier_failures_are_swallowed():
    class Broken(dict):
        def __setitem__(self, k, v):
            raise ConnectionError("down")

        def get(self, k, d=None):
            raise ConnectionError("down")

    c = VoiceCache(100, Broken())
    c.put_source("a", VoiceSource(b"\0\0", 16000, None))
    assert c.get_source("a") is None and c.shared_errors == 2


@pytest.mark.parametrize("raw, expected", [
    ("Hello world", "[S1] Hello world"),
    ("Note: this; that \u2014 other", "[S1] Note, this, that , other"),
    ("  many   spaces\n\tand lines ", "[S1] many spaces and lines"),
    ("[S2] tagged already", "[S2] tagged already"),
    ("(laughs) ok", "(laughs) ok"),
    ("Talk to S1 now", "Talk to S1 now"),
    ("It\u2019s \u201cfine\u201d\u2026", "[S1] It's \"fine\"..."),
])
def test_echo_normalization(raw, expected):
    assert normalize_echo_text(raw) == expected


def test_echo_bytes():
    t = normalize_echo_text("é" * 10)
    assert echo_text_bytes(t) == 5 + 20
    assert echo_text_too_long_detail(800) == (
        "Text is 800 bytes after normalization; Echo-TTS accepts at most 767 UTF-8 bytes per call")


def _voice(engine, seed=1):
    rng = np.random.default_rng(seed)
    return engine.build_voice(rng.standard_normal(1600).astype(np.float32) * 0.1, 16000, "ref")


def test_fake_engine_deterministic_and_seeded():
    e = FakeEngine("qwen")
    v = _voice(e)
    a = e.generate(["Hello there, friend."], v, seed=1)[0]
    b = e.generate(["Hello there, friend."], v, seed=1)[0]
    c = e.generate(["Hello there, friend."], v, seed=2)[0]
    d = e.generate(["Hello there, friend."], _voice(e, 2), seed=1)[0]
    assert np.array_equal(a, b) and not np.array_equal(a, c) and not np.array_equal(a, d)
    assert a.dtype == np.float32 and np.abs(a).max() <= 0.5 + 1e-6


def test_fake_engine_durations():
    q = FakeEngine("qwen")
    v = _voice(q)
    assert q.sample_rate == 24000
    assert len(q.generate(["x" * 140], v)[0]) == 24000 * 10
    assert len(q.generate(["a"], v)[0]) == int(0.3 * 24000)
    # 2048 tokens at 12.5 Hz ~ 163.84 s cap; 25 tokens -> 2 s
    assert len(q.generate(["x" * 140], v, max_new_tokens=25)[0]) == 24000 * 2
    e = FakeEngine("echo")
    assert e.sample_rate == 44100
    out = e.generate(["x" * 767], None)[0]
    assert len(out) == int(round(29.7 * 44100))
    out = e.generate(["x" * 767], None, sampler={"sequence_length": 64})[0]
    assert abs(len(out) - 64 * 2048) <= 1


def test_fake_engine_delay():
    import time

    e = FakeEngine("qwen", delay=0.05)
    t0 = time.monotonic()
    e.generate(["hi"], _voice(e))
    assert time.monotonic() - t0 >= 0.05


def test_make_engine_without_gpu_libs():
    assert make_engine("qwen", "fake").name == "fake"
    q = make_engine("qwen", "real")  # constructing never imports torch/qwen_tts
    assert q.name == "qwen" and q.model is None
    with pytest.raises(RuntimeError):
        q.build_voice(np.zeros(10, dtype=np.float32), 16000, "x")
    ec = make_engine("echo", "real")
    assert ec.name == "echo" and ec.sample_rate == 44100
    with pytest.raises(ValueError):
        make_engine("qwen", "bogus")
    with pytest.raises(ValueError):
        FakeEngine("nope")
