"""The PostgreSQL class database: versioned schema, roles and row-level security.

Schema `kwis` in the class's database. `migrate` brings it to `VERSION` under a transaction-level
advisory lock, so many kernels starting at once apply each migration exactly once; a role that may
not change the schema (a learner) only reads the version. `init_class` (`kwis class init`) runs
the migrations and makes two roles: `<prefix>_learners` (no login; every learner role is in it) and
`<prefix>_teacher` (reads every row). `add_learners` makes one login role per learner.

What the database itself enforces, whatever code runs in a learner's kernel: a learner inserts
and reads only rows whose `learner` is theirs (`kwis.current_learner()`, looked up from the login
role), never updates or deletes an answer (no such grants; a sitting's `submitted` is set once),
and cannot read `kwis.learners`, `kwis.class_settings` or `kwis.questions`.
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import psycopg
from psycopg import sql

LOCK_KEY = 0x6B776973  # "kwis": the advisory lock that serializes migrations

_V1 = """
CREATE SCHEMA IF NOT EXISTS kwis;
CREATE TABLE kwis.schema_version (version integer PRIMARY KEY, applied double precision NOT NULL);
CREATE TABLE kwis.class_settings (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE kwis.learners (
    learner text PRIMARY KEY,
    role name NOT NULL UNIQUE,
    added double precision NOT NULL
);
CREATE FUNCTION kwis.current_learner() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
    AS $$ SELECT learner FROM kwis.learners WHERE role = session_user $$;
CREATE TABLE kwis.sittings (
    id bigint PRIMARY KEY,
    bank_id text NOT NULL,
    learner text NOT NULL,
    mode text NOT NULL,
    selection text NOT NULL,
    seed bigint NOT NULL,
    draw text NOT NULL,
    started double precision NOT NULL,
    submitted double precision
);
CREATE INDEX sittings_lookup ON kwis.sittings (bank_id, learner, mode, selection);
CREATE TABLE kwis.attempts (
    id bigserial PRIMARY KEY,
    key uuid NOT NULL UNIQUE,
    sitting bigint NOT NULL,
    bank_id text NOT NULL,
    question_id text NOT NULL,
    learner text NOT NULL,
    mode text NOT NULL,
    response text NOT NULL,
    score double precision NOT NULL,
    correct boolean NOT NULL,
    time double precision NOT NULL,
    seed bigint NOT NULL
);
CREATE INDEX attempts_sitting ON kwis.attempts (sitting);
CREATE INDEX attempts_learner ON kwis.attempts (learner, bank_id);
CREATE TABLE kwis.drafts (
    sitting bigint NOT NULL,
    question_id text NOT NULL,
    learner text NOT NULL,
    response text NOT NULL,
    time double precision NOT NULL,
    PRIMARY KEY (sitting, question_id)
);
ALTER TABLE kwis.sittings ENABLE ROW LEVEL SECURITY;
ALTER TABLE kwis.attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE kwis.drafts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_read ON kwis.sittings FOR SELECT USING (learner = kwis.current_learner());
CREATE POLICY own_insert ON kwis.sittings FOR INSERT WITH CHECK (learner = kwis.current_learner());
CREATE POLICY own_submit ON kwis.sittings FOR UPDATE
    USING (learner = kwis.current_learner() AND submitted IS NULL)
    WITH CHECK (learner = kwis.current_learner());
CREATE POLICY own_read ON kwis.attempts FOR SELECT USING (learner = kwis.current_learner());
CREATE POLICY own_insert ON kwis.attempts FOR INSERT WITH CHECK (learner = kwis.current_learner());
CREATE POLICY own_read ON kwis.drafts FOR SELECT USING (learner = kwis.current_learner());
CREATE POLICY own_insert ON kwis.drafts FOR INSERT WITH CHECK (learner = kwis.current_learner());
CREATE POLICY own_update ON kwis.drafts FOR UPDATE
    USING (learner = kwis.current_learner()) WITH CHECK (learner = kwis.current_learner());
"""

# As the SQLite store's schema 2: the fingerprint and points of the question version answered,
# and that version's content (learners add versions, only the teacher reads them).
_V2 = """
ALTER TABLE kwis.attempts ADD COLUMN fingerprint text NOT NULL DEFAULT '';
ALTER TABLE kwis.attempts ADD COLUMN points double precision;
CREATE TABLE kwis.questions (
    bank_id text NOT NULL,
    question_id text NOT NULL,
    fingerprint text NOT NULL,
    type text NOT NULL,
    points double precision NOT NULL,
    content text NOT NULL,
    PRIMARY KEY (bank_id, question_id, fingerprint)
);
"""

# As the SQLite store's schema 3: spaced-review cards and reviews (kwis.learning), one learner's
# own, which they update as the schedule moves (a card or review is not an answer).
_V3 = """
CREATE TABLE kwis.cards (
    id bigint PRIMARY KEY,
    learner text NOT NULL,
    bank_id text NOT NULL,
    question_id text NOT NULL,
    fingerprint text NOT NULL,
    language text NOT NULL,
    tags text NOT NULL,
    state integer NOT NULL,
    step integer,
    stability double precision,
    difficulty double precision,
    due double precision NOT NULL,
    last_review double precision,
    created double precision NOT NULL,
    replaced double precision
);
CREATE UNIQUE INDEX cards_identity ON kwis.cards (learner, bank_id, question_id, fingerprint);
CREATE TABLE kwis.reviews (
    id bigint PRIMARY KEY,
    card bigint NOT NULL,
    learner text NOT NULL,
    sitting bigint NOT NULL,
    origin text NOT NULL,
    mode text NOT NULL,
    rating integer NOT NULL,
    score double precision NOT NULL,
    time double precision NOT NULL,
    state integer NOT NULL,
    step integer,
    stability double precision,
    difficulty double precision,
    due double precision NOT NULL
);
CREATE INDEX reviews_card ON kwis.reviews (card);
ALTER TABLE kwis.cards ENABLE ROW LEVEL SECURITY;
ALTER TABLE kwis.reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_read ON kwis.cards FOR SELECT USING (learner = kwis.current_learner());
CREATE POLICY own_insert ON kwis.cards FOR INSERT WITH CHECK (learner = kwis.current_learner());
CREATE POLICY own_update ON kwis.cards FOR UPDATE
    USING (learner = kwis.current_learner()) WITH CHECK (learner = kwis.current_learner());
CREATE POLICY own_read ON kwis.reviews FOR SELECT USING (learner = kwis.current_learner());
CREATE POLICY own_insert ON kwis.reviews FOR INSERT WITH CHECK (learner = kwis.current_learner());
CREATE POLICY own_update ON kwis.reviews FOR UPDATE
    USING (learner = kwis.current_learner()) WITH CHECK (learner = kwis.current_learner());
"""

# As the SQLite store's schema 4: an exam answer to a student copy is recorded ungraded; the
# teacher's marks of such answers (`kwis grade`) go into a table of their own, one row per answer
# key, which learners can neither read nor write and the teacher only adds to.
_V4 = """
ALTER TABLE kwis.attempts ADD COLUMN graded boolean NOT NULL DEFAULT true;
CREATE TABLE kwis.marks (
    key uuid PRIMARY KEY REFERENCES kwis.attempts (key),
    question_id text NOT NULL,
    fingerprint text NOT NULL,
    response text NOT NULL,
    score double precision NOT NULL,
    correct boolean NOT NULL,
    marked double precision NOT NULL
);
ALTER TABLE kwis.marks ENABLE ROW LEVEL SECURITY;
"""

# (version, SQL). Append only: a released migration never changes.
MIGRATIONS: tuple[tuple[int, str], ...] = ((1, _V1), (2, _V2), (3, _V3), (4, _V4))
VERSION = MIGRATIONS[-1][0]

_NAME = re.compile(r"[a-z0-9][a-z0-9._@-]{0,39}")
_PREFIX = re.compile(r"[a-z][a-z0-9_]{0,19}")


def schema_version(conn: psycopg.Connection[Any]) -> int:
    """The applied schema version; 0 for a database without the kwis schema."""
    row = conn.execute("SELECT to_regclass('kwis.schema_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    found = conn.execute("SELECT coalesce(max(version), 0) FROM kwis.schema_version").fetchone()
    return int(found[0]) if found else 0


def migrate(conn: psycopg.Connection[Any]) -> int:
    """Applies the missing migrations once, however many kernels call this at the same time.
    Returns the version the database has afterwards (lower than VERSION when this role may not
    change the schema)."""
    if schema_version(conn) >= VERSION:
        return VERSION
    # A session-level lock taken outside the migration's transaction: that transaction then
    # starts after the previous holder committed and sees its tables (a transaction-level lock
    # would leave the catalog snapshot from before the wait).
    conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
    try:
        with conn.transaction():
            found = schema_version(conn)  # another kernel may have migrated while we waited
            for version, script in MIGRATIONS:
                if version > found:
                    conn.execute(script.encode())
                    conn.execute("INSERT INTO kwis.schema_version VALUES (%s, %s)",
                                 (version, time.time()))
    except psycopg.errors.InsufficientPrivilege:
        pass
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
    return schema_version(conn)


@dataclass(frozen=True)
class Login:
    """A role that was made or given a new password, and its `postgresql://` URL."""

    name: str
    role: str
    url: str


class ClassError(ValueError):
    """A learner name, prefix or database that `kwis class` cannot use; the message says why."""


def check_prefix(prefix: str) -> str:
    if not _PREFIX.fullmatch(prefix):
        raise ClassError(f"the role prefix {prefix!r} must be 1-20 lower-case letters, digits "
                         "or _, starting with a letter (choose one with --prefix)")
    return prefix


def default_prefix(dbname: str) -> str:
    cleaned = re.sub(r"[^a-z0-9_]", "_", dbname.lower())[:20]
    return cleaned if cleaned[:1].isalpha() else f"k{cleaned}"[:20]


def init_class(conn: psycopg.Connection[Any], prefix: str, public_host: str | None = None,
               public_port: int | None = None) -> Login | None:
    """Schema, the learners group and the teacher role with their grants. Safe to run again:
    returns the teacher's login only when the teacher role was made now."""
    check_prefix(prefix)
    migrate(conn)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        stored = conn.execute("SELECT value FROM kwis.class_settings WHERE key = 'prefix'").fetchone()
        if stored and stored[0] != prefix:
            raise ClassError(f"this database belongs to the class with role prefix {stored[0]!r}")
        conn.execute("INSERT INTO kwis.class_settings VALUES ('prefix', %s) ON CONFLICT DO NOTHING",
                     (prefix,))
        learners, teacher = f"{prefix}_learners", f"{prefix}_teacher"
        if not _role_exists(conn, learners):
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(learners)))
        login = None
        if not _role_exists(conn, teacher):
            password = secrets.token_urlsafe(18)
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(teacher), sql.Literal(password)))
            login = Login("teacher", teacher, _url(conn, teacher, password, public_host,
                                                   public_port))
        _grant(conn, learners, teacher)
    return login


def _grant(conn: psycopg.Connection[Any], learners: str, teacher: str) -> None:
    db = conn.info.dbname
    statements = [
        "REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        "GRANT CONNECT ON DATABASE {db} TO {learners}, {teacher}",
        "REVOKE ALL ON SCHEMA kwis FROM PUBLIC",
        "GRANT USAGE ON SCHEMA kwis TO {learners}, {teacher}",
        "GRANT SELECT ON kwis.schema_version TO {learners}",
        "GRANT SELECT, INSERT ON kwis.sittings, kwis.attempts, kwis.drafts TO {learners}",
        "GRANT INSERT ON kwis.questions TO {learners}",
        "GRANT SELECT, INSERT ON kwis.cards, kwis.reviews TO {learners}",
        "GRANT UPDATE (tags, state, step, stability, difficulty, due, last_review, replaced)"
        " ON kwis.cards TO {learners}",
        "GRANT UPDATE (rating, state, step, stability, difficulty, due) ON kwis.reviews"
        " TO {learners}",
        "GRANT UPDATE (submitted) ON kwis.sittings TO {learners}",
        "GRANT UPDATE (response, time) ON kwis.drafts TO {learners}",
        "GRANT USAGE ON SEQUENCE kwis.attempts_id_seq TO {learners}",
        "GRANT SELECT ON ALL TABLES IN SCHEMA kwis TO {teacher}",
        # Marking a student copy's exam: the teacher adds marks and the full bank's question
        # versions, and changes or deletes neither.
        "GRANT INSERT ON kwis.marks, kwis.questions TO {teacher}",
    ]
    names = {"db": sql.Identifier(db), "learners": sql.Identifier(learners),
             "teacher": sql.Identifier(teacher)}
    for statement in statements:
        conn.execute(sql.SQL(statement).format(**names))
    for table in ("sittings", "attempts", "drafts", "cards", "reviews", "marks"):
        conn.execute(sql.SQL("DROP POLICY IF EXISTS teacher_read ON {}").format(
            sql.Identifier("kwis", table)))
        conn.execute(sql.SQL("CREATE POLICY teacher_read ON {} FOR SELECT TO {} USING (true)")
                     .format(sql.Identifier("kwis", table), sql.Identifier(teacher)))
    conn.execute(sql.SQL("DROP POLICY IF EXISTS teacher_marks ON kwis.marks"))
    conn.execute(sql.SQL("CREATE POLICY teacher_marks ON kwis.marks FOR INSERT TO {} WITH CHECK (true)")
                 .format(sql.Identifier(teacher)))


def class_prefix(conn: psycopg.Connection[Any]) -> str:
    row = (conn.execute("SELECT value FROM kwis.class_settings WHERE key = 'prefix'").fetchone()
           if schema_version(conn) else None)
    if not row:
        raise ClassError(f"database {conn.info.dbname!r} is not a kwis class yet: run "
                         "`kwis class init` on it first")
    return str(row[0])


def add_learners(conn: psycopg.Connection[Any], names: list[str], public_host: str | None = None,
                 public_port: int | None = None) -> list[Login]:
    """One login role per learner (a new password when the learner exists already)."""
    bad = [name for name in names if not _NAME.fullmatch(name)]
    if bad:
        raise ClassError(f"learner names must be 1-40 lower-case letters, digits or . _ @ -, "
                         f"starting with a letter or digit: {', '.join(map(repr, bad))}")
    prefix = class_prefix(conn)
    logins = []
    with conn.transaction():
        for name in names:
            role, password = f"{prefix}_{name}", secrets.token_urlsafe(18)
            verb = "ALTER" if _role_exists(conn, role) else "CREATE"
            conn.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)))
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(f"{prefix}_learners"),
                                                          sql.Identifier(role)))
            conn.execute("INSERT INTO kwis.learners VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                         (name, role, time.time()))
            logins.append(Login(name, role, _url(conn, role, password, public_host, public_port)))
    return logins


def _role_exists(conn: psycopg.Connection[Any], role: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is not None


def _url(conn: psycopg.Connection[Any], role: str, password: str, host: str | None,
         port: int | None) -> str:
    """`postgresql://role:password@host:port/db`; a Unix socket folder goes in `?host=`."""
    host = host or conn.info.host
    port = port or conn.info.port
    db = quote(conn.info.dbname, safe="")
    credentials = f"{quote(role, safe='')}:{quote(password, safe='')}"
    if host.startswith("/"):
        return f"postgresql://{credentials}@/{db}?host={quote(host, safe='')}&port={port}"
    return f"postgresql://{credentials}@{host}:{port}/{db}"
