"""`kwis collect`: students' answer stores gathered into one class database. No ipywidgets.

A student's file is only ever read: opened with SQLite's `mode=ro`, and with `immutable=1` when
no kernel has it open (no `-wal` file beside it), so that not even the `-shm` and `-wal` files a
reader would otherwise create appear in the student's folder. Every sitting and answer has a
natural key (learner, bank, mode, selection and start time; question and answer time), so
collecting the same files again adds nothing and collecting later adds only what is new.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence
from urllib.parse import quote

from kwis._i18n import Messages
from kwis.records._class import CLASS_APPLICATION_ID, ClassDatabase
from kwis.records._store import APPLICATION_ID, SCHEMA_VERSION

if sys.platform != "win32":
    import pwd

STORE_SUFFIXES = (".sqlite3", ".sqlite", ".db")
_SQLITE_HEADER = b"SQLite format 3\x00"
_REQUIRED = {
    "sittings": {"id", "bank_id", "user", "mode", "selection", "seed", "draw", "started", "submitted"},
    "attempts": {"sitting", "question_id", "response", "score", "correct", "time"},
}

_MESSAGES = Messages({
    "en": {
        "missing": "no such file or folder",
        "unreadable": "cannot read it ({error})",
        "not_sqlite": "not a SQLite file",
        "damaged": "damaged SQLite file ({error})",
        "locked": "locked: another program is writing it; collect again later",
        "foreign": "a SQLite file, but not a kwis answer store",
        "class": "a kwis class database, not a student's answer store",
        "newer": "written by a newer kwis (schema version {version}); update kwis to collect it",
        "pseudonym_mismatch": "{output} holds {kind} learner ids; collect into it {flag}, or into "
                              "another file",
        "not_owner": "collected, but check it: it holds answers of learner id {learners}, and the "
                     "file belongs to the user {owner}",
        "real": "real", "pseudonymous": "pseudonymous",
        "with_flag": "with --pseudonymise", "without_flag": "without --pseudonymise",
    },
    "nl": {
        "missing": "bestand of map bestaat niet",
        "unreadable": "niet te lezen ({error})",
        "not_sqlite": "geen SQLite-bestand",
        "damaged": "beschadigd SQLite-bestand ({error})",
        "locked": "vergrendeld: een ander programma schrijft erin; verzamel later opnieuw",
        "foreign": "een SQLite-bestand, maar geen antwoordenopslag van kwis",
        "class": "een klasdatabase van kwis, geen antwoordenopslag van een student",
        "newer": "geschreven door een nieuwere kwis (schemaversie {version}); werk kwis bij om het "
                 "te verzamelen",
        "pseudonym_mismatch": "{output} bevat {kind} leerling-id's; verzamel erin {flag}, of in "
                              "een ander bestand",
        "not_owner": "verzameld, maar controleer het: het bevat antwoorden van leerling-id "
                     "{learners}, en het bestand is van gebruiker {owner}",
        "real": "echte", "pseudonymous": "gepseudonimiseerde",
        "with_flag": "met --pseudonymise", "without_flag": "zonder --pseudonymise",
    },
})


class Skip(Exception):
    """A source that is reported and left out; the message is the reason."""


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class CollectReport:
    stores: int = 0  # student stores read
    sittings_added: int = 0
    answers_added: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # Stores whose learner ids are not their owner's name: collected, but worth a look.
    doubtful: list[Skipped] = field(default_factory=list)


def find_stores(sources: Sequence[str | os.PathLike[str]], exclude: Path,
                language: str = "en") -> tuple[list[Path], list[Skipped]]:
    """Files named, and files with a store suffix in folders named (hidden folders too: a hub
    keeps stores in `~/.local/share/kwis`); `exclude` (the class database) is left out."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found += _walk(path, skipped, language)
        elif path.is_file():
            found.append(path)
        else:
            skipped.append(Skipped(str(path), _MESSAGES(language, "missing")))
    excluded = {exclude.resolve(), *(exclude.resolve().with_name(exclude.name + s)
                                    for s in ("-wal", "-shm", "-journal"))}
    unique = dict.fromkeys(p for p in found if p.resolve() not in excluded)
    return list(unique), skipped


def _walk(folder: Path, skipped: list[Skipped], language: str) -> list[Path]:
    def unreadable(error: OSError) -> None:
        skipped.append(Skipped(str(error.filename),
                               _MESSAGES(language, "unreadable", error=error.strerror)))

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs.sort()
        found += [Path(root) / name for name in sorted(files) if name.endswith(STORE_SUFFIXES)]
    return found


def collect(sources: Sequence[str | os.PathLike[str]], output: str | os.PathLike[str], *,
            pseudonymise: bool = False, language: str = "en",
            progress: Callable[[Iterable[Path], int], Iterable[Path]] | None = None) -> CollectReport:
    """Adds what is new in the student stores found in `sources` to the class database `output`.
    `progress(paths, total)` may wrap the iteration over the stores (a progress bar)."""
    output_path = Path(output)
    paths, skipped = find_stores(sources, output_path, language)
    report = CollectReport(skipped=skipped)
    target = ClassDatabase(output_path, writable=True)
    try:
        rename = _learner_names(target, output_path, pseudonymise, language)
        target.conn.execute("PRAGMA journal_mode=WAL")
        target.conn.execute("PRAGMA synchronous=NORMAL")
        for path in (progress(paths, len(paths)) if progress else paths):
            try:
                rows = read_store(path, language)
            except Skip as reason:
                report.skipped.append(Skipped(str(path), str(reason)))
                continue
            report.stores += 1
            doubt = _owner_doubt(path, rows, language)
            if doubt:
                report.doubtful.append(Skipped(str(path), doubt))
            sittings, answers = _add(target.conn, rows, rename)
            report.sittings_added += sittings
            report.answers_added += answers
    finally:
        target.close()
    return report


# -- reading one student's store --------------------------------------------------------------


@dataclass(frozen=True)
class StoreRows:
    sittings: list[tuple[Any, ...]]  # id, bank_id, user, mode, selection, seed, draw, started, submitted
    attempts: list[tuple[Any, ...]]  # sitting, question_id, fingerprint, response, score, points, correct,
    #                                  time (and graded, 0 for an answer to a student copy; 1 when left out)
    questions: list[tuple[Any, ...]]  # bank_id, question_id, fingerprint, type, points, content
    cards: list[tuple[Any, ...]] = field(default_factory=list)  # live cards, as the class table


def read_store(path: Path, language: str = "en") -> StoreRows:
    """Every sitting, answer and question version in a student's store, read without writing
    anything; raises `Skip` with the reason when the file is not a store kwis can read."""
    conn = _open_read_only(path, language)
    try:
        _check_store(conn, language)
        return _rows(conn)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise Skip(_MESSAGES(language, "locked")) from error
        raise Skip(_MESSAGES(language, "damaged", error=error)) from error
    except sqlite3.DatabaseError as error:
        raise Skip(_MESSAGES(language, "damaged", error=error)) from error
    finally:
        conn.close()


def _open_read_only(path: Path, language: str) -> sqlite3.Connection:
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as error:
        raise Skip(_MESSAGES(language, "unreadable", error=error.strerror)) from error
    if not header.startswith(_SQLITE_HEADER):
        raise Skip(_MESSAGES(language, "not_sqlite"))
    in_wal_mode = len(header) > 18 and header[18] == 2
    side_file = Path(f"{path}-wal" if in_wal_mode else f"{path}-journal")
    if side_file.exists() and not in_wal_mode:
        raise Skip(_MESSAGES(language, "locked"))  # a write transaction is under way
    # Open (a kernel has it) WAL file: read through its -wal and -shm like any reader. Closed
    # file: immutable, so SQLite creates no -shm/-wal files beside the student's store.
    immutable = "" if side_file.exists() else "&immutable=1"
    uri = f"file:{quote(str(path.resolve()))}?mode=ro{immutable}"
    try:
        return sqlite3.connect(uri, uri=True, timeout=1.0)
    except sqlite3.Error as error:
        raise Skip(_MESSAGES(language, "unreadable", error=error)) from error


def _check_store(conn: sqlite3.Connection, language: str) -> None:
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":  # several lines, e.g. "*** in database main ***\nOn tree page 2 ..."
        problem = " ".join(str(check).replace("*** in database main ***", "").split())
        raise Skip(_MESSAGES(language, "damaged", error=problem[:160]))
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if application_id == CLASS_APPLICATION_ID:
        raise Skip(_MESSAGES(language, "class"))
    if application_id not in (0, APPLICATION_ID):
        raise Skip(_MESSAGES(language, "foreign"))
    if application_id == APPLICATION_ID and version > SCHEMA_VERSION:
        raise Skip(_MESSAGES(language, "newer", version=version))
    for table, columns in _REQUIRED.items():
        if not columns <= _columns(conn, table):
            raise Skip(_MESSAGES(language, "foreign"))


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _rows(conn: sqlite3.Connection) -> StoreRows:
    attempt_columns = _columns(conn, "attempts")
    fingerprint = "fingerprint" if "fingerprint" in attempt_columns else "''"
    points = "points" if "points" in attempt_columns else "NULL"
    graded = "graded" if "graded" in attempt_columns else "1"
    sittings = conn.execute("SELECT id, bank_id, user, mode, selection, seed, draw, started,"
                            " submitted FROM sittings ORDER BY id").fetchall()
    attempts = conn.execute(f"SELECT sitting, question_id, {fingerprint}, response, score, {points},"
                            f" correct, time, {graded} FROM attempts ORDER BY id").fetchall()
    questions: list[tuple[Any, ...]] = []
    if _columns(conn, "questions"):
        questions = conn.execute("SELECT bank_id, question_id, fingerprint, type, points, content"
                                 " FROM questions").fetchall()
    cards: list[tuple[Any, ...]] = []
    if "replaced" in _columns(conn, "cards"):
        cards = conn.execute("SELECT learner, bank_id, question_id, fingerprint, language, tags,"
                             " state, step, stability, difficulty, due, last_review, created"
                             " FROM cards WHERE replaced IS NULL").fetchall()
    return StoreRows(sittings, attempts, questions, cards)


def _owner_doubt(path: Path, rows: StoreRows, language: str) -> str:
    """On a hub each store lives in its student's home: learner ids other than the file owner's
    name (or a hub's `jupyter-NAME` for NAME) may be answers given under another's name. Files
    owned by root or by whoever collects (handed in, copied) are not questioned."""
    if sys.platform == "win32":
        return ""
    try:
        owner = pwd.getpwuid(path.stat().st_uid).pw_name
    except (KeyError, OSError):
        return ""
    if path.stat().st_uid in (0, os.getuid()):
        return ""
    others = sorted({row[2] for row in rows.sittings} - {owner, owner.removeprefix("jupyter-")})
    if not others:
        return ""
    return _MESSAGES(language, "not_owner", learners=", ".join(others), owner=owner)


# -- adding to the class database ---------------------------------------------------------------


def _add(conn: sqlite3.Connection, rows: StoreRows,
         rename: Callable[[str], str]) -> tuple[int, int]:
    """Adds one store's rows in one transaction; returns (sittings, answers) added."""
    with conn:
        conn.executemany("INSERT OR IGNORE INTO questions (bank_id, question_id, fingerprint, type,"
                         " points, content) VALUES (?, ?, ?, ?, ?, ?)", rows.questions)
        sittings_added = 0
        class_id: dict[int, int] = {}
        for (store_id, bank_id, user, mode, selection, seed, draw, started,
             submitted) in rows.sittings:
            key = (rename(user), bank_id, mode, selection, started)
            found = conn.execute("SELECT id, submitted FROM sittings WHERE learner = ? AND"
                                 " bank_id = ? AND mode = ? AND selection = ? AND started = ?",
                                 key).fetchone()
            if found is None:
                cursor = conn.execute("INSERT INTO sittings (learner, bank_id, mode, selection,"
                                      " seed, draw, started, submitted) VALUES (?, ?, ?, ?, ?, ?,"
                                      " ?, ?)", (*key[:4], seed, draw, started, submitted))
                class_id[store_id] = int(cursor.lastrowid or 0)
                sittings_added += 1
                continue
            class_id[store_id] = found[0]
            if found[1] is None and submitted is not None:  # submitted since the last collect
                conn.execute("UPDATE sittings SET submitted = ? WHERE id = ?", (submitted, found[0]))
        middle = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO attempts (sitting, question_id, fingerprint, response, score,"
            " points, correct, time, graded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((class_id[row[0]], *row[1:8], row[8] if len(row) > 8 else 1)
             for row in rows.attempts if row[0] in class_id))
        answers_added = conn.total_changes - middle
        # A card's schedule moves on with every review: the latest reviewed state wins.
        conn.executemany(
            "INSERT INTO cards (learner, bank_id, question_id, fingerprint, language, tags, state,"
            " step, stability, difficulty, due, last_review, created) VALUES (?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?, ?, ?) ON CONFLICT (learner, bank_id, question_id, fingerprint) DO UPDATE"
            " SET tags = excluded.tags, state = excluded.state, step = excluded.step,"
            " stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due,"
            " last_review = excluded.last_review WHERE coalesce(excluded.last_review, 0)"
            " > coalesce(cards.last_review, 0)",
            ((rename(row[0]), *row[1:]) for row in rows.cards))
    return sittings_added, answers_added


def _learner_names(target: ClassDatabase, output: Path, pseudonymise: bool,
                   language: str) -> Callable[[str], str]:
    """Learner ids as they are, or stable pseudonyms keyed by a secret kept beside (never in)
    the class database, so the database can be shared and the same student keeps one pseudonym."""
    kind = "pseudonymous" if pseudonymise else "real"
    recorded = target.meta("learners")
    if recorded is not None and recorded != kind:
        raise ValueError(_MESSAGES(
            language, "pseudonym_mismatch", output=output,
            kind=_MESSAGES(language, recorded),
            flag=_MESSAGES(language, "with_flag" if recorded == "pseudonymous" else "without_flag")))
    with target.conn:
        target.conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('learners', ?)", (kind,))
    if not pseudonymise:
        return lambda learner: learner
    key = pseudonym_key(output)
    cache: dict[str, str] = {}

    def pseudonym(learner: str) -> str:
        if learner not in cache:
            digest = hmac.new(key, learner.encode("utf-8"), hashlib.sha256).hexdigest()
            cache[learner] = f"learner-{digest[:10]}"
        return cache[learner]

    return pseudonym


def pseudonym_key_path(output: Path) -> Path:
    return output.with_name(output.name + ".pseudonym-key")


def pseudonym_key(output: Path) -> bytes:
    """The secret behind the pseudonyms, made (readable by its owner only) on first use."""
    path = pseudonym_key_path(output)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    key = secrets.token_bytes(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(key.hex() + "\n")
    return key
