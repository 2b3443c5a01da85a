"""A real Ralph LRS (ralph-malph 5.1.0) on 127.0.0.1, in its own virtualenv.

Ralph's `lrs` extra pins exact versions, so it lives in `.cache/ralph-5.1.0/` at the project
root (ignored by git), made on first use (about 20 s, from PyPI) and reused after. The file-system
backend needs the two-line patch from shared/notes/xapi-lrs-ralph.md: without it every write after
the first fails and the verb/activity filters match nothing. `validate` checks statements with
Ralph's own pydantic xAPI models.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

VERSION = "5.1.0"
VENV = Path(__file__).resolve().parents[2] / ".cache" / f"ralph-{VERSION}"
USER = "teacher"

PATCH = '''
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
_query = FSLRSBackend.query_statements
def _query_with_strings(self, params, target=None):
    for name in ("verb", "activity"):
        value = getattr(params, name, None)
        if value is not None and not isinstance(value, str):
            setattr(params, name, str(value))
    return _query(self, params, target)
FSLRSBackend.query_statements = _query_with_strings
from ralph.api import app
'''

VALIDATE = '''
import json, sys
from ralph.models.xapi.base.statements import BaseXapiStatement
problems = []
for number, statement in enumerate(json.load(sys.stdin)):
    try:
        BaseXapiStatement.model_validate(statement)
    except Exception as error:
        problems.append(f"statement {number}: {error}")
print(json.dumps(problems))
'''


def python() -> Path:
    """The Ralph virtualenv's python, made first when missing."""
    interpreter = VENV / "bin" / "python"
    if not (VENV / ".complete").exists():
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(interpreter), "-m", "pip", "install", "--quiet",
                        f"ralph-malph[cli,lrs]=={VERSION}", "requests"], check=True, timeout=600)
        (VENV / ".complete").write_text(VERSION)
    return interpreter


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


PREFIX = "kwis-ralph-"


def stop_orphans() -> None:
    """Stops LRS servers left by a test run that was killed before its teardown: each folder
    names the run's pid and the server's pid; the server is stopped only when the run is gone."""
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner, server = (int(n) for n in (folder / "pids").read_text().split())
            os.kill(owner, 0)
            continue  # its run is still going
        except ProcessLookupError:
            try:
                os.kill(server, signal.SIGTERM)
            except ProcessLookupError:
                pass
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):
            continue


class RalphServer:
    """One LRS with a file-system backend in a temporary folder; `stop()`/`start()` for faults."""

    def __init__(self) -> None:
        self.python = python()
        stop_orphans()
        self.dir = Path(tempfile.mkdtemp(prefix=PREFIX))
        self.password = secrets.token_urlsafe(12)
        self.port = free_port()
        (self.dir / "data").mkdir()
        (self.dir / "ralph_fs_patched.py").write_text(PATCH)
        self._write_auth()
        self._process: subprocess.Popen[bytes] | None = None
        self.start()

    @property
    def url(self) -> str:
        """What KWIS_LRS is set to: the xAPI base, statements live under it."""
        return f"http://127.0.0.1:{self.port}/xAPI"

    def _write_auth(self) -> None:
        script = ("import bcrypt, json, sys; print(json.dumps([{'username': sys.argv[1], "
                  "'hash': bcrypt.hashpw(sys.argv[2].encode(), bcrypt.gensalt(4)).decode(), "
                  "'scopes': ['all'], 'agent': {'mbox': 'mailto:teacher@example.org'}}]))")
        out = subprocess.run([str(self.python), "-c", script, USER, self.password],
                             capture_output=True, text=True, check=True).stdout
        (self.dir / "auth.json").write_text(out)

    def start(self) -> None:
        env = {**os.environ, "RALPH_APP_DIR": str(self.dir), "RALPH_AUTH_FILE": str(self.dir / "auth.json"),
               "RALPH_RUNSERVER_BACKEND": "fs",
               "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.dir / "data"),
               "PYTHONPATH": str(self.dir)}
        with open(self.dir / "log", "ab") as log:  # the child keeps its own copy of the handle
            self._process = subprocess.Popen(
                [str(self.python), "-m", "uvicorn", "ralph_fs_patched:app", "--host", "127.0.0.1",
                 "--port", str(self.port), "--log-level", "warning"],
                cwd=self.dir, env=env, stdout=subprocess.DEVNULL, stderr=log)
        (self.dir / "pids").write_text(f"{os.getpid()} {self._process.pid}")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1):
                    return
            except OSError:
                if self._process.poll() is not None:
                    raise RuntimeError((self.dir / "log").read_text()) from None
                time.sleep(0.1)
        raise RuntimeError("Ralph did not start within 60 s")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=30)
            self._process = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def validate(self, statements: list[dict[str, object]]) -> list[str]:
        """Problems Ralph's pydantic xAPI models find, one line per bad statement."""
        out = subprocess.run([str(self.python), "-c", VALIDATE], input=json.dumps(statements),
                             capture_output=True, text=True, check=True).stdout
        return list(json.loads(out))
