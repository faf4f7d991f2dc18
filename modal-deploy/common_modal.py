"""Pieces shared by the Modal app files (kept tiny: the logic lives in ``utter_modal``)."""

from __future__ import annotations

import os

# Pinned service-side deps (same as pyproject.toml)
SERVICE_PACKAGES = [
    "fastapi==0.165.0",
    "uvicorn==0.54.0",
    "pydantic==2.14.4",
    "numpy==2.4.6",
    "soundfile==0.14.0",
    "av==18.1.0",
]


#: Where the ``qwen3-tts-models`` Volume is mounted (``download_weights.py`` fills it).
MODELS_DIR = "/models"


def qwen_tts_image():
    """The image of the Qwen3-TTS services (cloning and voice design): ``qwen-tts`` and its pins."""
    import modal

    return (
        modal.Image.debian_slim(python_version="3.12")
        .apt_install("sox", "libsox-dev", "ffmpeg", "libsndfile1")
        .pip_install(
            "torch==2.8.0",
            "torchaudio==2.8.0",
            "qwen-tts==0.1.1",
            "transformers==4.57.3",
            "accelerate==1.12.0",
            "librosa==0.11.0",
            "huggingface_hub==0.36.0",
            *SERVICE_PACKAGES,
        )
        .env({"HF_HUB_ENABLE_HF_TRANSFER": "0", "TOKENIZERS_PARALLELISM": "false"})
        .add_local_python_source("utter_modal", "common_modal")
    )


def service_secrets() -> list:
    """The ``modal.Secret`` named by ``UTTER_MODAL_SECRET`` at deploy time, if any.

    Its keys become the container's environment, read by ``Settings.from_env``: e.g.
    ``UTTER_SERVICE_TOKEN`` (bearer auth on top of Modal proxy auth), ``UTTER_MAX_TEXT_CHARS``.
    """
    import modal

    name = os.environ.get("UTTER_MODAL_SECRET")
    return [modal.Secret.from_name(name)] if name else []


def env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default
