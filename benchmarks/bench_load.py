"""How much slower is `load_bank` (validation and grounding included) than a bare YAML load?

Builds a 5,000-question bank (all eight types, each question quoting its source) in a temp dir and
prints the ratio of `kwis.load_bank` to `yaml.load(..., Loader=CSafeLoader)` of the same file, both
measured in this run as the median of several repeats. Target: at most 3x.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

from kwis import load_bank

QUESTIONS = 5000
REPEATS = 5
SOURCE = "Hij eiste een „onmiddellijke terugtrekking”. De missie telde zeventienduizend man.\n"

TEMPLATES = [
    """  - id: q{n}-choice
    type: choice
    prompt: Wat eiste minister **Diop** ({n})?
    source: Hij eiste een „onmiddellijke terugtrekking”.
    explanation: Dat staat in de eerste zin.
    tags: [diplomatie, tijdlijn]
    difficulty: 1
    choices:
      - {{text: Een onmiddellijke terugtrekking, correct: true}}
      - {{text: Meer blauwhelmen, feedback: 'Nee, juist minder.'}}
      - {{text: Een nieuw mandaat, feedback: Daar ging het niet over.}}
""",
    """  - id: q{n}-numeric
    type: numeric
    prompt: Hoe groot was de missie ({n})?
    source: De missie telde zeventienduizend man.
    answer: 17000
    tolerance: 100
    unit: man
""",
    """  - id: q{n}-cloze
    type: cloze
    prompt: Vul in ({n}).
    text: "Hij eiste een {{{{onmiddellijke|directe}}}} {{{{terugtrekking|~versterking|~verlenging}}}}."
""",
    """  - id: q{n}-match
    type: match
    prompt: Koppel ({n}).
    pairs:
      - {{left: Goïta, right: president}}
      - {{left: Diop, right: minister}}
    distractors: [generaal]
""",
    """  - id: q{n}-order
    type: order
    prompt: Orden ({n}).
    items: ['2013', '2014', '2020']
""",
    """  - id: q{n}-text
    type: text
    prompt: Wie ({n})?
    answers: [Goïta, Assimi Goïta]
    typos: 1
""",
    """  - id: q{n}-multiple
    type: multiple
    prompt: Welke ({n})?
    choices:
      - {{text: Rusland, correct: true}}
      - {{text: Turkije, correct: true}}
      - {{text: Frankrijk, feedback: Nee.}}
""",
    """  - id: q{n}-tf
    type: true-false
    prompt: Waar ({n})?
    answer: true
""",
]


def build_bank(folder: Path) -> Path:
    (folder / "bron.txt").write_text(SOURCE, encoding="utf-8")
    head = "kwis: 1\nid: bench\ntitle: Bench\nlanguage: nl\nsource:\n  file: bron.txt\nquestions:\n"
    body = "".join(TEMPLATES[n % len(TEMPLATES)].format(n=n) for n in range(QUESTIONS))
    path = folder / "bench.yaml"
    path.write_text(head + body, encoding="utf-8")
    return path


def median_seconds(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_load(path: Path) -> object:
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_bank(Path(tmp))
        assert len(load_bank(path).questions) == QUESTIONS
        baseline = median_seconds(lambda: bare_load(path))
        kwis_time = median_seconds(lambda: load_bank(path))
        size = path.stat().st_size
    print(f"questions: {QUESTIONS}, file: {size / 1e6:.1f} MB, median of {REPEATS} runs each")
    print(f"yaml.load (CSafeLoader): {baseline * 1000:.0f} ms")
    print(f"kwis.load_bank:          {kwis_time * 1000:.0f} ms")
    print(f"ratio: {kwis_time / baseline:.2f}")


if __name__ == "__main__":
    main()
