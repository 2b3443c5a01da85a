"""The teacher's JupyterLab extension in real JupyterLab: live underlines from the validator, the
preview following the cursor, File > New and Try it, in the bank's language and JupyterLab's."""

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
    page.get_by_role("button", name="Probeer uit").click()  # a Dutch bank: Dutch buttons
    expect(page.locator(ACTIVE_PANEL)).to_be_visible(timeout=60_000)
    wait_for_kernel_idle(page)
    expect(output_widget(page, "kwis-quiz")).to_be_visible(timeout=60_000)
    assert (folder / "probeer-try.ipynb").is_file()
    save_screenshot(page, "lab-extension-try-it")


def problem_bank(path: Path, language: str) -> None:
    """The starter bank with one error (`typoz`) and, once that is fixed, one lint warning (W111)."""
    write_starter(path, language)
    text = re.sub(r"^(\s*)typos: 1", r"\1typoz: 1", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(re.sub(r"^    explanation: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")


@pytest.mark.browser
def test_an_open_bank_speaks_its_own_language(page: Page, lab_server: Server, lab_root: Path) -> None:
    """JupyterLab is in English here: the Dutch bank's buttons, panel and problems are Dutch all
    the same, the English bank's English."""
    folder = lab_root / "languages"
    folder.mkdir()
    problem_bank(folder / "vragen.yaml", "nl")
    problem_bank(folder / "questions.yaml", "en")
    dutch = {"preview": "Voorbeeld", "try": "Probeer uit", "tooltip": "kwis: bekijk de vraag onder de cursor",
             "one": "1 probleem", "error": "fout", "warning": "waarschuwing", "fix": "oplossing: "}
    english = {"preview": "Preview", "try": "Try it", "tooltip": "kwis: preview the question under the cursor",
               "one": "1 problem", "error": "error", "warning": "warning", "fix": "fix: "}
    for name, words in (("vragen.yaml", dutch), ("questions.yaml", english)):
        open_bank(page, lab_server, f"languages/{name}")
        toolbar = page.locator(".jp-Toolbar:visible")
        preview_button = toolbar.get_by_role("button", name=words["preview"], exact=True)
        expect(preview_button).to_be_visible(timeout=CHECK_TIMEOUT_MS)
        expect(toolbar.get_by_title(words["tooltip"], exact=True)).to_contain_text(words["preview"])
        expect(toolbar.get_by_role("button", name=words["try"], exact=True)).to_be_visible()
        preview_button.click()
        expect(page.locator(".lm-TabBar-tab", has_text=f"{words['preview']} {name}")).to_be_visible()
        preview = page.locator(PREVIEW)
        expect(preview.locator(".kwis-PreviewPanel-heading")).to_have_text(words["one"], timeout=CHECK_TIMEOUT_MS)
        error = preview.locator(".kwis-problem-error")
        expect(error).to_contain_text(re.compile(rf"^\d+:\d+ {words['error']}: .*typoz"))
        expect(error.locator(".kwis-problem-fix")).to_have_text(re.compile(rf"^{words['fix']}.*typos"))
        page.locator(f"{EDITOR} .cm-lintRange-error").hover()
        expect(page.locator(".cm-tooltip-lint")).to_contain_text(words["fix"], timeout=CHECK_TIMEOUT_MS)

        retype_key_end(page, line(page, re.compile(r"^\s*typoz: 1")), "s")
        warning = preview.locator(".kwis-problem-warning")
        expect(warning).to_contain_text(re.compile(rf"^\d+:\d+ {words['warning']} \[W111\]: "),
                                        timeout=CHECK_TIMEOUT_MS)
        expect(warning.locator(".kwis-problem-fix")).to_contain_text(re.compile(rf"^{words['fix']}.*explanation:"))
        save_screenshot(page, f"lab-extension-{name.replace('.yaml', '')}")
        page.keyboard.press("Control+s")  # so the next bank opens without an "unsaved changes" dialog


@pytest.mark.browser
def test_a_dutch_jupyterlab_makes_a_dutch_bank(page: Page, dutch_lab_server: Server,
                                              dutch_lab_root: Path) -> None:
    """With JupyterLab in Dutch (its language pack), the launcher card, File > New and the dialog
    are Dutch, and the dialog offers a Dutch bank first."""
    workspace = f"kwis-{secrets.token_hex(4)}"
    page.goto(f"{dutch_lab_server.base_url}/lab/workspaces/{workspace}?token={dutch_lab_server.token}")
    card = page.locator(".jp-LauncherCard", has_text="kwis-vragenbank")
    expect(card.locator("svg")).to_be_visible(timeout=60_000)
    expect(card).to_have_attribute("title", re.compile("^Een nieuwe kwis-vragenbank: "))
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Bestand$")).click()
    page.locator(".lm-Menu-item", has_text=re.compile(r"^Nieuw$")).click()
    item = page.locator(".lm-Menu-item[data-command='kwis:new-bank']")
    expect(item).to_contain_text("kwis-vragenbank")
    item.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog.locator(".jp-Dialog-header")).to_have_text("Nieuwe kwis-vragenbank")
    expect(dialog).to_contain_text("Taal van de bank")
    expect(dialog.locator("select")).to_have_value("Nederlands (nl)")
    save_screenshot(page, "lab-extension-new-bank-nl")
    expect(dialog.get_by_role("button", name="Annuleren")).to_be_visible()
    dialog.get_by_role("button", name="Maken").click()
    expect(page.locator(f"{EDITOR} .cm-content")).to_contain_text("kwis: 1", timeout=30_000)
    expect(page.locator(".jp-Toolbar:visible").get_by_role("button", name="Voorbeeld", exact=True)).to_be_visible()
    assert "language: nl" in (dutch_lab_root / "kwis-bank.yaml").read_text(encoding="utf-8")
