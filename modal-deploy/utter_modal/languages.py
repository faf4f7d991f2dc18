"""The languages of Qwen3-TTS (cloning and voice design): the list, the lookup, ``GET /languages``."""

from __future__ import annotations

from typing import List

from pydantic import BaseModel

from .errors import ApiError

SUPPORTED_LANGUAGES = [
    "Auto", "Chinese", "English", "Japanese", "Korean", "German",
    "French", "Russian", "Portuguese", "Spanish", "Italian",
]
_LANG_BY_LOWER = {name.lower(): name for name in SUPPORTED_LANGUAGES}


class LanguagesResponse(BaseModel):
    """``GET /languages`` (the original deployment's shape)."""

    languages: List[str]
    default: str
    note: str


def languages_response(default: str) -> LanguagesResponse:
    """The ``GET /languages`` answer with ``default`` as the language used when none is sent."""
    return LanguagesResponse(languages=SUPPORTED_LANGUAGES, default=default,
                             note="Language names are case-insensitive")


def canonical_language(language: str, *, list_supported: bool = True) -> str:
    """The supported language named ``language`` (case-insensitive), else 400 ``unsupported_language``.

    The detail is the original deployment's: ``/clone`` and ``/design`` list the supported languages,
    ``/clone-batch`` (``list_supported=False``) names only the bad one.
    """
    name = _LANG_BY_LOWER.get(str(language).strip().lower())
    if name is None:
        detail = f"Unsupported language: {language}"
        if list_supported:
            detail += f". Supported: {', '.join(SUPPORTED_LANGUAGES)}"
        raise ApiError(400, "unsupported_language", detail)
    return name
