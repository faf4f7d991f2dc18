"""Deterministic CPU engines producing speech-like audio (no model, no GPU): ``FakeEngine``
(cloning) and ``FakeDesignEngine`` (a voice from a description)."""

from __future__ import annotations

import hashlib
import time
from typing import Optional, Sequence

import numpy as np

from .base import DesignEngine, Engine, VoicePrompt

CHARS_PER_SECOND = 14.0
MIN_SECONDS = 0.3


class FakeEngine(Engine):
    """Deterministic speech-like audio on the CPU at the real model's sample rate (24 kHz Qwen, 44.1 kHz Echo).

    Same text, voice, seed and language give the same samples; the length is about
    ``len(text) / 14`` s (at least 0.3 s), capped like the real model (Qwen's token budget,
    Echo's 29.7 s sequence). ``delay`` seconds are slept per ``generate`` call.
    ``calls`` and ``voices_built`` count work done.
    """

    name = "fake"
    attention_implementation = "fake"

    def __init__(
        self,
        service: str = "qwen",
        *,
        delay: float = 0.0,
        max_audio_seconds: Optional[float] = None,
    ):
        if service not in ("qwen", "echo"):
            raise ValueError(f"unknown service {service!r}")
        self.service = service
        self.delay = float(delay)
        if service == "qwen":
            self.sample_rate = 24000
            self.model_id = "Qwen/Qwen3-TTS-12Hz-0.6B-Base"
            self.max_audio_seconds = max_audio_seconds
        else:
            self.sample_rate = 44100
            self.model_id = "jordand/echo-tts-base"
            self.max_audio_seconds = 29.7 if max_audio_seconds is None else max_audio_seconds
        self.calls = 0
        self.voices_built = 0

    def build_voice(self, wav: np.ndarray, sample_rate: int, ref_text: Optional[str]) -> VoicePrompt:
        """A fingerprint of the reference and a base pitch derived from it."""
        self.voices_built += 1
        a = np.asarray(wav, dtype=np.float32)
        h = hashlib.sha256()
        h.update(str(int(sample_rate)).encode())
        h.update((np.clip(a, -1, 1) * 32767).round().astype("<i2").tobytes())
        h.update(b"\0" + (ref_text or "").encode("utf-8"))
        fp = h.digest()
        # base pitch between 90 and 230 Hz, derived from the reference
        f0 = 90.0 + 140.0 * (int.from_bytes(fp[:2], "big") / 65535.0)
        return VoicePrompt(data={"fingerprint": fp, "f0": f0}, nbytes=int(a.nbytes) + 64)

    def duration_for(self, text: str) -> float:
        """Seconds of audio made for ``text`` before the model caps apply."""
        d = max(MIN_SECONDS, len(text) / CHARS_PER_SECOND)
        if self.max_audio_seconds is not None:
            d = min(d, self.max_audio_seconds)
        return d

    def generate(
        self,
        texts: Sequence[str],
        voice: Optional[VoicePrompt],
        *,
        languages: Optional[Sequence[str]] = None,
        seed: Optional[int] = None,
        max_new_tokens: int = 2048,
        sampler: Optional[dict] = None,
    ) -> list[np.ndarray]:
        self.calls += 1
        seq_len = (sampler or {}).get("sequence_length") if self.service == "echo" else None
        if self.delay > 0:
            time.sleep(self.delay)
        out = []
        for i, text in enumerate(texts):
            lang = languages[i] if languages else ""
            out.append(self.speak(text, voice, seed, lang, max_new_tokens, seq_len))
        return out

    _DEFAULT_VOICE = VoicePrompt(data={"fingerprint": b"default-voice", "f0": 140.0}, nbytes=0)

    def speak(self, text: str, voice: Optional[VoicePrompt], seed: Optional[int], lang: str, max_new_tokens: int,
              seq_len: Optional[int] = None) -> np.ndarray:
        """One utterance of ``text`` in ``voice`` (its ``f0`` sets the pitch, an optional ``tempo``
        scales the syllable rate); capped like the real model."""
        voice = voice or self._DEFAULT_VOICE
        sr = self.sample_rate
        dur = self.duration_for(text)
        if seq_len:
            # Echo: 640 latents of 2048 samples at 44.1 kHz ~ 29.7 s
            dur = min(dur, max(MIN_SECONDS, seq_len * 2048 / 44100.0))
        if self.service == "qwen":
            # 12.5 codec frames per second: the token budget caps the length like the real model
            dur = min(dur, max(MIN_SECONDS, max_new_tokens / 12.5))
        n = max(1, int(round(dur * sr)))
        h = hashlib.sha256()
        h.update(voice.data["fingerprint"])
        h.update(b"\0" + text.encode("utf-8"))
        h.update(b"\0" + str(0 if seed is None else int(seed)).encode())
        h.update(b"\0" + lang.lower().encode())
        rng = np.random.default_rng(int.from_bytes(h.digest()[:8], "big"))

        t = np.arange(n, dtype=np.float64) / sr
        f0 = voice.data["f0"] * (1.0 + 0.08 * np.sin(2 * np.pi * (0.4 + 0.6 * rng.random()) * t + rng.random() * 6.28))
        f0 += 4.0 * np.sin(2 * np.pi * 5.5 * t)  # vibrato-ish jitter
        phase = 2 * np.pi * np.cumsum(f0) / sr
        signal = np.zeros(n, dtype=np.float64)
        formant = 500.0 + 1500.0 * rng.random()
        for k in range(1, 9):
            fk = k * voice.data["f0"]
            weight = (1.0 / k) * (1.0 + 1.5 * np.exp(-((fk - formant) / 400.0) ** 2))
            signal += weight * np.sin(k * phase)
        # syllable envelope (~4.5/s) with word gaps
        syl_rate = (4.0 + rng.random()) * voice.data.get("tempo", 1.0)
        env = np.clip(np.sin(np.pi * (t * syl_rate % 1.0)), 0.0, None) ** 0.6
        n_words = max(1, len(text.split()))
        gaps = rng.random(n_words) * dur
        for g in gaps:
            a, b = int(g * sr), int(min(dur, g + 0.08) * sr)
            env[a:b] *= 0.05
        fade = min(n // 4, int(0.02 * sr))
        if fade > 0:
            env[:fade] *= np.linspace(0, 1, fade)
            env[-fade:] *= np.linspace(1, 0, fade)
        signal = signal * env + 0.01 * rng.standard_normal(n)
        peak = float(np.max(np.abs(signal))) or 1.0
        return (0.5 * signal / peak).astype(np.float32)


class FakeDesignEngine(DesignEngine):
    """Deterministic voice design on the CPU at 24 kHz: the description (``instruct``) picks the
    voice — a base pitch between 90 and 230 Hz and a tempo between 0.75x and 1.3x from its hash —
    so different descriptions sound different and the same request gives the same bytes.
    ``calls`` counts designs; ``delay`` seconds are slept per design."""

    name = "fake"
    attention_implementation = "fake"
    model_id = "Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign"

    def __init__(self, *, delay: float = 0.0, max_new_tokens: int = 2048):
        self._speech = FakeEngine("qwen", delay=delay)
        self.sample_rate = self._speech.sample_rate
        self.max_new_tokens = int(max_new_tokens)
        self.calls = 0

    @staticmethod
    def voice_for(instruct: str) -> VoicePrompt:
        """The voice a description stands for."""
        fp = hashlib.sha256(b"design\0" + instruct.encode("utf-8")).digest()
        f0 = 90.0 + 140.0 * (int.from_bytes(fp[:2], "big") / 65535.0)
        tempo = 0.75 + 0.55 * (int.from_bytes(fp[2:4], "big") / 65535.0)
        return VoicePrompt(data={"fingerprint": fp, "f0": f0, "tempo": tempo}, nbytes=0)

    def design(self, text: str, language: str, instruct: str, *, seed: Optional[int] = None) -> np.ndarray:
        self.calls += 1
        if self._speech.delay > 0:
            time.sleep(self._speech.delay)
        return self._speech.speak(text, self.voice_for(instruct), seed, language, self.max_new_tokens)
