"""xAPI statements of graded answers, sent to a real Ralph LRS and read back; the LRS stopped in
the middle of a burst and started again loses and doubles nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kwis.grading._grade import correct_response, grade
from kwis.records._outbox import Outbox
from kwis.records._store import Attempt
from kwis.records._xapi import LrsClient, LrsSender, bank_iri, statement
from kwis.grading import response_to_json
from tests.servers.ralph import USER, RalphServer
from tests.ui.conftest import dutch_bank

HOME = "https://hub.school.example"


def statements_for_every_type(learner: str = "anna") -> list[dict[str, Any]]:
    bank = dutch_bank()
    made = []
    for n, question in enumerate(bank.questions):
        response = correct_response(question)
        result = grade(question, response, language="nl")
        attempt = Attempt(bank_id=bank.id, question_id=question.id, user=learner, mode="practice",
                          response=response_to_json(response), score=result.score,
                          correct=result.correct, time=1_700_000_000.0 + n, seed=7, sitting=3,
                          points=question.points)
        made.append(statement(bank, question, attempt, home=HOME, duration=12.5))
    return made


def test_statements_of_every_question_type_pass_ralphs_own_models(ralph: RalphServer) -> None:
    made = statements_for_every_type()
    types = {s["object"]["definition"]["interactionType"] for s in made}
    assert types == {"choice", "true-false", "numeric", "fill-in", "sequencing", "matching"}
    assert ralph.validate(made) == []
    broken = json.loads(json.dumps(made[0]))
    broken["result"]["score"]["scaled"] = 5  # outside -1..1
    assert len(ralph.validate([broken])) == 1


def test_statements_are_stored_and_read_back_by_activity_and_agent(ralph: RalphServer,
                                                                  tmp_path: Path) -> None:
    client = LrsClient(ralph.url, USER, ralph.password)
    sender = LrsSender(client, Outbox(f"lrs:{ralph.url}", tmp_path / "outbox.sqlite3"))
    made = statements_for_every_type("bram")
    sender.send(made)
    assert sender.flush() == 0
    agent = json.dumps({"account": {"homePage": HOME, "name": "bram"}})
    mine = list(client.statements(agent=agent))
    assert sorted(s["id"] for s in mine) == sorted(s["id"] for s in made)
    first = made[0]["object"]["id"]
    assert first.startswith(bank_iri(HOME, dutch_bank().id) + "/")
    by_activity = list(client.statements(activity=first, agent=agent))
    assert [s["id"] for s in by_activity] == [made[0]["id"]]
    stored = by_activity[0]
    assert stored["result"]["success"] is True and stored["result"]["duration"] == "PT12.50S"
    assert stored["context"]["contextActivities"]["parent"][0]["id"] == bank_iri(HOME, dutch_bank().id)


def test_wrong_credentials_keep_statements_waiting(ralph: RalphServer, tmp_path: Path) -> None:
    sender = LrsSender(LrsClient(ralph.url, USER, "wrong"),
                       Outbox(f"lrs:{ralph.url}", tmp_path / "outbox.sqlite3"))
    sender.send(statements_for_every_type("carla")[:2])
    assert sender.flush() == 2 and "401" in sender.last_error


def test_lrs_stopped_mid_burst_loses_and_doubles_nothing(tmp_path: Path) -> None:
    server = RalphServer()
    try:
        client = LrsClient(server.url, USER, server.password, timeout=1)
        outbox = tmp_path / "outbox.sqlite3"
        sender = LrsSender(client, Outbox(f"lrs:{server.url}", outbox), retry=0.1)
        made = [s for _ in range(4) for s in statements_for_every_type("dirk")]
        for n, one in enumerate(made):
            one["id"] = f"00000000-0000-4000-8000-{n:012d}"
            if n == 10:
                server.stop()
            if n == 25:
                server.start()
            sender.send([one])
        # A crash between posting and marking: the same entries sent again by a second kernel.
        again = LrsSender(client, Outbox(f"lrs:{server.url}", outbox))
        for one in made[:5]:
            again.outbox.add("statement", one)
        again.flush()
        assert again.queued == 0, again.last_error
        assert sender.flush() == 0
        agent = json.dumps({"account": {"homePage": HOME, "name": "dirk"}})
        ids = [s["id"] for s in client.statements(agent=agent)]
        assert sorted(ids) == sorted(s["id"] for s in made)
    finally:
        server.close()


def test_a_statement_the_lrs_refuses_does_not_hold_up_the_others(ralph: RalphServer,
                                                                 tmp_path: Path) -> None:
    client = LrsClient(ralph.url, USER, ralph.password)
    sender = LrsSender(client, Outbox(f"lrs:{ralph.url}", tmp_path / "outbox.sqlite3"))
    good = statements_for_every_type("emma")[:3]
    bad = json.loads(json.dumps(good[1]))
    bad["id"] = "00000000-0000-4000-8000-00000000beef"
    del bad["actor"]  # even Ralph, which barely validates, refuses a statement without actor
    sender.send([good[0], bad, good[1], good[2]])
    assert sender.flush() == 0
    assert len(sender.refused) == 1 and bad["id"] in sender.refused[0]
    agent = json.dumps({"account": {"homePage": HOME, "name": "emma"}})
    assert sorted(s["id"] for s in client.statements(agent=agent)) == sorted(s["id"] for s in good)
