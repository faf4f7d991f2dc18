"""The small interfaces engines implement: ``Engine`` (cloning: fake, Qwen3-TTS, Echo-TTS) and
``DesignEngine`` (a voice from a description: fake, Qwen3-TTS VoiceDesign)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np


@dataclass
class VoicePrompt:
    """An engine-ready voice (e.g. Qwen ``VoiceClonePromptItem`` list, Echo speaker tensor)."""

    data: Any
    nbytes: int


def cuda_device_name() -> str:
    """The first CUDA device's name, or "cpu" when torch or a GPU is missing."""
    try:
        import torch

        if torch.cuda.is_available():
            return torch.cuda.get_device_name(0)
    except Exception:
        pass
    return "cpu"


class SpeechModel(ABC):
    """What every engine reports and how it starts: ``load`` is called once before serving; the
    generating methods may be called from several threads (engines that need it serialize GPU work
    themselves)."""

    #: "fake" | "qwen" | "echo" | "qwen-design" (reported as ``engine`` in /health)
    name: str = "engine"
    #: model identifier reported in /health
    model_id: str = ""
    #: output sample rate
    sample_rate: int = 24000
    #: "sdpa" | "flash_attention_2" | "fake" ...
    attention_implementation: str = "fake"

    def load(self) -> None:
        """Load weights (no-op for the fake engines). Called once before serving."""

    def gpu_name(self) -> str:
        """The accelerator reported by ``/health`` when none is configured."""
        return "cpu"


class DesignEngine(SpeechModel):
    """A model that speaks ``text`` in a new voice described in words (Qwen3-TTS VoiceDesign)."""

    @abstractmethod
    def design(self, text: str, language: str, instruct: str, *, seed: Optional[int] = None) -> np.ndarray:
        """Speak ``text`` in the voice ``instruct`` describes: one mono float32 waveform at ``sample_rate``."""


class Engine(SpeechModel):
    """A cloning model behind the services: builds voice prompts and synthesizes whole utterances."""

    @abstractmethod
    def build_voice(self, wav: np.ndarray, sample_rate: int, ref_text: Optional[str]) -> VoicePrompt:
        """Turn a decoded mono reference into an engine-ready prompt."""

    @abstractmethod
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
        """Synthesize one mono float32 waveform (at ``sample_rate``) per text."""


def tensor_nbytes(obj: Any) -> int:
    """Best-effort size of nested tensors/arrays (for the byte-bounded cache)."""
    seen = 0
    stack = [obj]
    while stack:
        o = stack.pop()
        if o is None:
            continue
        nb = getattr(o, "nbytes", None)
        if isinstance(nb, int):
            seen += nb
            continue
        if hasattr(o, "element_size") and hasattr(o, "nelement"):
            seen += int(o.element_size() * o.nelement())
            continue
        if isinstance(o, dict):
            stack.extend(o.values())
        elif isinstance(o, (list, tuple)):
            stack.extend(o)
        elif hasattr(o, "__dict__"):
            stack.extend(vars(o).values())
    return max(seen, 1)
