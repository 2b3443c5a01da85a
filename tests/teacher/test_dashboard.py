"""The teacher dashboard's views and the class simulator behind its demo data."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kwis import load_bank
from kwis.records import ClassDatabase, collect
from kwis.teacher import bank_stats, dashboard
from kwis.teacher._simulate import SIMULATED_SELECTION, simulate_class

ROOT = Path(__file__).resolve().parents[2]
BANK_PATH = ROOT / "quizzes" / "minusma.nl.yaml"
DEMO = ROOT / "notebooks" / "data" / "demo-class.sqlite"


@pytest.fixture(scope="module")
def bank():  # type: ignore[no-untyped-def]
    return load_bank(BANK_PATH)


def answers(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT question_id, response, score FROM attempts ORDER BY id").fetchall()


def test_the_simulator_is_seeded_and_labels_its_learners(bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = simulate_class([bank], tmp_path / "a", learners=3, seed=5)
    again = simulate_class([bank], tmp_path / "b", learners=3, seed=5)
    other = simulate_class([bank], tmp_path / "c", learners=3, seed=6)
    assert [p.parent.name for p in first] == ["sim-001", "sim-002", "sim-003"]
    assert [answers(p) for p in first] == [answers(p) for p in again]
    assert [answers(p) for p in first] != [answers(p) for p in other]
    with closing(sqlite3.connect(first[0])) as conn:
        assert conn.execute("SELECT DISTINCT selection, mode FROM sittings").fetchall() == [
            (SIMULATED_SELECTION, "exam")]
    assert len(answers(first[0])) == len(bank.questions)


def test_the_committed_demo_class_is_labelled_simulated(bank) -> None:  # type: ignore[no-untyped-def]
    reader = ClassDatabase(DEMO)
    assert "simulated" in (reader.meta("demo") or "") and "not real students" in (reader.meta("demo") or "")
    learners = {s.learner for s in reader.sittings(bank.id)}
    assert len(learners) == 40 and all(name.startswith("sim-") for name in learners)


def test_flagged_questions_link_to_their_line_in_the_bank(bank) -> None:  # type: ignore[no-untyped-def]
    stats = bank_stats(ClassDatabase(DEMO), bank.id)
    html = dashboard.flagged_table(stats, BANK_PATH, "en", link_base="../quizzes/")
    lines = BANK_PATH.read_text(encoding="utf-8").splitlines()
    flagged = [q for q in stats.questions if q.flags]
    assert flagged
    for question in flagged:
        line = dashboard.question_lines(BANK_PATH)[question.id]
        assert f'href="../quizzes/minusma.nl.yaml#L{line}"' in html
        assert question.id in lines[line - 1] or question.id in lines[line]  # the `- id:` line


def test_the_scatter_labels_exactly_the_flagged_questions(bank) -> None:  # type: ignore[no-untyped-def]
    stats = bank_stats(ClassDatabase(DEMO), bank.id)
    spec = dashboard.facility_discrimination(stats, "nl").to_dict()
    rows = spec["layer"][0]["data"]["values"] if "data" in spec["layer"][0] else spec["data"]["values"]
    labelled = {row["id"] for row in rows if row["flagged"] == "ja"}
    assert labelled == {q.id for q in stats.questions if q.flags and q.discrimination is not None}


def test_tag_mastery_is_each_learners_share_of_the_marks(bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    simulate_class([bank], tmp_path / "home", learners=2, seed=9)
    collect([tmp_path / "home"], tmp_path / "class.sqlite")
    reader = ClassDatabase(tmp_path / "class.sqlite")
    scores = dashboard.tag_scores(reader, bank)
    assert {s.learner for s in scores} == {"sim-001", "sim-002"}
    assert {s.tag for s in scores} == set(bank.tags)
    assert all(0 <= s.percent <= 100 for s in scores)


def test_class_mastery_comes_from_the_learning_model_when_learners_reviewed(
        bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta, timezone

    from kwis.learning import mastery, simulate_history

    start = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    at = start + timedelta(days=10)
    own = {}
    for number, learner in enumerate(("sim-rev-1", "sim-rev-2")):
        path = tmp_path / "home" / learner / "answers.sqlite3"
        path.parent.mkdir(parents=True)
        store = simulate_history([bank], path, learner=learner, start=start, days=8, seed=number,
                                 leave_out=("Wagner",) if number else ())
        own[learner] = {(m.tag, round(100 * m.mastery, 6)) for m in mastery(store.cards(), at)
                        if m.mastery is not None}
        store.close()
    output = tmp_path / "class.sqlite"
    collect([tmp_path / "home"], output)
    first = ClassDatabase(output).cards(bank.id)
    collect([tmp_path / "home"], output)  # again: the cards are not doubled
    reader = ClassDatabase(output)
    assert reader.cards(bank.id) == first
    assert {c.learner for c in first} == set(own)
    scores, source = dashboard.class_mastery(reader, bank, at)
    assert source == "model"
    for learner, expected in own.items():
        assert {(s.tag, round(s.percent, 6)) for s in scores if s.learner == learner} == expected
    assert "Wagner" not in {s.tag for s in scores if s.learner == "sim-rev-2"}


def test_class_mastery_falls_back_to_scores_without_cards(bank) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timezone

    scores, source = dashboard.class_mastery(ClassDatabase(DEMO), bank,
                                             datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert source == "scores" and scores == dashboard.tag_scores(ClassDatabase(DEMO), bank)
