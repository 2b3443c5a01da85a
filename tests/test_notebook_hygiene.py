"""The committed notebooks are clean: what a student opens is what nbval checks.

Each notebook carries a kernelspec (or JupyterLab asks which kernel to use), was run top to
bottom in a fresh kernel (execution counts 1, 2, 3, ...), shows no error, no stderr and no
path from the machine it was run on, and every nbval marker says why it is there.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPECTED = ("minusma-quiz.nl.ipynb", "minusma-quiz.en.ipynb", "teacher-guide.ipynb",
            "teacher-dashboard.ipynb", "review.nl.ipynb", "review.en.ipynb")
NBVAL_MARKER = re.compile(r"^\s*#\s*NBVAL_[A-Z_]+\s*$")
MACHINE_PATH = re.compile(r"/(tmp|work|root|home|private/var)/|[A-Z]:\\\\Users")


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def read(path: Path) -> NotebookNode:
    notebook: NotebookNode = nbformat.read(path, as_version=4)
    return notebook


def code_cells(notebook: NotebookNode) -> list[NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def output_texts(cell: NotebookNode) -> list[str]:
    texts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            texts.append(output.text)
        for mime, value in output.get("data", {}).items():
            if mime.startswith("text/"):
                texts.append(value if isinstance(value, str) else "".join(value))
    return texts


def test_the_promised_notebooks_exist() -> None:
    present = {path.name for path in notebook_paths()}
    assert set(EXPECTED) <= present, f"missing from notebooks/: {sorted(set(EXPECTED) - present)}"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
class TestNotebook:
    def test_has_a_kernelspec(self, path: Path) -> None:
        spec = read(path).metadata.get("kernelspec", {})
        assert spec.get("name") and spec.get("display_name"), (
            f"{path.name}: no kernelspec in its metadata, so JupyterLab would ask for a kernel; "
            "run it once with `jupyter nbconvert --to notebook --execute --inplace`")

    def test_was_run_top_to_bottom(self, path: Path) -> None:
        counts = [cell.execution_count for cell in code_cells(read(path))]
        assert counts == list(range(1, len(counts) + 1)), (
            f"{path.name}: execution counts {counts}; rerun the notebook from a fresh kernel")

    def test_shows_no_error_or_stderr(self, path: Path) -> None:
        for number, cell in enumerate(code_cells(read(path)), start=1):
            for output in cell.outputs:
                assert output.output_type != "error", (
                    f"{path.name}, code cell {number}: {output.get('ename')}: {output.get('evalue')}")
                assert output.get("name") != "stderr", (
                    f"{path.name}, code cell {number} wrote to stderr: {output.text[:300]}")

    def test_outputs_name_no_path_of_this_machine(self, path: Path) -> None:
        for number, cell in enumerate(code_cells(read(path)), start=1):
            for text in output_texts(cell):
                found = MACHINE_PATH.search(text)
                assert found is None, (
                    f"{path.name}, code cell {number} shows a machine path: "
                    f"{text[max(0, found.start() - 60):found.end() + 60]!r}")

    def test_every_nbval_marker_gives_its_reason(self, path: Path) -> None:
        for number, cell in enumerate(code_cells(read(path)), start=1):
            lines = cell.source.splitlines()
            for index, line in enumerate(lines):
                if NBVAL_MARKER.match(line):
                    reason = lines[index + 1].strip() if index + 1 < len(lines) else ""
                    assert reason.startswith("#") and not NBVAL_MARKER.match(reason), (
                        f"{path.name}, code cell {number}: `{line.strip()}` needs a comment on the "
                        "next line saying why the output may differ")
