"""Engines: FakeEngine (CPU, deterministic), QwenEngine and EchoEngine (GPU, lazy imports)."""

from .base import Engine, VoicePrompt
from .fake import FakeEngine

__all__ = ["Engine", "VoicePrompt", "FakeEngine", "make_engine"]


def make_engine(service: str, kind: str, *, delay: float = 0.0, model_path: str | None = None) -> Engine:
    """``service``: qwen|echo; ``kind``: fake|real."""
    if kind == "fake":
        return FakeEngine(service, delay=delay)
    if kind != "real":
        raise ValueError(f"unknown engine kind {kind!r}")
    if service == "qwen":
        from .qwen import QwenEngine

        return QwenEngine(model_path=model_path)
    if service == "echo":
        from .echo import EchoEngine

        return EchoEngine()
    raise ValueError(f"unknown service {service!r}")
