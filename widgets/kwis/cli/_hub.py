"""`kwis class init DSN` and `kwis class add-learners DSN NAMES...`: a PostgreSQL class database.

Run by a teacher or hub administrator with a role that may create roles (the database owner with
CREATEROLE, or a superuser). Prints one `name url` line per login made; the URLs carry passwords,
so they go into each user's environment (`KWIS_STORE`), not into a notebook.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable

from kwis.cli._common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

NO_PSYCOPG = ("kwis: error: `kwis class` needs psycopg 3: install kwis with the postgres extra: "
              "pip install 'kwis[postgres]'")


def add_commands(subparsers: "argparse._SubParsersAction[Any]") -> None:
    group = subparsers.add_parser("class", help="a shared PostgreSQL class database (see docs/hub.md)")
    sub = group.add_subparsers(dest="class_command", required=True, metavar="COMMAND")
    init = sub.add_parser("init", help="create or upgrade the schema, the teacher and learner roles")
    init.add_argument("dsn", metavar="DSN", help="postgresql://admin@host/classdb")
    init.add_argument("--prefix", default=None,
                      help="start of every role name (default: the database name)")
    _public(init)
    init.set_defaults(handler=_init)
    add = sub.add_parser("add-learners", help="one login role per learner; prints their URLs")
    add.add_argument("dsn", metavar="DSN")
    add.add_argument("names", nargs="+", metavar="NAME", help="learner ids, e.g. hub user names")
    _public(add)
    add.set_defaults(handler=_add_learners)


def _public(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=None,
                        help="host name the users' kernels reach the database at (default: as in DSN)")
    parser.add_argument("--port", type=int, default=None, help="port for the printed URLs")


def _connect(dsn: str) -> Any:
    import psycopg

    try:
        return psycopg.connect(dsn, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as error:
        print(f"kwis: error: cannot connect to the database: {str(error).strip()}", file=sys.stderr)
        return None


def _run(work: Callable[[Any, Any], list[Any]], dsn: str) -> int:
    """Connects to `dsn` and runs `work(connection, pgschema)`, then prints the logins it made.
    A missing driver, an unreachable database or a refused change is one line, never a traceback."""
    try:
        import psycopg
        from kwis.records import _pgschema
    except ImportError:
        print(NO_PSYCOPG, file=sys.stderr)
        return EXIT_USAGE
    conn = _connect(dsn)
    if conn is None:
        return EXIT_PROBLEMS
    with conn:
        try:
            logins = work(conn, _pgschema)
        except _pgschema.ClassError as error:
            print(f"kwis: error: {error}", file=sys.stderr)
            return EXIT_USAGE
        except psycopg.Error as error:  # no right to create roles, ...
            print(f"kwis: error: {str(error).strip()}", file=sys.stderr)
            return EXIT_PROBLEMS
    for login in logins:
        print(f"{login.name} {login.url}")
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    def init(conn: Any, pgschema: Any) -> list[Any]:
        prefix = args.prefix or pgschema.default_prefix(conn.info.dbname)
        login = pgschema.init_class(conn, prefix, args.host, args.port)
        print(f"class database {conn.info.dbname}: schema version {pgschema.VERSION}, "
              f"roles {prefix}_teacher and {prefix}_learners", file=sys.stderr)
        return [login] if login is not None else []

    return _run(init, args.dsn)


def _add_learners(args: argparse.Namespace) -> int:
    return _run(lambda conn, pgschema: list(pgschema.add_learners(conn, list(args.names), args.host, args.port)),
                args.dsn)
