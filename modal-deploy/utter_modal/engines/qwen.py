"""Qwen3-TTS voice-clone engine (``pip install qwen-tts``); imports torch/qwen_tts lazily."""

from __future__ import annotations

import importlib.util
import os
import threading
from typing import Optional, Sequence

import numpy as np

from .base import Engine, VoicePrompt, tensor_nbytes

DEFAULT_MODEL_ID = "Qwen/Qwen3-TTS-12Hz-0.6B-Base"


def pick_attention_implementation() -> str:
    """flash_attention_2 when flash_attn imports, else PyTorch SDPA."""
    if importlib.util.find_spec("flash_attn") is not None:
        try:
            import flash_attn  # noqa: F401

            return "flash_attention_2"
        except Exception:
            pass
    return "sdpa"


class QwenEngine(Engine):
    name = "qwen"
    sample_rate = 24000

    def __init__(self, model_path: Optional[str] = None, model_id: str = DEFAULT_MODEL_ID, device: str = "cuda:0"):
        self.model_id = model_id
        self.model_path = model_path or model_id
        self.device = device
        self.model = None
        self.attention_implementation = "sdpa"
        # One GPU model: generations are serialized; /health etc. stay responsive.
        self._lock = threading.Lock()

    def load(self) -> None:
        import torch
        from qwen_tts import Qwen3TTSModel

        self.attention_implementation = pick_attention_implementation()
        path = self.model_path
        if not (os.path.isdir(path) and os.listdir(path)):
            path = self.model_id  # falls back to the Hub (slow cold start)
        self.model = Qwen3TTSModel.from_pretrained(
            path,
            device_map=self.device,
            dtype=torch.bfloat16,
            attn_implementation=self.attention_implementation,
        )

    def gpu_name(self) -> str:
        try:
            import torch

            if torch.cuda.is_available():
                return torch.cuda.get_device_name(0)
        except Exception:
            pass
        return "cpu"

    def _require_model(self):
        if self.model is None:
            raise RuntimeError("Qwen3-TTS model is not loaded")
        return self.model

    def build_voice(self, wav: np.ndarray, sample_rate: int, ref_text: Optional[str]) -> VoicePrompt:
        model = self._require_model()
        with self._lock:
            prompt = model.create_voice_clone_prompt(
                ref_audio=(np.asarray(wav, dtype=np.float32), int(sample_rate)),
                ref_text=ref_text,
            )
        return VoicePrompt(data=prompt, nbytes=tensor_nbytes(prompt))

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
        model = self._require_model()
        if voice is None:
            raise ValueError("Qwen3-TTS voice cloning needs a reference voice")
        texts = list(texts)
        langs = list(languages) if languages else ["Auto"] * len(texts)
        prompt = voice.data
        # one prompt reused for every item of the batch
        if isinstance(prompt, list) and len(prompt) == 1 and len(texts) > 1:
            prompt = prompt * len(texts)
        with self._lock:
            if seed is not None:
                import torch

                torch.manual_seed(int(seed))
                if torch.cuda.is_available():
                    torch.cuda.manual_seed_all(int(seed))
            wavs, sr = model.generate_voice_clone(
                text=texts,
                language=langs,
                voice_clone_prompt=prompt,
                max_new_tokens=int(max_new_tokens),
            )
        if int(sr) != self.sample_rate:
            from ..audio import resample_linear

            wavs = [resample_linear(np.asarray(w, dtype=np.float32), int(sr), self.sample_rate) for w in wavs]
        return [np.asarray(w, dtype=np.float32).reshape(-1) for w in wavs]
