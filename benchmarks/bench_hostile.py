"""Large and hostile banks (issue 10): every figure is a ratio against a baseline measured in the
same run, so the machine's speed cancels out. Run with `make bench`.

1. A bank at the question limit (20,000 questions, all eight types): `read_bank` against a bare
   `yaml.load` of the same file. Target: at most 3x, as for the 5,000-question bank of bench_load.
2. One question over the limit: refused after composing; against a bare `yaml.compose`. Target ~1x.
3. 3,000 questions with `tags: *T` (3,000 tags; 23-42 s and 1.9 GB before): refused; against a bare
   `yaml.compose`. Target ~1x.
4. 30 wrong quotes against a 3 MB source (73 s before): the whole load against normalising the
   source once. Target: a small multiple, not growing with the source.
5. GIFT import of 40,000 questions against 20,000 (quadratic before): target ~2x (linear).
6. `(a+)+$` against 900 a's and a `!` (hours with Python's re) against the plain pattern `a+`.
   Target ~1x (RE2 is linear).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from bench_load import TEMPLATES  # noqa: E402

from kwis.bank._grounding import normalise  # noqa: E402
from kwis.bank._limits import MAX_QUESTIONS  # noqa: E402
from kwis.bank._read import read_bank, read_bank_text  # noqa: E402
from kwis.grading._text import match_text  # noqa: E402
from kwis.teacher.importers._gift import import_gift  # noqa: E402

REPEATS = 3
HEAD = "kwis: 1\nid: bench\ntitle: Bench\nlanguage: nl\nquestions:\n"


def median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def questions(count: int) -> str:
    return "".join(TEMPLATES[n % len(TEMPLATES)].format(n=n) for n in range(count))


def bare_load(text: str) -> object:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def bare_compose(text: str) -> object:
    return yaml.compose(text, Loader=yaml.CSafeLoader)


def report(name: str, measured: float, baseline: float, baseline_name: str) -> None:
    print(f"{name}: {measured * 1000:.0f} ms; {baseline_name}: {baseline * 1000:.0f} ms; "
          f"ratio {measured / baseline:.2f}")


def at_the_limit(folder: Path) -> None:
    path = folder / "limit.yaml"
    path.write_text(HEAD + questions(MAX_QUESTIONS), encoding="utf-8")
    assert read_bank(path).bank is not None
    text = path.read_text(encoding="utf-8")
    report(f"1. {MAX_QUESTIONS} questions, read_bank", median_seconds(lambda: read_bank(path), 2),
           median_seconds(lambda: bare_load(text), 2), "yaml.load")
    over = HEAD + questions(MAX_QUESTIONS + 1)
    assert [p.path for p in read_bank_text(over).problems] == ["$.questions"]
    report(f"2. {MAX_QUESTIONS + 1} questions, refused", median_seconds(lambda: read_bank_text(over), 2),
           median_seconds(lambda: bare_compose(over), 2), "yaml.compose")


def alias_bomb() -> None:
    tags = "\n".join(f"  - tag{i}" for i in range(3000))
    body = "\n".join(f"  - {{id: q{i}, type: true-false, prompt: Waar?, answer: true, tags: *T}}" for i in range(3000))
    text = HEAD.replace("questions:\n", f"x: &T\n{tags}\nquestions:\n") + body + "\n"
    assert "alias" in read_bank_text(text).problems[0].message
    report("3. 3,000 x tags: *T, refused", median_seconds(lambda: read_bank_text(text)),
           median_seconds(lambda: bare_compose(text)), "yaml.compose")


def wrong_quotes(folder: Path) -> None:
    sentences = [f"Zin {i} gaat over konvooi {i % 97} bij Gao en Kidal, ver van Bamako." for i in range(48_000)]
    source = " ".join(sentences)
    (folder / "bron.txt").write_text(source, encoding="utf-8")
    body = "".join(f"  - {{id: q{i}, type: true-false, prompt: Waar?, answer: true, "
                   f"source: 'Zin {i * 7} ging over konvooi {i} bij Timboektoe'}}\n" for i in range(30))
    path = folder / "quotes.yaml"
    path.write_text(HEAD.replace("questions:\n", "source: {file: bron.txt}\nquestions:\n") + body, encoding="utf-8")
    assert len(read_bank(path).errors) == 30
    report(f"4. 30 wrong quotes, {len(source) / 1e6:.1f} MB source", median_seconds(lambda: read_bank(path)),
           median_seconds(lambda: normalise(source)), "normalise the source once")


def gift_import() -> None:
    def gift(count: int) -> str:
        return "\n\n".join(f"::v{i}:: Wat is {i}? {{=antwoord{i} ~fout}}" for i in range(count))
    small, large = gift(20_000), gift(40_000)
    assert len(import_gift(large, "x.gift", "nl").questions) == 40_000
    report("5. GIFT import, 40,000 questions", median_seconds(lambda: import_gift(large, "x.gift", "nl")),
           median_seconds(lambda: import_gift(small, "x.gift", "nl")), "20,000 questions")


def catastrophic_pattern() -> None:
    answer = "a" * 900 + "!"
    report("6. (a+)+$ on 900 a's and !", median_seconds(lambda: match_text(answer, ("b",), pattern="(a+)+$"), 20),
           median_seconds(lambda: match_text(answer, ("b",), pattern="a+"), 20), "pattern a+")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        at_the_limit(Path(tmp))
        alias_bomb()
        wrong_quotes(Path(tmp))
    gift_import()
    catastrophic_pattern()


if __name__ == "__main__":
    main()
