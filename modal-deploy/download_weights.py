"""One-off: download Qwen3-TTS weights into the ``qwen3-tts-models`` Volume.

    modal run download_weights.py                                   # 0.6B-Base
    modal run download_weights.py --model-id Qwen/Qwen3-TTS-12Hz-1.7B-Base
    modal run download_weights.py --model-id Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign   # for voice_design_app.py
"""

from __future__ import annotations

import modal

app = modal.App("qwen3-tts-download-weights")
image = modal.Image.debian_slim(python_version="3.12").pip_install("huggingface_hub==0.36.0")
volume = modal.Volume.from_name("qwen3-tts-models", create_if_missing=True)
MODELS_DIR = "/models"


@app.function(image=image, volumes={MODELS_DIR: volume}, timeout=3600)
def download(model_id: str = "Qwen/Qwen3-TTS-12Hz-0.6B-Base") -> str:
    from huggingface_hub import snapshot_download

    target = f"{MODELS_DIR}/{model_id.split('/')[-1]}"
    snapshot_download(model_id, local_dir=target)
    volume.commit()
    return target


@app.local_entrypoint()
def main(model_id: str = "Qwen/Qwen3-TTS-12Hz-0.6B-Base"):
    print("weights in", download.remote(model_id))
