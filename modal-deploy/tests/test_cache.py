"""VoiceCache: byte-bounded LRU tier and the shared tier (a dict here, modal.Dict on Modal)."""

import numpy as np

from utter_modal.cache import CacheEntry, VoiceCache, VoiceSource


def entry(vid, nbytes):
    return CacheEntry(vid, object(), nbytes, 1.0, 16000)


def test_miss_then_hit_are_counted():
    c = VoiceCache(max_bytes=100)
    assert c.get("a") is None
    c.put(entry("a", 10))
    assert c.get("a") is not None
    assert (c.hits, c.misses) == (1, 1)


def test_evicts_least_recently_used_first():
    c = VoiceCache(max_bytes=100)
    c.put(entry("a", 40))
    c.put(entry("b", 40))
    c.get("a")  # a is now the most recent
    c.put(entry("c", 40))
    assert "b" not in c and "a" in c and "c" in c
    assert c.evictions == 1 and c.bytes_used == 80


def test_evicts_as_many_as_the_byte_bound_needs():
    c = VoiceCache(max_bytes=100)
    c.put(entry("a", 40))
    c.put(entry("b", 40))
    c.put(entry("d", 100))
    assert len(c) == 1 and "d" in c and c.evictions == 2


def test_entry_larger_than_the_cache_is_not_kept_and_evicts_nothing():
    c = VoiceCache(max_bytes=100)
    c.put(entry("a", 40))
    c.put(entry("huge", 1000))
    assert "huge" not in c and "a" in c and c.evictions == 0


def test_replacing_an_entry_keeps_the_byte_count_right():
    c = VoiceCache(max_bytes=100)
    c.put(entry("a", 60))
    c.put(entry("a", 30))
    assert c.bytes_used == 30 and len(c) == 1


def test_stats_report_the_counters():
    c = VoiceCache(max_bytes=100)
    c.put(entry("a", 40))
    c.get("a")
    c.get("zz")
    assert c.stats() == {"entries": 1, "bytes": 40, "max_bytes": 100, "hits": 1, "misses": 1, "evictions": 0,
                         "shared_tier": False, "shared_hits": 0}


def test_local_miss_is_rebuilt_from_the_shared_tier():
    shared = {}
    VoiceCache(100, shared).put_source(
        "qv_x", VoiceSource.from_wav(np.array([0.0, 0.5, -0.5], dtype=np.float32), 16000, "hi"))
    other_container = VoiceCache(100, shared)
    built = []
    e = other_container.get_or_rebuild("qv_x", lambda s: built.append(s) or entry("qv_x", 10))
    assert e is not None and "qv_x" in other_container and other_container.shared_hits == 1
    assert built[0].ref_text == "hi" and built[0].sample_rate == 16000
    assert np.allclose(built[0].wav(), [0.0, 0.5, -0.5], atol=1e-4)


def test_unknown_everywhere_is_none():
    assert VoiceCache(100, {}).get_or_rebuild("missing", lambda s: entry("missing", 1)) is None


def test_shared_tier_failures_are_counted_not_raised():
    class Down(dict):
        def __setitem__(self, k, v):
            raise ConnectionError("down")

        def get(self, k, d=None):
            raise ConnectionError("down")

    c = VoiceCache(100, Down())
    c.put_source("a", VoiceSource(b"\0\0", 16000, None))
    assert c.get_source("a") is None and c.shared_errors == 2
