"""Driving a notebook in JupyterLab through the page, the way a person would.

Selectors and their quirks are the ones checked on this machine in
/work/shared/notes/jupyterlab-browser-testing.md (JupyterLab 4, ipywidgets 8).
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

import nbformat
from playwright.sync_api import Locator, Page, expect

from ._servers import Server, kernel_connected

KERNEL_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 60_000

ACTIVE_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
KERNEL_IDLE = re.compile(r"^(?!No Kernel).+ \| Idle$")


def open_notebook(page: Page, server: Server, name: str) -> None:
    """Opens `name` (relative to the server's root dir) in a fresh workspace."""
    # A new workspace per test, so tabs a previous test left open are not restored.
    workspace = f"kwis-{secrets.token_hex(4)}"
    page.goto(f"{server.base_url}/lab/workspaces/{workspace}/tree/{name}?token={server.token}")
    expect(page.locator(ACTIVE_PANEL)).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    wait_for_kernel_idle(page)


def open_in_notebook7(page: Page, server: Server, name: str) -> None:
    """Opens `name` in Jupyter Notebook 7's one-document page, /notebooks/<name>."""
    page.goto(f"{server.base_url}/notebooks/{name}?token={server.token}")
    expect(page.locator(ACTIVE_PANEL)).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    # Notebook 7 has no status bar to say a real kernel answered; the server knows.
    deadline = time.monotonic() + KERNEL_TIMEOUT_MS / 1000
    while not kernel_connected(server, name):
        assert time.monotonic() < deadline, f"no idle kernel connected to {name}:\n{server.log_tail()}"
        page.wait_for_timeout(200)
    wait_for_execution_idle(page)


def wait_for_execution_idle(page: Page) -> None:
    indicator = page.locator(f"{ACTIVE_PANEL} .jp-Notebook-ExecutionIndicator")
    expect(indicator).to_have_attribute("data-status", "idle", timeout=KERNEL_TIMEOUT_MS)


def wait_for_kernel_idle(page: Page) -> None:
    # The toolbar indicator reads idle before a kernel exists; the status bar text only
    # says "<kernel> | Idle" once a real kernel answered.
    status = page.locator("#jp-main-statusbar .jp-StatusBar-TextItem", has_text=KERNEL_IDLE)
    expect(status.first).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    wait_for_execution_idle(page)


def run_all_cells(page: Page) -> None:
    """Run > Run All Cells (the same menu in JupyterLab and Notebook 7), then waits until no
    cell is still queued or running."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    busy_prompt = page.locator(f"{ACTIVE_PANEL} .jp-InputArea-prompt", has_text="[*]")
    page.wait_for_timeout(200)
    expect(busy_prompt).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    wait_for_execution_idle(page)  # the kernel exists by now: no status bar needed (Notebook 7 has none)


def output_widget(page: Page, css_class: str) -> Locator:
    """The widget that carries `css_class`, in the visible notebook's outputs."""
    return page.locator(f"{ACTIVE_PANEL} .jp-OutputArea-output .{css_class}")


def error_outputs(page: Page) -> Locator:
    return page.locator(f"{ACTIVE_PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                        f"{ACTIVE_PANEL} .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")


def write_notebook(path: Path, *cells: str) -> None:
    """A notebook of these code cells, with a kernelspec (else JupyterLab asks for a kernel)."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(notebook, path)
