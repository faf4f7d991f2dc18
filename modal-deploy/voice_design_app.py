"""Qwen3-TTS VoiceDesign service on Modal: a voice described in words speaks a short preview.

    modal run download_weights.py --model-id Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign   # once
    modal deploy voice_design_app.py   # prints https://<workspace>--qwen3-tts-voice-design-voicedesignservice-web.modal.run

The web endpoint requires Modal proxy auth (``Modal-Key`` / ``Modal-Secret`` headers). The preview
can be registered with the cloning service (``POST /voices`` of qwen3_tts_app.py, the preview text
as ``ref_text``) to speak long text in the designed voice.
"""

from __future__ import annotations

import os

import modal

from common_modal import MODELS_DIR, env_int, qwen_tts_image, service_secrets

APP_NAME = "qwen3-tts-voice-design"
MODEL_ID = "Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign"  # the only VoiceDesign size
MODEL_NAME = MODEL_ID.split("/")[-1]
GPU = os.environ.get("DESIGN_GPU", "A10G")
IDEMPOTENCY_DICT = os.environ.get("DESIGN_DICT", "utter-design-idempotency")

app = modal.App(APP_NAME)
image = qwen_tts_image()
models_volume = modal.Volume.from_name("qwen3-tts-models", create_if_missing=True)

with image.imports():
    from utter_modal.app_design import create_design_app
    from utter_modal.audio import encode_wav
    from utter_modal.engines.qwen import QwenDesignEngine
    from utter_modal.languages import canonical_language
    from utter_modal.settings import Settings


@app.cls(
    image=image,
    gpu=GPU,
    secrets=service_secrets(),
    scaledown_window=env_int("DESIGN_SCALEDOWN_WINDOW", 300),
    min_containers=env_int("DESIGN_MIN_CONTAINERS", 0),
    timeout=300,  # previews are short
    volumes={MODELS_DIR: models_volume},
)
@modal.concurrent(max_inputs=2)  # one design at a time on the GPU (engine lock); /health stays responsive
class VoiceDesignService:
    @modal.enter()
    def load(self):
        self.engine = QwenDesignEngine(model_path=f"{MODELS_DIR}/{MODEL_NAME}", model_id=MODEL_ID)
        self.engine.load()
        shared = modal.Dict.from_name(IDEMPOTENCY_DICT, create_if_missing=True)
        self.web_app = create_design_app(self.engine, Settings.from_env(gpu=GPU, shared_cache=shared))

    @modal.method()
    def generate_voice_design(self, text: str, language: str, instruct: str) -> bytes:
        """The original app's method: WAV bytes of ``text`` in the voice ``instruct`` describes."""
        wav = self.engine.design(text, canonical_language(language), instruct)
        return encode_wav(wav, self.engine.sample_rate)

    @modal.asgi_app(requires_proxy_auth=True)
    def web(self):
        return self.web_app
