"""Without psycopg (kwis installed without the postgres extra), a postgresql:// store, class or
`kwis class` command says which extra to install, in the bank's language for the quiz."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
sys.modules["psycopg"] = None  # as if not installed
from kwis.records import open_class, open_store
for language in ("en", "nl"):
    try:
        open_store("postgresql://anna:secret@db.example/klas", language=language)
    except ModuleNotFoundError as error:
        print(error)
try:
    open_class("postgresql://teacher:secret@db.example/klas")
except ConnectionError as error:
    print(error)
from kwis.cli import main
print("exit", main(["class", "init", "postgresql://admin@db.example/klas"]))
"""


def test_a_missing_postgres_extra_is_named_and_no_password_shown() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            check=True)
    lines = result.stdout.splitlines()
    assert "pip install 'kwis[postgres]'" in lines[0] and "postgresql://anna@db.example/klas" in lines[0]
    assert "installeer kwis met de extra postgres" in lines[1]
    assert "kwis[postgres]" in lines[2]
    assert lines[3] == "exit 2" and "kwis[postgres]" in result.stderr
    assert "secret" not in result.stdout + result.stderr
