"""Idempotency keys for the generating POSTs (CONTRACT.md, "Idempotency").

A POST may carry ``Idempotency-Key`` (1-255 printable ASCII characters). The first request with a
key runs; a request with the same key that arrives while it runs waits for it; one that arrives
later (within ``IDEMPOTENCY_TTL_SECONDS``) gets the stored answer replayed — same status, body and
content type — with ``Idempotent-Replayed: true``. The same key with another method, path or body
is refused with 422 ``idempotency_key_reused``. Only successful (2xx) answers are stored: every error
means no usable result was made (validation, overload, a failed generation), so a retry runs again.

Answers are kept in a byte-bounded LRU in the process and, when the service has a shared tier (a
``modal.Dict`` on Modal), copied there too, so a retry that Modal routes to another container
replays the answer once the first container has finished. What the shared tier cannot do: a retry
that reaches another container *while* the first is still generating is not held back there, and
runs a second generation.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, MutableMapping, Optional

import anyio
from starlette.concurrency import run_in_threadpool

from .errors import ApiError

IDEMPOTENCY_HEADER = "idempotency-key"
REPLAYED_HEADER = "idempotent-replayed"
#: How long a stored answer is replayed.
IDEMPOTENCY_TTL_SECONDS = 600
#: Answers larger than this stay in the container (a shared-tier value should stay small).
SHARED_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
_SHARED_PREFIX = "idempotency:"
_KEY_OK = re.compile(r"^[\x20-\x7e]{1,255}$")


def fingerprint(method: str, path: str, body: bytes) -> str:
    """sha256 of method, path and body: what a key is bound to."""
    h = hashlib.sha256()
    h.update(method.upper().encode("ascii") + b"\0" + path.encode("utf-8") + b"\0")
    h.update(body)
    return h.hexdigest()


def check_key(key: str) -> str:
    """``key`` when it is 1-255 printable ASCII characters, else 400 ``invalid_idempotency_key``."""
    if not _KEY_OK.match(key):
        raise ApiError(400, "invalid_idempotency_key",
                       "Idempotency-Key must be 1 to 255 printable ASCII characters")
    return key


@dataclass(frozen=True)
class StoredResponse:
    """A completed answer, bound to the request ``fingerprint`` it answered."""

    fingerprint: str
    status: int
    headers: tuple  # ((name bytes, value bytes), ...) as the app sent them
    body: bytes
    stored_at: float

    @property
    def nbytes(self) -> int:
        """Size counted against the store's byte bound."""
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 128

    def to_dict(self) -> dict:
        """A plain dict (what the shared tier stores)."""
        return {"fingerprint": self.fingerprint, "status": self.status,
                "headers": [[bytes(k), bytes(v)] for k, v in self.headers],
                "body": self.body, "stored_at": self.stored_at}

    @classmethod
    def from_dict(cls, d: dict) -> "StoredResponse":
        """The inverse of ``to_dict``."""
        return cls(d["fingerprint"], int(d["status"]), tuple((bytes(k), bytes(v)) for k, v in d["headers"]),
                   bytes(d["body"]), float(d["stored_at"]))


class ResponseStore:
    """Thread-safe LRU of answers by idempotency key, bounded by bytes, each kept ``ttl_s`` seconds.

    ``shared`` (optional, any ``MutableMapping``) is a second tier that other containers read;
    its failures are counted in ``shared_errors``, never raised.
    """

    def __init__(self, max_bytes: int, *, ttl_s: float = IDEMPOTENCY_TTL_SECONDS,
                 shared: Optional[MutableMapping[str, Any]] = None, clock: Callable[[], float] = time.time):
        self.max_bytes = int(max_bytes)
        self.ttl_s = float(ttl_s)
        self.shared = shared
        self.clock = clock
        self.shared_errors = 0
        self._entries: "OrderedDict[str, StoredResponse]" = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def _fresh(self, resp: Optional[StoredResponse]) -> Optional[StoredResponse]:
        if resp is None or self.clock() - resp.stored_at >= self.ttl_s:
            return None
        return resp

    def get(self, key: str) -> Optional[StoredResponse]:
        """The unexpired answer stored under ``key`` here or in the shared tier, else None."""
        with self._lock:
            local = self._entries.get(key)
            if local is not None:
                if self._fresh(local) is None:
                    self._drop(key)
                else:
                    self._entries.move_to_end(key)
                    return local
        if self.shared is None:
            return None
        try:
            d = self.shared.get(_SHARED_PREFIX + key)
        except Exception:
            self.shared_errors += 1
            return None
        return self._fresh(StoredResponse.from_dict(d)) if d is not None else None

    def put(self, key: str, resp: StoredResponse) -> None:
        """Keep ``resp`` under ``key``, evicting least recently used answers to hold the byte bound."""
        with self._lock:
            self._drop(key)
            if resp.nbytes <= self.max_bytes:
                self._entries[key] = resp
                self._bytes += resp.nbytes
                while self._bytes > self.max_bytes:
                    _, old = self._entries.popitem(last=False)
                    self._bytes -= old.nbytes
        if self.shared is not None and len(resp.body) <= SHARED_MAX_RESPONSE_BYTES:
            try:
                self.shared[_SHARED_PREFIX + key] = resp.to_dict()
            except Exception:  # a shared-tier outage must not fail the request
                self.shared_errors += 1

    def _drop(self, key: str) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old.nbytes

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


@dataclass
class _Claim:
    """A key being answered now; requests with the same key wait on ``done``."""

    fingerprint: str
    done: anyio.Event = field(default_factory=anyio.Event)


class IdempotencyMiddleware:
    """Pure ASGI middleware applying idempotency keys to every POST (see the module docstring).

    It runs inside ``ServiceMiddleware``, so auth and the body limit come first and the body
    arrives whole. Errors are rendered with ``render_error(send, ApiError)``.
    """

    def __init__(self, app, store: ResponseStore, render_error):
        self.app = app
        self.store = store
        self.render_error = render_error
        self._claims: dict[str, _Claim] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        raw_key = next((v for k, v in scope.get("headers", []) if k.lower() == b"idempotency-key"), None)
        if raw_key is None:
            await self.app(scope, receive, send)
            return
        try:
            key = check_key(raw_key.decode("latin-1"))
        except ApiError as e:
            await self.render_error(send, e)
            return
        body = await _read_body(receive)
        fp = fingerprint("POST", scope.get("path", ""), body)
        while True:
            claim = self._claims.get(key)
            if claim is None:
                break
            if claim.fingerprint != fp:
                await self.render_error(send, _reused())
                return
            await claim.done.wait()
        claim = self._claims[key] = _Claim(fp)
        try:
            stored = await run_in_threadpool(self.store.get, key)
            if stored is not None:
                if stored.fingerprint != fp:
                    await self.render_error(send, _reused())
                    return
                await _replay(send, stored)
                return
            captured = await self._run(scope, body, receive, send)
            if captured is not None and 200 <= captured[0] < 300:
                status, headers, content = captured
                resp = StoredResponse(fp, status, headers, content, self.store.clock())
                await run_in_threadpool(self.store.put, key, resp)
        finally:
            del self._claims[key]
            claim.done.set()

    async def _run(self, scope, body: bytes, receive, send):
        """Run the app, forwarding its answer and returning ``(status, headers, body)``, or None when
        the answer grew past the store's bound."""
        start: dict = {}
        chunks: list[bytes] = []
        size = 0
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: the client's own messages (a disconnect)

        async def capture(message):
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(status=message["status"], headers=tuple(message.get("headers", [])))
            elif message["type"] == "http.response.body" and size <= self.store.max_bytes:
                chunk = message.get("body", b"")
                size += len(chunk)
                chunks.append(chunk)
            await send(message)

        await self.app(scope, replay, capture)
        if not start or size > self.store.max_bytes:
            return None
        return start["status"], start["headers"], b"".join(chunks)


def _reused() -> ApiError:
    return ApiError(422, "idempotency_key_reused",
                    "This Idempotency-Key was used for a different request (method, path or body)")


async def _read_body(receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _replay(send, stored: StoredResponse) -> None:
    headers = [(k, v) for k, v in stored.headers if k.lower() != b"content-length"]
    headers += [(b"content-length", str(len(stored.body)).encode()), (REPLAYED_HEADER.encode(), b"true")]
    await send({"type": "http.response.start", "status": stored.status, "headers": headers})
    await send({"type": "http.response.body", "body": stored.body})
