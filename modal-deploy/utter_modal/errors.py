"""The one error type of the services: rendered as ``{"detail", "code"}``."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


def invalid_request(detail: str) -> ApiError:
    return ApiError(400, "invalid_request", detail)


def invalid_audio(detail: str) -> ApiError:
    return ApiError(400, "invalid_audio", detail)
