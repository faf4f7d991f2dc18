"""Echo-TTS text normalization, byte counting and the Echo-era splitter."""

import pytest

from utter_modal.text import echo_text_bytes, echo_text_too_long_detail, normalize_echo_text, split_echo_text


@pytest.mark.parametrize("raw, expected", [
    ("Hello world", "[S1] Hello world"),
    ("Note: this; that \u2014 other", "[S1] Note, this, that , other"),
    ("  many   spaces\n\tand lines ", "[S1] many spaces and lines"),
    ("[S2] tagged already", "[S2] tagged already"),
    ("(laughs) ok", "(laughs) ok"),
    ("Talk to S1 now", "Talk to S1 now"),
    ("It\u2019s \u201cfine\u201d\u2026", "[S1] It's \"fine\"..."),
], ids=["tag-added", "punctuation-to-commas", "whitespace", "tagged", "parenthesis", "speaker-named", "quotes"])
def test_normalization(raw, expected):
    assert normalize_echo_text(raw) == expected


def test_bytes_are_utf8_bytes_including_the_tag():
    assert echo_text_bytes(normalize_echo_text("é" * 10)) == 5 + 20


def test_too_long_detail_wording():
    assert echo_text_too_long_detail(800) == (
        "Text is 800 bytes after normalization; Echo-TTS accepts at most 767 UTF-8 bytes per call")


def test_split_keeps_every_chunk_within_767_bytes():
    chunks = split_echo_text("Short one. " * 150 + "x" * 2000 + " end: of; story.")
    assert len(chunks) > 3
    assert all(echo_text_bytes(c) <= 767 for c in chunks)
    assert all(c.startswith("[S1] ") for c in chunks)


def test_split_short_and_blank_text():
    assert split_echo_text("Hi.") == ["[S1] Hi."]
    assert split_echo_text("   ") == []
