"""Voice-prompt cache: a byte-bounded in-process LRU plus an optional shared tier.

The local tier holds engine-ready prompts (tensors on the GPU for the real engines).
The shared tier (any ``MutableMapping[str, dict]``; on Modal a ``modal.Dict``) holds the
*source* of a voice (decoded mono PCM16 + sample rate + ref_text), so a voice registered
on one container can be rebuilt on another one after a local miss.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, MutableMapping, Optional

import numpy as np


@dataclass
class VoiceSource:
    """What is needed to rebuild a voice prompt on any container."""

    pcm16: bytes
    sample_rate: int
    ref_text: Optional[str]

    @classmethod
    def from_wav(cls, wav: np.ndarray, sample_rate: int, ref_text: Optional[str]) -> "VoiceSource":
        a = np.clip(np.asarray(wav, dtype=np.float32), -1.0, 1.0)
        return cls((a * 32767.0).round().astype("<i2").tobytes(), int(sample_rate), ref_text)

    def wav(self) -> np.ndarray:
        return np.frombuffer(self.pcm16, dtype="<i2").astype(np.float32) / 32767.0

    def to_dict(self) -> dict:
        return {"pcm16": self.pcm16, "sample_rate": self.sample_rate, "ref_text": self.ref_text}

    @classmethod
    def from_dict(cls, d: dict) -> "VoiceSource":
        return cls(bytes(d["pcm16"]), int(d["sample_rate"]), d.get("ref_text"))


@dataclass
class CacheEntry:
    voice_id: str
    prompt: Any
    nbytes: int
    duration_seconds: float
    sample_rate: int


class VoiceCache:
    """Thread-safe LRU bounded by the sum of ``CacheEntry.nbytes``."""

    def __init__(self, max_bytes: int, shared: Optional[MutableMapping[str, Any]] = None):
        self.max_bytes = int(max_bytes)
        self.shared = shared
        self._entries: "OrderedDict[str, CacheEntry]" = OrderedDict()
        self._bytes = 0
        self._lock = threading.RLock()
        self.hits = 0
        self.misses = 0
        self.evictions = 0
        self.shared_hits = 0
        self.shared_errors = 0

    # -- local tier -------------------------------------------------------
    def get(self, voice_id: str) -> Optional[CacheEntry]:
        with self._lock:
            entry = self._entries.get(voice_id)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(voice_id)
            self.hits += 1
            return entry

    def put(self, entry: CacheEntry) -> None:
        with self._lock:
            old = self._entries.pop(entry.voice_id, None)
            if old is not None:
                self._bytes -= old.nbytes
            if entry.nbytes > self.max_bytes:
                # Too large to keep at all: do not evict everything else for it.
                return
            self._entries[entry.voice_id] = entry
            self._bytes += entry.nbytes
            while self._bytes > self.max_bytes and self._entries:
                _, ev = self._entries.popitem(last=False)
                self._bytes -= ev.nbytes
                self.evictions += 1

    def __contains__(self, voice_id: str) -> bool:
        with self._lock:
            return voice_id in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    @property
    def bytes_used(self) -> int:
        return self._bytes

    # -- shared tier ------------------------------------------------------
    def put_source(self, voice_id: str, source: VoiceSource) -> None:
        if self.shared is None:
            return
        try:
            self.shared[voice_id] = source.to_dict()
        except Exception:  # a shared-tier outage must not fail the request
            self.shared_errors += 1

    def get_source(self, voice_id: str) -> Optional[VoiceSource]:
        if self.shared is None:
            return None
        try:
            d = self.shared.get(voice_id)
        except Exception:
            self.shared_errors += 1
            return None
        if d is None:
            return None
        self.shared_hits += 1
        return VoiceSource.from_dict(d)

    def get_or_rebuild(
        self, voice_id: str, build: Callable[[VoiceSource], CacheEntry]
    ) -> Optional[CacheEntry]:
        """Local hit, else rebuild from the shared tier (and keep locally), else None."""
        entry = self.get(voice_id)
        if entry is not None:
            return entry
        source = self.get_source(voice_id)
        if source is None:
            return None
        entry = build(source)
        self.put(entry)
        return entry

    def stats(self) -> dict:
        with self._lock:
            return {
                "entries": len(self._entries),
                "bytes": self._bytes,
                "max_bytes": self.max_bytes,
                "hits": self.hits,
                "misses": self.misses,
                "evictions": self.evictions,
                "shared_tier": self.shared is not None,
                "shared_hits": self.shared_hits,
            }
