"""Driving a notebook in JupyterLab through the page, the way a person would.

Selectors and their quirks are the ones checked on this machine in
/work/shared/notes/jupyterlab-browser-testing.md (JupyterLab 4, ipywidgets 8).
"""

from __future__ import annotations

import re
import secrets

from playwright.sync_api import Locator, Page, expect

from ._servers import Server

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


def wait_for_kernel_idle(page: Page) -> None:
    # The toolbar indicator reads idle before a kernel exists; the status bar text only
    # says "<kernel> | Idle" once a real kernel answered.
    status = page.locator("#jp-main-statusbar .jp-StatusBar-TextItem", has_text=KERNEL_IDLE)
    expect(status.first).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    indicator = page.locator(f"{ACTIVE_PANEL} .jp-Notebook-ExecutionIndicator")
    expect(indicator).to_have_attribute("data-status", "idle", timeout=KERNEL_TIMEOUT_MS)


def run_all_cells(page: Page) -> None:
    """Run > Run All Cells, then waits until no cell is still queued or running."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    busy_prompt = page.locator(f"{ACTIVE_PANEL} .jp-InputArea-prompt", has_text="[*]")
    page.wait_for_timeout(200)
    expect(busy_prompt).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    wait_for_kernel_idle(page)


def output_widget(page: Page, css_class: str) -> Locator:
    """The widget that carries `css_class`, in the visible notebook's outputs."""
    return page.locator(f"{ACTIVE_PANEL} .jp-OutputArea-output .{css_class}")


def error_outputs(page: Page) -> Locator:
    return page.locator(f"{ACTIVE_PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                        f"{ACTIVE_PANEL} .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
