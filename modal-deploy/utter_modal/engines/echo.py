"""Echo-TTS engine (github.com/jordandare/echo-tts ``inference.py``); imports torch lazily.

Weights ``jordand/echo-tts-base`` and ``jordand/fish-s1-dac-min`` are CC-BY-NC-SA-4.0
(non-commercial), and so is the audio they generate.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import Optional, Sequence

import numpy as np

from .base import Engine, VoicePrompt, cuda_device_name

DEFAULT_MODEL_ID = "jordand/echo-tts-base"
DEFAULT_AE_ID = "jordand/fish-s1-dac-min"
ECHO_SAMPLE_RATE = 44100

#: The sampler defaults of the service, stated once (``POST /generate``'s ``sampler`` defaults to
#: these): Echo-TTS's own example call of ``sample_euler_cfg_independent_guidances`` (inference.py,
#: README), including ``truncation_factor`` 0.8, which scales the initial noise down and reduces
#: artifacts.
DEFAULT_SAMPLER = {
    "num_steps": 40,
    "cfg_scale_text": 3.0,
    "cfg_scale_speaker": 8.0,
    "cfg_min_t": 0.5,
    "cfg_max_t": 1.0,
    "truncation_factor": 0.8,
    "rescale_k": None,
    "rescale_sigma": None,
    "speaker_kv_scale": None,
    "speaker_kv_max_layers": None,
    "speaker_kv_min_t": None,
    "sequence_length": 640,
}


class EchoEngine(Engine):
    """Echo-TTS ``sample_pipeline`` with the README's sampler defaults (needs ``inference.py`` on the path).

    Texts must already be normalized (``utter_modal.text``); they are passed with
    ``normalize_text=False`` so the model reads exactly the bytes the service counted.
    """

    name = "echo"
    sample_rate = ECHO_SAMPLE_RATE
    attention_implementation = "sdpa"

    def __init__(self, model_id: str = DEFAULT_MODEL_ID, ae_id: str = DEFAULT_AE_ID, device: str = "cuda"):
        self.model_id = model_id
        self.ae_id = ae_id
        self.device = device
        self.model = None
        self.fish_ae = None
        self.pca_state = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the DiT, the Fish S1-DAC decoder and the PCA state from the Hub (or its cache)."""
        import torch
        from inference import load_fish_ae_from_hf, load_model_from_hf, load_pca_state_from_hf

        self.model = load_model_from_hf(self.model_id, device=self.device, dtype=torch.bfloat16, delete_blockwise_modules=True)
        self.fish_ae = load_fish_ae_from_hf(self.ae_id, device=self.device, dtype=torch.float32)
        self.pca_state = load_pca_state_from_hf(self.model_id, device=self.device)

    def gpu_name(self) -> str:
        return cuda_device_name()

    def build_voice(self, wav: np.ndarray, sample_rate: int, ref_text: Optional[str]) -> VoicePrompt:
        """Speaker audio as Echo's ``load_audio`` makes it: (1, n) float at 44.1 kHz, peak <= 1."""
        import torch

        audio = torch.from_numpy(np.asarray(wav, dtype=np.float32)).unsqueeze(0)
        if int(sample_rate) != ECHO_SAMPLE_RATE:
            import torchaudio

            audio = torchaudio.functional.resample(audio, int(sample_rate), ECHO_SAMPLE_RATE)
        audio = audio / torch.maximum(audio.abs().max(), torch.tensor(1.0))
        return VoicePrompt(data=audio, nbytes=int(audio.element_size() * audio.nelement()))

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
        """``texts`` must already be normalized (see ``utter_modal.text``)."""
        if self.model is None:
            raise RuntimeError("Echo-TTS model is not loaded")
        from inference import sample_euler_cfg_independent_guidances, sample_pipeline

        params = dict(DEFAULT_SAMPLER)
        params.update({k: v for k, v in (sampler or {}).items() if k in DEFAULT_SAMPLER})
        sample_fn = partial(sample_euler_cfg_independent_guidances, **params)
        out = []
        with self._lock:
            for text in texts:
                audio_out, _ = sample_pipeline(
                    model=self.model,
                    fish_ae=self.fish_ae,
                    pca_state=self.pca_state,
                    sample_fn=sample_fn,
                    text_prompt=text,
                    speaker_audio=voice.data if voice is not None else None,
                    rng_seed=int(seed or 0),
                    normalize_text=False,
                )
                out.append(audio_out[0].float().cpu().numpy().reshape(-1).astype(np.float32))
        return out
