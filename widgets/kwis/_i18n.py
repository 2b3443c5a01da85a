"""User-facing text in the bank's language. Each module keeps its own `Messages` table."""

from __future__ import annotations

from typing import Mapping

SUPPORTED_LANGUAGES = ("nl", "en")
FALLBACK_LANGUAGE = "en"

_ALL_TABLES: list["Messages"] = []


_TRUE_FALSE = {"en": ("True", "False"), "nl": ("Waar", "Onwaar")}


def ui_language(language: str) -> str:
    """The supported UI language for a BCP 47 tag: `nl-BE` -> `nl`, unknown -> English."""
    primary = language.split("-", 1)[0].lower()
    return primary if primary in SUPPORTED_LANGUAGES else FALLBACK_LANGUAGE


def true_false_label(value: bool, language: str) -> str:
    """The one word for true or false in `language`: `Waar` / `Onwaar`, `True` / `False`."""
    true, false = _TRUE_FALSE[ui_language(language)]
    return true if value else false


class Messages:
    """A table of message templates per language, filled with `str.format` fields."""

    def __init__(self, table: Mapping[str, Mapping[str, str]]) -> None:
        self.table = table
        _ALL_TABLES.append(self)

    def __call__(self, language: str, key: str, **values: object) -> str:
        template = self.table[ui_language(language)][key]
        return template.format(**values) if values else template


def all_tables() -> tuple[Messages, ...]:
    """Every table created so far (for the test that each language has every key)."""
    return tuple(_ALL_TABLES)
