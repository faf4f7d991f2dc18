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


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_echo_text(text: str, max_bytes: int = ECHO_MAX_TEXT_BYTES) -> list[str]:
    """Split long text into normalized chunks of at most ``max_bytes`` UTF-8 bytes each,
    on sentence ends first, then on words (for the Echo-era ``generate`` method)."""

    def fits(s: str) -> bool:
        return echo_text_bytes(normalize_echo_text(s)) <= max_bytes

    units: list[str] = []
    for sentence in _SENTENCE_END.split(_WS.sub(" ", text).strip()):
        if not sentence:
            continue
        if fits(sentence):
            units.append(sentence)
            continue
        current = ""
        for word in sentence.split(" "):
            cand = f"{current} {word}".strip()
            if fits(cand):
                current = cand
                continue
            if current:
                units.append(current)
            while not fits(word):  # a single enormous "word": cut by characters
                cut = len(word)
                while cut > 1 and not fits(word[:cut]):
                    cut = max(1, cut * 3 // 4)
                units.append(word[:cut])
                word = word[cut:]
            current = word
        if current:
            units.append(current)
    chunks: list[str] = []
    current = ""
    for unit in units:
        cand = f"{current} {unit}".strip()
        if current and not fits(cand):
            chunks.append(current)
            current = unit
        else:
            current = cand
    if current:
        chunks.append(current)
    return [normalize_echo_text(c) for c in chunks]
