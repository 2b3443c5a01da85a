"""The extension's endpoints in a real Jupyter server: authenticated, confined to the server's root,
size-limited, and answering with the validator's, linter's and renderer's own results."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from browser._servers import Server
from kwis import load_bank
from kwis.lab._check import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

BANK = """\
kwis: 1
id: nijl
title: De Nijl
language: nl
source:
  title: De Nijl
  file: nijl.txt
questions:
  - id: lengte
    type: numeric
    prompt: Hoe lang is de Nijl, in kilometers?
    answer: 6650
    explanation: De Nijl is ongeveer 6650 kilometer lang.
    source: De Nijl is ongeveer 6650 kilometer lang.
  - id: landen
    type: numeric
    prompt: Door hoeveel landen stroomt de Nijl?
    answer: 11
    explanation: De Nijl stroomt door elf landen.
    source: De Nijl stroomt door elf landen.
"""
SOURCE = "De Nijl\n\nDe Nijl is ongeveer 6650 kilometer lang. De Nijl stroomt door elf landen.\n"


def post(server: Server, endpoint: str, body: Any, token: str | None = "") -> tuple[int, dict[str, Any]]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"token {token or server.token}"
    request = urllib.request.Request(f"{server.base_url}/kwis/{endpoint}", data=json.dumps(body).encode(),
                                     headers=headers, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=30) as response:
            return int(response.status), json.loads(response.read())
    except urllib.error.HTTPError as error:
        text = error.read()
        error.close()
        try:
            return int(error.code), json.loads(text)
        except ValueError:
            return int(error.code), {"body": text.decode("utf-8", "replace")}


@pytest.fixture(scope="module")
def course(server_root: Path) -> Path:
    folder = server_root / "course"
    folder.mkdir()
    (folder / "nijl.yaml").write_text(BANK, encoding="utf-8")
    (folder / "nijl.txt").write_text(SOURCE, encoding="utf-8")
    return folder


def test_no_token_no_answer(jupyter_server: Server, course: Path) -> None:
    status, body = post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": BANK}, token=None)
    assert status == 403 and "problems" not in body
    assert post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": BANK}, token="wrong")[0] == 403


def test_a_clean_bank_has_no_problems_and_a_preview(jupyter_server: Server, course: Path) -> None:
    status, body = post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": BANK, "line": 16})
    assert status == 200, body
    assert body["problems"] == [] and body["language"] == "nl"
    assert body["questions"] == [{"id": "lengte", "line": 9}, {"id": "landen", "line": 15}]
    assert body["preview"]["id"] == "landen"
    html = body["preview"]["html"]
    assert "Door hoeveel landen stroomt de Nijl?" in html and "De Nijl stroomt door elf landen." in html
    assert "gevonden in de brontekst" in html
    assert html.count("<li") == 2 and "<em>" not in html  # the question and its grounding, no notes


def test_a_misspelt_key_is_reported_at_its_line_with_a_fix(jupyter_server: Server, course: Path) -> None:
    text = BANK.replace("    answer: 11", "    anwser: 11")
    status, body = post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": text, "line": 1})
    assert status == 200
    (problem,) = [p for p in body["problems"] if p["severity"] == "error" and p["line"] == 18]
    assert (problem["column"], problem["path"]) == (5, "$.questions[1].anwser")
    assert "anwser" in problem["message"] and "answer" in problem["fix"]


def test_lint_warnings_come_with_their_code(jupyter_server: Server, course: Path) -> None:
    text = BANK.replace("    explanation: De Nijl stroomt door elf landen.\n", "")
    body = post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": text})[1]
    assert [(p["code"], p["line"]) for p in body["problems"]] == [("W111", 15)]
    assert body["problems"][0]["message"] == "de vraag heeft geen uitleg"


@pytest.mark.parametrize(("declared", "language"), [
    ("language: nl", "nl"), ("language: nl-BE", "nl"), ("language: 'nl'  # Vlaams", "nl"),
    ("language: en", "en"), ("language: en-GB", "en"), ("language: fr", "en"), ("", "en"),
])
def test_the_answer_names_the_language_the_extension_labels_speak(
        jupyter_server: Server, course: Path, declared: str, language: str) -> None:
    """The frontend's own labels (buttons, panel title, severity and fix words) follow `language`;
    a bank in a language kwis does not speak gets English, like its messages."""
    text = BANK.replace("language: nl", declared).replace("    answer: 11", "    anwser: 11")
    status, body = post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": text})
    assert status == 200 and body["language"] == language
    (problem,) = [p for p in body["problems"] if p["line"] == 18]
    assert ("bedoel je" in problem["fix"]) == (language == "nl")  # the problems speak it too


def test_a_quote_not_in_the_source_shows_the_closest_passage(jupyter_server: Server, course: Path) -> None:
    text = BANK.replace("    source: De Nijl stroomt door elf landen.", "    source: De Nijl stroomt door tien landen.")
    body = post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": text, "line": 20})[1]
    assert [p["line"] for p in body["problems"]] == [20]
    assert "De Nijl stroomt door elf landen." in body["problems"][0]["fix"]
    html = body["preview"]["html"]
    assert "niet in de brontekst" in html and "De Nijl stroomt door elf landen." in html


@pytest.mark.parametrize("path", ["../outside.yaml", "/../../etc/passwd.yaml", "course/../../x.yaml"])
def test_paths_outside_the_root_are_refused(jupyter_server: Server, course: Path, path: str) -> None:
    status, body = post(jupyter_server, "check", {"path": path, "text": BANK})
    assert status == 403
    assert body["message"] == f"{path} ligt buiten de map die JupyterLab aanbiedt"


def test_a_symlink_out_of_the_root_is_refused(jupyter_server: Server, course: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text(BANK, encoding="utf-8")
    os.symlink(outside, course / "link.yaml")
    assert post(jupyter_server, "check", {"path": "course/link.yaml", "text": BANK})[0] == 403
    assert post(jupyter_server, "try", {"path": "course/link.yaml"})[0] == 403


def test_a_source_file_outside_the_root_is_not_read(jupyter_server: Server, course: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("De Nijl stroomt door elf landen. Geheim.\n", encoding="utf-8")
    os.symlink(secret, course / "link.txt")
    for name in ("link.txt", os.path.relpath(secret, course)):
        text = BANK.replace("file: nijl.txt", f"file: {name}")
        body = post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": text, "line": 16})[1]
        (problem,) = body["problems"]
        assert (problem["line"], problem["path"]) == (7, "$.source.file")
        assert problem["message"] == f"{name} ligt buiten de map die JupyterLab aanbiedt"
        assert "Geheim" not in json.dumps(body)


def test_huge_banks_and_sources_are_refused(jupyter_server: Server, course: Path) -> None:
    huge = BANK + "#" * MAX_BYTES
    status, body = post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": huge})
    assert status == 413 and f"kwis controleert bestanden tot {MAX_BYTES} bytes" in body["message"]
    (course / "groot.txt").write_text("De Nijl. " * (MAX_BYTES // 8), encoding="utf-8")
    text = BANK.replace("file: nijl.txt", "file: groot.txt")
    problem = post(jupyter_server, "check", {"path": "course/nijl.yaml", "text": text})[1]["problems"][0]
    assert problem["path"] == "$.source.file" and "bytes" in problem["message"]


def test_bad_requests_get_a_clear_error(jupyter_server: Server, course: Path) -> None:
    assert post(jupyter_server, "check", {"path": "course/nijl.yaml"}) == (400, {"message": "`text` should be a string"})
    assert post(jupyter_server, "check", [1, 2])[0] == 400


def test_new_makes_starter_banks_that_validate_clean(jupyter_server: Server, server_root: Path) -> None:
    (server_root / "starters").mkdir()
    first = post(jupyter_server, "new", {"folder": "starters", "language": "en"})
    second = post(jupyter_server, "new", {"folder": "starters", "language": "nl"})
    assert (first, second) == ((200, {"path": "starters/kwis-bank.yaml"}), (200, {"path": "starters/kwis-bank-2.yaml"}))
    assert load_bank(server_root / "starters" / "kwis-bank-2.yaml").language == "nl"
    done = subprocess.run([sys.executable, "-m", "kwis", "validate", str(server_root / "starters")],
                          capture_output=True, text=True)
    assert done.stderr == "2 banks checked, 16 questions: 0 errors, 0 warnings\n"
    assert post(jupyter_server, "new", {"folder": "..", "language": "en"})[0] == 403
    assert post(jupyter_server, "new", {"folder": "starters", "language": "fr"})[0] == 400


def test_try_writes_a_student_notebook_next_to_the_bank(jupyter_server: Server, course: Path) -> None:
    status, body = post(jupyter_server, "try", {"path": "course/nijl.yaml"})
    assert (status, body) == (200, {"path": "course/nijl-try.ipynb"})
    assert "kwis.Quiz('nijl.yaml')" in (course / "nijl-try.ipynb").read_text(encoding="utf-8")
    (course / "kapot.yaml").write_text(BANK.replace("answer: 11", "answer: elf"), encoding="utf-8")
    status, body = post(jupyter_server, "try", {"path": "course/kapot.yaml"})
    assert status == 422 and "course/kapot.yaml:18:13: error" in body["message"]


def _jupyter(*argv: str) -> str:
    """What `jupyter ARGV` prints, colours and spacing evened out."""
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_CONFIG_DIR", "JUPYTER_PATH")}
    done = subprocess.run([str(Path(sys.executable).parent / "jupyter"), *argv], capture_output=True,
                          text=True, env=env, timeout=120)
    return re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr))


def test_jupyter_lists_the_server_and_lab_extensions_enabled() -> None:
    server = _jupyter("server", "extension", "list")
    assert "kwis.lab enabled" in server and "kwis.lab OK" in server
    assert f"kwis v{VERSION} enabled OK (python, kwis)" in _jupyter("labextension", "list")


def test_the_frontend_has_the_python_package_version() -> None:
    package = json.loads((ROOT / "widgets" / "labextension" / "package.json").read_text(encoding="utf-8"))
    assert package["version"] == VERSION, "bump widgets/labextension/package.json with pyproject.toml"
