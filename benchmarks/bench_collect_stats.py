"""How much slower are `kwis collect` and `kwis stats` than a bare SQLite copy of the same rows?

Simulates a class of 1,000 learners (kwis.teacher._simulate, seeded) who each took the 55-question
Dutch MINUSMA bank as an exam, one answer store per learner, in a temporary folder (on /dev/shm
when there is one; making them is not timed). Then, in this run, the median of a few repeats of:

- baseline: a bare SQLite copy of the same rows: open each store read-only, select its sittings,
  attempts and question versions, insert them into plain tables of one database (one transaction
  per store, WAL, synchronous=NORMAL: as collect does), no checks, no keys;
- `collect` into a fresh class database (read-only opening, quick_check, kind and version checks,
  natural-key deduplication);
- `collect` again into the same database (nothing new: what a teacher's second run costs);
- `bank_stats` over the collected class (55 questions x 1,000 attempts).

Prints absolute times and each as a ratio to the baseline. Target: collect at most 3x.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from kwis import load_bank
from kwis.records import ClassDatabase, collect
from kwis.teacher import bank_stats
from kwis.teacher._simulate import simulate_class

LEARNERS = int(os.environ.get("KWIS_BENCH_LEARNERS", "1000"))
REPEATS = 3
BANK = Path(__file__).resolve().parents[1] / "quizzes" / "minusma.nl.yaml"

_BARE_TABLES = (
    "CREATE TABLE sittings (id, bank_id, user, mode, selection, seed, draw, started, submitted)",
    "CREATE TABLE attempts (sitting, bank_id, question_id, user, mode, response, score, correct,"
    " time, seed, fingerprint, points)",
    "CREATE TABLE questions (bank_id, question_id, fingerprint, type, points, content)",
)


def bare_copy(stores: list[Path], target: Path) -> None:
    target.unlink(missing_ok=True)
    with closing(sqlite3.connect(target)) as out:
        out.execute("PRAGMA journal_mode=WAL")
        out.execute("PRAGMA synchronous=NORMAL")
        for statement in _BARE_TABLES:
            out.execute(statement)
        for store in stores:
            with closing(sqlite3.connect(f"file:{quote(str(store))}?mode=ro&immutable=1",
                                         uri=True)) as source:
                sittings = source.execute("SELECT id, bank_id, user, mode, selection, seed, draw,"
                                          " started, submitted FROM sittings").fetchall()
                attempts = source.execute("SELECT sitting, bank_id, question_id, user, mode,"
                                          " response, score, correct, time, seed, fingerprint,"
                                          " points FROM attempts").fetchall()
                questions = source.execute("SELECT bank_id, question_id, fingerprint, type,"
                                           " points, content FROM questions").fetchall()
            with out:
                out.executemany("INSERT INTO sittings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sittings)
                out.executemany("INSERT INTO attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                attempts)
                out.executemany("INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?)", questions)


def fresh_collect(folder: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    report = collect([folder], target)
    assert report.stores == LEARNERS and not report.skipped, report.skipped


def median_seconds(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    bank = load_bank(BANK)
    scratch = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=scratch) as work:
        folder, out = Path(work) / "home", Path(work) / "out"
        out.mkdir()
        start = time.perf_counter()
        stores = simulate_class([bank], folder, learners=LEARNERS)
        print(f"made {LEARNERS} simulated stores x {len(bank.questions)} questions in "
              f"{time.perf_counter() - start:.1f} s (not timed below)")
        class_db = out / "class.sqlite"
        baseline = median_seconds(lambda: bare_copy(stores, out / "bare.sqlite"))
        first = median_seconds(lambda: fresh_collect(folder, class_db))
        again = median_seconds(lambda: collect([folder], class_db))
        reader = ClassDatabase(class_db)
        stats = median_seconds(lambda: bank_stats(reader, bank.id))
        answers = bank_stats(reader, bank.id)
        assert answers.n == LEARNERS and len(answers.questions) == len(bank.questions)
        reader.close()
    rows = [("bare SQLite copy (baseline)", baseline), ("kwis collect, new class database", first),
            ("kwis collect again (nothing new)", again), ("bank_stats (kwis stats)", stats)]
    print(f"{LEARNERS} learners x {len(bank.questions)} questions, median of {REPEATS}:")
    for name, seconds in rows:
        print(f"  {name:34} {seconds * 1000:8.0f} ms  {seconds / baseline:5.2f}x")
    verdict = "within" if first / baseline <= 3 else "OVER"
    print(f"collect: {first / baseline:.2f}x the bare copy, {verdict} the 3x target")


if __name__ == "__main__":
    main()
