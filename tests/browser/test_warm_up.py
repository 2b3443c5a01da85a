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


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_a_kwis_notebook_has_kwis_loaded_before_its_first_run(page: Page, lab_server: Server,
                                                              project_copy: Path) -> None:
    notebook = project_copy / "notebooks" / "warm-up.ipynb"
    write_notebook(notebook, PROBE)
    assert first_output(page, notebook, lab_server) == "kwis loaded: True"


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_no_warm_up_without_kwis_or_when_the_notebook_opts_out(page: Page, lab_server: Server,
                                                               project_copy: Path) -> None:
    plain = project_copy / "notebooks" / "no-kwis.ipynb"
    write_notebook(plain, NOT_KWIS)
    assert first_output(page, plain, lab_server) == "kwis loaded: False"

    opted_out = project_copy / "notebooks" / "opted-out.ipynb"
    write_notebook(opted_out, PROBE)
    notebook = nbformat.read(opted_out, as_version=4)
    notebook.metadata["kwis"] = {"warm_up": False}
    nbformat.write(notebook, opted_out)
    assert first_output(page, opted_out, lab_server) == "kwis loaded: False"
