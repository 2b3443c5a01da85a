"""The harness itself, on a plain ipywidgets notebook: if this fails, the trouble is the
machine (browser, server, widget rendering), not kwis."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from ._lab_page import open_notebook, output_widget, run_all_cells, write_notebook
from ._servers import Server
from .conftest import save_screenshot

PLAIN_WIDGETS = '''\
import ipywidgets as w
options = w.RadioButtons(options=["Bamako", "Dakar"], value=None)
check = w.Button(description="Check")
verdict = w.HTML("")
def on_check(_):
    verdict.value = "right" if options.value == "Bamako" else "wrong"
check.on_click(on_check)
box = w.VBox([options, check, verdict])
box.add_class("harness-box")
box
'''


def answer_wrong_then_right(box: Locator) -> None:
    """The changed verdict proves the round trip through the kernel."""
    verdict = box.locator(".widget-html-content")
    box.get_by_role("radio", name="Dakar", exact=True).check()
    box.get_by_role("button", name="Check").click()
    expect(verdict).to_have_text("wrong")
    box.get_by_role("radio", name="Bamako", exact=True).check()
    box.get_by_role("button", name="Check").click()
    expect(verdict).to_have_text("right")


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_plain_widget_round_trip_in_jupyterlab(page: Page, lab_server: Server, lab_root: Path) -> None:
    write_notebook(lab_root / "harness.ipynb", PLAIN_WIDGETS)
    open_notebook(page, lab_server, "harness.ipynb")
    run_all_cells(page)
    box = output_widget(page, "harness-box")
    answer_wrong_then_right(box)
    save_screenshot(page, "harness-jupyterlab")


@pytest.mark.browser
def test_plain_widget_round_trip_in_voila(page: Page, start_voila: Callable[[Path], Server],
                                          tmp_path: Path) -> None:
    write_notebook(tmp_path / "harness.ipynb", PLAIN_WIDGETS)
    server = start_voila(tmp_path / "harness.ipynb")
    page.goto(f"{server.base_url}/?token={server.token}")
    box = page.locator(".harness-box")
    expect(box).to_be_visible(timeout=60_000)
    answer_wrong_then_right(box)
    save_screenshot(page, "harness-voila")
