"""Qwen3-TTS voice-clone service: the four Step-6 routes plus ``POST /voices``.

Routes and error strings follow CONTRACT.md ("Qwen service").
"""

from __future__ import annotations

import base64
from typing import List, Literal, Optional

from fastapi import FastAPI, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from .audio import encode_mp3, encode_wav
from .engines.base import Engine
from .errors import ApiError, invalid_request
from .languages import SUPPORTED_LANGUAGES, LanguagesResponse, canonical_language, languages_response
from .server import CacheStats, ServiceHealth, VoiceRegistry, VoiceResponse, health_fields, new_app
from .settings import Settings

__all__ = ["SUPPORTED_LANGUAGES", "canonical_language", "create_qwen_app"]


class VoiceRequest(BaseModel):
    """``POST /voices``: a reference recording (base64 or URL) and its transcript."""

    model_config = ConfigDict(extra="ignore")
    ref_audio_base64: Optional[str] = None
    ref_audio_url: Optional[str] = None
    ref_text: Optional[str] = None



class CloneRequest(BaseModel):
    """``POST /clone``: Step-6 body, plus ``voice_id``, ``seed`` and ``output_format``."""

    model_config = ConfigDict(extra="ignore")
    text: Optional[str] = None
    language: str = "Auto"
    ref_audio_url: Optional[str] = None
    ref_audio_base64: Optional[str] = None
    ref_text: Optional[str] = None
    voice_id: Optional[str] = None
    max_new_tokens: int = Field(2048, ge=1)
    seed: Optional[int] = None
    output_format: Literal["wav", "mp3"] = "wav"


class CloneBatchRequest(BaseModel):
    """``POST /clone-batch``: Step-6 body (``texts`` and ``languages`` of equal length), plus ``voice_id`` and ``seed``."""

    model_config = ConfigDict(extra="ignore")
    texts: Optional[List[str]] = None
    languages: Optional[List[str]] = None
    ref_audio_url: Optional[str] = None
    ref_audio_base64: Optional[str] = None
    ref_text: Optional[str] = None
    voice_id: Optional[str] = None
    max_new_tokens: int = Field(2048, ge=1)
    seed: Optional[int] = None


class AudioFile(BaseModel):
    """One WAV of a batch; ``text`` is shortened to 50 characters plus "..." as Step-6 did."""

    index: int
    text: str
    audio_base64: str
    size_bytes: int


class CloneBatchResponse(BaseModel):
    """Step-6 batch answer: one ``AudioFile`` per text, in order."""

    status: str
    count: int
    audio_files: List[AudioFile]


class QwenLimits(BaseModel):
    """The Qwen service's limits. ``max_text_chars`` holds for requests that use this project's
    extensions (``voice_id``, ``seed``, ``output_format``); a body in the original deployment's shape
    is held to ``original_max_text_chars`` instead (null: no limit, as the original had none)."""

    max_text_chars: int
    original_max_text_chars: Optional[int]
    max_batch_size: int
    max_reference_seconds: float
    min_reference_seconds: float
    max_reference_bytes: int
    max_body_bytes: int
    max_new_tokens: int


class HealthResponse(ServiceHealth):
    """``GET /health`` of the Qwen service: the original deployment's fields, then ours."""

    attention_implementation: str
    limits: QwenLimits
    cache: CacheStats


#: Step-6 shortened ``audio_files[].text`` to its first 50 characters plus "..."
_BATCH_TEXT_LABEL_CHARS = 50

#: Fields that only this project's API has: a request that sends one is held to its limits.
_EXTENSION_FIELDS = frozenset({"voice_id", "seed", "output_format"})


def uses_extensions(body: BaseModel) -> bool:
    """Whether ``body`` sends a field the original deployment did not have."""
    return bool(_EXTENSION_FIELDS & body.model_fields_set)


#: output_format -> (encoder, media type) for ``POST /clone``
_OUTPUT_FORMATS = {"wav": (encode_wav, "audio/wav"), "mp3": (encode_mp3, "audio/mpeg")}


def batch_text_label(text: str) -> str:
    """``audio_files[].text`` as Step-6 returned it: at most 50 characters, then "..."."""
    if len(text) > _BATCH_TEXT_LABEL_CHARS:
        return text[:_BATCH_TEXT_LABEL_CHARS] + "..."
    return text


def create_qwen_app(engine: Engine, settings: Optional[Settings] = None) -> FastAPI:
    """The Qwen3-TTS service around ``engine`` (fake or real); ``settings`` default to CONTRACT.md's limits.

    The app keeps ``engine``, ``settings`` and its ``VoiceRegistry`` on ``app.state``.
    """
    settings = settings or Settings()
    registry = VoiceRegistry(engine, settings, "qv_")
    app = new_app(
        "utter Qwen3-TTS voice clone",
        "Qwen3-TTS voice cloning (Step-6 compatible routes plus registered voices).",
        settings,
    )
    app.state.engine = engine
    app.state.voices = registry
    generations = app.state.generations

    def check_text(text: str, body: BaseModel, label: str = "Text") -> None:
        limit = settings.max_text_chars if uses_extensions(body) else settings.original_max_text_chars
        if limit is not None and len(text) > limit:
            raise ApiError(
                422, "text_too_long",
                f"{label} is {len(text)} characters; the maximum is {limit} characters per request",
            )

    def check_tokens(n: int) -> None:
        if n > settings.max_new_tokens:
            raise ApiError(422, "validation_error",
                           f"max_new_tokens is {n}; the maximum is {settings.max_new_tokens}")

    def resolve_voice(voice_id, ref_audio_base64, ref_audio_url, ref_text):
        if voice_id:
            return registry.lookup(voice_id)
        raw = registry.reference_bytes(ref_audio_base64, ref_audio_url)
        return registry.register(raw, ref_text)

    @app.get("/health", response_model=HealthResponse)
    def health() -> HealthResponse:
        """Step-6 fields plus engine, sample rate, API version, limits, generation count and cache
        statistics. Never needs auth."""
        return HealthResponse(
            **health_fields(app, engine, SUPPORTED_LANGUAGES),
            attention_implementation=engine.attention_implementation,
            limits=QwenLimits(
                max_text_chars=settings.max_text_chars,
                original_max_text_chars=settings.original_max_text_chars,
                max_batch_size=settings.max_batch_size,
                max_reference_seconds=settings.max_reference_seconds,
                min_reference_seconds=settings.min_reference_seconds,
                max_reference_bytes=settings.max_reference_bytes,
                max_body_bytes=settings.max_body_bytes,
                max_new_tokens=settings.max_new_tokens,
            ),
            cache=CacheStats(**registry.cache.stats()),
        )

    @app.get("/languages", response_model=LanguagesResponse)
    def languages() -> LanguagesResponse:
        """The supported languages (Step-6 list); names are case-insensitive."""
        return languages_response("Auto")

    @app.post("/voices", response_model=VoiceResponse)
    def register_voice(body: VoiceRequest) -> VoiceResponse:
        """Decode the reference once and keep its voice prompt; later calls send only ``voice_id``."""
        if not body.ref_text:
            raise invalid_request("'ref_text' is required")
        raw = registry.reference_bytes(body.ref_audio_base64, body.ref_audio_url)
        entry = registry.register(raw, body.ref_text)
        return VoiceResponse(
            voice_id=entry.voice_id,
            duration_seconds=round(entry.duration_seconds, 3),
            sample_rate=entry.sample_rate,
            cached=entry.voice_id in registry.cache,
        )

    @app.post(
        "/clone",
        response_class=Response,
        responses={200: {"content": {"audio/wav": {}, "audio/mpeg": {}},
                         "description": "24 kHz mono audio: PCM16 WAV (output_format wav, the default) or MP3"}},
    )
    def clone(body: CloneRequest) -> Response:
        """Speak ``text`` in the reference voice (inline audio or ``voice_id``); answers 24 kHz audio."""
        # Step-6 order: text, ref_text, language, reference audio
        if not body.text:
            raise invalid_request("'text' is required")
        if not body.voice_id and not body.ref_text:
            raise invalid_request("'ref_text' is required")
        language = canonical_language(body.language)
        check_text(body.text, body)
        check_tokens(body.max_new_tokens)
        entry = resolve_voice(body.voice_id, body.ref_audio_base64, body.ref_audio_url, body.ref_text)
        wavs = generations.run(lambda: engine.generate(
            [body.text], entry.prompt, languages=[language], seed=body.seed, max_new_tokens=body.max_new_tokens,
        ))
        audio, media_type = _OUTPUT_FORMATS[body.output_format]
        return Response(
            content=audio(wavs[0], engine.sample_rate),
            media_type=media_type,
            headers={"Content-Disposition": f"attachment; filename=output.{body.output_format}",
                     "X-Voice-Id": entry.voice_id},
        )

    @app.post("/clone-batch", response_model=CloneBatchResponse)
    def clone_batch(body: CloneBatchRequest) -> CloneBatchResponse:
        """Speak several texts in one voice in one engine call; WAVs come back base64-encoded."""
        # Step-6 order and wording: texts, ref_text, lengths, languages, then reference audio
        texts = body.texts or []
        languages = body.languages or []
        if not texts:
            raise invalid_request("'texts' is required")
        if not body.voice_id and not body.ref_text:
            raise invalid_request("'ref_text' is required")
        if len(texts) != len(languages):
            raise invalid_request("Length of 'texts' must match 'languages'")
        langs = [canonical_language(lang, list_supported=False) for lang in languages]
        if len(texts) > settings.max_batch_size:
            raise ApiError(422, "batch_too_large",
                           f"Batch has {len(texts)} texts; the maximum is {settings.max_batch_size}")
        for i, t in enumerate(texts):
            if not t:
                raise invalid_request(f"'texts[{i}]' is empty")
            check_text(t, body, f"texts[{i}]")
        check_tokens(body.max_new_tokens)
        entry = resolve_voice(body.voice_id, body.ref_audio_base64, body.ref_audio_url, body.ref_text)
        wavs = generations.run(lambda: engine.generate(
            texts, entry.prompt, languages=langs, seed=body.seed, max_new_tokens=body.max_new_tokens,
        ), failure="Batch generation failed")
        if len(wavs) != len(texts):
            raise ApiError(500, "generation_failed",
                           f"Batch generation failed: engine returned {len(wavs)} results for {len(texts)} texts")
        files = []
        for i, (t, w) in enumerate(zip(texts, wavs)):
            data = encode_wav(w, engine.sample_rate)
            files.append(AudioFile(index=i, text=batch_text_label(t),
                                   audio_base64=base64.b64encode(data).decode("ascii"), size_bytes=len(data)))
        return CloneBatchResponse(status="success", count=len(files), audio_files=files)

    return app
