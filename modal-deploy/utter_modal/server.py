"""Shared HTTP plumbing: error rendering, request ids, bearer auth, body limit, access log,
idempotency keys, the generation counter, and the voice registry (reference decoding +
voice-prompt cache)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
import uuid
from contextvars import ContextVar
from typing import Any, Callable, List, Optional

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request

from .audio import DecodedAudio, decode_audio, decode_base64_audio, fetch_url
from .cache import CacheEntry, VoiceCache, VoiceSource
from .engines.base import Engine, VoicePrompt
from .errors import ApiError, invalid_request
from .idempotency import IdempotencyMiddleware, ResponseStore
from .settings import Settings

_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
UNAUTHORIZED_DETAIL = "Missing or invalid bearer token"


class VoiceResponse(BaseModel):
    """A registered voice: ``voice_id`` is derived from the reference (and, for Qwen, its transcript)."""

    voice_id: str
    duration_seconds: float
    sample_rate: int
    cached: bool


def error_body(detail: str, code: str) -> dict:
    """The one error shape of the services."""
    return {"detail": detail, "code": code}


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")


async def send_error(send, status: int, detail: str, code: str, extra_headers=()) -> None:
    """Answer ``{detail, code}`` with ``status`` straight from ASGI middleware."""
    payload = _json_bytes(error_body(detail, code))
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *extra_headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


async def send_api_error(send, error: ApiError) -> None:
    """``send_error`` for an ``ApiError``."""
    await send_error(send, error.status, error.detail, error.code)


#: Engine generations made while serving the current request (a one-item list per request, set by
#: ``ServiceMiddleware``; route code runs in worker threads, which see the same list).
_REQUEST_ENGINE_CALLS: ContextVar[Optional[list]] = ContextVar("utter_request_engine_calls", default=None)


class GenerationCounter:
    """Counts engine generations: in total (``GET /health`` ``engine_calls``) and per request
    (the access log's ``engine_calls``), so tests can assert exactly how many were made."""

    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0

    def run(self, fn: Callable[[], Any], failure: str = "Generation failed") -> Any:
        """Count one generation, then ``run_engine(fn, failure)``."""
        with self._lock:
            self.total += 1
        per_request = _REQUEST_ENGINE_CALLS.get()
        if per_request is not None:
            per_request[0] += 1
        return run_engine(fn, failure)


# --------------------------------------------------------------------------- middleware
class ServiceMiddleware:
    """Pure ASGI middleware: X-Request-Id, bearer auth, body-size limit, JSON access log.

    The request body is read (bounded) here and replayed to the app, so the limit holds
    for chunked uploads too, and the access log can tell whether a reference was sent.
    """

    def __init__(self, app, settings: Settings, open_paths: tuple[str, ...] = ("/health",)):
        self.app = app
        self.settings = settings
        self.open_paths = open_paths
        self._log_lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        rid = headers.get("x-request-id", "")
        if not _REQUEST_ID_OK.match(rid):
            rid = uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        status_holder = {"status": 0}

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                hdrs = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                hdrs.append((b"x-request-id", rid.encode("latin-1")))
                message = dict(message, headers=hdrs)
            await send(message)

        await self._handle(scope, receive, send_with_id, headers, status_holder)

    async def _handle(self, scope, receive, send, headers, status_holder):
        method = scope.get("method", "GET")
        path = scope.get("path", "")
        body = b""
        logged = False
        respond = send
        engine_calls = [0]
        _REQUEST_ENGINE_CALLS.set(engine_calls)

        async def send(message):
            # The access-log line is written before the last body message goes out, so a client
            # that has read the whole response also finds the line in the log.
            nonlocal logged
            if (
                self.settings.access_log
                and not logged
                and message["type"] == "http.response.body"
                and not message.get("more_body", False)
            ):
                logged = True
                self._log(method, path, status_holder["status"], body, engine_calls[0])
            await respond(message)

        try:
            # 1. auth (everything but /health)
            token = self.settings.token
            if token and path not in self.open_paths:
                auth = headers.get("authorization", "")
                scheme, _, provided = auth.partition(" ")
                ok = scheme.lower() == "bearer" and hmac.compare_digest(
                    provided.strip().encode("utf-8"), token.encode("utf-8")
                )
                if not ok:
                    await send_error(
                        send, 401, UNAUTHORIZED_DETAIL, "unauthorized", [(b"www-authenticate", b"Bearer")]
                    )
                    return
            # 2. body limit: declared length first, then while reading
            limit = self.settings.max_body_bytes
            declared = headers.get("content-length")
            if declared is not None:
                try:
                    declared_n = int(declared)
                except ValueError:
                    await send_error(send, 400, "Invalid Content-Length header", "invalid_request")
                    return
                if declared_n > limit:
                    await send_error(
                        send, 413,
                        f"Request body is {declared_n} bytes; the limit is {limit} bytes",
                        "payload_too_large",
                    )
                    return
            chunks = []
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    await send_error(
                        send, 413, f"Request body is over the limit of {limit} bytes", "payload_too_large"
                    )
                    return
                chunks.append(chunk)
                more = message.get("more_body", False)
            body = b"".join(chunks)
            replayed = False

            async def replay():
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send)
        finally:
            if self.settings.access_log and not logged:
                self._log(method, path, status_holder["status"], body, engine_calls[0])

    def _log(self, method: str, path: str, status: int, body: bytes, engine_calls: int) -> None:
        has_ref = False
        if body:
            try:
                obj = json.loads(body)
                if isinstance(obj, dict):
                    has_ref = bool(obj.get("ref_audio_base64")) or bool(obj.get("ref_audio_url"))
            except (ValueError, UnicodeDecodeError):
                pass
        line = json.dumps(
            {
                "method": method,
                "path": path,
                "status": status,
                "request_bytes": len(body),
                "has_reference_audio": has_ref,
                "engine_calls": engine_calls,
            }
        )
        with self._log_lock:
            with open(self.settings.access_log, "a", encoding="utf-8") as f:
                f.write(line + "\n")
                f.flush()


# --------------------------------------------------------------------------- error handlers
def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "Invalid request body: " + "; ".join(parts) if parts else "Invalid request body"


_HTTP_CODES = {400: "invalid_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
               413: "payload_too_large", 415: "unsupported_media_type"}


def install_error_handlers(app: FastAPI) -> None:
    """Render every error (ours, validation, routing, unexpected) as ``{detail, code}``."""
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return JSONResponse(error_body(exc.detail, exc.code), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return JSONResponse(error_body(_validation_detail(exc), "validation_error"), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        if exc.status_code == 404:
            detail = f"No route {request.method} {request.url.path}"
        elif exc.status_code == 405:
            detail = f"Method {request.method} is not allowed on {request.url.path}"
        else:
            detail = str(exc.detail)
        return JSONResponse(error_body(detail, code), status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        return JSONResponse(error_body(f"Internal server error: {type(exc).__name__}: {exc}", "internal_error"), status_code=500)


def new_app(title: str, description: str, settings: Settings) -> FastAPI:
    """A FastAPI app with the error handlers, ``ServiceMiddleware`` (outside) and idempotency keys
    (inside it) installed; ``app.state.generations`` is its ``GenerationCounter`` and
    ``app.state.idempotency`` its ``ResponseStore``."""
    from . import __version__

    app = FastAPI(title=title, description=description, version=__version__)
    install_error_handlers(app)
    store = ResponseStore(settings.idempotency_max_bytes, shared=settings.shared_cache)
    app.add_middleware(IdempotencyMiddleware, store=store, render_error=send_api_error)
    app.add_middleware(ServiceMiddleware, settings=settings)  # added last: runs first
    app.state.generations = GenerationCounter()
    app.state.idempotency = store
    app.state.settings = settings
    return app


def run_engine(fn: Callable[[], Any], failure: str = "Generation failed") -> Any:
    """Run ``fn``; an engine failure becomes 500 ``generation_failed`` with detail
    ``"<failure>: <error>"`` (Step-6 wording: "Generation failed", "Batch generation failed")."""
    try:
        return fn()
    except ApiError:
        raise
    except Exception as e:
        raise ApiError(500, "generation_failed", f"{failure}: {e}") from e


# --------------------------------------------------------------------------- voices
class VoiceRegistry:
    """Reference audio -> engine voice prompt, cached by content-derived voice id."""

    def __init__(self, engine: Engine, settings: Settings, prefix: str, cache: Optional[VoiceCache] = None):
        self.engine = engine
        self.settings = settings
        self.prefix = prefix
        self.cache = cache or VoiceCache(settings.cache_max_bytes, settings.shared_cache)

    def voice_id(self, raw: bytes, ref_text: Optional[str]) -> str:
        """``prefix + sha256(raw [+ b"\\0" + ref_text])[:32 hex]``: same input, same id."""
        h = hashlib.sha256(raw)
        if ref_text is not None:
            h.update(b"\0" + ref_text.encode("utf-8"))
        return self.prefix + h.hexdigest()[:32]

    def reference_bytes(self, ref_audio_base64: Optional[str], ref_audio_url: Optional[str]) -> bytes:
        """The reference audio's bytes, from ``ref_audio_url`` or else ``ref_audio_base64``;
        400 with Step-6's "Either 'ref_audio_url' or 'ref_audio_base64' is required" when neither is sent."""
        limit = self.settings.max_reference_bytes
        if ref_audio_url:  # Step-6 took the URL when both were sent
            if not self.settings.allow_ref_audio_url:
                raise invalid_request("ref_audio_url is disabled on this service; send ref_audio_base64")
            fetch = self.settings.url_fetcher or fetch_url
            return fetch(ref_audio_url, limit, self.settings.url_timeout_s)
        if ref_audio_base64:
            return decode_base64_audio(ref_audio_base64, limit)
        raise invalid_request("Either 'ref_audio_url' or 'ref_audio_base64' is required")

    def decode(self, raw: bytes) -> DecodedAudio:
        """Decode within the configured duration and size limits (400 ``invalid_audio`` otherwise)."""
        s = self.settings
        return decode_audio(raw, max_seconds=s.max_reference_seconds, min_seconds=s.min_reference_seconds,
                            max_bytes=s.max_reference_bytes)

    def _build(self, voice_id: str, wav, sr: int, ref_text: Optional[str]) -> CacheEntry:
        prompt: VoicePrompt = run_engine(lambda: self.engine.build_voice(wav, sr, ref_text))
        return CacheEntry(voice_id, prompt, int(prompt.nbytes), float(len(wav)) / float(sr), int(sr))

    def register(self, raw: bytes, ref_text: Optional[str]) -> CacheEntry:
        """The cached voice for ``raw`` + ``ref_text``, decoding and building it on a miss."""
        vid = self.voice_id(raw, ref_text)
        entry = self.cache.get(vid)
        if entry is not None:
            return entry
        decoded = self.decode(raw)
        entry = self._build(vid, decoded.wav, decoded.sample_rate, ref_text)
        self.cache.put(entry)
        self.cache.put_source(vid, VoiceSource.from_wav(decoded.wav, decoded.sample_rate, ref_text))
        return entry

    def lookup(self, voice_id: str) -> CacheEntry:
        """The voice ``voice_id`` from this container or the shared tier, else 404 ``voice_not_cached``."""
        entry = self.cache.get_or_rebuild(
            voice_id, lambda src: self._build(voice_id, src.wav(), src.sample_rate, src.ref_text)
        )
        if entry is None:
            raise ApiError(
                404,
                "voice_not_cached",
                f"Voice {voice_id} is not cached on this service; register it again with POST /voices",
            )
        return entry


# --------------------------------------------------------------------------- /health models
class CacheStats(BaseModel):
    """The voice cache's counters (``VoiceCache.stats``)."""

    entries: int
    bytes: int
    max_bytes: int
    hits: int
    misses: int
    evictions: int
    shared_tier: bool
    shared_hits: int


class ServiceHealth(BaseModel):
    """The fields every service's ``GET /health`` answers; each service's ``HealthResponse`` adds its
    ``limits`` (and the cloning services their ``cache``)."""

    status: str
    model: str
    gpu: str
    api_version: str
    engine: str
    sample_rate: int
    supported_languages: List[str]
    idempotency_keys: bool = True
    engine_calls: int


def health_fields(app: FastAPI, engine: Any, supported_languages: List[str]) -> dict:
    """The ``ServiceHealth`` fields of ``app`` around ``engine``."""
    from . import API_VERSION

    return dict(status="healthy", model=engine.model_id, gpu=app.state.settings.gpu, api_version=API_VERSION,
                engine=engine.name, sample_rate=engine.sample_rate, supported_languages=supported_languages,
                idempotency_keys=True, engine_calls=app.state.generations.total)
