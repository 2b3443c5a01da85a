"""`kwis lint`: each rule fires on a bank that breaks it and stays quiet on one that does not."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kwis.teacher._lint import lint
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, Pair, Settings, TextQuestion, TrueFalseQuestion,
)

DATA = Path(__file__).parent.parent / "data"

DIOP = ChoiceQuestion(
    id="diop-eis",
    prompt="Wat eiste minister Abdoulaye Diop bij de VN?",
    explanation="Diop eiste in New York een onmiddellijke terugtrekking.",
    source=("Hij eiste een „onmiddellijke terugtrekking”.",),
    choices=(
        Choice("Een onmiddellijke terugtrekking", correct=True),
        Choice("Meer blauwhelmen in het noorden", feedback="Mali wilde juist minder VN-aanwezigheid."),
        Choice("Een nieuw vredesakkoord", feedback="Daar ging zijn eis niet over."),
        Choice("Een hoger budget voor de missie", feedback="Het budget was 1,26 miljard dollar."),
    ),
)
GOITA = TextQuestion(
    id="president",
    prompt="Wie is de president van Mali?",
    explanation="Assimi Goïta zoekt bondgenoten in Rusland, Turkije en Iran.",
    source=("Mali’s president Assimi Goïta zoekt zijn bondgenoten elders",),
    answers=("Goïta", "Assimi Goïta"),
)


def bank(*questions: AnyQuestion, language: str = "nl", settings: Settings = Settings()) -> Bank:
    return Bank(id="lint", title="Lint", language=language, questions=questions, settings=settings,
                path="lint.yaml")


def codes(b: Bank) -> list[str]:
    return [p.code for p in lint(b)]


def with_choices(*choices: Choice, prompt: str = DIOP.prompt) -> ChoiceQuestion:
    return replace(DIOP, choices=choices, prompt=prompt)


def wrong(text: str) -> Choice:
    return Choice(text, feedback="Nee.")


def test_a_well_written_bank_is_clean() -> None:
    assert lint(bank(DIOP, GOITA)) == []


@pytest.mark.parametrize("option", ["Alle bovenstaande", "Geen van de bovenstaande", "geen van beide"])
def test_all_or_none_of_the_above_in_dutch(option: str) -> None:
    question = with_choices(*DIOP.choices[:3], wrong(option))
    problems = lint(bank(question))
    assert [p.code for p in problems] == ["W101"]
    assert problems[0].path == "$.questions[0].choices[3]"
    assert option in problems[0].message


def test_all_of_the_above_in_english() -> None:
    question = with_choices(*DIOP.choices[:3], wrong("All of the above"))
    assert codes(bank(question, language="en")) == ["W101"]
    assert "W101" not in codes(bank(DIOP, language="en"))


def test_combined_options() -> None:
    assert "W102" in codes(bank(with_choices(*DIOP.choices[:3], wrong("A en B"))))
    assert "W102" in codes(bank(with_choices(*DIOP.choices[:3], wrong("Both A and C")), language="en"))
    assert "W102" not in codes(bank(DIOP))


def test_negative_stem_unless_emphasised() -> None:
    negative = replace(DIOP, prompt="Wat eiste Diop **niet**?")
    assert "W103" not in codes(bank(negative))
    assert "W103" not in codes(bank(replace(DIOP, prompt="Wat eiste Diop NIET?")))
    problems = lint(bank(replace(DIOP, prompt="Wat eiste Diop niet?")))
    assert [p.code for p in problems] == ["W103"]
    assert "**NIET**" in problems[0].fix


def test_negative_stem_in_english() -> None:
    question = replace(DIOP, prompt="Which of these did Diop not demand?")
    assert codes(bank(question, language="en")) == ["W103"]
    assert codes(bank(replace(DIOP, prompt="Which did Diop demand?"), language="en")) == []


def test_correct_choice_clearly_longest() -> None:
    key = Choice("Een onmiddellijke en volledige terugtrekking van alle blauwhelmen uit Mali", correct=True)
    question = with_choices(key, wrong("Meer soldaten"), wrong("Nieuw akkoord"))
    problems = lint(bank(question))
    assert [p.code for p in problems] == ["W104"]
    assert problems[0].path == "$.questions[0].choices[0]"
    assert "W104" not in codes(bank(DIOP))


def test_near_duplicate_choices() -> None:
    question = with_choices(*DIOP.choices, wrong("een onmiddellijke terugtrekking!"))
    problems = [p for p in lint(bank(question)) if p.code == "W105"]
    assert [p.path for p in problems] == ["$.questions[0].choices[4]"]
    assert "W105" not in codes(bank(DIOP))


def test_duplicate_order_items() -> None:
    order = OrderQuestion(id="volgorde", prompt="Zet in volgorde.", explanation="x", source=("y",),
                          items=("2013: blauwhelmen naar Mali", "2020: staatsgreep", "2020: staatsgreep."))
    assert codes(bank(order)) == ["W105"]


def test_near_duplicate_questions() -> None:
    twin = replace(DIOP, id="diop-eis-2", prompt="Wat eiste minister Abdoulaye Diop bij de VN ?")
    problems = lint(bank(DIOP, GOITA, twin))
    assert [(p.code, p.path) for p in problems] == [("W106", "$.questions[2].prompt")]
    assert "diop-eis" in problems[0].message


def test_cloze_questions_with_the_same_prompt_are_not_duplicates() -> None:
    def cloze(qid: str, before: str, answer: str) -> ClozeQuestion:
        return ClozeQuestion(id=qid, prompt="Vul in.", explanation="x", source=("y",),
                             segments=(before, Gap((answer,)), "."))
    first = cloze("penvoerder", "Frankrijk is voor Mali de ", "penvoerder")
    second = cloze("budget", "Het budget van de missie was 1,26 miljard ", "dollar")
    assert "W106" not in codes(bank(first, second))


def test_absolute_words_in_options() -> None:
    question = with_choices(*DIOP.choices[:3], wrong("Dat Mali nooit meer blauwhelmen toelaat"))
    assert codes(bank(question)) == ["W107"]
    english = with_choices(*DIOP.choices[:3], wrong("That peacekeepers always stay"))
    assert codes(bank(english, language="en")) == ["W107"]


@pytest.mark.parametrize("count, expected", [(2, ["W108"]), (3, []), (5, []), (6, ["W108"])])
def test_option_count(count: int, expected: list[str]) -> None:
    others = [wrong(t) for t in ("Meer geld voor de missie", "Een nieuw vredesakkoord",
                                 "Franse troepen terug in Mali", "Russische hulp voor het leger",
                                 "Nieuwe verkiezingen")]
    question = with_choices(DIOP.choices[0], *others[: count - 1])
    assert codes(bank(question)) == expected


def test_stem_gives_the_answer_away() -> None:
    question = replace(DIOP, prompt="Diop eiste een onmiddellijke terugtrekking. Wat eiste hij?")
    assert codes(bank(question)) == ["W109"]
    text = replace(GOITA, prompt="President Goïta zoekt bondgenoten. Hoe heet de president?")
    assert codes(bank(text)) == ["W109"]


def test_cloze_gap_answer_elsewhere_in_the_passage() -> None:
    cloze = ClozeQuestion(id="penvoerder", prompt="Vul in.", explanation="x", source=("y",),
                          segments=("Frankrijk is de ", Gap(("penvoerder",)), "; de penvoerder schrijft."))
    assert codes(bank(cloze)) == ["W109"]
    fair = replace(cloze, segments=("Frankrijk is de ", Gap(("penvoerder",)), " voor Mali."))
    assert codes(bank(fair)) == []


def test_wrong_choice_without_feedback() -> None:
    question = with_choices(DIOP.choices[0], Choice("Meer blauwhelmen"), *DIOP.choices[2:])
    problems = lint(bank(question))
    assert [(p.code, p.path) for p in problems] == [("W110", "$.questions[0].choices[1]")]
    assert "Meer blauwhelmen" in problems[0].message


def test_no_explanation_and_no_source_are_separate_rules() -> None:
    assert codes(bank(replace(GOITA, explanation=""))) == ["W111"]
    assert codes(bank(replace(GOITA, source=()))) == ["W112"]


PROMPTS = ("Welk land leverde gevechtsvliegtuigen?", "Waar werkt Ulf Laessing voor?",
           "Welke stad is de hoofdstad?", "Waar ligt Moura?", "Wie schrijft de VN-resoluties?")


def _fixed_key_bank(positions: list[int]) -> Bank:
    questions = []
    for n, position in enumerate(positions):
        choices = [wrong(text) for text in ("Rusland", "Turkije", "Iran", "Frankrijk")]
        choices[position] = Choice("Mali", correct=True)
        questions.append(replace(DIOP, id=f"q{n}", prompt=PROMPTS[n], choices=tuple(choices)))
    return bank(*questions, settings=Settings(shuffle_choices=False))


def test_key_position_skewed_when_not_shuffled() -> None:
    problems = lint(_fixed_key_bank([0, 0, 0, 1, 2]))
    assert [(p.code, p.path) for p in problems] == [("W113", "$.settings.shuffle_choices")]
    assert "3 van 5" in problems[0].message
    assert codes(_fixed_key_bank([0, 1, 2, 3, 0])) == []


def test_key_position_does_not_matter_when_shuffled() -> None:
    skewed = _fixed_key_bank([0, 0, 0, 0])
    assert codes(replace(skewed, settings=Settings(shuffle_choices=True))) == []


def test_rules_are_switched_off_per_question_with_a_reason() -> None:
    question = replace(GOITA, explanation="", lint_ignore=(("W111", "the answer speaks for itself"),))
    assert codes(bank(question)) == []
    assert codes(bank(question, replace(GOITA, id="other", prompt="Wie leidt Mali?", explanation=""))) \
        == ["W111"]


def test_rules_are_switched_off_for_the_whole_bank() -> None:
    settings = Settings(lint_ignore=(("W112", "the bank tests general knowledge"),))
    assert codes(bank(replace(GOITA, source=()), settings=settings)) == []


def test_an_unknown_code_in_lint_ignore_is_reported() -> None:
    settings = Settings(lint_ignore=(("W999", "typo"),))
    problems = lint(bank(GOITA, settings=settings))
    assert [p.code for p in problems] == ["W100"]
    assert "W999" in problems[0].message and "W113" in problems[0].fix


def test_positions_come_from_the_nearest_known_path() -> None:
    question = with_choices(*DIOP.choices[:3], wrong("Alle bovenstaande"))
    positions = {"$.questions[0]": (5, 5), "$.questions[0].choices": (12, 7)}
    problem = lint(bank(question), positions)[0]
    assert (problem.file, problem.line, problem.column) == ("lint.yaml", 12, 7)
    assert problem.format().startswith("lint.yaml:12:7: warning [W101]: ")


def test_messages_follow_the_bank_language() -> None:
    english = lint(bank(replace(GOITA, explanation=""), language="en-GB"))[0]
    dutch = lint(bank(replace(GOITA, explanation="")))[0]
    assert english.message == "the question has no explanation"
    assert dutch.message == "de vraag heeft geen uitleg"


def test_true_false_and_multiple_are_checked_too() -> None:
    statement = TrueFalseQuestion(id="tf", prompt="Nederland leverde geen bijdrage aan Minusma.",
                                  explanation="x", source=("y",), answer=False)
    assert codes(bank(statement)) == ["W103"]
    multiple = MultipleQuestion(id="m", prompt="Waar zoekt Goïta bondgenoten?", explanation="x",
                                source=("y",), choices=(Choice("Rusland", correct=True),
                                                        Choice("Turkije", correct=True)))
    assert codes(bank(multiple)) == ["W108"]


def _kwis_lint(*args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, "-m", "kwis", "lint", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_reports_with_file_line_and_strict_exit_code() -> None:
    relaxed = _kwis_lint(str(DATA / "teacher-lint-warnings.yaml"))
    assert relaxed.returncode == 0
    line = next(x for x in relaxed.stdout.splitlines() if "[W101]" in x)
    assert line.startswith(f"{DATA / 'teacher-lint-warnings.yaml'}:14:")
    assert "($.questions[0].choices[2])" in line
    assert _kwis_lint("--strict", str(DATA / "teacher-lint-warnings.yaml")).returncode == 1
    assert _kwis_lint("--strict", str(DATA / "teacher-all-types.yaml")).returncode == 0


def test_cli_lint_of_a_missing_path_is_a_usage_error() -> None:
    result = _kwis_lint("nergens.yaml")
    assert result.returncode == 2 and "no such file or folder: nergens.yaml" in result.stderr


# ---- W114: one question gives away the answer of another ----------------------------------------

DIOP_NAME = TextQuestion(id="diop-naam", prompt="Hoe heet de minister die een onmiddellijke terugtrekking eiste?",
                         explanation="Abdoulaye Diop.", source=("Abdoulaye Diop",), answers=("Diop", "Abdoulaye Diop"))
SPEECH = TrueFalseQuestion(id="diop-toespraak", prompt="Minister Diop sprak de Veiligheidsraad op 16 juni toe.",
                           explanation="Op 16 juni.", source=("op 16 juni",), answer=True)
SIZE = NumericQuestion(id="omvang", prompt="Hoeveel man sterk is de missie?", explanation="17.000.",
                       source=("zeventienduizend man",), answer=17000, low=17000, high=17000)


def test_an_answer_in_the_prompt_of_another_question_names_both_questions_and_the_words() -> None:
    problems = [p for p in lint(bank(DIOP_NAME, SPEECH)) if p.code == "W114"]
    assert [(p.path, p.severity) for p in problems] == [("$.questions[1].prompt", "warning")]
    assert problems[0].message == "vraag 'diop-toespraak' verraadt het antwoord op vraag 'diop-naam': 'Diop' in prompt"
    assert "group:" in problems[0].fix


def test_the_leak_is_reported_in_english_for_an_english_bank() -> None:
    english = replace(SPEECH, prompt="Minister Diop addressed the Security Council on 16 June.")
    [problem] = [p for p in lint(bank(DIOP_NAME, english, language="en")) if p.code == "W114"]
    assert problem.message == "question 'diop-toespraak' gives away the answer to question 'diop-naam': 'Diop' in its prompt"


def test_questions_of_one_group_may_give_each_other_away() -> None:
    grouped = (replace(DIOP_NAME, group="diop"), replace(SPEECH, group="diop"))
    assert "W114" not in codes(bank(*grouped))
    assert "W114" in codes(bank(grouped[0], replace(SPEECH, group="toespraak")))


def test_a_number_leaks_written_the_banks_way_and_in_hints_and_feedback() -> None:
    hinted = replace(SPEECH, hint="De missie telt 17.000 man.")
    problems = [p for p in lint(bank(SIZE, hinted)) if p.code == "W114"]
    assert [(p.path, "'17000'" in p.message) for p in problems] == [("$.questions[1].hint", True)]
    fed = replace(DIOP, choices=(*DIOP.choices[:3], Choice("Een hoger budget", feedback="De 17000 man blijven.")))
    assert [p.path for p in lint(bank(SIZE, fed)) if p.code == "W114"] == ["$.questions[1].choices[3].feedback"]
    assert "W114" not in codes(bank(SIZE, replace(SPEECH, hint="De missie telt 170.000 man.")))


def test_a_right_option_shown_beside_its_wrong_alternatives_gives_nothing_away() -> None:
    """'Een onmiddellijke terugtrekking' as one option of several, next to 'Meer blauwhelmen', is no leak."""
    beside = replace(GOITA, id="andere", prompt="Wilde Mali een onmiddellijke terugtrekking of meer blauwhelmen in het noorden?")
    alone = replace(GOITA, id="andere", prompt="Mali wilde een onmiddellijke terugtrekking. Wie is de president?")
    assert "W114" not in codes(bank(DIOP, beside))
    assert [p.path for p in lint(bank(DIOP, alone)) if p.code == "W114"] == ["$.questions[1].prompt"]


def test_the_leak_rule_is_switched_off_with_a_reason_on_either_question() -> None:
    reason = (("W114", "de naam staat in het artikel bij de vraag"),)
    assert "W114" not in codes(bank(replace(DIOP_NAME, lint_ignore=reason), SPEECH))
    assert "W114" not in codes(bank(DIOP_NAME, replace(SPEECH, lint_ignore=reason)))


# ---- W115 to W117: clues in the options --------------------------------------------------------

def test_the_right_option_is_the_only_one_with_a_quotation() -> None:
    quoted = with_choices(Choice("Hij sprak van een „vertrouwenscrisis”", correct=True),
                          wrong("Hij sprak van een mislukking"), wrong("Hij bedankte de missie"))
    problems = [p for p in lint(bank(quoted)) if p.code == "W115"]
    assert [p.path for p in problems] == ["$.questions[0].choices[0]"]
    assert "vertrouwenscrisis" in problems[0].message
    also_wrong = with_choices(*quoted.choices[:2], wrong("Hij sprak van „pesten”"))
    assert "W115" not in codes(bank(also_wrong))
    apostrophe = with_choices(Choice("Mali’s minister", correct=True), wrong("Een Franse minister"),
                              wrong("Een VN-gezant"))
    assert "W115" not in codes(bank(apostrophe))


def test_right_options_of_a_multiple_question_much_longer_than_the_wrong_ones() -> None:
    long_right = MultipleQuestion(
        id="redenen", prompt="Welke redenen noemt het artikel?", explanation="x", source=("y",),
        choices=(Choice("De onderzoeken naar mensenrechtenschendingen door het leger", correct=True),
                 Choice("De uiteenlopende verwachtingen over terreurbestrijding", correct=True),
                 wrong("Geld"), wrong("Het weer")))
    problems = [p for p in lint(bank(long_right)) if p.code == "W116"]
    assert [p.path for p in problems] == ["$.questions[0].choices"]
    balanced = replace(long_right, choices=(*long_right.choices[:2],
                                             wrong("Een conflict over de kosten van de VN-bases in het noorden"),
                                             wrong("De wens van Nederland om de missie voort te zetten")))
    assert "W116" not in codes(bank(balanced))


def test_a_match_question_without_a_distractor() -> None:
    people = MatchQuestion(id="wie", prompt="Wie is wie?", explanation="x", source=("y",),
                           pairs=(Pair("Diop", "minister"), Pair("Guichaoa", "onderzoeker")))
    assert [(p.code, p.path) for p in lint(bank(people))] == [("W117", "$.questions[0].pairs")]
    assert codes(bank(replace(people, distractors=("president",)))) == []
