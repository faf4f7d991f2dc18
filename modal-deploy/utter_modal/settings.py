"""Service settings shared by the Qwen, Echo and VoiceDesign apps (CONTRACT.md, "Limits")."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable, MutableMapping, Optional

#: The largest reference recording a client may send: the web app's 50 MB upload limit, read as MiB.
MAX_REFERENCE_BYTES = 50 * 1024 * 1024
#: Room for everything in a JSON body besides the base64 reference (texts, transcript, field names).
JSON_OVERHEAD_BYTES = 1024 * 1024
#: The body limit: the largest reference as base64 (4 characters per 3 bytes) plus the JSON overhead,
#: 70,953,644 bytes, so every reference the clients allow reaches the service.
DEFAULT_MAX_BODY_BYTES = 4 * -(-MAX_REFERENCE_BYTES // 3) + JSON_OVERHEAD_BYTES


@dataclass
class Settings:
    """Limits and switches. Defaults follow CONTRACT.md."""

    token: Optional[str] = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_reference_bytes: int = MAX_REFERENCE_BYTES
    # qwen: the per-request text limit of this project's API (requests that use voice_id, seed or
    # output_format); a body in the original deployment's shape is held to original_max_text_chars
    max_text_chars: int = 600
    original_max_text_chars: Optional[int] = None
    max_batch_size: int = 8
    max_new_tokens: int = 2048
    # both
    max_reference_seconds: float = 300.0
    min_reference_seconds: float = 0.0
    # echo
    max_text_bytes: int = 767
    max_audio_seconds: float = 29.7
    # design (the original VoiceDesign app's limits)
    max_design_text_chars: int = 500
    max_instruct_chars: int = 500
    # infrastructure
    gpu: str = "cpu"
    cache_max_bytes: int = 512 * 1024 * 1024
    idempotency_max_bytes: int = 256 * 1024 * 1024
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
        for name, key in (
            ("UTTER_MAX_BODY_BYTES", "max_body_bytes"),
            ("UTTER_MAX_TEXT_CHARS", "max_text_chars"),
            ("UTTER_ORIGINAL_MAX_TEXT_CHARS", "original_max_text_chars"),
            ("UTTER_MAX_BATCH_SIZE", "max_batch_size"),
            ("UTTER_CACHE_MAX_BYTES", "cache_max_bytes"),
            ("UTTER_IDEMPOTENCY_MAX_BYTES", "idempotency_max_bytes"),
        ):
            if env.get(name):
                kw[key] = int(env[name])
        if env.get("UTTER_GPU"):
            kw["gpu"] = env["UTTER_GPU"]
        kw.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**kw)
