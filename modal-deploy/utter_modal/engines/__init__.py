"""Engines: fake CPU engines (deterministic) and the real GPU engines (lazy imports):
QwenEngine and EchoEngine for cloning, QwenDesignEngine for voice design."""

from .base import DesignEngine, Engine, VoicePrompt
from .fake import FakeDesignEngine, FakeEngine

__all__ = ["Engine", "DesignEngine", "VoicePrompt", "FakeEngine", "FakeDesignEngine", "make_engine"]

SERVICES = ("qwen", "echo", "design")


def make_engine(service: str, kind: str, *, delay: float = 0.0, model_path: str | None = None):
    """``service``: qwen|echo|design; ``kind``: fake|real. Real engines are built, not loaded."""
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}")
    if kind not in ("fake", "real"):
        raise ValueError(f"unknown engine kind {kind!r}")
    if kind == "fake":
        return FakeDesignEngine(delay=delay) if service == "design" else FakeEngine(service, delay=delay)
    if service == "echo":
        from .echo import EchoEngine

        return EchoEngine()
    from .qwen import QwenDesignEngine, QwenEngine

    return QwenDesignEngine(model_path=model_path) if service == "design" else QwenEngine(model_path=model_path)
