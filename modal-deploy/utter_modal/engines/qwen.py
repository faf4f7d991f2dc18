"""Qwen3-TTS engines (``pip install qwen-tts``): voice cloning (Base models) and voice design
(the VoiceDesign model); torch and qwen_tts are imported lazily, when weights are loaded."""

from __future__ import annotations

import importlib.util
import os
import threading
from typing import Optional, Sequence

import numpy as np

from .base import DesignEngine, Engine, VoicePrompt, cuda_device_name, tensor_nbytes

DEFAULT_MODEL_ID = "Qwen/Qwen3-TTS-12Hz-0.6B-Base"
DESIGN_MODEL_ID = "Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign"
QWEN_SAMPLE_RATE = 24000


def pick_attention_implementation() -> str:
    """flash_attention_2 when flash_attn imports, else PyTorch SDPA."""
    if importlib.util.find_spec("flash_attn") is not None:
        try:
            import flash_attn  # noqa: F401

            return "flash_attention_2"
        except Exception:
            pass
    return "sdpa"


class QwenModelHolder:
    """One ``qwen_tts.Qwen3TTSModel`` in bf16 on one GPU (flash-attention 2 when installed, else
    SDPA), loaded from ``model_path`` when that directory holds weights, else from the Hub.
    Model calls are serialized on one lock; ``/health`` etc. stay responsive meanwhile."""

    sample_rate = QWEN_SAMPLE_RATE

    def __init__(self, model_path: Optional[str], model_id: str, device: str = "cuda:0"):
        self.model_id = model_id
        self.model_path = model_path or model_id
        self.device = device
        self.model = None
        self.attention_implementation = "sdpa"
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the weights (bf16, the best attention implementation present)."""
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
        return cuda_device_name()

    def _require_model(self):
        if self.model is None:
            raise RuntimeError("Qwen3-TTS model is not loaded")
        return self.model

    @staticmethod
    def _seed(seed: Optional[int]) -> None:
        """Seed torch's generators (call under the lock, right before the model call)."""
        if seed is None:
            return
        import torch

        torch.manual_seed(int(seed))
        if torch.cuda.is_available():
            torch.cuda.manual_seed_all(int(seed))

    def _mono(self, wavs, sr: int) -> list[np.ndarray]:
        """The model's waveforms as mono float32 at ``sample_rate``."""
        if int(sr) != self.sample_rate:
            from ..audio import resample_linear

            wavs = [resample_linear(np.asarray(w, dtype=np.float32), int(sr), self.sample_rate) for w in wavs]
        return [np.asarray(w, dtype=np.float32).reshape(-1) for w in wavs]


class QwenEngine(QwenModelHolder, Engine):
    """Voice cloning with a Qwen3-TTS Base model.

    References arrive decoded as ``(ndarray, sr)``; ``create_voice_clone_prompt`` runs once per
    voice and its prompt is reused; batches go in as lists; ``max_new_tokens`` is always sent.
    """

    name = "qwen"

    def __init__(self, model_path: Optional[str] = None, model_id: str = DEFAULT_MODEL_ID, device: str = "cuda:0"):
        super().__init__(model_path, model_id, device)

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
            self._seed(seed)
            wavs, sr = model.generate_voice_clone(
                text=texts,
                language=langs,
                voice_clone_prompt=prompt,
                max_new_tokens=int(max_new_tokens),
            )
        return self._mono(wavs, sr)


class QwenDesignEngine(QwenModelHolder, DesignEngine):
    """Voice design with ``Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign`` (the only size there is):
    ``generate_voice_design(text=..., instruct=..., language=..., max_new_tokens=...)``."""

    name = "qwen-design"

    def __init__(self, model_path: Optional[str] = None, model_id: str = DESIGN_MODEL_ID, device: str = "cuda:0",
                 max_new_tokens: int = 2048):
        super().__init__(model_path, model_id, device)
        self.max_new_tokens = int(max_new_tokens)

    def design(self, text: str, language: str, instruct: str, *, seed: Optional[int] = None) -> np.ndarray:
        model = self._require_model()
        with self._lock:
            self._seed(seed)
            wavs, sr = model.generate_voice_design(
                text=text,
                instruct=instruct,
                language=language,
                max_new_tokens=self.max_new_tokens,
            )
        return self._mono(wavs, sr)[0]
