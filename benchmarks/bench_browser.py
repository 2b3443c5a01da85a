"""Time to an answerable quiz in JupyterLab, kwis against jupyterquiz, in one browser (issue 13).

Starts its own JupyterLab (isolated dirs, loopback) and Debian's Chromium (headless, via
Playwright), then in the same browser, alternating, for banks of 55 (MINUSMA) and 500 questions
(the MINUSMA questions repeated with unique ids):
  - jupyterquiz 2.9.6.4, fed kwis's own `kwis export --to jupyterquiz` of that bank;
  - kwis, paged layout (the default);
  - kwis, scroll layout (every question on one page);
  - for 55 questions, kwis both ways once more with the lab extension's warm-up off (the notebook
    opts out): without it the kernel imports kwis's quiz code at Run All, with it (the default in
    JupyterLab and Notebook 7) right after the notebook's kernel is first idle.
Each run opens the notebook in a fresh kernel, waits until the kernel is idle, and measures in
the page's own clock (performance.now()):
  - answerable: from the pointer-up on Run > Run All Cells to the first question's inputs (and,
    for kwis, its Check button) in the page;
  - feedback: from the click that asks for a verdict (jupyterquiz: the right answer; kwis: Check,
    after choosing the right answer) to the verdict in the page;
  - feedback, next frame: from the same click to the first animation frame after that (when the
    browser paints the verdict: what the student sees; work a page does after its click handler,
    before the frame, counts here).
The first question is the bank's first (no question shuffle), a choice question in both.
Also, in the kernel of each kwis run: the number of widget models and the size of their state.

Prints medians and `ratio:` lines (kwis / jupyterquiz, same bank, same run). Not a timed test.

Run: .venv/bin/python benchmarks/bench_browser.py [--repeats N]
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from tests.browser import _servers  # noqa: E402
from tests.browser._lab_page import (  # noqa: E402
    ACTIVE_PANEL, open_notebook, wait_for_execution_idle, write_notebook,
)
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

import kwis  # noqa: E402
import nbformat  # noqa: E402
from kwis.bank._writer import bank_to_yaml  # noqa: E402

SIZES = (55, 500)
COLD = "no warm-up"
TIMEOUT_MS = 60_000

# In the page: t0 at the mouse-up that runs Run All (Lumino menus trigger on pointer-up), t1 when
# every selector matches an element that is laid out (has a box).
WATCH_JS = """([trigger, event, selectors]) => {
  const bench = window.__bench = {t0: null, t1: null, t2: null};
  document.addEventListener(event, e => {
    if (bench.t0 === null && e.target.closest && e.target.closest(trigger)) bench.t0 = performance.now();
  }, true);
  const shown = s => { const el = document.querySelector(s); return el && el.getClientRects().length > 0; };
  const check = () => {
    if (bench.t1 === null && bench.t0 !== null && selectors.every(shown)) {
      bench.t1 = performance.now(); observer.disconnect();
      requestAnimationFrame(() => { bench.t2 = performance.now(); });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, {childList: true, subtree: true, attributes: true, characterData: true});
}"""

PANEL = ACTIVE_PANEL
KWIS_READY = [f"{PANEL} .kwis-quiz .kwis-question input[type=radio]", f"{PANEL} .kwis-quiz .kwis-check"]
KWIS_VERDICT = [f"{PANEL} .kwis-quiz .kwis-feedback .kwis-verdict"]
JQ_READY = [f"{PANEL} .Quiz .MCButton"]
JQ_VERDICT = [f"{PANEL} .Quiz .Feedback.correct"]


def compile_kwis() -> None:
    """Bytecode for kwis, as an installed wheel has it (pip compiles at install; jupyterquiz has
    its own). This checkout's editable install has none, and where PYTHONDONTWRITEBYTECODE is set
    (as on this kind of machine) every kernel would compile kwis from source, some 40 ms no
    student pays. `make install` does the same."""
    compileall.compile_dir(PROJECT / "widgets" / "kwis", quiet=1)


def build_banks(root: Path) -> dict[int, Path]:
    """quizzes/bench-N.nl.yaml: the MINUSMA bank without question shuffle, repeated to N questions."""
    shutil.copytree(PROJECT / "quizzes", root / "quizzes",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    (root / "notebooks").mkdir()
    base = kwis.load_bank(PROJECT / "quizzes" / "minusma.nl.yaml")
    banks: dict[int, Path] = {}
    for size in SIZES:
        questions = [dataclasses.replace(q, id=q.id if n == 0 else f"{q.id}-{n}")
                     for n in range(-(-size // len(base.questions))) for q in base.questions][:size]
        bank = dataclasses.replace(base, id=f"bench-{size}", questions=tuple(questions),
                                   settings=dataclasses.replace(base.settings, shuffle=False))
        path = root / "quizzes" / f"bench-{size}.nl.yaml"
        path.write_text(bank_to_yaml(bank), encoding="utf-8")
        assert len(kwis.load_bank(path).questions) == size
        export = path.with_suffix(".jupyterquiz.json")
        subprocess.run([sys.executable, "-m", "kwis", "export", str(path), "--to", "jupyterquiz",
                        "-o", str(export)], check=True, capture_output=True)
        banks[size] = path
    return banks


def write_notebooks(root: Path, banks: dict[int, Path]) -> dict[str, Path]:
    notebooks: dict[str, Path] = {}
    for size, bank in banks.items():
        rel = f"../quizzes/{bank.name}"
        jq = root / "notebooks" / f"jq-{size}.ipynb"
        write_notebook(jq, "from jupyterquiz import display_quiz\n"
                           f"display_quiz({rel.replace('.yaml', '.jupyterquiz.json')!r}, shuffle_answers=False)")
        notebooks[f"jupyterquiz {size}"] = jq
        for layout in ("paged", "scroll"):
            code = f"import kwis\nq = kwis.Quiz({rel!r}, store=':memory:', layout={layout!r})\nq"
            nb = root / "notebooks" / f"kwis-{layout}-{size}.ipynb"
            write_notebook(nb, code)
            notebooks[f"kwis {layout} {size}"] = nb
            if size == SIZES[0]:  # the same without the lab extension's warm-up (opted out)
                cold = root / "notebooks" / f"kwis-{layout}-{size}-cold.ipynb"
                write_notebook(cold, code)
                notebook = nbformat.read(cold, as_version=4)
                notebook.metadata["kwis"] = {"warm_up": False}
                nbformat.write(notebook, cold)
                notebooks[f"kwis {layout} {size} {COLD}"] = cold
    return notebooks


def wait_for_t1(page: Page, what: str) -> float:
    try:
        page.wait_for_function("window.__bench.t1 !== null", timeout=TIMEOUT_MS)
    except Exception:
        page.screenshot(path=f"/tmp/bench-browser-{what}.png")
        raise RuntimeError(f"{what}: {page.evaluate('window.__bench')}") from None
    return float(page.evaluate("window.__bench.t1 - window.__bench.t0"))


def measure(page: Page, name: str, ready: list[str], verdict: list[str], answer: Any) -> tuple[float, float, float]:
    page.evaluate(WATCH_JS, ["[data-command='runmenu:run-all']", "pointerup", ready])
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    answerable = wait_for_t1(page, f"{name} answerable")
    wait_for_execution_idle(page)
    trigger = answer(page)
    page.evaluate(WATCH_JS, [trigger, "click", verdict])
    page.locator(trigger).first.click()
    feedback = wait_for_t1(page, f"{name} feedback")
    page.wait_for_function("window.__bench.t2 !== null", timeout=TIMEOUT_MS)
    painted = float(page.evaluate("window.__bench.t2 - window.__bench.t0"))
    return answerable, feedback, painted


def answer_jupyterquiz(page: Page) -> str:
    return f"{PANEL} .Quiz .MCButton[data-correct='true']"


def answer_kwis(page: Page) -> str:
    first = page.locator(f"{PANEL} .kwis-quiz .kwis-question").first
    first.get_by_role("radio", name="Een onmiddellijke terugtrekking van Minusma", exact=True).check()
    page.wait_for_timeout(300)  # the choice reaches the kernel before Check is pressed
    return f"{PANEL} .kwis-quiz .kwis-check"


KERNEL_CODE = """
import json, sys, time
import IPython  # a kernel has it loaded already
t0 = time.perf_counter()
import kwis
t1 = time.perf_counter()
import kwis.ui._widget  # what the first Quiz imports: the widget layer
t2 = time.perf_counter()
bank = kwis.load_bank(sys.argv[1])
t3 = time.perf_counter()
quiz = kwis.Quiz(bank, store=":memory:", layout=sys.argv[2])
quiz._repr_mimebundle_()
t4 = time.perf_counter()
kwis.load_bank(sys.argv[1])  # as re-running the cell does
t5 = time.perf_counter()
from kwis.ui._wire import live_models  # kwis's own widget models; and ipywidgets', if any
ipywidgets = sys.modules.get("ipywidgets")
states = [m.get_state() for m in live_models()] + (
    [w.get_state() for w in ipywidgets.Widget.widgets.values()] if ipywidgets else [])
print(json.dumps({"import_kwis_ms": (t1 - t0) * 1e3, "import_ui_ms": (t2 - t1) * 1e3,
                  "load_bank_ms": (t3 - t2) * 1e3, "build_ms": (t4 - t3) * 1e3,
                  "load_again_ms": (t5 - t4) * 1e3,
                  "models": len(states),
                  "state_kb": sum(len(json.dumps(s, default=str)) for s in states) / 1e3}))
"""


def kernel_figures(bank: Path, layout: str, state: Path) -> dict[str, float]:
    """In a fresh interpreter (as a fresh kernel would): import, load, build and display one quiz,
    then count the widget models (ipywidgets' own registry) and the size of their state."""
    env = _servers.isolated_env(state, {"KWIS_STORE": str(state / "answers.sqlite3")})
    out = subprocess.run([sys.executable, "-c", KERNEL_CODE, str(bank), layout], env=env,
                         check=True, capture_output=True, text=True).stdout
    figures: dict[str, float] = json.loads(out.splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        sys.exit(f"bench_browser needs Chromium at {CHROMIUM} (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="kwis-bench-browser-") as tmp:
        root, state = Path(tmp) / "root", Path(tmp) / "state"
        root.mkdir()
        state.mkdir()
        # The bank cache of this run (warm after build_banks), not the user's: every kernel below
        # gets its bank from it, as a student's second and later kernels do (bench_start.py
        # measures both ways).
        os.environ["KWIS_BANK_CACHE"] = str(Path(tmp) / "bank-cache")
        compile_kwis()
        banks = build_banks(root)
        kernel = {f"kwis {layout} {size}": median_figures([kernel_figures(bank, layout, state)
                                                           for _ in range(args.repeats)])
                  for size, bank in banks.items() for layout in ("paged", "scroll")}
        report_kernel(kernel)
        server = _servers.start_lab(root, state, {"KWIS_STORE": str(state / "answers.sqlite3")})
        try:
            results = run(server, write_notebooks(root, banks), Path(tmp) / "profile", args.repeats)
        finally:
            _servers.stop(server)
    report(results, kernel)


def median_figures(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def report_kernel(kernel: dict[str, dict[str, float]]) -> None:
    print("in a fresh interpreter (medians, ms): import kwis, + the widget layer, load bank, "
          "build + display, load the bank again; widget models, their state")
    for name, fig in kernel.items():
        print(f"  {name:<18} {fig['import_kwis_ms']:5.0f} {fig['import_ui_ms']:5.0f} "
              f"{fig['load_bank_ms']:6.0f} {fig['build_ms']:6.0f} {fig['load_again_ms']:6.0f}   {fig['models']:5.0f} models "
              f"{fig['state_kb']:6.0f} kB", flush=True)


def run(server: _servers.Server, notebooks: dict[str, Path], profile: Path,
        repeats: int) -> dict[str, dict[str, list[float]]]:
    results: dict[str, dict[str, list[float]]] = {name: {} for name in notebooks}
    with sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 1000}, locale="nl-NL")
        try:
            for round_ in range(repeats + 1):  # round 0 warms caches (lab assets, imports)
                for name, notebook in notebooks.items():
                    figures = one_run(server, context.new_page(), name, notebook)
                    if round_ == 0:
                        continue
                    for key, value in figures.items():
                        results[name].setdefault(key, []).append(value)
                    print(f"  round {round_} {name}: " + ", ".join(f"{k} {v:.0f}" for k, v in figures.items()),
                          flush=True)
        finally:
            context.close()
    return results


def one_run(server: _servers.Server, page: Page, name: str, notebook: Path) -> dict[str, float]:
    try:
        open_notebook(page, server, f"notebooks/{notebook.name}")
        is_jq = name.startswith("jupyterquiz")
        answerable, feedback, painted = measure(page, name, JQ_READY if is_jq else KWIS_READY,
                                       JQ_VERDICT if is_jq else KWIS_VERDICT,
                                       answer_jupyterquiz if is_jq else answer_kwis)
        return {"answerable_ms": answerable, "feedback_ms": feedback, "next_frame_ms": painted}
    finally:
        page.close()
        _servers.shutdown_kernels(server)
        time.sleep(0.5)


def report(results: dict[str, dict[str, list[float]]], kernel: dict[str, dict[str, float]]) -> None:
    print("\nmedians in the browser (ms, page clock):")
    for name, figures in results.items():
        extra = ""
        if name in kernel:
            extra = f"  ({kernel[name]['models']:.0f} widget models, {kernel[name]['state_kb']:.0f} kB state)"
        print(f"  {name:<18} answerable {statistics.median(figures['answerable_ms']):7.0f}"
              f"   feedback {statistics.median(figures['feedback_ms']):5.0f}"
              f"   next frame {statistics.median(figures['next_frame_ms']):5.0f}{extra}")
    for size in SIZES:
        base = results[f"jupyterquiz {size}"]
        for layout in ("paged", "scroll"):
            for variant in ("", f" {COLD}"):
                ours = results.get(f"kwis {layout} {size}{variant}")
                if ours is None:
                    continue
                for key, label in (("answerable_ms", "answerable"), ("feedback_ms", "feedback"),
                                   ("next_frame_ms", "feedback, next frame")):
                    ratio = statistics.median(ours[key]) / statistics.median(base[key])
                    print(f"ratio: {ratio:.2f}  kwis {layout}{variant and ' (' + COLD + ')'} / jupyterquiz, "
                          f"{size} questions, {label}")


if __name__ == "__main__":
    main()
