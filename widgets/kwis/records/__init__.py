"""Records: where answers live. A student's `AnswerStore` (an SQLite file per student); a class's
answers collected into a `ClassDatabase`, read by statistics through the `ClassReader` interface
(docs/class-results.md). `open_store` and `open_class` also take a `postgresql://` URL: a shared
class database (docs/hub.md)."""

from kwis.records._backend import open_class, open_store
from kwis.records._class import (
    ClassAnswer, ClassDatabase, ClassReader, ClassSitting, QuestionVersion,
)
from kwis.records._collect import CollectReport, Skipped, collect
from kwis.records._store import AnswerStore, Attempt, Card, Sitting, default_store_path

__all__ = [
    "AnswerStore", "Attempt", "Card", "ClassAnswer", "ClassDatabase", "ClassReader", "ClassSitting",
    "CollectReport", "QuestionVersion", "Sitting", "Skipped", "collect", "default_store_path", "open_class",
    "open_store",
]
