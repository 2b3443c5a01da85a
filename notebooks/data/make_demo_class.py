"""Makes notebooks/data/demo-class.sqlite, the SIMULATED class the teacher dashboard shows.

    python notebooks/data/make_demo_class.py

40 simulated learners (sim-001 ... sim-040, seed 2026; see kwis.teacher._simulate for the model)
each take the Dutch MINUSMA bank as an exam, each in their own answer store in a temporary
folder, exactly as a quiz writes them; `kwis collect` then gathers the stores. The class
database says it is simulated in its meta table (key "demo"). Not real students.
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from kwis.bank import load_bank
from kwis.records import collect
from kwis.teacher._simulate import simulate_class

HERE = Path(__file__).resolve().parent
BANK = HERE.parent.parent / "quizzes" / "minusma.nl.yaml"
OUTPUT = HERE / "demo-class.sqlite"
LEARNERS, SEED = 40, 2026
LABEL = (f"simulated: {LEARNERS} learners, seed {SEED}, made by notebooks/data/make_demo_class.py;"
         " not real students")


def main() -> None:
    OUTPUT.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        simulate_class([load_bank(BANK)], folder, learners=LEARNERS, seed=SEED)
        report = collect([folder], OUTPUT)
    with closing(sqlite3.connect(OUTPUT)) as conn:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', ?)", (LABEL,))
        conn.commit()
        conn.execute("PRAGMA journal_mode=DELETE")  # one file to commit, no -wal beside it
        conn.execute("VACUUM")
    print(f"{OUTPUT.name}: {report.stores} simulated stores, {report.answers_added} answers")


if __name__ == "__main__":
    main()
