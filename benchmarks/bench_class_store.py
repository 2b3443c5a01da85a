"""How much slower is the PostgreSQL class store than plain psycopg inserts of the same rows?

Starts a real PostgreSQL server (as the tests do: initdb/pg_ctl in a temp dir, Unix socket),
makes a class with 200 learner roles, and lets all 200 learners answer 50 questions at once, each
in its own thread with its own role and connection: through `PostgresStore.record` (row-level
security, guards, the local journal) and, as the baseline in the same run, as plain autocommit
psycopg INSERTs of the same rows into the same table under the same roles. Prints both times and
the ratio (median of the repeats; each repeat in a fresh database). Target: at most 2x.

    .venv/bin/python benchmarks/bench_class_store.py [LEARNERS ANSWERS REPEATS]
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers.load import make_class, plain_burst, store_burst  # noqa: E402
from tests.servers.postgres import PostgresServer  # noqa: E402


def main(learners: int = 200, answers: int = 50, repeats: int = 3) -> None:
    server = PostgresServer(max_connections=2 * learners + 20)
    try:
        store_times, plain_times = [], []
        for _ in range(repeats):
            urls = make_class(server.url(server.new_database()), learners)
            plain_times.append(plain_burst(urls, answers))
            store_times.append(store_burst(urls, answers))
        rows = learners * answers
        store, plain = statistics.median(store_times), statistics.median(plain_times)
        print(f"{learners} learners x {answers} answers = {rows} rows, median of {repeats}")
        print(f"  plain psycopg inserts: {plain:.2f} s ({rows / plain:,.0f} rows/s)")
        print(f"  PostgresStore.record:  {store:.2f} s ({rows / store:,.0f} rows/s)")
        print(f"  ratio: {store / plain:.2f}x (target: at most 2x)")
    finally:
        server.close()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
