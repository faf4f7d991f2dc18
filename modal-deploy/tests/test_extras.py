import os
import subprocess
import sys

import numpy as np

from utter_modal.audio import decode_audio, encode_mp3
from utter_modal.text import echo_text_bytes, split_echo_text

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_split_echo_text_respects_byte_limit():
    text = "Short one. " * 150 + "x" * 2000 + " end: of; story."
    chunks = split_echo_text(text)
    assert len(chunks) > 3
    assert all(echo_text_bytes(c) <= 767 for c in chunks)
    assert all(c.startswith("[S1] ") for c in chunks)
    assert split_echo_text("Hi.") == ["[S1] Hi."]
    assert split_echo_text("   ") == []


def test_encode_mp3_roundtrip():
    wav = (0.3 * np.sin(np.arange(44100) / 10)).astype(np.float32)
    d = decode_audio(encode_mp3(wav, 44100))
    assert d.sample_rate == 44100 and abs(d.duration_seconds - 1.0) < 0.1


def test_package_imports_without_modal_or_torch():
    code = ("import sys, utter_modal.app_qwen, utter_modal.app_echo, utter_modal.cli, "
            "utter_modal.engines.qwen, utter_modal.engines.echo; "
            "print('torch' in sys.modules, 'modal' in sys.modules, 'qwen_tts' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False False"
