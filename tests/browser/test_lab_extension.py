"""The teacher's JupyterLab extension in real JupyterLab: live underlines from the validator, the
preview following the cursor, File > New and Try it."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from kwis.teacher._template import write_starter

from ._lab_page import ACTIVE_PANEL, output_widget, wait_for_kernel_idle
from ._servers import Server
from .conftest import save_screenshot

EDITOR = ".jp-FileEditor:not(.lm-mod-hidden)"
PREVIEW = ".kwis-PreviewPanel"
CHECK_TIMEOUT_MS = 10_000  # "within a few seconds": a 0.5 s debounce plus one server round trip


def open_bank(page: Page, server: Server, name: str) -> None:
    # CodeMirror draws only the lines near its viewport: a tall page shows the whole starter bank.
    page.set_viewport_size({"width": 1400, "height": 3400})
    workspace = f"kwis-{secrets.token_hex(4)}"
    page.goto(f"{server.base_url}/lab/workspaces/{workspace}/tree/{name}?token={server.token}")
    expect(page.locator(f"{EDITOR} .cm-content")).to_be_visible(timeout=60_000)


def line(page: Page, text: str | re.Pattern[str]) -> Locator:
    return page.locator(f"{EDITOR} .cm-line", has_text=text)


def retype_key_end(page: Page, key_line: Locator, letter: str) -> None:
    """On a `key: 1` line, replaces the key's last letter by `letter`, typing as a person would."""
    key_line.click()
    page.keyboard.press("End")
    for _ in range(3):  # back over ": 1"
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Backspace")
    page.keyboard.type(letter)


@pytest.mark.browser
def test_underlines_follow_typing_and_the_preview_follows_the_cursor(page: Page, lab_server: Server,
                                                                   lab_root: Path) -> None:
    folder = lab_root / "extension"
    folder.mkdir()
    write_starter(folder / "starter.yaml", "en")
    open_bank(page, lab_server, "extension/starter.yaml")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(PREVIEW)
    expect(preview.locator(".kwis-PreviewPanel-heading")).to_have_text("0 problems", timeout=CHECK_TIMEOUT_MS)

    line(page, "Put these events in the order").click()
    expect(preview.locator(".kwis-PreviewPanel-question")).to_have_attribute(
        "data-question", "timeline", timeout=CHECK_TIMEOUT_MS)
    expect(preview.locator(".kwis-question")).to_contain_text("Put these events in the order")
    expect(preview.locator(".kwis-found")).to_have_count(3)

    retype_key_end(page, line(page, re.compile(r"^\s*typos: 1")), "z")  # typos: -> typoz:
    underline = page.locator(f"{EDITOR} .cm-lintRange-error")
    expect(underline).to_have_count(1, timeout=CHECK_TIMEOUT_MS)
    expect(page.locator(f"{EDITOR} .cm-line", has=page.locator(".cm-lintRange-error"))).to_have_text(re.compile(r"^\s*typoz: 1"))
    problem = preview.locator(".kwis-problem-error")
    expect(problem).to_contain_text("typoz")
    expect(problem.locator(".kwis-problem-fix")).to_contain_text("typos")
    underline.hover()
    expect(page.locator(".cm-tooltip-lint")).to_contain_text("typoz", timeout=CHECK_TIMEOUT_MS)
    save_screenshot(page, "lab-extension-underline")

    retype_key_end(page, line(page, re.compile(r"^\s*typoz: 1")), "s")
    expect(underline).to_have_count(0, timeout=CHECK_TIMEOUT_MS)
    expect(preview.locator(".kwis-PreviewPanel-heading")).to_have_text("0 problems")
    line(page, "Match each term").click()
    expect(preview.locator(".kwis-PreviewPanel-question")).to_have_attribute(
        "data-question", "terms", timeout=CHECK_TIMEOUT_MS)
    save_screenshot(page, "lab-extension-preview")


@pytest.mark.browser
def test_file_new_makes_a_bank_that_validates_clean(page: Page, lab_server: Server, lab_root: Path) -> None:
    workspace = f"kwis-{secrets.token_hex(4)}"
    page.goto(f"{lab_server.base_url}/lab/workspaces/{workspace}?token={lab_server.token}")
    card = page.locator(".jp-LauncherCard", has_text="kwis Question Bank")
    expect(card.locator("svg")).to_be_visible(timeout=60_000)  # the launcher card, same command
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^File$")).click()
    page.locator(".lm-Menu-item", has_text=re.compile(r"^New$")).click()
    page.locator(".lm-Menu-item[data-command='kwis:new-bank']").click()
    dialog = page.locator(".jp-Dialog")
    dialog.locator("select").select_option("English (en)")
    dialog.get_by_role("button", name="Create").click()
    expect(page.locator(f"{EDITOR} .cm-content")).to_contain_text("kwis: 1", timeout=30_000)
    bank = lab_root / "kwis-bank.yaml"
    done = subprocess.run([sys.executable, "-m", "kwis", "validate", str(bank)], capture_output=True, text=True)
    assert done.stderr == "1 bank checked, 8 questions: 0 errors, 0 warnings\n"
    assert "language: en" in bank.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_try_it_opens_the_bank_as_a_quiz(page: Page, lab_server: Server, lab_root: Path) -> None:
    folder = lab_root / "try"
    folder.mkdir()
    write_starter(folder / "probeer.yaml", "nl")
    open_bank(page, lab_server, "try/probeer.yaml")
    page.get_by_role("button", name="Try it").click()
    expect(page.locator(ACTIVE_PANEL)).to_be_visible(timeout=60_000)
    wait_for_kernel_idle(page)
    expect(output_widget(page, "kwis-quiz")).to_be_visible(timeout=60_000)
    assert (folder / "probeer-try.ipynb").is_file()
    save_screenshot(page, "lab-extension-try-it")
