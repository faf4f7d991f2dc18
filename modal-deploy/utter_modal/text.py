"""Text normalization as Echo-TTS's ``tokenizer_encode`` does it, plus the byte limit."""

from __future__ import annotations

import re

ECHO_MAX_TEXT_BYTES = 767  # MAX_TEXT_LENGTH 768 minus the BOS token

_WS = re.compile(r"\s+")
_REPLACEMENTS = (
    ("\u2026", "..."),  # ellipsis
    ("\u2019", "'"),
    ("\u201d", '"'),
    ("\u201c", '"'),
    (":", ","),
    (";", ","),
    ("\u2014", ","),  # em dash
)


def normalize_echo_text(text: str) -> str:
    """Collapse whitespace, map ``: ; —`` to commas, add ``[S1] `` unless already tagged."""
    t = _WS.sub(" ", text).strip()
    for a, b in _REPLACEMENTS:
        t = t.replace(a, b)
    if not t.startswith("[") and not t.startswith("(") and "S1" not in t and "S2" not in t:
        t = "[S1] " + t
    return t


def echo_text_bytes(normalized: str) -> int:
    return len(normalized.encode("utf-8"))


def echo_text_too_long_detail(nbytes: int, limit: int = ECHO_MAX_TEXT_BYTES) -> str:
    return (
        f"Text is {nbytes} bytes after normalization; "
        f"Echo-TTS accepts at most {limit} UTF-8 bytes per call"
    )
