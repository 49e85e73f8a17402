"""Texts kept in the database in more than one language, as ``{"nl": ..., "en": ...}``."""

from __future__ import annotations

from django.utils import translation

LANGUAGES = ("nl", "en")


def localised(texts: dict | str) -> str:
    """The text in the active language (Dutch when it has no other)."""
    if isinstance(texts, str):
        return texts
    language = (translation.get_language() or "nl")[:2]
    return texts.get(language) or texts.get("nl") or next(iter(texts.values()), "")
