"""The dashboard's dropdown: choosing another entry redraws the view below it."""

from __future__ import annotations

from kwis.ui import Picker


def test_choosing_another_entry_redraws_the_view() -> None:
    drawn: list[int] = []

    def draw(value: int) -> str:
        drawn.append(value)
        return f"chart of {value}"

    picker = Picker([("first", 1), ("second", 2)], draw, description="Vraag",
                    describe=lambda value: f"{value} options")
    assert picker.dropdown.options == ("first", "second") and picker.chosen == 1
    assert picker.output.outputs[0]["data"]["text/plain"] == "'chart of 1'"
    picker.dropdown.value = "second"
    assert picker.chosen == 2 and drawn == [1, 2]
    assert len(picker.output.outputs) == 1
    assert picker.output.outputs[0]["data"]["text/plain"] == "'chart of 2'"
    assert picker._repr_mimebundle_()["text/plain"] == "second\n2 options"
