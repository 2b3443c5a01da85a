"""A notebook that imports kwis has kwis's quiz code loaded in its kernel before the student's
first Run All (the lab extension's `kwis:warm-up`, issue 13): silently (no output, no execution
count), only where kwis is imported, and not when the notebook opts out in its metadata."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page, expect

from ._lab_page import ACTIVE_PANEL, open_notebook, run_all_cells, write_notebook
from ._servers import Server

# The first cell a student runs looks at the kernel before anything of kwis ran in it; the
# `import kwis` line under `if False` is what makes it a kwis notebook, and never runs.
PROBE = ("import sys\n"
         "print('kwis loaded:', 'kwis.ui._widget' in sys.modules)\n"
         "if False:\n"
         "    import kwis")
NOT_KWIS = "import sys\nprint('kwis loaded:', 'kwis.ui._widget' in sys.modules)"


def first_output(page: Page, path: Path, server: Server) -> str:
    open_notebook(page, server, f"notebooks/{path.name}")
    page.wait_for_timeout(1500)  # the student reads; the warm-up, sent at the first idle, runs
    run_all_cells(page)
    output = page.locator(f"{ACTIVE_PANEL} .jp-OutputArea-output").first
    expect(output).to_contain_text("kwis loaded:")
    # The warm-up took no execution count: the student's first cell is [1].
    expect(page.locator(f"{ACTIVE_PANEL} .jp-InputArea-prompt").first).to_contain_text("[1]")
    return output.inner_text().strip()


# name: (the notebook's one cell, its `kwis` metadata, whether kwis is loaded before it runs)
CASES = {
    "kwis-notebook": (PROBE, None, True),
    "no-kwis": (NOT_KWIS, None, False),
    "opted-out": (PROBE, {"warm_up": False}, False),
}


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
@pytest.mark.parametrize("case", list(CASES))
def test_kwis_is_loaded_before_the_first_run_only_in_a_kwis_notebook_that_allows_it(
        page: Page, lab_server: Server, project_copy: Path, case: str) -> None:
    cell, metadata, loaded = CASES[case]
    path = project_copy / "notebooks" / f"warm-up-{case}.ipynb"
    write_notebook(path, cell)
    if metadata is not None:
        notebook = nbformat.read(path, as_version=4)
        notebook.metadata["kwis"] = metadata
        nbformat.write(notebook, path)
    assert first_output(page, path, lab_server) == f"kwis loaded: {loaded}"
