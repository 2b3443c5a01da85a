"""kwis's own widget model (`kwis.ui._wire`), at the level of the messages a page gets: what the
comm opens with, what a change, a held block, a custom message and a page's requests give. The
comm here records what it would publish (outside a kernel `comm` publishes nothing); the browser
tests run the same model against JupyterLab's real widget manager."""

from __future__ import annotations

from typing import Any

import comm
import pytest
from comm.base_comm import BaseComm

from kwis.ui import _wire
from kwis.ui._widget import Quiz
from tests.ui.conftest import dutch_bank


class RecordingComm(BaseComm):
    published: list[tuple[str, Any]]

    def publish_msg(self, msg_type: str, data: Any = None, metadata: Any = None,
                    buffers: Any = None, **keys: Any) -> None:
        if not hasattr(self, "published"):
            self.published = []
        self.published.append((msg_type, data))


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[RecordingComm]:
    comms: list[RecordingComm] = []

    def create(*args: Any, **kwargs: Any) -> RecordingComm:
        made = RecordingComm(*args, **kwargs)
        comms.append(made)
        return made

    monkeypatch.setattr(comm, "create_comm", create)
    return comms


def page_message(model: _wire.WidgetModel, data: dict[str, Any]) -> None:
    model._handle_msg({"content": {"comm_id": model.model_id, "data": data}, "buffers": []})


def test_the_comm_opens_with_the_whole_state_anywidget_draws(recorded: list[RecordingComm]) -> None:
    quiz = Quiz(dutch_bank(), store=":memory:")
    [opened] = recorded
    kind, data = opened.published[0]
    assert kind == "comm_open" and opened.target_name == "jupyter.widget"
    state = data["state"]
    assert (state["_model_name"], state["_model_module"], state["_view_name"]) == ("AnyModel", "anywidget", "AnyView")
    assert state["_model_module_version"].startswith("~0.") and "export default" in state["_esm"]
    assert {"kwis-quiz", "kwis-mode-practice"} <= set(state["_dom_classes"]) and state["items"]
    bundle = quiz._repr_mimebundle_()[0]["application/vnd.jupyter.widget-view+json"]
    assert bundle["model_id"] == quiz.model_id == opened.comm_id


def test_changes_go_as_updates_and_a_held_block_as_one(recorded: list[RecordingComm]) -> None:
    quiz = Quiz(dutch_bank(), store=":memory:")
    [opened] = recorded
    opened.published.clear()
    quiz.score = "3 punten"
    with quiz.hold_sync():
        quiz.position = "Vraag 2 van 8"
        quiz.prev_disabled = False
    updates = [data for kind, data in opened.published if kind == "comm_msg"]
    assert [u["state"] for u in updates] == [{"score": "3 punten"},
                                             {"position": "Vraag 2 van 8", "prev_disabled": False}]


def test_a_page_asking_for_the_state_gets_all_of_it(recorded: list[RecordingComm]) -> None:
    quiz = Quiz(dutch_bank(), store=":memory:")
    [opened] = recorded
    opened.published.clear()
    page_message(quiz, {"method": "request_state"})
    [(_, reply)] = opened.published
    assert reply["method"] == "update" and reply["state"]["_model_name"] == "AnyModel"
    assert reply["state"]["items"] == quiz.items


def test_custom_messages_reach_the_quiz_and_page_updates_are_not_sent_back(recorded: list[RecordingComm]) -> None:
    quiz = Quiz(dutch_bank(), store=":memory:")
    [opened] = recorded
    seen: list[Any] = []
    quiz.on_msg(lambda model, content, buffers: seen.append(content))
    page_message(quiz, {"method": "custom", "content": {"kind": "hint", "i": 0, "id": "x"}})
    assert seen == [{"kind": "hint", "i": 0, "id": "x"}]
    opened.published.clear()
    page_message(quiz, {"method": "update", "state": {"score": "van de pagina", "unknown": 1}})
    assert quiz.score == "van de pagina" and opened.published == []


def test_a_reloaded_page_gets_every_model_over_the_control_comm(recorded: list[RecordingComm]) -> None:
    quiz = Quiz(dutch_bank(), store=":memory:")
    result = quiz.result_view()
    control = RecordingComm(target_name="jupyter.widget.control", primary=False)
    _wire._control_opened(control, {})
    control.handle_msg({"content": {"data": {"method": "request_states"}}})
    [(_, answer)] = [m for m in control.published if m[0] == "comm_msg"]
    states = answer["states"]
    assert answer["method"] == "update_states"
    assert states[quiz.model_id]["state"]["items"] == quiz.items
    assert states[result.model_id]["state"]["quiz_model"] == f"IPY_MODEL_{quiz.model_id}"
    quiz.close()
    assert quiz.model_id not in {m.model_id for m in _wire.live_models()}
