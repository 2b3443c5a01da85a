"""Records: where students' answers and sittings live (an SQLite file per student today)."""

from kwis.records._store import AnswerStore, Attempt, Sitting, default_store_path

__all__ = ["AnswerStore", "Attempt", "Sitting", "default_store_path"]
