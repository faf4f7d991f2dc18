"""Pieces shared by the two Modal app files (kept tiny: the logic lives in ``utter_modal``)."""

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


def env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default
