"""A throwaway PostgreSQL server: `initdb` and `pg_ctl` on a temporary folder, Unix socket only.

Debian's `postgresql` package (installed by .ci/run) gives the binaries. `initdb` refuses to
run as root, so as root the server runs as the package's `postgres` user. Passwords are checked
(scram-sha-256), as on a real class server.
"""

from __future__ import annotations

import glob
import itertools
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

ADMIN = "kwis"


def bin_dir() -> Path | None:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def skip_without_postgres() -> None:
    """On a machine without PostgreSQL the tests that need it are skipped, saying why; never in
    CI (.ci/run installs it, and with CI=true a missing server is a failure)."""
    if bin_dir() is None and os.environ.get("CI") != "true":
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")


PREFIX, OWNER = "kwis-pg-", "owner.pid"


def stop_orphans(binaries: Path) -> None:
    """Stops servers left by a test run that was killed before its teardown (its process is gone)."""
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((folder / OWNER).read_text())
            os.kill(owner, 0)
            continue  # its run is still going
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue  # not ours to judge: no owner file (or not readable)
        command = [str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "stop"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


class PostgresServer:
    """One server; `stop()` and `start()` again for the fault tests."""

    def __init__(self, max_connections: int = 60) -> None:
        binaries = bin_dir()
        if binaries is None:
            raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
        self.bin = binaries
        stop_orphans(binaries)
        self.dir = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.dir / OWNER).write_text(str(os.getpid()))  # so a later run can stop an orphan
        self.data = self.dir / "data"
        self.password = secrets.token_urlsafe(12)
        self.max_connections = max_connections
        self._names = itertools.count(1)
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            shutil.chown(pwfile, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", ADMIN, "--pwfile", str(pwfile),
                  "-A", "scram-sha-256", "-E", "UTF8", "--no-sync")
        pwfile.unlink()
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = (f"-k {self.dir} -c listen_addresses='' -c max_connections={self.max_connections}"
                   " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"),
                  "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def dsn(self, dbname: str = "postgres", user: str = ADMIN, password: str | None = None) -> str:
        return (f"host={self.dir} port=5432 dbname={dbname} user={user} "
                f"password={password or self.password}")

    def url(self, dbname: str = "postgres") -> str:
        from urllib.parse import quote
        return (f"postgresql://{ADMIN}:{quote(self.password, safe='')}@/{dbname}"
                f"?host={quote(str(self.dir), safe='')}&port=5432")

    def new_database(self) -> str:
        """A fresh database; its name."""
        name = f"class{next(self._names)}"
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
