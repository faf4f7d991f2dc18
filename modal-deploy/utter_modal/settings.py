"""Service settings shared by the Qwen and Echo apps."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable, MutableMapping, Optional

DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024


@dataclass
class Settings:
    """Limits and switches. Defaults follow CONTRACT.md."""

    token: Optional[str] = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    # qwen
    max_text_chars: int = 600
    max_batch_size: int = 8
    max_new_tokens: int = 2048
    # both
    max_reference_seconds: float = 300.0
    min_reference_seconds: float = 0.0
    # echo
    max_text_bytes: int = 767
    max_audio_seconds: float = 29.7
    # infrastructure
    gpu: str = "cpu"
    cache_max_bytes: int = 512 * 1024 * 1024
    shared_cache: Optional[MutableMapping[str, Any]] = None
    access_log: Optional[str] = None
    allow_ref_audio_url: bool = True
    url_timeout_s: float = 30.0
    # Injected for tests: fetch(url, max_bytes, timeout) -> bytes
    url_fetcher: Optional[Callable[[str, int, float], bytes]] = field(default=None, repr=False)

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        """Build settings from ``UTTER_*`` environment variables, then apply overrides."""
        env = os.environ
        kw: dict[str, Any] = {}
        if env.get("UTTER_SERVICE_TOKEN"):
            kw["token"] = env["UTTER_SERVICE_TOKEN"]
        if env.get("UTTER_MAX_BODY_BYTES"):
            kw["max_body_bytes"] = int(env["UTTER_MAX_BODY_BYTES"])
        if env.get("UTTER_MAX_TEXT_CHARS"):
            kw["max_text_chars"] = int(env["UTTER_MAX_TEXT_CHARS"])
        if env.get("UTTER_MAX_BATCH_SIZE"):
            kw["max_batch_size"] = int(env["UTTER_MAX_BATCH_SIZE"])
        if env.get("UTTER_CACHE_MAX_BYTES"):
            kw["cache_max_bytes"] = int(env["UTTER_CACHE_MAX_BYTES"])
        if env.get("UTTER_GPU"):
            kw["gpu"] = env["UTTER_GPU"]
        kw.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**kw)
