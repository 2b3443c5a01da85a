"""Banks for the widget tests, built straight from the model (one question of every type),
with content taken from the MINUSMA article. Imported by the tests in tests/ui/."""

from __future__ import annotations

from dataclasses import replace

from kwis._model import (
    Bank, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, Pair, Settings, Source, TextQuestion, TrueFalseQuestion,
)

SOURCE = Source(title="Mali wijst VN-vredesmissie Minusma de deur", publisher="NRC")


def dutch_questions() -> tuple:  # type: ignore[type-arg]
    return (
        ChoiceQuestion(
            id="diop-eis", prompt="Wat eiste minister **Abdoulaye Diop**?",
            explanation="Diop eiste in New York een onmiddellijke terugtrekking.",
            hint="Lees de eerste alinea.", source=("Hij eiste een „onmiddellijke terugtrekking”.",),
            tags=("diplomatie",),
            choices=(
                Choice("Een onmiddellijke terugtrekking", correct=True),
                Choice("Meer blauwhelmen", feedback="Mali wilde juist *minder* VN-troepen."),
                Choice("Een nieuw mandaat"),
            ),
        ),
        MultipleQuestion(
            id="bondgenoten", prompt="Waar zoekt Goïta zijn bondgenoten?",
            source=("Mali’s president Assimi Goïta zoekt zijn bondgenoten elders: in Rusland, "
                    "Turkije of Iran.",),
            tags=("Wagner", "diplomatie"),
            choices=(Choice("Rusland", correct=True), Choice("Turkije", correct=True),
                     Choice("Iran", correct=True), Choice("Frankrijk", feedback="De oud-kolonisator werd de deur gewezen.")),
        ),
        TrueFalseQuestion(
            id="nederland", prompt="Nederland leverde van 2014 tot 2019 een bijdrage aan Minusma.",
            source=("waar ook Nederland van 2014 tot 2019 een belangrijke bijdrage aan leverde",),
            tags=("geschiedenis",), answer=True,
        ),
        NumericQuestion(
            id="budget", prompt="Hoe groot was het budget van de missie dit jaar, in miljard dollar?",
            source=("met (voor dit jaar) een budget van 1,26 miljard dollar",),
            tags=("missie",), answer=1.26, low=1.26, high=1.26, unit="miljard dollar", points=2,
        ),
        TextQuestion(
            id="president", prompt="Hoe heet de president van Mali?",
            source=("Mali’s president Assimi Goïta zoekt zijn bondgenoten elders",),
            tags=("Wagner",), answers=("Goïta", "Assimi Goïta"),
            feedback=Feedback(correct="Inderdaad, **Assimi Goïta**."),
        ),
        ClozeQuestion(
            id="penvoerder", prompt="Vul aan.",
            source=("Mede omdat Frankrijk de zogenoemde ‘penvoerder’ voor Mali is",),
            tags=("diplomatie",),
            segments=("Frankrijk is de ", Gap(("penvoerder",)), " voor Mali; resoluties worden door de ",
                      Gap(("Fransen",), ("Fransen", "Russen", "Malinezen")), " geschreven."),
        ),
        OrderQuestion(
            id="tijdlijn", prompt="Zet in de goede volgorde.", tags=("geschiedenis",),
            source=("De blauwhelmen kwamen in 2013 naar Mali",),
            items=("Blauwhelmen komen naar Mali", "Nederland begint zijn bijdrage",
                   "Militairen grijpen de macht"),
        ),
        MatchQuestion(
            id="wie-is-wie", prompt="Wie is wie?", tags=("Wagner",),
            pairs=(Pair("Assimi Goïta", "president van Mali"),
                   Pair("Abdoulaye Diop", "minister van Buitenlandse Zaken"),
                   Pair("Martijn Kitzen", "hoogleraar")),
            distractors=("Sahel-onderzoeker",),
        ),
    )


def dutch_bank(**settings: object) -> Bank:
    return Bank(id="minusma-widgets", title="Mali wijst VN-vredesmissie Minusma de deur",
                language="nl", questions=dutch_questions(), source=SOURCE,
                settings=Settings(**settings))  # type: ignore[arg-type]


def english_bank() -> Bank:
    questions = (
        ChoiceQuestion(
            id="diop-demand", prompt="What did minister Abdoulaye Diop demand?",
            source=("Hij eiste een „onmiddellijke terugtrekking”.",), tags=("diplomacy",),
            choices=(Choice("An immediate withdrawal", correct=True),
                     Choice("More peacekeepers", feedback="Mali wanted *fewer* UN troops.")),
        ),
        NumericQuestion(
            id="troops", prompt="How strong was the mission, in soldiers?",
            source=("de zeventienduizend man sterke missie",), tags=("mission",),
            answer=17000, low=17000, high=17000, unit="troops",
        ),
    )
    return Bank(id="minusma-en", title="Mali shows MINUSMA the door", language="en",
                questions=questions, source=SOURCE)


def many_questions_bank(count: int) -> Bank:
    """`count` questions cycling through the eight types (ids made unique)."""
    base = dutch_questions()
    questions = tuple(replace(base[i % len(base)], id=f"{base[i % len(base)].id}-{i}")
                      for i in range(count))
    return Bank(id="minusma-many", title="Veel vragen", language="nl", questions=questions,
                source=SOURCE)


# -- answering as the browser does ------------------------------------------------------------
# The quiz's browser code (widgets/kwis/ui/_quiz.js) draws each question from its spec and sends
# what the student does as custom messages (`model.send`); these helpers deliver the same
# messages through ipywidgets' own handler, so the kernel side runs exactly as in a notebook.


def send(quiz, **message: object) -> None:  # type: ignore[no-untyped-def]
    """A custom message from the quiz's browser code."""
    quiz._handle_custom_msg(message, [])


def give(view, value: object) -> None:  # type: ignore[no-untyped-def]
    """The student changes the control: the browser sends its new value (shown positions).
    In a paged quiz the student first pages to the question (only the shown one can answer)."""
    show(view)
    send(view.quiz, kind="answer", i=view.index, id=view.key, value=value)


def show(view) -> None:  # type: ignore[no-untyped-def]
    """Pages to the question when the quiz is paged and shows another one."""
    if not view.quiz.shows(view) and not view.retired:
        view.quiz.go(view.index)


def press(target, name: str) -> None:  # type: ignore[no-untyped-def]
    """A button pressed in the browser: a question's `check` or `hint`, or the quiz's `next`,
    `prev`, `submit`, `retake` or `retry` (Save again). Check carries the field's value, as the
    browser reads it when the button is pressed."""
    if hasattr(target, "question"):
        show(target)
        assert target.spec[name], f"{target.question.id} shows no {name} button"
        extra = {"value": target.value} if name == "check" else {}
        send(target.quiz, kind=name, i=target.index, id=target.key, **extra)
    elif name in ("next", "prev"):
        send(target, kind="step", step=1 if name == "next" else -1)
    else:
        send(target, kind=name)


def options(view) -> list[str]:  # type: ignore[no-untyped-def]
    """The labels shown for a choice, multiple or true-false question, in shown order."""
    shown = view.spec["control"]["options"]
    return [o[0] if isinstance(o, list) else o for o in shown]


def choose(view, label: str) -> None:  # type: ignore[no-untyped-def]
    """Clicks the radio button or true/false button with this label."""
    shown = view.spec["control"]["options"]
    if view.question.type == "true-false":
        give(view, next(value for text, value in shown if text == label))
    else:
        give(view, shown.index(label))


def tick(view, *labels: str) -> None:  # type: ignore[no-untyped-def]
    """Ticks exactly these checkboxes."""
    give(view, sorted(options(view).index(label) for label in labels))


def move(view, position: int, step: int) -> None:  # type: ignore[no-untyped-def]
    """Up (-1) or Down (1) on the order row at `position`, as the browser moves and sends it."""
    order = list(view.value)
    order[position], order[position + step] = order[position + step], order[position]
    give(view, order)


def shown_items(view) -> list[str]:  # type: ignore[no-untyped-def]
    """An order question's items (HTML) in the order the rows show now."""
    items = view.spec["control"]["items"]
    return [items[k][0] for k in view.value]
