"""Which store a quiz writes to: the SQLite file (default) or a PostgreSQL class database.

`open_store(target)` takes a file path, a `postgresql://` URL, or None for `$KWIS_STORE`
(a path or a URL) and the default file. The PostgreSQL store needs the `postgres` extra.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Protocol, Sequence, cast

from kwis._i18n import Messages
from kwis._model import AnyQuestion
from kwis.records._store import STORE_ENV, AnswerStore, Attempt, Sitting, WriteStatus

if TYPE_CHECKING:
    from kwis.records._class import ClassMarking, ClassReader

_MESSAGES = Messages({
    "en": {"no_psycopg": "The answer store {target} is a PostgreSQL database, which needs psycopg "
                         "3: install kwis with the postgres extra: pip install 'kwis[postgres]'."},
    "nl": {"no_psycopg": "De antwoordenopslag {target} is een PostgreSQL-database; daarvoor is "
                         "psycopg 3 nodig: installeer kwis met de extra postgres: "
                         "pip install 'kwis[postgres]'."},
})


class Store(Protocol):
    """What a quiz needs from a store; AnswerStore and PostgresStore both have it."""

    in_memory: bool
    damaged: list[str]

    @property
    def unsaved(self) -> int: ...

    @property
    def last_error(self) -> str: ...

    def retry(self) -> bool: ...

    def start_sitting(self, bank_id: str, user: str, mode: str, selection: str, seed: int,
                      draw: tuple[str, ...]) -> Sitting: ...

    def sittings(self, bank_id: str, user: str, mode: str,
                 selection: str) -> tuple[Sitting, ...]: ...

    def latest_sitting(self, bank_id: str, user: str, mode: str,
                       selection: str) -> Sitting | None: ...

    def mark_submitted(self, sitting: int) -> WriteStatus: ...

    def submit(self, sitting: int,
               answers: Sequence[tuple[Attempt, AnyQuestion | None]]) -> WriteStatus: ...

    def sitting_submitted(self, sitting: int) -> bool: ...

    def record(self, attempt: Attempt, question: AnyQuestion | None = None) -> WriteStatus: ...

    def attempts(self, *, sitting: int | None = None, bank_id: str | None = None,
                 user: str | None = None) -> tuple[Attempt, ...]: ...

    def save_draft(self, sitting: int, question_id: str, response: Any) -> WriteStatus: ...

    def drafts(self, sitting: int) -> dict[str, Any]: ...

    def close(self) -> None: ...


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | os.PathLike[str] | None = None, *, language: str = "en") -> Store:
    """The store at `target` (a path or a postgresql:// URL; None: `$KWIS_STORE` or the default)."""
    if target is None:
        target = os.environ.get(STORE_ENV, "").strip() or None
    if not is_postgres_url(target):
        return AnswerStore(target, language=language)
    try:
        from kwis.records._postgres import PostgresStore  # optional: the postgres extra
    except ImportError as error:
        raise ModuleNotFoundError(_MESSAGES(language, "no_psycopg", target=safe_url(str(target)))) \
            from error
    return PostgresStore(str(target), language=language)


def open_class(target: str | os.PathLike[str]) -> ClassReader:
    """The class at `target`: a class database file made by `kwis collect`, or a PostgreSQL class
    (`postgresql://...`, read with the role the URL names). Raises FileNotFoundError,
    ConnectionError, or `sqlite3.DatabaseError` with the reason when it is not one."""
    if not is_postgres_url(str(target)):
        from kwis.records._class import open_class as open_class_file  # teachers' code: not with a quiz

        return open_class_file(target)
    try:
        from kwis.records._pgclass import PostgresClass  # optional: the postgres extra
    except ImportError as error:
        raise ConnectionError(_MESSAGES("en", "no_psycopg", target=safe_url(str(target)))) from error
    return PostgresClass(str(target))


def open_marking(target: str | os.PathLike[str]) -> ClassMarking:
    """The class at `target` opened to record the teacher's marks (`kwis grade`): a class database
    file made by `kwis collect` (upgraded in place if it is older), or a PostgreSQL class with the
    teacher's URL. Raises as `open_class` does."""
    if is_postgres_url(str(target)):
        return cast("ClassMarking", open_class(target))  # a PostgresClass: it marks with the teacher role
    from kwis.records._class import ClassDatabase  # teachers' code: not with a quiz

    ClassDatabase(target).close()  # refuses a missing file or one that is no class database
    return ClassDatabase(target, writable=True)


def queued(store: Store) -> int:
    """How many writes wait in a local outbox file for the database (0 for the SQLite store)."""
    return int(getattr(store, "queued", 0))


def safe_url(url: str) -> str:
    """The URL without its password, for messages (any other target as it is)."""
    head, at, tail = url.rpartition("@")
    if not at:
        return url
    scheme, _, credentials = head.partition("://")
    return f"{scheme}://{credentials.split(':', 1)[0]}@{tail}"
