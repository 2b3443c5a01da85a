"""`kwis class init` / `add-learners` on a real server, and what the database lets a learner's
own connection do: only their own rows, nothing changed or deleted, no teacher tables."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from kwis.cli import main
from kwis.records._postgres import PostgresStore
from kwis.records._store import Attempt, Card, CardState


def make_class(class_url: str, capsys: pytest.CaptureFixture[str],
               names: tuple[str, ...] = ("anna", "bram")) -> dict[str, str]:
    assert main(["class", "init", class_url]) == 0
    teacher = capsys.readouterr().out.split()
    assert teacher[0] == "teacher" and teacher[1].startswith("postgresql://")
    assert main(["class", "add-learners", class_url, *names]) == 0
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert [name for name, _url in lines] == list(names)
    return {"teacher": teacher[1], **dict(lines)}


def answer(question_id: str, user: str, sitting: int) -> Attempt:
    return Attempt(bank_id="minusma", question_id=question_id, user=user, mode="exam",
                   response="1,26", score=1.0, correct=True, time=1.0, seed=3, sitting=sitting)


def test_each_learner_stores_and_reads_only_their_own_answers(
        class_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    urls = make_class(class_url, capsys)
    anna = PostgresStore(urls["anna"], outbox=tmp_path / "anna.sqlite3")
    bram = PostgresStore(urls["bram"], outbox=tmp_path / "bram.sqlite3")
    # In a hub pod every user is "jovyan" to the OS: the database's learner name wins.
    sitting = anna.start_sitting("minusma", "jovyan", "exam", "{}", 3, ("budget",))
    anna.record(answer("budget", "jovyan", sitting.id))
    anna.save_draft(sitting.id, "budget", "1,26")
    bram.record(answer("budget", "jovyan", 77))
    assert [a.user for a in anna.attempts()] == ["anna"]
    assert [a.user for a in bram.attempts()] == ["bram"]
    assert bram.attempts(sitting=sitting.id) == ()
    assert bram.drafts(sitting.id) == {}
    assert bram.sittings("minusma", "anna", "exam", "{}") == ()
    state = CardState(state=1, step=0, stability=None, difficulty=None, due=2.0)
    anna_card = anna.save_card(Card(learner="jovyan", bank_id="minusma", question_id="budget",
                                    fingerprint="f", language="nl", tags=(), schedule=state,
                                    last_review=None, created=1.0))
    assert [c.learner for c in anna.cards()] == ["anna"]
    assert bram.cards() == () and bram.live_card("anna", "minusma", "budget") is None
    bram.replace_card(anna_card.id, 5.0)  # changes nothing: not bram's row
    assert anna.live_card("anna", "minusma", "budget") == anna_card
    assert anna.queued == bram.queued == 0
    with psycopg.connect(urls["teacher"]) as teacher:
        rows = teacher.execute("SELECT learner FROM kwis.attempts ORDER BY id").fetchall()
    assert rows == [("anna",), ("bram",)]
    anna.close()
    bram.close()


def test_a_learner_cannot_forge_change_or_delete_answers_or_read_teacher_tables(
        class_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    urls = make_class(class_url, capsys)
    anna = PostgresStore(urls["anna"], outbox=tmp_path / "anna.sqlite3")
    sitting = anna.start_sitting("minusma", "anna", "exam", "{}", 3, ("budget",))
    anna.record(answer("budget", "anna", sitting.id))
    anna.mark_submitted(sitting.id)
    anna.close()
    forged = ("INSERT INTO kwis.attempts (key, sitting, bank_id, question_id, learner, mode,"
              " response, score, correct, time, seed) VALUES (gen_random_uuid(), 1, 'minusma',"
              " 'budget', %s, 'exam', '\"0\"', 0, false, 1, 1)")
    refused = {
        "UPDATE kwis.attempts SET score = 1": psycopg.errors.InsufficientPrivilege,
        "DELETE FROM kwis.attempts": psycopg.errors.InsufficientPrivilege,
        "DELETE FROM kwis.sittings": psycopg.errors.InsufficientPrivilege,
        "UPDATE kwis.sittings SET draw = '[]'": psycopg.errors.InsufficientPrivilege,
        "SELECT * FROM kwis.learners": psycopg.errors.InsufficientPrivilege,
        "SELECT * FROM kwis.class_settings": psycopg.errors.InsufficientPrivilege,
        "TRUNCATE kwis.attempts": psycopg.errors.InsufficientPrivilege,
        "CREATE TABLE kwis.mine (x int)": psycopg.errors.InsufficientPrivilege,
    }
    for who, other in (("anna", "bram"), ("bram", "anna")):
        with psycopg.connect(urls[who], autocommit=True) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                conn.execute(forged, (other,))  # an answer in another learner's name
            for statement, error in refused.items():
                with pytest.raises(error):
                    conn.execute(statement)
            # A submitted sitting stays submitted at the same time, even for its learner.
            changed = conn.execute("UPDATE kwis.sittings SET submitted = 0").rowcount
            assert changed == 0
    with psycopg.connect(urls["teacher"], autocommit=True) as teacher:
        assert teacher.execute("SELECT learner FROM kwis.learners ORDER BY 1").fetchall() == [
            ("anna",), ("bram",)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            teacher.execute("DELETE FROM kwis.attempts")


def test_learner_urls_need_their_password_and_re_adding_gives_a_new_one(
        class_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    urls = make_class(class_url, capsys, ("anna",))
    wrong = urls["anna"].replace("@", "x@", 1)
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(wrong).close()
    assert main(["class", "add-learners", class_url, "anna"]) == 0
    again = capsys.readouterr().out.split()[1]
    assert again != urls["anna"]
    psycopg.connect(again).close()
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(urls["anna"]).close()
    assert main(["class", "init", class_url]) == 0  # again: upgrades nothing, keeps the roles
    assert capsys.readouterr().out == ""


def test_bad_learner_names_and_an_uninitialised_database_are_explained(
        class_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["class", "add-learners", class_url, "anna"]) == 2
    assert "kwis class init" in capsys.readouterr().err
    assert main(["class", "init", class_url]) == 0
    capsys.readouterr()
    assert main(["class", "add-learners", class_url, "Anna Smit", "x;drop"]) == 2
    err = capsys.readouterr().err
    assert "'Anna Smit'" in err and "'x;drop'" in err and "lower-case" in err
