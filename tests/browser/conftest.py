"""Fixtures for the browser tests: one JupyterLab per session, Chromium via Playwright.

Without /usr/bin/chromium the browser tests skip with a message, except under CI
(`CI` set), where a missing browser is a failure: CI installs it and must run them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any, Callable, Generator, Iterator

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, Playwright, sync_playwright

from . import _servers
from ._servers import Server

CHROMIUM = Path(os.environ.get("KWIS_CHROMIUM", "/usr/bin/chromium"))
PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "test-artifacts"
CHROMIUM_ARGS = [
    # Keep Chromium off the network and quiet: no sandbox (root in CI), no GPU, no
    # first-run, background, component-update or sync traffic.
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item,
                              call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if CHROMIUM.is_file():
        return CHROMIUM
    message = (f"browser tests need Chromium at {CHROMIUM}: install it with "
               "`apt-get install chromium` (or set KWIS_CHROMIUM to its path)")
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the browser tests must run, but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    manager = sync_playwright()
    driver = manager.start()
    yield driver
    manager.__exit__(None, None, None)


@pytest.fixture(scope="session")
def browser_context(chromium_path: Path, playwright: Playwright,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    yield context
    context.close()


@pytest.fixture(scope="session")
def kwis_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The answer store the servers' kernels write to, never the user's own."""
    return tmp_path_factory.mktemp("kwis-store") / "answers.sqlite3"


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """JupyterLab's root dir: tests copy notebooks here, so committed ones stay untouched."""
    return tmp_path_factory.mktemp("lab-root")


def copy_project(root: Path) -> Path:
    """notebooks/ and quizzes/ copied into a server's root, so the notebooks' relative bank paths
    (`../quizzes/...`) work and running them leaves the committed files untouched."""
    for folder in ("notebooks", "quizzes"):
        shutil.copytree(PROJECT / folder, root / folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return root


@pytest.fixture(scope="session")
def project_copy(lab_root: Path) -> Path:
    """notebooks/ and quizzes/ copied into the lab root (see `copy_project`)."""
    return copy_project(lab_root)


@pytest.fixture(scope="session")
def lab_server(chromium_path: Path, lab_root: Path, kwis_store: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    state = tmp_path_factory.mktemp("lab-state")
    server = _servers.start_lab(lab_root, state, {"KWIS_STORE": str(kwis_store)})
    yield server
    _servers.stop(server)


def _own_state(tmp_path_factory: pytest.TempPathFactory, name: str) -> tuple[Path, dict[str, str]]:
    """A server's state dir and its own answer store, so it does not restore what a student
    answered on another server."""
    state = tmp_path_factory.mktemp(f"{name}-state")
    return state, {"KWIS_STORE": str(state / "answers.sqlite3")}


def _own_lab(root: Path, tmp_path_factory: pytest.TempPathFactory, name: str,
             **options: str) -> Iterator[Server]:
    """A JupyterLab of its own (state and answer store), stopped when the session ends."""
    server = _servers.start_lab(root, *_own_state(tmp_path_factory, name), **options)
    yield server
    _servers.stop(server)


@pytest.fixture(scope="session")
def notebook7_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Jupyter Notebook 7's root dir, with its own copy of notebooks/ and quizzes/."""
    return copy_project(tmp_path_factory.mktemp("notebook7-root"))


@pytest.fixture(scope="session")
def notebook7_server(chromium_path: Path, notebook7_root: Path,
                     tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Jupyter Notebook 7 (`jupyter notebook`), not JupyterLab."""
    server = _servers.start_notebook(notebook7_root, *_own_state(tmp_path_factory, "notebook7"))
    yield server
    _servers.stop(server)


@pytest.fixture(scope="session")
def dark_lab_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dark JupyterLab's root dir, with its own copy of notebooks/ and quizzes/."""
    return copy_project(tmp_path_factory.mktemp("dark-lab-root"))


@pytest.fixture(scope="session")
def dark_lab_server(chromium_path: Path, dark_lab_root: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab with "JupyterLab Dark" set as the theme in its (isolated) user settings."""
    yield from _own_lab(dark_lab_root, tmp_path_factory, "dark-lab", theme="JupyterLab Dark")


@pytest.fixture(scope="session")
def dutch_lab_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dutch-lab-root")


@pytest.fixture(scope="session")
def dutch_lab_server(chromium_path: Path, dutch_lab_root: Path,
                     tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab in Dutch: the nl_NL language pack chosen in its (isolated) user settings."""
    yield from _own_lab(dutch_lab_root, tmp_path_factory, "dutch-lab", locale="nl_NL")


@pytest.fixture
def page(request: pytest.FixtureRequest, browser_context: BrowserContext) -> Iterator[Page]:
    """A fresh tab; on failure its screenshot goes to test-artifacts/."""
    tab = browser_context.new_page()
    yield tab
    report = getattr(request.node, "report_call", None)
    failure_shot = f"FAILED-{request.node.name}"
    if report is not None and report.failed:
        save_screenshot(tab, failure_shot)
    else:
        artifact_path(failure_shot).unlink(missing_ok=True)  # a stale one from an earlier run
    tab.close()


@pytest.fixture
def lab_kernels_stopped(lab_server: Server) -> Iterator[None]:
    """Shuts the test's kernels down afterwards, so they do not hold one of our two cores."""
    yield
    _servers.shutdown_kernels(lab_server)


def artifact_path(name: str) -> Path:
    return ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"


def save_screenshot(tab: Page | Locator, name: str) -> Path:
    """Saves a screenshot of the page (or of one element) as test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = artifact_path(name)
    if isinstance(tab, Page):
        tab.screenshot(path=str(path), full_page=True)
    else:
        tab.screenshot(path=str(path))
    return path


@pytest.fixture
def start_voila(chromium_path: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path], Server]]:
    """Starts Voilà on one notebook (call it with the notebook's path); stops it afterwards.
    Each Voilà gets its own answer store, so it does not restore what JupyterLab answered."""
    started: list[Server] = []

    def start(notebook: Path) -> Server:
        state = tmp_path_factory.mktemp("voila-state")
        store = state / "answers.sqlite3"
        started.append(_servers.start_voila(notebook, state, {"KWIS_STORE": str(store)}))
        return started[-1]

    yield start
    for server in started:
        _servers.stop(server)
