"""What `pip install kwis` gives a teacher: the built wheel in a fresh virtualenv, no extras, no checkout.

The wheel is built once per session and installed with its runtime dependencies only (pip resolves
them; its cache makes a second run quick). Every command then runs in a folder outside the
checkout, on the MINUSMA example the wheel itself carries.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from kwis.teacher._example import EXAMPLE_FILES
from kwis.teacher.export import BINARY_FORMATS, FORMATS

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (built,) = out.glob("kwis-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh virtualenv with the wheel and its runtime dependencies."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    result = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                             str(wheel)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return env_dir / "bin"


@pytest.fixture(scope="session")
def workdir(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the checkout holding `kwis example`'s copy of the MINUSMA banks."""
    folder = tmp_path_factory.mktemp("teacher")
    done = _run(installed, folder, "kwis", "example", "minusma")
    assert done.returncode == 0, done.stderr
    return folder


def _run(bin_dir: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run([str(bin_dir / argv[0]), *argv[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_installed_kwis_is_the_wheel_not_the_checkout(installed: Path, workdir: Path) -> None:
    done = _run(installed, workdir, "python", "-c", "import kwis; print(kwis.__file__, kwis.__version__)")
    path, version = done.stdout.split()
    assert Path(path).is_relative_to(installed.parent) and not Path(path).is_relative_to(ROOT)
    assert version == PYPROJECT["project"]["version"]


@pytest.mark.parametrize("argv", [("kwis", "--version"), ("python", "-m", "kwis", "--version")])
def test_version(installed: Path, workdir: Path, argv: tuple[str, ...]) -> None:
    done = _run(installed, workdir, *argv)
    assert (done.returncode, done.stdout) == (0, f"kwis {PYPROJECT['project']['version']}\n")


def test_the_example_is_the_course_content_in_quizzes(workdir: Path) -> None:
    for name in EXAMPLE_FILES:
        assert (workdir / "minusma" / name).read_bytes() == (ROOT / "quizzes" / name).read_bytes(), name
    assert (workdir / "minusma" / "bank.schema.json").read_bytes() == (ROOT / "quizzes" / "bank.schema.json").read_bytes()


def test_the_wheel_carries_every_example_file_from_quizzes() -> None:
    force_include = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force_include == {f"quizzes/{name}": f"kwis/examples/minusma/{name}" for name in EXAMPLE_FILES}


COMMANDS = [
    (("kwis", "validate", "minusma"), "2 banks checked, "),
    (("kwis", "lint", "minusma"), "2 banks linted: 0 errors"),
    (("kwis", "info", "minusma/minusma.nl.yaml"), "  language: nl"),
    (("kwis", "schema"), '"$schema"'),
    (("kwis", "draft", "minusma/sources/minusma-mali.nl.txt", "-o", "draft.yaml"), "draft questions"),
    *[(("kwis", "export", "minusma/minusma.en.yaml", "--to", name, "-o", f"export-{name}"), "")
      for name in FORMATS],
]


@pytest.mark.parametrize(("argv", "expected"), COMMANDS, ids=[" ".join(argv[1:5]) for argv, _ in COMMANDS])
def test_every_command_runs_from_the_wheel(installed: Path, workdir: Path, argv: tuple[str, ...],
                                           expected: str) -> None:
    done = _run(installed, workdir, *argv)
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_export_writes_each_format(installed: Path, workdir: Path) -> None:
    for name in FORMATS:
        output = workdir / f"export-{name}"
        if not output.exists():
            assert _run(installed, workdir, "kwis", "export", "minusma/minusma.en.yaml", "--to", name,
                        "-o", output.name).returncode == 0
        data = output.read_bytes()
        assert data[:2] == b"PK" if name in BINARY_FORMATS else data.strip(), name


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml"])
def test_import_reads_an_export_back(installed: Path, workdir: Path, fmt: str) -> None:
    exported = f"round-{fmt}.txt"
    assert _run(installed, workdir, "kwis", "export", "minusma/minusma.nl.yaml", "--to", fmt,
                "-o", exported).returncode == 0
    done = _run(installed, workdir, "kwis", "import", fmt, exported, "-o", f"imported-{fmt}.yaml")
    assert done.returncode == 0, done.stderr
    checked = _run(installed, workdir, "kwis", "validate", f"imported-{fmt}.yaml")
    assert checked.returncode == 0, checked.stdout


def test_notebook_makes_a_student_notebook(installed: Path, workdir: Path) -> None:
    done = _run(installed, workdir, "kwis", "notebook", "minusma/minusma.nl.yaml", "-o", "quiz.ipynb")
    assert done.returncode == 0, done.stderr
    assert "kwis.Quiz('minusma/minusma.nl.yaml')" in (workdir / "quiz.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_new_starter_validates_and_lints_clean(installed: Path, workdir: Path, language: str) -> None:
    bank = f"start-{language}.yaml"
    assert _run(installed, workdir, "kwis", "new", bank, "--language", language).returncode == 0
    assert "0 errors, 0 warnings" in _run(installed, workdir, "kwis", "validate", bank).stderr
    assert "0 errors, 0 warnings" in _run(installed, workdir, "kwis", "lint", bank).stderr


def test_a_quiz_from_python(installed: Path, workdir: Path) -> None:
    script = ("import kwis\n"
              "quiz = kwis.Quiz('minusma/minusma.en.yaml', tags=['Wagner'], count=3)\n"
              "print(type(quiz).__name__, len(quiz.questions))\n")
    done = _run(installed, workdir, "python", "-c", script)
    assert (done.returncode, done.stdout) == (0, "Quiz 3\n"), done.stderr


def test_the_wheel_carries_the_prebuilt_lab_extension(wheel: Path) -> None:
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    data = "kwis-{0}.data/data/".format(PYPROJECT["project"]["version"])
    assert f"{data}share/jupyter/labextensions/kwis/package.json" in names
    assert f"{data}share/jupyter/labextensions/kwis/install.json" in names
    assert any(n.startswith(f"{data}share/jupyter/labextensions/kwis/static/remoteEntry.") for n in names)
    assert f"{data}etc/jupyter/jupyter_server_config.d/kwis.json" in names
    assert not [n for n in names if "/node_modules/" in n or n.endswith(".ts") or "labextension/src" in n]


def test_the_server_extension_is_enabled_without_extras(installed: Path, workdir: Path) -> None:
    done = _run(installed, workdir, "jupyter", "server", "extension", "list")
    text = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr))
    assert "kwis.lab enabled" in text and "kwis.lab OK" in text, text


def _fresh_venv(tmp_path_factory: pytest.TempPathFactory, requirement: str) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    result = subprocess.run([sys.executable, "-m", "pip", "--python", str(env_dir / "bin" / "python"), "install",
                             "--quiet", requirement], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return env_dir / "bin"


@pytest.fixture(scope="session")
def installed_postgres(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel and its `postgres` extra."""
    return _fresh_venv(tmp_path_factory, f"kwis[postgres] @ {wheel.as_uri()}")


def test_an_optional_part_without_its_extra_names_the_extra(installed: Path, workdir: Path) -> None:
    done = _run(installed, workdir, "kwis", "class", "init", "postgresql://teacher@/klas")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("kwis: error: `kwis class` needs psycopg 3: install kwis with the postgres extra: "
                           "pip install 'kwis[postgres]'\n")


def test_the_postgres_extra_enables_kwis_class(installed_postgres: Path, class_url: str, tmp_path: Path) -> None:
    done = _run(installed_postgres, tmp_path, "kwis", "class", "init", class_url)
    assert done.returncode == 0, done.stderr
    assert "schema version" in done.stderr and "_teacher" in done.stderr


TRUE_FALSE_BANK = """\
kwis: 1
id: rondje
title: Een rondje
language: nl
settings: {shuffle: false}
questions:
  - {id: een, type: true-false, prompt: Bamako is de hoofdstad van Mali., answer: true}
  - {id: twee, type: true-false, prompt: Mali ligt aan zee., answer: false}
"""


@pytest.fixture(scope="session")
def answered_store(installed: Path, workdir: Path) -> Path:
    """An answer store a student filled through `kwis.Quiz` in the wheel's Python."""
    (workdir / "rondje.yaml").write_text(TRUE_FALSE_BANK, encoding="utf-8")
    store = workdir / "student.sqlite3"
    script = ("import kwis\n"
              f"quiz = kwis.Quiz('rondje.yaml', store={str(store)!r}, user='ada')\n"
              "for view in quiz.questions:\n"
              "    view.answer(True)\n"
              "    print(view.check().correct)\n")
    done = _run(installed, workdir, "python", "-c", script)
    assert (done.returncode, done.stdout) == (0, "True\nFalse\n"), done.stderr
    return store


@pytest.mark.parametrize(("command", "expected"), [("progress", "ada  rondje: "), ("due", "Volgende voor ada: ")])
def test_the_learning_commands_read_the_students_store(installed: Path, workdir: Path, answered_store: Path,
                                                       command: str, expected: str) -> None:
    done = _run(installed, workdir, "kwis", command, "--store", "student.sqlite3")
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout


def test_collect_then_stats(installed: Path, workdir: Path, answered_store: Path) -> None:
    collected = _run(installed, workdir, "kwis", "collect", "-o", "klas.sqlite", "student.sqlite3")
    assert collected.returncode == 0, collected.stderr
    stats = _run(installed, workdir, "kwis", "stats", "klas.sqlite", "--json")
    assert stats.returncode == 0, stats.stderr
    summary = json.loads(stats.stdout)
    assert (summary["bank"], summary["learners"], summary["mean"]) == ("rondje", 1, 50.0)


# Every subcommand of `kwis` and the test above that runs it from the wheel.
SMOKE_TESTED = {"validate", "lint", "info", "schema", "draft", "export", "import", "notebook", "new", "example",
                "class", "progress", "due", "collect", "stats", "grade"}


def test_every_kwis_subcommand_is_run_from_the_wheel() -> None:
    import argparse

    from kwis.cli import parser

    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == SMOKE_TESTED, "a new `kwis` command needs its smoke test in tests/test_wheel.py"


def test_a_student_copy_exam_is_graded_at_the_teachers_side(installed: Path, workdir: Path) -> None:
    """export --to student, an exam on the copy (answers only), collect, grade, stats."""
    (workdir / "rondje.yaml").write_text(TRUE_FALSE_BANK, encoding="utf-8")
    exported = _run(installed, workdir, "kwis", "export", "rondje.yaml", "--to", "student", "-o", "kopie.yaml")
    assert exported.returncode == 0, exported.stderr
    script = ("import kwis\n"
              "quiz = kwis.Quiz('kopie.yaml', 'exam', store='kopie.sqlite3', user='bea')\n"
              "for view in quiz.questions:\n"
              "    view.answer(True)\n"
              "quiz.submit()\n"
              "print(quiz.summary.count('je docent kijkt ze na'), [a.graded for a in quiz.results()])\n")
    done = _run(installed, workdir, "python", "-c", script)
    assert (done.returncode, done.stdout) == (0, "1 [False, False]\n"), done.stderr
    assert _run(installed, workdir, "kwis", "collect", "-o", "kopie-klas.sqlite", "kopie.sqlite3").returncode == 0
    graded = _run(installed, workdir, "kwis", "grade", "kopie-klas.sqlite", "--bank", "rondje.yaml")
    assert graded.returncode == 0 and graded.stderr.startswith("2 antwoord(en) van 1 leerling(en) nagekeken"), \
        graded.stderr
    stats = _run(installed, workdir, "kwis", "stats", "kopie-klas.sqlite", "--json")
    assert stats.returncode == 0, stats.stderr
    assert (json.loads(stats.stdout)["learners"], json.loads(stats.stdout)["mean"]) == (1, 50.0)
