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
