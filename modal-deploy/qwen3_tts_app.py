"""Qwen3-TTS voice-clone service on Modal (the "Step-6" app, one ASGI endpoint).

    modal deploy qwen3_tts_app.py          # prints https://<workspace>--qwen3-tts-voice-clone-qwen3ttsservice-web.modal.run
    QWEN_GPU=L4 modal deploy qwen3_tts_app.py

Weights come from the ``qwen3-tts-models`` Volume (fill it once with ``modal run download_weights.py``).
The web endpoint requires Modal proxy auth (``Modal-Key`` / ``Modal-Secret`` headers).
"""

from __future__ import annotations

import os

import modal

from common_modal import MODELS_DIR, env_int, qwen_tts_image, service_secrets

APP_NAME = "qwen3-tts-voice-clone"
MODEL_ID = os.environ.get("QWEN_MODEL_ID", "Qwen/Qwen3-TTS-12Hz-0.6B-Base")
MODEL_NAME = MODEL_ID.split("/")[-1]
GPU = os.environ.get("QWEN_GPU", "A10G")
VOICE_DICT = os.environ.get("QWEN_VOICE_DICT", "utter-qwen-voices")

app = modal.App(APP_NAME)

image = qwen_tts_image()

models_volume = modal.Volume.from_name("qwen3-tts-models", create_if_missing=True)


@app.cls(
    image=image,
    gpu=GPU,
    secrets=service_secrets(),
    scaledown_window=env_int("QWEN_SCALEDOWN_WINDOW", 300),
    min_containers=env_int("QWEN_MIN_CONTAINERS", 0),
    timeout=1800,
    volumes={MODELS_DIR: models_volume},
)
@modal.concurrent(max_inputs=2)  # 10 ran the GPU out of memory in the original deployment
class Qwen3TTSService:
    @modal.enter()
    def load(self):
        from utter_modal.app_qwen import create_qwen_app
        from utter_modal.engines.qwen import QwenEngine
        from utter_modal.settings import Settings

        self.engine = QwenEngine(model_path=f"{MODELS_DIR}/{MODEL_NAME}", model_id=MODEL_ID)
        self.engine.load()
        shared = modal.Dict.from_name(VOICE_DICT, create_if_missing=True)
        self.settings = Settings.from_env(gpu=GPU, shared_cache=shared)
        self.web_app = create_qwen_app(self.engine, self.settings)
        self.voices = self.web_app.state.voices

    def _voice(self, ref_audio: str, ref_text: str):
        """Step-6 ``ref_audio``: an http(s) URL or base64 audio; decoded here, never handed to qwen-tts."""
        if ref_audio.startswith(("http://", "https://")):
            raw = self.voices.reference_bytes(None, ref_audio)
        else:
            raw = self.voices.reference_bytes(ref_audio, None)
        return self.voices.register(raw, ref_text)

    @modal.method()
    def generate_voice_clone(self, text: str, language: str, ref_audio: str, ref_text: str,
                             max_new_tokens: int = 2048) -> bytes:
        from utter_modal.app_qwen import canonical_language
        from utter_modal.audio import encode_wav

        entry = self._voice(ref_audio, ref_text)
        wavs = self.engine.generate([text], entry.prompt, languages=[canonical_language(language)],
                                    max_new_tokens=max_new_tokens)
        return encode_wav(wavs[0], self.engine.sample_rate)

    @modal.method()
    def generate_voice_clone_batch(self, texts: list[str], languages: list[str], ref_audio: str, ref_text: str,
                                   max_new_tokens: int = 2048) -> list[bytes]:
        from utter_modal.app_qwen import canonical_language
        from utter_modal.audio import encode_wav

        if len(texts) != len(languages):
            raise ValueError("Length of 'texts' must match 'languages'")
        entry = self._voice(ref_audio, ref_text)
        wavs = self.engine.generate(texts, entry.prompt, languages=[canonical_language(x) for x in languages],
                                    max_new_tokens=max_new_tokens)
        return [encode_wav(w, self.engine.sample_rate) for w in wavs]

    @modal.method()
    def get_model_info(self) -> dict:
        from utter_modal.app_qwen import SUPPORTED_LANGUAGES

        return {
            "model_id": MODEL_ID,
            "model_name": MODEL_NAME,
            "attention_implementation": self.engine.attention_implementation,
            "gpu": self.engine.gpu_name(),
            "supported_languages": SUPPORTED_LANGUAGES,
        }

    @modal.asgi_app(requires_proxy_auth=True)
    def web(self):
        return self.web_app
