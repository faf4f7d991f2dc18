"""Echo-TTS service: ``/health``, ``/voices``, ``/generate`` (CONTRACT.md, "Echo service")."""

from __future__ import annotations

from typing import Optional

from fastapi import FastAPI
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from .audio import encode_wav
from .engines.base import Engine
from .engines.echo import DEFAULT_SAMPLER
from .errors import ApiError, invalid_request
from .server import CacheStats, ServiceHealth, VoiceRegistry, VoiceResponse, health_fields, new_app
from .settings import Settings
from .text import echo_text_bytes, echo_text_too_long_detail, normalize_echo_text


_D = DEFAULT_SAMPLER


class Sampler(BaseModel):
    """Arguments of Echo-TTS ``sample_euler_cfg_independent_guidances``; the defaults are
    ``engines.echo.DEFAULT_SAMPLER`` (Echo-TTS's own example: 40 steps, truncation_factor 0.8).
    ``null`` turns an optional knob off."""

    model_config = ConfigDict(extra="forbid")
    num_steps: int = Field(_D["num_steps"], ge=1, le=200)
    cfg_scale_text: float = _D["cfg_scale_text"]
    cfg_scale_speaker: float = _D["cfg_scale_speaker"]
    cfg_min_t: float = Field(_D["cfg_min_t"], ge=0.0, le=1.0)
    cfg_max_t: float = Field(_D["cfg_max_t"], ge=0.0, le=1.0)
    truncation_factor: Optional[float] = Field(_D["truncation_factor"], gt=0.0, le=1.0)
    rescale_k: Optional[float] = _D["rescale_k"]
    rescale_sigma: Optional[float] = _D["rescale_sigma"]
    speaker_kv_scale: Optional[float] = _D["speaker_kv_scale"]
    speaker_kv_max_layers: Optional[int] = _D["speaker_kv_max_layers"]
    speaker_kv_min_t: Optional[float] = _D["speaker_kv_min_t"]
    sequence_length: int = Field(_D["sequence_length"], ge=1, le=640)


class EchoLimits(BaseModel):
    """The Echo service's limits."""

    max_text_bytes: int
    max_audio_seconds: float
    max_reference_seconds: float
    max_reference_bytes: int
    max_body_bytes: int


class HealthResponse(ServiceHealth):
    """``GET /health`` of the Echo service."""

    limits: EchoLimits
    cache: CacheStats


class EchoVoiceRequest(BaseModel):
    """``POST /voices``: a speaker reference (base64 or URL); Echo-TTS needs no transcript."""

    model_config = ConfigDict(extra="ignore")
    ref_audio_base64: Optional[str] = None
    ref_audio_url: Optional[str] = None



class GenerateRequest(BaseModel):
    """``POST /generate``: one chunk of text, an optional speaker (inline or ``voice_id``), seed and sampler."""

    model_config = ConfigDict(extra="ignore")
    text: Optional[str] = None
    ref_audio_base64: Optional[str] = None
    ref_audio_url: Optional[str] = None
    voice_id: Optional[str] = None
    seed: int = 0
    sampler: Optional[Sampler] = None


def create_echo_app(engine: Engine, settings: Optional[Settings] = None) -> FastAPI:
    """The Echo-TTS service around ``engine`` (fake or real); ``settings`` default to CONTRACT.md's limits.

    The app keeps ``engine``, ``settings`` and its ``VoiceRegistry`` on ``app.state``.
    """
    settings = settings or Settings()
    registry = VoiceRegistry(engine, settings, "ev_")
    app = new_app("utter Echo-TTS", "Echo-TTS voice cloning (44.1 kHz). Weights CC-BY-NC-SA-4.0.", settings)
    app.state.engine = engine
    app.state.voices = registry
    generations = app.state.generations

    @app.get("/health", response_model=HealthResponse)
    def health() -> HealthResponse:
        """Model, engine, sample rate, API version, limits, generation count and cache statistics.
        Never needs auth."""
        return HealthResponse(
            **health_fields(app, engine, ["English"]),
            limits=EchoLimits(
                max_text_bytes=settings.max_text_bytes,
                max_audio_seconds=settings.max_audio_seconds,
                max_reference_seconds=settings.max_reference_seconds,
                max_reference_bytes=settings.max_reference_bytes,
                max_body_bytes=settings.max_body_bytes,
            ),
            cache=CacheStats(**registry.cache.stats()),
        )

    @app.post("/voices", response_model=VoiceResponse)
    def register_voice(body: EchoVoiceRequest) -> VoiceResponse:
        """Decode the speaker reference once and keep it; later calls send only ``voice_id``."""
        raw = registry.reference_bytes(body.ref_audio_base64, body.ref_audio_url)
        entry = registry.register(raw, None)
        return VoiceResponse(
            voice_id=entry.voice_id,
            duration_seconds=round(entry.duration_seconds, 3),
            sample_rate=entry.sample_rate,
            cached=entry.voice_id in registry.cache,
        )

    @app.post(
        "/generate",
        response_class=Response,
        responses={200: {"content": {"audio/wav": {}}, "description": "44.1 kHz mono PCM16 WAV"}},
    )
    def generate(body: GenerateRequest) -> Response:
        """Speak one chunk (at most 767 UTF-8 bytes after normalization); answers 44.1 kHz WAV."""
        if not body.text or not body.text.strip():
            raise invalid_request("'text' is required")
        normalized = normalize_echo_text(body.text)
        nbytes = echo_text_bytes(normalized)
        if nbytes > settings.max_text_bytes:
            raise ApiError(422, "text_too_long", echo_text_too_long_detail(nbytes, settings.max_text_bytes))
        if body.voice_id:
            entry = registry.lookup(body.voice_id)
        elif body.ref_audio_base64 or body.ref_audio_url:
            entry = registry.register(registry.reference_bytes(body.ref_audio_base64, body.ref_audio_url), None)
        else:
            entry = None  # Echo-TTS can speak without a speaker reference
        sampler = (body.sampler or Sampler()).model_dump()
        wavs = generations.run(lambda: engine.generate(
            [normalized], entry.prompt if entry else None, seed=body.seed, sampler=sampler,
        ))
        wav = wavs[0]
        max_samples = int(settings.max_audio_seconds * engine.sample_rate)
        if len(wav) > max_samples:
            wav = wav[:max_samples]
        headers = {"Content-Disposition": "attachment; filename=output.wav"}
        if entry is not None:
            headers["X-Voice-Id"] = entry.voice_id
        return Response(content=encode_wav(wav, engine.sample_rate), media_type="audio/wav", headers=headers)

    return app
