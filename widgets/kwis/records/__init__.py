"""Records: where answers live. A student's `AnswerStore` (an SQLite file per student); a class's
answers collected into a `ClassDatabase`, read by statistics through the `ClassReader` interface
(docs/class-results.md). `open_store` and `open_class` also take a `postgresql://` URL: a shared
class database (docs/hub.md).

The public names are imported when first used, so a quiz that only writes a student's answers
does not import the class database or `kwis collect`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kwis.records._backend import open_class, open_marking, open_store, safe_url
    from kwis.records._class import (
        ClassAnswer, ClassDatabase, ClassMarking, ClassReader, ClassSitting, Mark, QuestionVersion,
        UngradedAnswer,
    )
    from kwis.records._collect import CollectReport, Skipped, collect
    from kwis.records._store import AnswerStore, Attempt, Card, Sitting, default_store_path

__all__ = [
    "AnswerStore", "Attempt", "Card", "ClassAnswer", "ClassDatabase", "ClassMarking", "ClassReader", "ClassSitting",
    "CollectReport", "Mark", "QuestionVersion", "Sitting", "Skipped", "UngradedAnswer", "collect",
    "default_store_path", "open_class", "open_marking", "open_store", "safe_url",
]
_HOMES = {
    **dict.fromkeys(("open_class", "open_marking", "open_store", "safe_url"), "_backend"),
    **dict.fromkeys(("ClassAnswer", "ClassDatabase", "ClassMarking", "ClassReader", "ClassSitting", "Mark",
                     "QuestionVersion", "UngradedAnswer"), "_class"),
    **dict.fromkeys(("CollectReport", "Skipped", "collect"), "_collect"),
    **dict.fromkeys(("AnswerStore", "Attempt", "Card", "Sitting", "default_store_path"), "_store"),
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"kwis.records.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'kwis.records' has no attribute {name!r}")
