"""Layers point one way: model, loading and grading never import ipywidgets."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "widgets" / "kwis"
BANK = Path(__file__).parent / "data" / "widgets-minusma.nl.yaml"
WIDGET_MODULES = {"_widget", "_controls", "_kit", "_keys", "_style"}


def test_loading_and_grading_a_bank_does_not_import_ipywidgets() -> None:
    script = (
        "import sys, kwis\n"
        "from kwis import _model, _render\n"
        "from kwis.grading import _grade as _grading\n"
        "from kwis.quiz import _session, _static\n"
        "from kwis.records import _store\n"
        f"bank = kwis.load_bank({str(BANK)!r})\n"
        "q = bank.question('president')\n"
        "assert _grading.grade(q, 'Goïta', language='nl').correct\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'IPython')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_widget_modules_import_ipywidgets() -> None:
    importers = {path.stem for path in PACKAGE.rglob("*.py")
                 if "ipywidgets" in imported_modules(path)}
    assert importers, "the widget layer should import ipywidgets"
    assert importers <= WIDGET_MODULES | {p.stem for p in PACKAGE.glob("quiz/_*.py")}
