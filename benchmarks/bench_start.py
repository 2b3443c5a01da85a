"""The kernel side of a student's first Run All, kwis against jupyterquiz, in fresh kernels (issue 13).

Each run starts a new IPython kernel (jupyter_client, the kernel JupyterLab starts) and times in it:
  - jupyterquiz 2.9.6.4: `from jupyterquiz import display_quiz` and `display_quiz(...)` of kwis's own
    `kwis export --to jupyterquiz` of the bank;
  - kwis: `import kwis`, `kwis.load_bank(...)`, then `kwis.Quiz(bank, ...)` built and its display
    bundle made (which imports the widget layer), paged and scroll;
for the MINUSMA bank (55 questions) and the MINUSMA questions repeated to 500 (bench_browser's banks),
each kwis case twice: with the bank cache off (`KWIS_BANK_CACHE=off`: every kernel reads and checks
the bank in full and renders its Markdown, as before the cache) and with it warm (an earlier
kernel loaded the bank and rendered its texts).
With `--before PYTHON`, also kwis as installed for another interpreter (an older checkout's venv),
in the same kernels' turn, for before/after figures.

Prints medians (ms) and `ratio:` lines. Not a timed test. Run: .venv/bin/python benchmarks/bench_start.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_browser import SIZES, build_banks, compile_kwis  # noqa: E402

KWIS_CODE = """
import json, time
t0 = time.perf_counter()
import kwis
t1 = time.perf_counter()
bank = kwis.load_bank({bank!r})
t2 = time.perf_counter()
quiz = kwis.Quiz(bank, store=":memory:", layout={layout!r})
quiz._repr_mimebundle_()
t3 = time.perf_counter()
print(json.dumps({{"import": (t1 - t0) * 1e3, "load": (t2 - t1) * 1e3, "quiz": (t3 - t2) * 1e3,
                  "total": (t3 - t0) * 1e3}}))
"""
JQ_CODE = """
import json, time
t0 = time.perf_counter()
from jupyterquiz import display_quiz
t1 = time.perf_counter()
display_quiz({export!r}, shuffle_answers=False)
t2 = time.perf_counter()
print(json.dumps({{"import": (t1 - t0) * 1e3, "load": 0.0, "quiz": (t2 - t1) * 1e3, "total": (t2 - t0) * 1e3}}))
"""
PARTS = ("import", "load", "quiz", "total")


def kernel_spec_manager(root: Path, pythons: dict[str, str]) -> KernelSpecManager:
    """One kernel spec per interpreter, in a folder of this run only."""
    for name, python in pythons.items():
        folder = root / "kernels" / name
        folder.mkdir(parents=True)
        (folder / "kernel.json").write_text(json.dumps({
            "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": name, "language": "python"}), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(root / "kernels")])


def in_fresh_kernel(specs: KernelSpecManager, kernel: str, code: str, env: dict[str, str]) -> dict[str, float]:
    """Runs `code` in a new kernel and returns the JSON it prints."""
    manager = KernelManager(kernel_name=kernel, kernel_spec_manager=specs)
    manager.start_kernel(env=env)
    client = manager.client()
    client.start_channels()
    out: list[str] = []
    try:
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(code, timeout=120, output_hook=_collect(out))
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{kernel}: {reply['content'].get('evalue')}")
        figures: dict[str, float] = json.loads("".join(out).strip().splitlines()[-1])
        return figures
    finally:
        client.stop_channels()
        manager.shutdown_kernel()  # as JupyterLab does: the kernel ends itself (and keeps its renders)


def _collect(out: list[str]) -> Callable[[dict[str, Any]], None]:
    """An output hook keeping what the kernel prints (display messages are dropped)."""
    def hook(message: dict[str, Any]) -> None:
        if message["msg_type"] == "stream" and message["content"]["name"] == "stdout":
            out.append(message["content"]["text"])
    return hook


def cases(banks: dict[int, Path], kernels: list[str]) -> Iterator[tuple[str, str, str, str]]:
    """(name, kernel, code, cache) for one round: every bank, jupyterquiz and each kwis case."""
    for size in SIZES:
        bank = str(banks[size])
        export = str(banks[size].with_suffix(".jupyterquiz.json"))
        yield f"jupyterquiz {size}", "now", JQ_CODE.format(export=export), "off"
        for kernel in kernels:
            for layout in ("paged", "scroll"):
                code = KWIS_CODE.format(bank=bank, layout=layout)
                tag = "" if kernel == "now" else " (before)"
                yield f"kwis {layout} {size}{tag}, no cache", kernel, code, "off"
                if kernel == "now":
                    yield f"kwis {layout} {size}, cached", kernel, code, "warm"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--before", help="python of another kwis install, measured as 'before'")
    args = parser.parse_args()
    pythons = {"now": sys.executable, **({"before": args.before} if args.before else {})}
    with tempfile.TemporaryDirectory(prefix="kwis-bench-start-") as tmp:
        root = Path(tmp)
        (root / "root").mkdir()
        os.environ["KWIS_BANK_CACHE"] = str(root / "warm-cache")  # build_banks loads: not the user's cache
        compile_kwis()
        banks = build_banks(root / "root")
        specs = kernel_spec_manager(root, pythons)
        base_env = {**os.environ, "KWIS_STORE": str(root / "answers.sqlite3")}
        envs = {"off": {**base_env, "KWIS_BANK_CACHE": "off"}, "warm": base_env}
        results: dict[str, list[dict[str, float]]] = {}
        for round_ in range(args.repeats + 1):  # round 0 warms the disk cache and the bank cache
            for name, kernel, code, cache in cases(banks, list(pythons)):
                figures = in_fresh_kernel(specs, kernel, code, envs[cache])
                if round_:
                    results.setdefault(name, []).append(figures)
        report(results, before=bool(args.before))


def report(results: dict[str, list[dict[str, float]]], *, before: bool) -> None:
    medians = {name: {part: statistics.median(run[part] for run in runs) for part in PARTS}
               for name, runs in results.items()}
    print("in a fresh kernel (medians, ms):   import   load  quiz (widget layer, build, display)   total")
    for name, fig in medians.items():
        print(f"  {name:<34} {fig['import']:6.0f} {fig['load']:6.0f} {fig['quiz']:6.0f} {fig['total']:7.0f}")
    for size in SIZES:
        base = medians[f"jupyterquiz {size}"]["total"]
        for layout in ("paged", "scroll"):
            cached = medians[f"kwis {layout} {size}, cached"]["total"]
            cold = medians[f"kwis {layout} {size}, no cache"]["total"]
            print(f"ratio: {cached / base:.2f}  kwis {layout} (bank cached) / jupyterquiz, {size} questions, "
                  "kernel time of the first Run All")
            print(f"ratio: {cold / base:.2f}  kwis {layout} (no cache) / jupyterquiz, {size} questions")
            print(f"ratio: {cached / cold:.2f}  kwis {layout}, bank cached / no cache, {size} questions")
            if before:
                old = medians[f"kwis {layout} {size} (before), no cache"]["total"]
                print(f"ratio: {cached / old:.2f}  kwis {layout}, now (bank cached) / before, {size} questions")
                print(f"ratio: {cold / old:.2f}  kwis {layout}, now (no cache) / before, {size} questions")


if __name__ == "__main__":
    main()
