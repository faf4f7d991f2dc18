"""VoiceDesign service: ``POST /design`` (a voice described in words speaks a short text),
``/health`` and ``/languages`` (CONTRACT.md, "VoiceDesign service").

The request, limits and ``detail`` strings are the original utter VoiceDesign app's; like the other
services it adds ``seed``, ``{detail, code}`` errors, idempotency keys and bearer auth.
"""

from __future__ import annotations

from typing import Optional

from fastapi import FastAPI
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from .audio import encode_wav
from .engines.base import DesignEngine
from .errors import ApiError, invalid_request
from .languages import SUPPORTED_LANGUAGES, LanguagesResponse, canonical_language, languages_response
from .server import ServiceHealth, health_fields, new_app
from .settings import Settings

#: The original app's default when ``language`` is not sent.
DEFAULT_DESIGN_LANGUAGE = "English"


class DesignRequest(BaseModel):
    """``POST /design``: the preview ``text``, its ``language`` and the voice description ``instruct``."""

    model_config = ConfigDict(extra="ignore")
    text: Optional[str] = None
    language: str = DEFAULT_DESIGN_LANGUAGE
    instruct: Optional[str] = None
    seed: Optional[int] = None


class DesignLimits(BaseModel):
    """The VoiceDesign service's limits (characters are Unicode code points)."""

    max_text_chars: int
    max_instruct_chars: int
    max_body_bytes: int


class HealthResponse(ServiceHealth):
    """``GET /health`` of the VoiceDesign service."""

    model_type: str = "VoiceDesign"
    attention_implementation: str
    limits: DesignLimits


def _required(value: Optional[str], detail: str) -> str:
    if value is None or not value.strip():
        raise invalid_request(detail)
    return value


def _at_most(value: str, limit: int, field: str, code: str) -> None:
    if len(value) > limit:
        raise ApiError(400, code, f"'{field}' exceeds maximum length of {limit} characters")


def create_design_app(engine: DesignEngine, settings: Optional[Settings] = None) -> FastAPI:
    """The VoiceDesign service around ``engine`` (fake or real); ``settings`` default to CONTRACT.md's limits.

    The app keeps ``engine`` and ``settings`` on ``app.state``.
    """
    settings = settings or Settings()
    app = new_app(
        "utter Qwen3-TTS voice design",
        "Qwen3-TTS VoiceDesign: a short preview spoken in a voice described in words (24 kHz).",
        settings,
    )
    app.state.engine = engine
    generations = app.state.generations

    @app.get("/health", response_model=HealthResponse)
    def health() -> HealthResponse:
        """Model, engine, sample rate, API version, limits and generation count. Never needs auth."""
        return HealthResponse(
            **health_fields(app, engine, SUPPORTED_LANGUAGES),
            attention_implementation=engine.attention_implementation,
            limits=DesignLimits(
                max_text_chars=settings.max_design_text_chars,
                max_instruct_chars=settings.max_instruct_chars,
                max_body_bytes=settings.max_body_bytes,
            ),
        )

    @app.get("/languages", response_model=LanguagesResponse)
    def languages() -> LanguagesResponse:
        """The supported languages (the cloning list); names are case-insensitive."""
        return languages_response(DEFAULT_DESIGN_LANGUAGE)

    @app.post(
        "/design",
        response_class=Response,
        responses={200: {"content": {"audio/wav": {}}, "description": "24 kHz mono PCM16 WAV"}},
    )
    def design(body: DesignRequest) -> Response:
        """Speak ``text`` in a new voice described by ``instruct``; answers 24 kHz WAV."""
        # the original app's order: text, its length, instruct, its length, language
        text = _required(body.text, "'text' is required")
        _at_most(text, settings.max_design_text_chars, "text", "text_too_long")
        instruct = _required(body.instruct, "'instruct' is required (voice description)")
        _at_most(instruct, settings.max_instruct_chars, "instruct", "instruct_too_long")
        language = canonical_language(body.language)
        wav = generations.run(lambda: engine.design(text, language, instruct, seed=body.seed),
                              failure="Voice design failed")
        return Response(
            content=encode_wav(wav, engine.sample_rate),
            media_type="audio/wav",
            headers={"Content-Disposition": "attachment; filename=designed_voice.wav"},
        )

    return app
