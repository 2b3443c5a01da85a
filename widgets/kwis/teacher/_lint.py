"""Question-quality warnings (`kwis lint`), after Haladyna, Downing and Rodriguez (2002).

Each rule has a code (W1xx), reads only the model, and reports `Problem`s with a JSON-path;
`locate` adds line and column when the loader's positions are known. A teacher switches a rule
off for the bank (`settings.lint_ignore`) or one question (`lint_ignore`), with a reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Callable, Iterable, Iterator, Mapping

from kwis.bank._problems import Positions, Problem, locate
from kwis._i18n import Messages, ui_language
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, MatchQuestion,
    MultipleQuestion, NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis.grading._numbers import format_number
from kwis.grading._text import normalise_text

_MESSAGES = Messages({
    "en": {
        "W100": "lint_ignore names {code!r}, which is no lint rule",
        "W100_fix": "use one of the codes listed in docs/lint.md ({codes})",
        "W101": "the option {text!r} is an 'all/none of the above' option",
        "W101_fix": "replace it with a plausible wrong answer; such options reward partial knowledge",
        "W102": "the option {text!r} combines other options ('A and B')",
        "W102_fix": "use a `multiple` question instead, or write a separate plausible option",
        "W103": "the question is phrased negatively ({word!r}) without emphasis",
        "W103_fix": "phrase it positively, or emphasise the negation: **{word_upper}**",
        "W104": "the correct choice is clearly the longest ({long} characters, the next is {next})",
        "W104_fix": "make the wrong choices as precise and long as the correct one, or shorten the key",
        "W105": "the options {first!r} and {second!r} are (nearly) the same",
        "W105_fix": "replace one of them with a different plausible answer",
        "W106": "this question is (nearly) the same as question {other!r}",
        "W106_fix": "remove one of the two or ask about something else",
        "W107": "the option {text!r} uses the absolute word {word!r}",
        "W107_fix": "test-wise students rule out absolute options; qualify the statement or rephrase",
        "W108": "the question has {count} options; 3 to 5 work best",
        "W108_fix": "write {action}",
        "W108.more": "more plausible wrong options",
        "W108.fewer": "fewer options: drop the least plausible",
        "W109": "the answer {answer!r} appears in the question itself",
        "W109_fix": "rephrase the question so it does not give the answer away",
        "W110": "wrong options without feedback ({count}): {texts}",
        "W110_fix": "add `feedback:` to each wrong choice saying why it is wrong",
        "W111": "the question has no explanation",
        "W111_fix": "add `explanation:` shown after answering",
        "W112": "the question has no source quote",
        "W112_fix": "add `source:` with the sentence from the text that gives the answer",
        "W113": "the correct choice is at position {position} in {count} of {total} unshuffled questions",
        "W113_fix": "vary the key's position, or turn on `settings.shuffle_choices`",
        "W114": "question {here!r} gives away the answer to question {other!r}: {words!r} in its {field}",
        "W114_fix": "put both questions in one `group:`, so a draw asks only one of them, or reword the {field}",
        "W115": "only correct options quote something ({text!r})",
        "W115_fix": "test-wise students pick the quotation: quote in wrong options too, or in none",
        "W116": "the correct options are much longer than the wrong ones ({right} characters on average, "
                "the wrong ones {wrong})",
        "W116_fix": "make the wrong options as precise and long as the right ones, or shorten the right ones",
        "W117": "the match question has no distractor: the last pair follows from the others",
        "W117_fix": "add `distractors:` with a plausible right-hand option that matches nothing",
    },
    "nl": {
        "W100": "lint_ignore noemt {code!r}, maar dat is geen lint-regel",
        "W100_fix": "gebruik een van de codes uit docs/lint.md ({codes})",
        "W101": "de optie {text!r} is een 'alle/geen van bovenstaande'-optie",
        "W101_fix": "vervang haar door een aannemelijk fout antwoord; zo'n optie beloont halve kennis",
        "W102": "de optie {text!r} combineert andere opties ('A en B')",
        "W102_fix": "maak er een `multiple`-vraag van, of schrijf een aparte aannemelijke optie",
        "W103": "de vraag is ontkennend gesteld ({word!r}) zonder nadruk",
        "W103_fix": "stel haar bevestigend, of benadruk de ontkenning: **{word_upper}**",
        "W104": "het goede antwoord is duidelijk het langste ({long} tekens, het volgende {next})",
        "W104_fix": "maak de foute opties even precies en lang als het goede antwoord, of kort dat in",
        "W105": "de opties {first!r} en {second!r} zijn (bijna) gelijk",
        "W105_fix": "vervang een van beide door een ander aannemelijk antwoord",
        "W106": "deze vraag is (bijna) gelijk aan vraag {other!r}",
        "W106_fix": "verwijder een van beide of vraag naar iets anders",
        "W107": "de optie {text!r} gebruikt het absolute woord {word!r}",
        "W107_fix": "toetsslimme studenten strepen absolute opties weg; nuanceer of herformuleer",
        "W108": "de vraag heeft {count} opties; 3 tot 5 werkt het best",
        "W108_fix": "schrijf {action}",
        "W108.more": "meer aannemelijke foute opties",
        "W108.fewer": "minder opties: laat de minst aannemelijke weg",
        "W109": "het antwoord {answer!r} staat in de vraag zelf",
        "W109_fix": "herformuleer de vraag zodat ze het antwoord niet verraadt",
        "W110": "foute opties zonder feedback ({count}): {texts}",
        "W110_fix": "geef elke foute keuze `feedback:` die zegt waarom ze fout is",
        "W111": "de vraag heeft geen uitleg",
        "W111_fix": "voeg `explanation:` toe, getoond na het antwoorden",
        "W112": "de vraag heeft geen broncitaat",
        "W112_fix": "voeg `source:` toe met de zin uit de tekst die het antwoord geeft",
        "W113": "het goede antwoord staat op plaats {position} in {count} van {total} niet-geschudde vragen",
        "W113_fix": "wissel de plaats van het goede antwoord af, of zet `settings.shuffle_choices` aan",
        "W114": "vraag {here!r} verraadt het antwoord op vraag {other!r}: {words!r} in {field}",
        "W114_fix": "zet beide vragen in één `group:`, zodat een trekking er maar één vraagt, of herformuleer "
                    "{field}",
        "W115": "alleen goede opties bevatten een citaat ({text!r})",
        "W115_fix": "toetsslimme studenten kiezen het citaat: citeer ook in foute opties, of in geen enkele",
        "W116": "de goede opties zijn veel langer dan de foute ({right} tekens gemiddeld, de foute {wrong})",
        "W116_fix": "maak de foute opties even precies en lang als de goede, of kort de goede in",
        "W117": "de match-vraag heeft geen afleider: het laatste paar volgt uit de andere",
        "W117_fix": "voeg `distractors:` toe met een aannemelijke optie rechts die nergens bij hoort",
    },
})

ALL_OF_THE_ABOVE = {
    "en": r"\b(all|none|neither) (of )?(the |these )?(above|previous|options|answers)\b|^(all|none) of these$",
    "nl": r"\b(alle|geen van( de)?) ?(bovenstaande|bovengenoemde|voorgaande|vorige)\b"
          r"|^(geen|allemaal|alle) van (deze|beide)$|^geen van beide$",
}
COMBINED_OPTIONS = {
    "en": r"^(both\b|\(?[a-e]\)? (and|&) \(?[a-e]\)?$)",
    "nl": r"^(beide\b|allebei\b|\(?[a-e]\)? (en|&) \(?[a-e]\)?$)",
}
NEGATIONS = {
    "en": ("not", "except", "cannot", "never", "false"),
    "nl": ("niet", "geen", "behalve", "uitgezonderd", "nooit", "onjuist"),
}
ABSOLUTES = {
    "en": ("always", "never", "every", "everyone", "nobody", "completely", "absolutely", "entirely"),
    "nl": ("altijd", "nooit", "iedereen", "niemand", "volledig", "volstrekt", "absoluut", "uitsluitend",
           "nimmer", "helemaal"),
}
# A quotation: „…”, “…”, "…", «…» or ‘…’ (an apostrophe alone, as in Mali’s, is none).
QUOTATION = re.compile(r"[„“\"«][^„“”\"«»]+[”“\"»]|‘[^‘’]+’")
NEAR_DUPLICATE = 0.9
LONGEST_RATIO = 1.5
SKEW_MIN_QUESTIONS = 4


def lint(bank: Bank, positions: Positions | None = None) -> list[Problem]:
    """Every quality warning for the bank in file order (as editors list them), minus those switched off."""
    language = ui_language(bank.language)
    found: list[Problem] = []
    for index, question in enumerate(bank.questions):
        for problem in _question_problems(question, index, language):
            if not _ignored(problem.code, question, bank):
                found.append(problem)
    found += [p for p in _bank_problems(bank, language) if not _ignored(p.code, None, bank)]
    found = [replace(p, file=bank.path) for p in found]
    return sorted(locate(found, positions or {}), key=lambda p: (p.line, p.column))


def _ignored(code: str, question: AnyQuestion | None, bank: Bank) -> bool:
    codes = {c for c, _ in bank.settings.lint_ignore}
    if question is not None:
        codes |= {c for c, _ in question.lint_ignore}
    return code in codes


def _warning(rule: str, path: str, language: str, fix_values: Mapping[str, object] | None = None,
             **values: object) -> Problem:
    return Problem(file="", line=0, column=0, path=path, message=_MESSAGES(language, rule, **values),
                   fix=_MESSAGES(language, f"{rule}_fix", **(fix_values or values)),
                   severity="warning", code=rule)


QuestionRule = Callable[[AnyQuestion, str, str], Iterator[Problem]]


def _question_problems(question: AnyQuestion, index: int, language: str) -> Iterator[Problem]:
    path = f"$.questions[{index}]"
    for rule in QUESTION_RULES:
        if not (question.keyless and rule in KEY_RULES):
            yield from rule(question, path, language)


# ---- helpers on text ---------------------------------------------------------------------------

def normalized(text: str) -> str:
    """Text for comparing: no Markdown marks, accents, case, punctuation or extra spaces."""
    return " ".join(re.sub(r"[^\w\s]", " ", normalise_text(text)).split())


def _similar(a: str, b: str) -> bool:
    na, nb = normalized(a), normalized(b)
    return na == nb or SequenceMatcher(None, na, nb).ratio() >= NEAR_DUPLICATE


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:'\w+)?", text.casefold())


def _choices(question: AnyQuestion) -> tuple[Choice, ...]:
    return question.choices if isinstance(question, (ChoiceQuestion, MultipleQuestion)) else ()


def _choice_path(path: str, index: int) -> str:
    return f"{path}.choices[{index}]"


# ---- rules on one question ---------------------------------------------------------------------

def all_of_the_above(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    for i, choice in enumerate(_choices(question)):
        if re.search(ALL_OF_THE_ABOVE[language], normalized(choice.text)):
            yield _warning("W101", _choice_path(path, i), language, text=choice.text)


def combined_options(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    for i, choice in enumerate(_choices(question)):
        if re.search(COMBINED_OPTIONS[language], normalized(choice.text)):
            yield _warning("W102", _choice_path(path, i), language, text=choice.text)


def negative_stem(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    if not isinstance(question, (ChoiceQuestion, MultipleQuestion, TrueFalseQuestion)):
        return
    emphasised = {w.casefold() for w in re.findall(r"(?:\*\*|__|\*|_)(\w+)(?:\*\*|__|\*|_)", question.prompt)}
    emphasised |= {w.casefold() for w in re.findall(r"\b[A-Z]{3,}\b", question.prompt)}
    for word in _words(question.prompt):
        bare = word.removesuffix("n't")
        if (word in NEGATIONS[language] or word != bare) and word not in emphasised:
            yield _warning("W103", f"{path}.prompt", language, word=word, word_upper=word.upper())
            return


def longest_is_correct(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    if not isinstance(question, ChoiceQuestion) or len(question.choices) < 3:
        return
    key = question.choices[question.correct_index]
    longest_wrong = max(len(c.text) for c in question.choices if not c.correct)
    if len(key.text) >= LONGEST_RATIO * longest_wrong and len(key.text) - longest_wrong >= 10:
        yield _warning("W104", _choice_path(path, question.correct_index), language,
                       long=len(key.text), next=longest_wrong)


def duplicate_options(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    options, field = _option_texts(question)
    for j, later in enumerate(options):
        first = next((earlier for earlier in options[:j] if _similar(earlier, later)), None)
        if first is not None:
            yield _warning("W105", f"{path}.{field}[{j}]", language, first=first, second=later)


def _option_texts(question: AnyQuestion) -> tuple[list[str], str]:
    if isinstance(question, (ChoiceQuestion, MultipleQuestion)):
        return [c.text for c in question.choices], "choices"
    if isinstance(question, OrderQuestion):
        return list(question.items), "items"
    if isinstance(question, MatchQuestion):  # a student copy writes them as one pool, `right`
        return list(question.right_options), "right" if question.keyless else "pairs"
    return [], ""


def absolute_words(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    for i, choice in enumerate(_choices(question)):
        word = next((w for w in _words(choice.text) if w in ABSOLUTES[language]), None)
        if word:
            yield _warning("W107", _choice_path(path, i), language, text=choice.text, word=word)


def option_count(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    count = len(_choices(question))
    if count and not 3 <= count <= 5:
        action = _MESSAGES(language, "W108.more" if count < 3 else "W108.fewer")
        yield _warning("W108", f"{path}.choices", language, {"action": action}, count=count)


def only_key_quotes(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    choices = _choices(question)
    quoting = [i for i, c in enumerate(choices) if QUOTATION.search(c.text)]
    wrong = [c for c in choices if not c.correct]
    if quoting and wrong and all(choices[i].correct for i in quoting):
        yield _warning("W115", _choice_path(path, quoting[0]), language, text=choices[quoting[0]].text)


def long_right_options(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    if not isinstance(question, MultipleQuestion):
        return
    right = [len(c.text) for c in question.choices if c.correct]
    wrong = [len(c.text) for c in question.choices if not c.correct]
    if not wrong:
        return
    mean_right, mean_wrong = sum(right) / len(right), sum(wrong) / len(wrong)
    if mean_right >= LONGEST_RATIO * mean_wrong and mean_right - mean_wrong >= 10:
        yield _warning("W116", f"{path}.choices", language, right=round(mean_right), wrong=round(mean_wrong))


def match_without_distractor(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    if isinstance(question, MatchQuestion) and not question.distractors:
        yield _warning("W117", f"{path}.pairs", language)


def answer_in_stem(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    stem = normalized(_stem_without_gaps(question))
    for answer in _keys(question):
        key = normalized(answer)
        if len(key) >= 3 and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", stem):
            yield _warning("W109", f"{path}.prompt", language, answer=answer)
            return


def _stem_without_gaps(question: AnyQuestion) -> str:
    if isinstance(question, ClozeQuestion):
        return question.prompt + " " + " ".join(s for s in question.segments if isinstance(s, str))
    return question.prompt


def _keys(question: AnyQuestion) -> list[str]:
    if isinstance(question, ChoiceQuestion):
        wrong_in_stem = [c for c in question.choices if not c.correct
                         and normalized(c.text) in normalized(question.prompt)]
        return [] if wrong_in_stem else [question.choices[question.correct_index].text]
    if isinstance(question, TextQuestion):
        return list(question.answers)
    if isinstance(question, ClozeQuestion):
        return [a for gap in question.gaps if not gap.is_dropdown for a in gap.answers]
    return []


def wrong_without_feedback(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    silent = [(i, c) for i, c in enumerate(_choices(question)) if not c.correct and not c.feedback.strip()]
    if silent:
        texts = ", ".join(repr(c.text) for _, c in silent)
        yield _warning("W110", _choice_path(path, silent[0][0]), language, count=len(silent), texts=texts)


def no_explanation(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    if not question.explanation.strip():
        yield _warning("W111", path, language)


def no_source(question: AnyQuestion, path: str, language: str) -> Iterator[Problem]:
    if not any(quote.strip() for quote in question.source):
        yield _warning("W112", path, language)


QUESTION_RULES: tuple[QuestionRule, ...] = (
    all_of_the_above, combined_options, negative_stem, longest_is_correct, duplicate_options,
    absolute_words, option_count, answer_in_stem, wrong_without_feedback, no_explanation, no_source,
    only_key_quotes, long_right_options, match_without_distractor,
)
# Rules about the answer key, explanations and sources: a student copy has none of them, so they
# are left to the lint of the full bank.
KEY_RULES: frozenset[QuestionRule] = frozenset({
    longest_is_correct, answer_in_stem, wrong_without_feedback, no_explanation, no_source, only_key_quotes,
    long_right_options, match_without_distractor,
})


# ---- rules on the whole bank -------------------------------------------------------------------

def _bank_problems(bank: Bank, language: str) -> Iterator[Problem]:
    yield from duplicate_questions(bank, language)
    if not bank.keyless:
        yield from skewed_key_position(bank, language)
        yield from cross_question_leaks(bank, language)
    yield from unknown_ignores(bank, language)


def question_text(question: AnyQuestion) -> str:
    """What a student reads as the question: the prompt plus the passage, items or left sides."""
    parts = [question.prompt]
    if isinstance(question, ClozeQuestion):
        parts += [s if isinstance(s, str) else "___" for s in question.segments]
    elif isinstance(question, OrderQuestion):
        parts += question.items
    elif isinstance(question, MatchQuestion):
        parts += [p.left for p in question.pairs]
    return " ".join(parts)


def duplicate_questions(bank: Bank, language: str) -> Iterator[Problem]:
    texts = [question_text(q) for q in bank.questions]
    for j, question in enumerate(bank.questions):
        earlier = next((i for i in range(j) if _similar(texts[i], texts[j])), None)
        if earlier is not None and not _ignored("W106", question, bank):
            yield _warning("W106", f"$.questions[{j}].prompt", language, other=bank.questions[earlier].id)


def _key_shuffled(bank: Bank, question: ChoiceQuestion) -> bool:
    return bank.settings.shuffle_choices and question.shuffle


def skewed_key_position(bank: Bank, language: str) -> Iterator[Problem]:
    fixed = [q for q in bank.questions if isinstance(q, ChoiceQuestion) and not _key_shuffled(bank, q)]
    if len(fixed) < SKEW_MIN_QUESTIONS:
        return
    position, count = Counter(q.correct_index for q in fixed).most_common(1)[0]
    if count * 2 > len(fixed):
        yield _warning("W113", "$.settings.shuffle_choices", language,
                       position=position + 1, count=count, total=len(fixed))


RULE_CODES = tuple(f"W1{n:02d}" for n in range(1, 18))


# ---- cross-question leakage --------------------------------------------------------------------

def cross_question_leaks(bank: Bank, language: str) -> Iterator[Problem]:
    """The answer of one question in what a student reads of another, outside its group: a drawn
    sitting with both gives the answer away. One warning per pair of questions."""
    giveaways = [(q, _giveaways(q, bank.language)) for q in bank.questions]
    for index, here in enumerate(bank.questions):
        shown = [(f, normalized(text), normalized(context)) for f, text, context in shown_texts(here)]
        for other, answers in giveaways:
            if other is here or (here.group and here.group == other.group) \
                    or _ignored("W114", here, bank) or _ignored("W114", other, bank):
                continue
            leak = _first_leak(answers, shown)
            if leak is not None:
                words, field = leak
                yield _warning("W114", f"$.questions[{index}].{field}", language,
                               here=here.id, other=other.id, words=words, field=field)


# (as written, forms of which one must be found, other forms that must all be found too, wrong alternatives)
Giveaway = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _first_leak(answers: list[Giveaway], shown: list[tuple[str, str, str]]) -> tuple[str, str] | None:
    for written, forms, together, alternatives in answers:
        for field, text, context in shown:
            if any(_contains(text, form) for form in forms) and all(_contains(text, t) for t in together) \
                    and not any(_contains(context, normalized(alt)) for alt in alternatives):
                return written, field
    return None


def _contains(text: str, key: str) -> bool:
    return bool(key) and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text) is not None


def _giveaways(question: AnyQuestion, bank_language: str) -> list[Giveaway]:
    """What would give the answer of `question` away if a student read it elsewhere."""
    def text(answer: str, alternatives: Iterable[str] = ()) -> list[Giveaway]:
        key = normalized(answer)
        return [(answer, (key,), (), tuple(alternatives))] if len(key) >= 3 else []

    found: list[Giveaway] = []
    if isinstance(question, ChoiceQuestion):
        wrong = [c.text for c in question.choices if not c.correct]
        found += text(question.choices[question.correct_index].text, wrong)
    elif isinstance(question, MultipleQuestion):  # the answer is the set: one right option of several says little
        wrong = [c.text for c in question.choices if not c.correct]
        right = [c.text for c in question.choices if c.correct]
        keys = tuple(normalized(r) for r in right)
        found.append((", ".join(right), keys[:1], keys[1:], tuple(wrong)))
    elif isinstance(question, TextQuestion):
        for answer in question.answers:
            found += text(answer)
    elif isinstance(question, ClozeQuestion):
        for gap in question.gaps:
            wrong = [o for o in gap.options if o not in gap.answers]
            for answer in gap.answers:
                found += text(answer, wrong)
    elif isinstance(question, NumericQuestion):
        plain = format_number(question.answer, "en").replace(",", "")  # 17000, 1.26
        forms = {normalized(plain), normalized(format_number(question.answer, bank_language))}
        found.append((plain, tuple(sorted(forms)), (), ()))
    return found


def shown_texts(question: AnyQuestion) -> list[tuple[str, str, str]]:
    """(field, text, context) for what a student reads of a question before and after answering it:
    prompt, passage, items, options, hint and feedback (the explanation is left out: it quotes the
    source). The context of an option is all options: an answer offered beside one of its own wrong
    alternatives gives nothing away."""
    texts = [("prompt", question.prompt), ("hint", question.hint)]
    if isinstance(question, ClozeQuestion):
        texts.append(("text", " ".join(s if isinstance(s, str) else " ".join(s.options) for s in question.segments)))
    elif isinstance(question, OrderQuestion):
        texts += [(f"items[{i}]", item) for i, item in enumerate(question.items)]
    elif isinstance(question, MatchQuestion):
        texts += [(f"pairs[{i}]", f"{p.left} {p.right}") for i, p in enumerate(question.pairs)]
        texts += [("distractors", d) for d in question.distractors]
    texts += [(f"choices[{i}].feedback", c.feedback) for i, c in enumerate(_choices(question))]
    texts += [(f"feedback.{level}", getattr(question.feedback, level)) for level in ("correct", "partial", "incorrect")]
    options = " | ".join(c.text for c in _choices(question))
    shown = [(field, text, text) for field, text in texts if text]
    return shown + [(f"choices[{i}]", c.text, options) for i, c in enumerate(_choices(question))]


def unknown_ignores(bank: Bank, language: str) -> Iterator[Problem]:
    codes = ", ".join(RULE_CODES)
    for code, _ in bank.settings.lint_ignore:
        if code not in RULE_CODES:
            yield _warning("W100", "$.settings.lint_ignore", language, {"codes": codes}, code=code)
    for index, question in enumerate(bank.questions):
        for code, _ in question.lint_ignore:
            if code not in RULE_CODES:
                yield _warning("W100", f"$.questions[{index}].lint_ignore", language, {"codes": codes},
                               code=code)

