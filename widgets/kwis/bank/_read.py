"""Reading a bank file into the validated model, reporting every problem in one run (`load_bank`,
in `_loader`, is the quiz's way in: it raises on errors and keeps the banks it loaded)."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import yaml

from kwis.bank import _grounding
from kwis.bank._cloze import parse_cloze
from kwis.bank._files import SourceRefused, read_inside
from kwis.grading._dates import reads_as_date
from kwis.bank._problems import Problem
from kwis._i18n import SUPPORTED_LANGUAGES, Messages
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, Feedback, MatchQuestion,
    MultipleQuestion, NumericQuestion, OrderQuestion, Pair, Settings, Source, StudentCopy, TextQuestion,
    TrueFalseQuestion,
)
from kwis.bank._nodes import INVALID, INVISIBLE, Invalid, Reader
from kwis.bank._schema import (
    BANK_FIELDS, CHOICE_FIELDS, FEEDBACK_FIELDS, KEY_FIELDS, PAIR_FIELDS, SETTINGS_FIELDS, SOURCE_FIELDS,
    STUDENT_COPY_FIELDS, Field, fields_of_unknown_type, question_fields,
)
from kwis.bank._limits import MAX_ALIAS_NODES, MAX_BANK_BYTES, MAX_QUESTIONS, MAX_SOURCE_BYTES
from kwis.bank._yaml import compose_parts, decode, peek_language, position
from kwis.grading._text import PatternError, compile_pattern, edit_distance, nested_repetition, normalise_text

LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
# Why a source file cannot be read, in the bank's language; other errors keep the system's words.
_REASONS: tuple[tuple[type[Exception], str], ...] = (
    (FileNotFoundError, "reason_not_found"), (IsADirectoryError, "reason_folder"),
    (PermissionError, "reason_permission"), (UnicodeDecodeError, "reason_not_utf8"),
)

# Templates without fields are not passed through `str.format`: their braces stay as written.
_MESSAGES = Messages({
    "en": {
        "cannot_read_bank": "cannot read the bank: {reason}",
        "cannot_read_bank_fix": "check the path; run `kwis validate` on a .yaml file or a folder",
        "not_a_language_tag": "'{tag}' is not a language tag",
        "not_a_language_tag_fix": "write a BCP 47 tag such as `nl`, `en` or `nl-BE`",
        "unsupported_language": "kwis has no texts in '{tag}' yet; the quiz will be in English",
        "unsupported_language_fix": "use one of {supported}, or accept English",
        "cannot_read_source": "cannot read the source text '{name}': {reason}",
        "cannot_read_source_fix": "give the path relative to the bank file, e.g. `file: sources/article.txt`, "
                                  "and save the file as UTF-8",
        "reason_not_found": "No such file or directory",
        "reason_folder": "Is a directory",
        "reason_permission": "Permission denied",
        "reason_not_utf8": "the file is not UTF-8 text",
        "too_many_questions": "the bank has {count} questions; kwis reads at most {limit} in one bank",
        "too_many_questions_fix": "split it into several banks, e.g. one per topic or week",
        "too_many_aliases": "the aliases (*name) in this bank would make kwis read {count} values again, more "
                            "than the {limit} it allows; the anchor that went over starts here",
        "too_many_aliases_fix": "write the values out where they are needed, or use an alias for small values only",
        "bank_too_big": "the bank file is larger than {limit} MB",
        "bank_too_big_fix": "split it into several banks, e.g. one per topic or week",
        "reason_outside": "it lies outside the bank's folder; kwis reads source texts only from the folder of the "
                          "bank and its subfolders",
        "reason_not_regular": "it is not an ordinary file (a device, a pipe or a socket)",
        "reason_too_big": "it is larger than {limit} MB",
        "duplicate_id": "the id '{id}' is already used by the question on line {line}",
        "duplicate_id_fix": "give every question its own id",
        "draft": "question '{id}' is a draft",
        "draft_fix": "review it against the source, then remove `draft: true`",
        "quote_not_found": "this quote is not in the source text",
        "quote_not_found_fix": "copy the passage exactly; the closest passage is: «{closest}»",
        "too_few_choices": "a question needs at least two choices",
        "too_few_choices_fix": "add the plausible wrong answers as choices",
        "repeats": "{what} {index} repeats {what} {first}: '{text}'",
        "repeats_fix": "remove one of them or reword it",
        "word_choice": "choice",
        "word_item": "item",
        "word_left": "left item",
        "word_right": "right-hand option",
        "choice_correct_count": "a `choice` question needs exactly one correct choice, this one has {count}",
        "choice_no_correct_fix": "mark the right choice with `correct: true`",
        "choice_several_correct_fix": "mark one choice `correct: true`, or make it `type: multiple` if several "
                                      "are right",
        "multiple_no_correct": "a `multiple` question needs at least one correct choice",
        "multiple_no_correct_fix": "mark each right choice with `correct: true`",
        "tolerance_and_range": "a numeric question has either `tolerance` or `range`, this one has both",
        "tolerance_and_range_fix": "keep `range: [low, high]` or `answer` with `tolerance`, not both",
        "answer_outside_range": "the answer {answer} lies outside the range [{low}, {high}]",
        "answer_outside_range_fix": "make the range include the answer",
        "numeric_without_answer": "a numeric question needs an `answer` or a `range`",
        "numeric_without_answer_fix": "add `answer: 17000` (with `tolerance:` if near answers count) or "
                                      "`range: [low, high]`",
        "bad_pattern": "the pattern is not a valid regular expression: {error}",
        "bad_pattern_fix": "fix the expression (kwis matches with RE2: no look-around, no back-references, at "
                           "most 1000 characters), or leave `pattern` out and list the answers in `answers`",
        "nested_repetition": "the pattern repeats a group that itself repeats ({pattern}); kwis matches it "
                             "safely, but a backtracking engine (Python, JavaScript, an LMS) can take minutes "
                             "on a wrong answer",
        "nested_repetition_fix": "repeat once: write `a+` instead of `(a+)+`, `(ab)+` instead of `((ab)+)*`",
        "too_few_items": "an `order` question needs at least two items",
        "too_few_items_fix": "add the items in the right order",
        "two_items": "an `order` question with two items gives its answer away: it can only start reversed",
        "two_items_fix": "add a third item, or ask it as a `choice` or `true-false` question",
        "too_few_pairs": "a `match` question needs at least two pairs",
        "too_few_pairs_fix": "add another `- {left: ..., right: ...}`",
        "unknown_expect": "`expect: {value}` is not known",
        "unknown_expect_fix": "write `expect: date` for answers that are dates, or leave `expect` out",
        "answer_not_a_date": "with `expect: date` every answer must be a date, '{answer}' is none",
        "answer_not_a_date_fix": "write the date as, e.g., `16 June` or `16 June 2023`, or leave `expect` out",
        "lonely_group": "question '{id}' is the only question in group '{group}', so the group does nothing",
        "lonely_group_fix": "give the questions that test the same point the same `group:` (check the spelling), "
                            "or leave `group` out",
        "gives_away": "this is a student copy (`student_copy:`), which has no answers, but the question has "
                      "`{name}`: it gives the answer away",
        "gives_away_fix": "remove `{name}`, or make the copy again from the full bank: `kwis export BANK --to "
                          "student -o COPY.yaml`",
        "copy_of_other_bank": "`student_copy.bank` is '{copy}', but the copy's id is '{id}'",
        "copy_of_other_bank_fix": "keep the full bank's id in both places: answers are stored under it and "
                                  "`kwis grade` marks them with the full bank of that id",
    },
    "nl": {
        "cannot_read_bank": "de bank is niet te lezen: {reason}",
        "cannot_read_bank_fix": "controleer het pad; geef `kwis validate` een .yaml-bestand of een map",
        "not_a_language_tag": "'{tag}' is geen taalcode",
        "not_a_language_tag_fix": "schrijf een BCP 47-taalcode zoals `nl`, `en` of `nl-BE`",
        "unsupported_language": "kwis heeft nog geen teksten in '{tag}'; de quiz wordt in het Engels getoond",
        "unsupported_language_fix": "gebruik een van {supported}, of neem Engels voor lief",
        "cannot_read_source": "de brontekst '{name}' is niet te lezen: {reason}",
        "cannot_read_source_fix": "geef het pad ten opzichte van het bankbestand, bijvoorbeeld "
                                  "`file: sources/artikel.txt`, en sla het bestand op als UTF-8",
        "reason_not_found": "het bestand bestaat niet",
        "reason_folder": "dat is een map",
        "reason_permission": "je hebt geen toestemming om het te lezen",
        "reason_not_utf8": "het bestand is geen UTF-8-tekst",
        "too_many_questions": "de bank heeft {count} vragen; kwis leest er hoogstens {limit} in één bank",
        "too_many_questions_fix": "verdeel ze over meer banken, bijvoorbeeld één per onderwerp of week",
        "too_many_aliases": "door de aliassen (*naam) in deze bank zou kwis {count} waarden opnieuw lezen, meer "
                            "dan de {limit} die het toestaat; het anker dat de grens overschreed begint hier",
        "too_many_aliases_fix": "schrijf de waarden uit waar ze nodig zijn, of gebruik een alias alleen voor kleine "
                                "waarden",
        "bank_too_big": "het bankbestand is groter dan {limit} MB",
        "bank_too_big_fix": "verdeel de vragen over meer banken, bijvoorbeeld één per onderwerp of week",
        "reason_outside": "het staat buiten de map van de bank; kwis leest bronteksten alleen uit de map van de "
                          "bank en de mappen daarin",
        "reason_not_regular": "het is geen gewoon bestand (een apparaat, een pipe of een socket)",
        "reason_too_big": "het is groter dan {limit} MB",
        "duplicate_id": "de id '{id}' wordt al gebruikt door de vraag op regel {line}",
        "duplicate_id_fix": "geef elke vraag een eigen id",
        "draft": "vraag '{id}' is een concept",
        "draft_fix": "controleer de vraag aan de hand van de bron en haal dan `draft: true` weg",
        "quote_not_found": "dit citaat staat niet in de brontekst",
        "quote_not_found_fix": "neem de passage letterlijk over; de passage die er het meest op lijkt is: "
                               "«{closest}»",
        "too_few_choices": "een vraag heeft minstens twee keuzes nodig",
        "too_few_choices_fix": "voeg de aannemelijke foute antwoorden toe als keuzes",
        "repeats": "{what} {index} herhaalt {what} {first}: '{text}'",
        "repeats_fix": "haal er een weg of formuleer er een anders",
        "word_choice": "keuze",
        "word_item": "item",
        "word_left": "linkeritem",
        "word_right": "rechteroptie",
        "choice_correct_count": "een `choice`-vraag heeft precies één goede keuze nodig, deze heeft er {count}",
        "choice_no_correct_fix": "markeer de goede keuze met `correct: true`",
        "choice_several_correct_fix": "markeer één keuze met `correct: true`, of maak er `type: multiple` van als "
                                      "er meer goed zijn",
        "multiple_no_correct": "een `multiple`-vraag heeft minstens één goede keuze nodig",
        "multiple_no_correct_fix": "markeer elke goede keuze met `correct: true`",
        "tolerance_and_range": "een numeric-vraag heeft `tolerance` of `range`, deze heeft ze allebei",
        "tolerance_and_range_fix": "houd `range: [low, high]` of `answer` met `tolerance` over, niet allebei",
        "answer_outside_range": "het antwoord {answer} ligt buiten het bereik [{low}, {high}]",
        "answer_outside_range_fix": "zorg dat het antwoord binnen het bereik valt",
        "numeric_without_answer": "een numeric-vraag heeft een `answer` of een `range` nodig",
        "numeric_without_answer_fix": "voeg `answer: 17000` toe (met `tolerance:` als antwoorden in de buurt ook "
                                      "goed zijn) of `range: [low, high]`",
        "bad_pattern": "het patroon is geen geldige reguliere expressie: {error}",
        "bad_pattern_fix": "verbeter de expressie (kwis gebruikt RE2: geen look-around, geen terugverwijzingen, "
                           "hoogstens 1000 tekens), of laat `pattern` weg en zet de antwoorden in `answers`",
        "nested_repetition": "het patroon herhaalt een groep die zelf herhaalt ({pattern}); kwis kan dat veilig, "
                             "maar een backtracking-engine (Python, JavaScript, een LMS) kan er minuten over doen "
                             "bij een fout antwoord",
        "nested_repetition_fix": "herhaal één keer: schrijf `a+` in plaats van `(a+)+`, `(ab)+` in plaats van "
                                 "`((ab)+)*`",
        "too_few_items": "een `order`-vraag heeft minstens twee items nodig",
        "too_few_items_fix": "voeg de items toe in de goede volgorde",
        "two_items": "een `order`-vraag met twee items verraadt het antwoord: ze kan alleen omgekeerd beginnen",
        "two_items_fix": "voeg een derde item toe, of stel de vraag als `choice`- of `true-false`-vraag",
        "too_few_pairs": "een `match`-vraag heeft minstens twee paren nodig",
        "too_few_pairs_fix": "voeg nog een `- {left: ..., right: ...}` toe",
        "unknown_expect": "`expect: {value}` is onbekend",
        "unknown_expect_fix": "schrijf `expect: date` voor antwoorden die datums zijn, of laat `expect` weg",
        "answer_not_a_date": "met `expect: date` moet elk antwoord een datum zijn, '{answer}' is dat niet",
        "answer_not_a_date_fix": "schrijf de datum als bijvoorbeeld `16 juni` of `16 juni 2023`, of laat `expect` "
                                 "weg",
        "lonely_group": "vraag '{id}' is de enige vraag in groep '{group}', dus de groep doet niets",
        "lonely_group_fix": "geef de vragen die hetzelfde punt toetsen dezelfde `group:` (controleer de spelling), "
                            "of laat `group` weg",
        "gives_away": "dit is een studentenkopie (`student_copy:`), zonder antwoorden, maar de vraag heeft "
                      "`{name}`: dat verraadt het antwoord",
        "gives_away_fix": "haal `{name}` weg, of maak de kopie opnieuw uit de volledige bank: `kwis export BANK "
                          "--to student -o KOPIE.yaml`",
        "copy_of_other_bank": "`student_copy.bank` is '{copy}', maar de id van de kopie is '{id}'",
        "copy_of_other_bank_fix": "houd op beide plaatsen de id van de volledige bank aan: de antwoorden worden "
                                  "eronder bewaard en `kwis grade` kijkt ze na met de volledige bank met die id",
    },
})


@dataclass(frozen=True)
class Loaded:
    """What reading a bank gave: the bank (None when it has errors), every problem, and positions."""

    bank: Bank | None
    problems: tuple[Problem, ...]
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    language: str = "en"  # the bank's, as far as it could be read
    question_count: int = 0  # questions in the file, also those with errors
    # The bank as far as it was built, also when it has errors (a question with errors of its own
    # left out): for a live preview while the teacher types. Never quiz or grade with it.
    partial: Bank | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def read_bank(path: str | os.PathLike[str]) -> Loaded:
    """Reads a bank file without raising: the bank if it has no errors, and all problems found."""
    file = os.fspath(path)
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_BANK_BYTES + 1)
    except OSError as err:
        reason = err.strerror or str(err)
        # No text, so no `language:` to read: English.
        return Loaded(None, (Problem(file, 0, 0, "$", _MESSAGES("en", "cannot_read_bank", reason=reason),
                                     _MESSAGES("en", "cannot_read_bank_fix")),))
    return read_bank_bytes(data, file)


def read_bank_bytes(data: bytes, file: str) -> Loaded:
    """`read_bank` of the bytes already read from `file` (at most MAX_BANK_BYTES + 1 of them)."""
    if len(data) > MAX_BANK_BYTES:
        language = peek_language(data[:100_000].decode("utf-8", "replace"))
        return Loaded(None, (Problem(file, 0, 0, "$", _MESSAGES(language, "bank_too_big",
                                                                 limit=MAX_BANK_BYTES // 1_000_000),
                                     _MESSAGES(language, "bank_too_big_fix")),), language=language)
    text, issue = decode(data)
    if text is None:
        assert issue is not None
        return Loaded(None, (Problem(file, issue.line, issue.column, "$", issue.message, issue.fix),),
                      language=issue.language)
    return read_bank_text(text, file=file, base_dir=Path(file).parent)


def read_bank_text(text: str, *, file: str = "<text>", base_dir: Path | None = None) -> Loaded:
    """Reads a bank from YAML text; `base_dir` resolves `source.file` (None: source is not read)."""
    composed = compose_parts(text)
    syntax = [Problem(file, i.line, i.column, i.path, i.message, i.fix) for i in composed.issues]
    if composed.root is None:
        language = composed.issues[0].language if composed.issues else "en"
        return Loaded(None, tuple(syntax), language=language)
    reader = Reader(file, language=_peek_language(composed.root) or peek_language(text))
    too_big = _over_limits(composed.root, reader.language, file, anchors="&" in text)
    if too_big is not None:
        return Loaded(None, (too_big,), language=reader.language)
    bank = _BankBuilder(reader, base_dir, text.splitlines()).build(composed.root)
    found = syntax + [p for p in reader.problems if not _under(p.path, composed.unread)]
    problems = tuple(sorted(found, key=lambda p: (p.line, p.column)))
    has_errors = any(p.severity == "error" for p in problems)
    return Loaded(None if has_errors else bank, problems, reader.positions, reader.language,
                  question_count=_question_count(composed.root), partial=bank)


def _over_limits(root: yaml.Node, language: str, file: str, *, anchors: bool = True) -> Problem | None:
    """The first limit of docs/security.md the document breaks, before any of it is read: too
    many questions, or aliases (`*name`) that would make kwis read too many nodes."""
    count = _question_count(root)
    if count > MAX_QUESTIONS:
        return Problem(file, 1, 1, "$.questions", _MESSAGES(language, "too_many_questions", count=count,
                                                            limit=MAX_QUESTIONS),
                       _MESSAGES(language, "too_many_questions_fix"))
    # Without an `&` in the text there is no anchor, so no alias: nothing to count.
    expanded, anchor = _alias_expansion(root) if anchors else (0, None)
    if anchor is not None:
        line, column = position(anchor)
        return Problem(file, line, column, "$", _MESSAGES(language, "too_many_aliases", count=expanded,
                                                          limit=MAX_ALIAS_NODES),
                       _MESSAGES(language, "too_many_aliases_fix"))
    return None


def _alias_expansion(root: yaml.Node) -> tuple[int, yaml.Node | None]:
    """How many nodes reading would visit again through aliases, and (past MAX_ALIAS_NODES) the
    anchored node that went over. Subtree sizes are counted once, so a billion laughs is cheap."""
    sizes: dict[int, int] = {}
    seen: set[int] = set()
    expanded = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            expanded += _size(node, sizes)
            if expanded > MAX_ALIAS_NODES:
                return expanded, node
            continue
        seen.add(id(node))
        stack.extend(_children(node))
    return expanded, None


def _size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Nodes in the tree below `node`, aliases expanded (memoised by node)."""
    order, stack = [], [node]
    while stack:
        current = stack.pop()
        if id(current) in sizes:
            continue
        order.append(current)
        stack.extend(_children(current))
    for current in reversed(order):
        sizes[id(current)] = 1 + sum(sizes.get(id(child), 1) for child in _children(current))
    return sizes[id(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _under(path: str, unread: frozenset[str]) -> bool:
    """Whether `path` lies in a part that could not be read (its syntax error is reported instead)."""
    return any(path == part or path.startswith((part + ".", part + "[")) for part in unread)


def _question_count(root: yaml.Node) -> int:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "questions" and isinstance(value, yaml.SequenceNode):
                return len(value.value)
    return 0


def _peek_language(root: yaml.Node) -> str:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "language" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return ""


class _BankBuilder:
    def __init__(self, reader: Reader, base_dir: Path | None, lines: list[str] | None = None) -> None:
        self.reader = reader
        self.base_dir = base_dir
        self.lines = lines or []  # the file's lines, to place a problem inside a block of text
        self.source_text = ""
        self.normalised_source = ""
        self._passages: _grounding.PassageIndex | None = None
        self.keyless = False  # a student copy: questions without answers

    def passages(self) -> _grounding.PassageIndex:
        """The source's passages, indexed on the first wrong quote."""
        if self._passages is None:
            self._passages = _grounding.PassageIndex(self.source_text)
        return self._passages

    def say(self, key: str, **values: object) -> str:
        """A message of this module's table in the bank's language."""
        return _MESSAGES(self.reader.language, key, **values)

    def build(self, root: yaml.Node) -> Bank | None:
        values = self.reader.mapping(root, BANK_FIELDS, "$", "the_bank")
        if values is None:
            return None
        self._check_language(root, values.get("language"))
        source = self._source(values.get("source"))
        settings = self._settings(values.get("settings"))
        copy = self._student_copy(values.get("student_copy"), values.get("id"))
        self.keyless = "student_copy" in values
        questions = self._questions(values.get("questions"))
        if any(isinstance(values.get(k, INVALID), Invalid) for k in ("id", "title", "language", "kwis")):
            return None
        return Bank(id=values["id"], title=values["title"], language=values["language"],
                    questions=tuple(questions), description=values.get("description", ""),
                    source=source, settings=settings or Settings(), path=self.reader.file,
                    student_copy=copy)

    def _student_copy(self, node: Any, bank_id: Any) -> StudentCopy | None:
        if not isinstance(node, yaml.Node):
            return None
        values = self.reader.mapping(node, STUDENT_COPY_FIELDS, "$.student_copy", "the_student_copy")
        if values is None or any(isinstance(v, Invalid) for v in values.values()) or "bank" not in values:
            return None
        if isinstance(bank_id, str) and values["bank"] != bank_id:
            self.reader.report(self.reader.positions["$.student_copy.bank"], "$.student_copy.bank",
                               self.say("copy_of_other_bank", copy=values["bank"], id=bank_id),
                               self.say("copy_of_other_bank_fix"))
        return StudentCopy(**values)

    def _check_language(self, root: yaml.Node, language: Any) -> None:
        where = self.reader.positions.get("$.language", (1, 1))
        if not isinstance(language, str):
            return
        if not LANGUAGE_TAG.match(language):
            self.reader.report(where, "$.language", self.say("not_a_language_tag", tag=language),
                               self.say("not_a_language_tag_fix"))
        elif language.split("-")[0].lower() not in SUPPORTED_LANGUAGES:
            self.reader.report(where, "$.language", self.say("unsupported_language", tag=language),
                               self.say("unsupported_language_fix", supported=", ".join(SUPPORTED_LANGUAGES)),
                               severity="warning")

    def _source(self, node: Any) -> Source | None:
        if not isinstance(node, yaml.Node):
            return None
        values = self.reader.mapping(node, SOURCE_FIELDS, "$.source", "the_source")
        if values is None:
            return None
        plain = {k: v for k, v in values.items() if isinstance(v, str)}
        if "file" in plain and self.base_dir is not None:
            self.source_text = self._read_source_file(plain["file"])
            self.normalised_source = _grounding.normalise(self.source_text)
        return Source(**plain, text=self.source_text)

    def _read_source_file(self, name: str) -> str:
        assert self.base_dir is not None
        where = self.reader.positions["$.source.file"]
        try:
            return read_inside(self.base_dir, name).decode("utf-8")
        except (OSError, UnicodeDecodeError, SourceRefused) as err:
            reason = self.say(err.key, limit=MAX_SOURCE_BYTES // 1_000_000) if isinstance(err, SourceRefused) \
                else self._reason(err)
            self.reader.report(where, "$.source.file", self.say("cannot_read_source", name=name, reason=reason),
                               self.say("cannot_read_source_fix"))
            return ""

    def _reason(self, err: Exception) -> str:
        for kind, key in _REASONS:
            if isinstance(err, kind):
                return self.say(key)
        return getattr(err, "strerror", None) or str(err)

    def _settings(self, node: Any) -> Settings | None:
        if not isinstance(node, yaml.Node):
            return None
        values = self.reader.mapping(node, SETTINGS_FIELDS, "$.settings", "the_settings")
        if values is None:
            return None
        return Settings(**{k: v for k, v in values.items() if not isinstance(v, Invalid)})

    def _questions(self, node: Any) -> list[AnyQuestion]:
        if not isinstance(node, yaml.SequenceNode):
            return []
        placed: list[tuple[int, yaml.Node, AnyQuestion]] = []
        first_line: dict[str, int] = {}
        for index, item in enumerate(node.value):
            question = _QuestionBuilder(self, f"$.questions[{index}]").build(item)
            if question is not None and self._unique(question.id, item, index, first_line):
                placed.append((index, item, question))
        self._check_groups(placed)
        questions = [question for _, _, question in placed]
        return with_near_names(questions, self.source_text)

    def _check_groups(self, placed: list[tuple[int, yaml.Node, AnyQuestion]]) -> None:
        """A group of one question is most likely a misspelt group name."""
        sizes = Counter(q.group for _, _, q in placed if q.group)
        for index, item, question in placed:
            if question.group and sizes[question.group] == 1:
                path = f"$.questions[{index}].group"
                self.reader.report(self.reader.positions.get(path, position(item)), path,
                                   self.say("lonely_group", id=question.id, group=question.group),
                                   self.say("lonely_group_fix"), severity="warning")

    def _unique(self, question_id: str, node: yaml.Node, index: int, first_line: dict[str, int]) -> bool:
        if question_id in first_line:
            path = f"$.questions[{index}].id"
            self.reader.report(self.reader.positions.get(path, position(node)), path,
                               self.say("duplicate_id", id=question_id, line=first_line[question_id]),
                               self.say("duplicate_id_fix"))
            return False
        first_line[question_id] = position(node)[0]
        return True


class _QuestionBuilder:
    def __init__(self, bank: _BankBuilder, path: str) -> None:
        self.bank = bank
        self.reader = bank.reader
        self.say = bank.say
        self.path = path

    def build(self, node: yaml.Node) -> AnyQuestion | None:
        qtype = self._type(node)
        keyless = self.bank.keyless
        fields = question_fields(qtype, keyless=keyless) if qtype else fields_of_unknown_type()
        if keyless:  # read so that each gets its own message below, not "unknown field"
            fields = {**{n: Field("unchecked", "") for n in KEY_FIELDS}, **fields}
        values = self.reader.mapping(node, fields, self.path, "the_question")
        if values is None:
            return None
        if keyless:
            self._refuse_keys(node, values)
        else:
            self._check_grounding(values.get("source", ()))  # also when the question has other errors
        if qtype is None:
            return None
        common = self._common(values)
        builders = _KEYLESS_BUILDERS if keyless else _TYPE_BUILDERS
        specific = builders[qtype](self, node, values)
        if common is None or specific is None:
            return None
        if common.get("draft"):
            self.reader.report(node, self.path, self.say("draft", id=common["id"]), self.say("draft_fix"),
                               severity="warning")
        return specific(**common)

    def _type(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.MappingNode):
            return None
        for key, value in node.value:
            if key.value == "type":
                probe = Reader(self.reader.file)
                result = probe.value(Field("type", ""), value, "")
                return result if isinstance(result, str) else None
        return None

    def _common(self, values: dict[str, Any]) -> dict[str, Any] | None:
        names = ("id", "prompt", "explanation", "hint", "source", "tags", "group", "difficulty", "points",
                 "draft", "lint_ignore")
        common = {n: values[n] for n in names if n in values}
        if self.bank.keyless:
            common = {n: v for n, v in common.items() if n not in KEY_FIELDS}
            common["keyless"] = True
            return None if any(isinstance(v, Invalid) for v in common.values()) or "id" not in common \
                or "prompt" not in common else common
        common["feedback"] = self._feedback(values.get("feedback"))
        if any(isinstance(v, Invalid) for v in common.values()) or "id" not in common:
            return None
        return common if "prompt" in common else None

    def _refuse_keys(self, node: yaml.Node, values: dict[str, Any]) -> None:
        """A student copy carries no answer: every field that would give one away is an error."""
        for name in sorted(set(values) & KEY_FIELDS, key=lambda n: self.reader.positions[f"{self.path}.{n}"]):
            self.report(name, self.say("gives_away", name=name), self.say("gives_away_fix", name=name))
        choices = next((v for k, v in node.value if k.value == "choices"), None) \
            if isinstance(node, yaml.MappingNode) else None
        for index, item in enumerate(choices.value if isinstance(choices, yaml.SequenceNode) else ()):
            for key, _value in item.value if isinstance(item, yaml.MappingNode) else ():
                if key.value in ("correct", "feedback"):
                    path = f"{self.path}.choices[{index}].{key.value}"
                    self.reader.report(position(key), path, self.say("gives_away", name=key.value),
                                       self.say("gives_away_fix", name=key.value))

    def _feedback(self, node: Any) -> Feedback | Invalid:
        if not isinstance(node, yaml.Node):
            return INVALID if isinstance(node, Invalid) else Feedback()
        values = self.reader.mapping(node, FEEDBACK_FIELDS, f"{self.path}.feedback", "the_feedback")
        if values is None or any(isinstance(v, Invalid) for v in values.values()):
            return INVALID
        return Feedback(**values)

    def _check_grounding(self, quotes: Any) -> None:
        if not self.bank.normalised_source or isinstance(quotes, Invalid):
            return
        for index, quote in enumerate(quotes):
            if not _grounding.quote_found(quote, self.bank.normalised_source):
                path = f"{self.path}.source" + (f"[{index}]" if len(quotes) > 1 else "")
                where = self.reader.positions.get(path, self.reader.positions[f"{self.path}.source"])
                closest = self.bank.passages().closest(quote)
                self.reader.report(where, path, self.say("quote_not_found"),
                                   self.say("quote_not_found_fix", closest=closest))

    # --- per type -----------------------------------------------------------------------------

    def choices(self, node: yaml.Node, values: dict[str, Any]) -> tuple[Choice, ...] | None:
        items = values.get("choices")
        if not isinstance(items, yaml.SequenceNode):
            return None
        choices = [self._choice(item, f"{self.path}.choices[{i}]") for i, item in enumerate(items.value)]
        if any(c is None for c in choices):
            return None
        checked = tuple(c for c in choices if c is not None)
        return checked if self._distinct_choices(checked, items) else None

    def _choice(self, node: yaml.Node, path: str) -> Choice | None:
        if isinstance(node, yaml.ScalarNode):
            text = self.reader.value(CHOICE_FIELDS["text"], node, path)
            return Choice(text) if isinstance(text, str) else None
        values = self.reader.mapping(node, CHOICE_FIELDS, path, "the_choice")
        if values is None or any(isinstance(v, Invalid) for v in values.values()) or "text" not in values:
            return None
        return Choice(**values)

    def _distinct_choices(self, choices: tuple[Choice, ...], node: yaml.SequenceNode) -> bool:
        if len(choices) < 2:
            self.reader.report(node, f"{self.path}.choices", self.say("too_few_choices"),
                               self.say("too_few_choices_fix"))
            return False
        return self._distinct([c.text for c in choices], f"{self.path}.choices", "word_choice")

    def _distinct(self, texts: list[str], path: str, what: str) -> bool:
        """No two texts the same; `what` is the table key of what they are (`word_item`)."""
        seen: dict[str, int] = {}
        for index, text in enumerate(texts):
            key = INVISIBLE.sub("", _grounding.normalise(text)).casefold()
            if key in seen:
                where = self.reader.positions.get(f"{path}[{index}]", self.reader.positions[path])
                message = self.say("repeats", what=self.say(what), index=index + 1, first=seen[key] + 1, text=text)
                self.reader.report(where, f"{path}[{index}]", message, self.say("repeats_fix"))
                return False
            seen[key] = index
        return True

    def report(self, field_name: str, message: str, fix: str) -> None:
        path = f"{self.path}.{field_name}"
        self.reader.report(self.reader.positions.get(path, self.reader.positions[self.path]), path, message, fix)


Specific = Callable[..., AnyQuestion]


def _choice(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    choices = b.choices(node, values)
    if choices is None:
        return None
    correct = sum(c.correct for c in choices)
    if correct != 1:
        b.report("choices", b.say("choice_correct_count", count=correct),
                 b.say("choice_several_correct_fix" if correct else "choice_no_correct_fix"))
        return None
    return lambda **common: ChoiceQuestion(choices=choices, shuffle=_given(values, "shuffle", True), **common)


def _multiple(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    choices = b.choices(node, values)
    if choices is None:
        return None
    if not any(c.correct for c in choices):
        b.report("choices", b.say("multiple_no_correct"), b.say("multiple_no_correct_fix"))
        return None
    return lambda **common: MultipleQuestion(choices=choices, shuffle=_given(values, "shuffle", True), **common)


def _true_false(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    answer = values.get("answer")
    if not isinstance(answer, bool):
        return None
    return lambda **common: TrueFalseQuestion(answer=answer, **common)


def _numeric(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    answer, tolerance, span = values.get("answer"), values.get("tolerance"), values.get("range")
    if any(isinstance(v, Invalid) for v in (answer, tolerance, span, values.get("unit"), values.get("units"))):
        return None
    bounds = _numeric_bounds(b, answer, tolerance, span)
    if bounds is None:
        return None
    low, high = bounds
    value = answer if answer is not None else (low + high) / 2
    unit, units = values.get("unit", ""), values.get("units", ())
    return lambda **common: NumericQuestion(answer=value, low=low, high=high, unit=unit, units=units,
                                            from_range=span is not None, **common)


def _numeric_bounds(b: _QuestionBuilder, answer: float | None, tolerance: float | None,
                    span: tuple[float, float] | None) -> tuple[float, float] | None:
    if span is not None and tolerance is not None:
        b.report("range", b.say("tolerance_and_range"), b.say("tolerance_and_range_fix"))
        return None
    if span is not None:
        if answer is not None and not span[0] <= answer <= span[1]:
            b.report("answer", b.say("answer_outside_range", answer=f"{answer:g}", low=f"{span[0]:g}",
                                     high=f"{span[1]:g}"), b.say("answer_outside_range_fix"))
            return None
        return span
    if answer is None:
        b.report("answer", b.say("numeric_without_answer"), b.say("numeric_without_answer_fix"))
        return None
    return answer - (tolerance or 0.0), answer + (tolerance or 0.0)


def _text(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    answers, pattern = values.get("answers"), values.get("pattern", "")
    if not isinstance(answers, tuple) or isinstance(pattern, Invalid) or not _pattern_ok(b, pattern):
        return None
    options = {k: values[k] for k in ("case_sensitive", "typos", "strict_articles", "expect") if k in values}
    if any(isinstance(v, Invalid) for v in options.values()) or not _expect_ok(b, options.get("expect", ""), answers):
        return None
    return lambda **common: TextQuestion(answers=answers, pattern=pattern, **options, **common)


def _expect_ok(b: _QuestionBuilder, expect: Any, answers: tuple[str, ...]) -> bool:
    """`expect` is `date` or absent; with `date`, every answer must read as a date."""
    if expect not in ("", "date"):
        b.report("expect", b.say("unknown_expect", value=expect), b.say("unknown_expect_fix"))
        return False
    for answer in answers if expect == "date" else ():
        if not reads_as_date(answer, b.reader.language):
            b.report("expect", b.say("answer_not_a_date", answer=answer), b.say("answer_not_a_date_fix"))
            return False
    return True


def _pattern_ok(b: _QuestionBuilder, pattern: str) -> bool:
    if not pattern:  # no pattern: nothing to compile (nor RE2 to import)
        return True
    try:
        compile_pattern(pattern)
    except PatternError as err:
        detail = err.args[0].decode("utf-8", "replace") if err.args and isinstance(err.args[0], bytes) else err
        b.report("pattern", b.say("bad_pattern", error=detail), b.say("bad_pattern_fix"))
        return False
    if nested_repetition(pattern):
        path = f"{b.path}.pattern"
        b.reader.report(b.reader.positions.get(path, b.reader.positions[b.path]), path,
                        b.say("nested_repetition", pattern=pattern), b.say("nested_repetition_fix"),
                        severity="warning")
    return True


def _cloze(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    text = values.get("text")
    if not isinstance(text, str):
        return None
    segments, error = parse_cloze(text, b.reader.language)
    if error is not None:
        where = _place_in_text(node, "text", error.offset, b.bank.lines) or b.reader.positions[f"{b.path}.text"]
        b.reader.report(where, f"{b.path}.text", error.message, error.fix)
        return None
    options = {k: values[k] for k in ("case_sensitive", "strict_articles", "expect") if k in values}
    if any(isinstance(v, Invalid) for v in options.values()) or not _expect_ok(b, options.get("expect", ""), ()):
        return None
    return lambda **common: ClozeQuestion(segments=segments, **options, **common)


_NAME = re.compile(r"\b[A-ZÀ-Ý][\w'’-]+")


def with_near_names(questions: list[AnyQuestion], source_text: str) -> list[AnyQuestion]:
    """Text questions with `typos` learn the bank's other names that lie within their typos.

    A name is a capitalised word of the source text, or any answer, choice, item or option of
    another question: `Bali` in the source keeps `typos: 1` from accepting it for `Mali`.
    """
    if not any(isinstance(q, TextQuestion) and q.typos for q in questions):
        return questions
    names = set(_NAME.findall(source_text)) | {text for q in questions for text in _texts_of(q)}
    by_length: dict[int, list[tuple[str, str]]] = {}
    for name in names:  # normalised once, not once per question; by length, as typos cannot bridge more
        plain = normalise_text(name)
        by_length.setdefault(len(plain), []).append((name, plain))
    found: dict[tuple[frozenset[str], int], tuple[str, ...]] = {}  # questions that accept the same answers
    return [_near(q, by_length, found) if isinstance(q, TextQuestion) and q.typos else q for q in questions]


def _near(question: TextQuestion, names: dict[int, list[tuple[str, str]]],
          found: dict[tuple[frozenset[str], int], tuple[str, ...]]) -> TextQuestion:
    accepted = frozenset(normalise_text(a) for a in question.answers)
    typos = question.typos
    if (accepted, typos) not in found:
        near = {name for a in accepted for length in range(len(a) - typos, len(a) + typos + 1)
                for name, plain in names.get(length, ())
                if plain not in accepted and edit_distance(plain, a, limit=typos) <= typos}
        found[accepted, typos] = tuple(sorted(near))
    near_names = found[accepted, typos]
    return replace(question, near_names=near_names) if near_names else question


def _texts_of(question: AnyQuestion) -> list[str]:
    if isinstance(question, (ChoiceQuestion, MultipleQuestion)):
        return [c.text for c in question.choices]
    if isinstance(question, TextQuestion):
        return list(question.answers)
    if isinstance(question, ClozeQuestion):
        return [text for gap in question.gaps for text in gap.answers + gap.options]
    if isinstance(question, OrderQuestion):
        return list(question.items)
    if isinstance(question, MatchQuestion):
        return [p.left for p in question.pairs] + [p.right for p in question.pairs] + list(question.distractors)
    return []


def _place_in_text(node: yaml.Node, key: str, offset: int, lines: list[str]) -> tuple[int, int] | None:
    """Line and column of character `offset` of the (stripped) text under `key`, where YAML keeps them.

    Exact for a one-line value and for a `|` block (indented like its first line in `lines`); None
    for folded text, whose line breaks YAML has changed.
    """
    value = next((v for k, v in node.value if k.value == key), None) if isinstance(node, yaml.MappingNode) else None
    if not isinstance(value, yaml.ScalarNode) or not isinstance(value.value, str):
        return None
    raw = value.value
    at = offset + len(raw) - len(raw.lstrip())
    start = value.start_mark
    if value.style == "|":
        first = lines[start.line + 1] if start.line + 1 < len(lines) else ""
        indent = len(first) - len(first.lstrip(" "))
        return start.line + 2 + raw[:at].count("\n"), indent + 1 + at - (raw.rfind("\n", 0, at) + 1)
    if "\n" in raw[:at]:
        return None
    return start.line + 1, start.column + 1 + (1 if value.style in ("'", '"') else 0) + at


def _order_items(b: _QuestionBuilder, values: dict[str, Any]) -> tuple[str, ...] | None:
    """An order question's items, at least two and all different (reported if not)."""
    items = values.get("items")
    if not isinstance(items, tuple):
        return None
    if len(items) < 2:
        b.report("items", b.say("too_few_items"), b.say("too_few_items_fix"))
        return None
    if not b._distinct(list(items), f"{b.path}.items", "word_item"):
        return None
    return items


def _order(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    items = _order_items(b, values)
    if items is None:
        return None
    if len(items) == 2:
        b.reader.report(b.reader.positions.get(f"{b.path}.items", b.reader.positions[b.path]), f"{b.path}.items",
                        b.say("two_items"), b.say("two_items_fix"), severity="warning")
    return lambda **common: OrderQuestion(items=items, **common)


def _match(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    pairs_node, distractors = values.get("pairs"), values.get("distractors", ())
    if not isinstance(pairs_node, yaml.SequenceNode) or isinstance(distractors, Invalid):
        return None
    pairs = [_pair(b, item, f"{b.path}.pairs[{i}]") for i, item in enumerate(pairs_node.value)]
    if any(p is None for p in pairs):
        return None
    checked = tuple(p for p in pairs if p is not None)
    if len(checked) < 2:
        b.report("pairs", b.say("too_few_pairs"), b.say("too_few_pairs_fix"))
        return None
    if not b._distinct([p.left for p in checked], f"{b.path}.pairs", "word_left"):
        return None
    rights = [p.right for p in checked] + list(distractors)
    if not b._distinct(rights, f"{b.path}.pairs", "word_right"):
        return None
    return lambda **common: MatchQuestion(pairs=checked, distractors=distractors, **common)


def _pair(b: _QuestionBuilder, node: yaml.Node, path: str) -> Pair | None:
    values = b.reader.mapping(node, PAIR_FIELDS, path, "the_pair")
    if values is None or not all(isinstance(values.get(k), str) for k in ("left", "right")):
        return None
    return Pair(values["left"], values["right"])


def _given(values: dict[str, Any], name: str, default: Any) -> Any:
    value = values.get(name, default)
    return default if isinstance(value, Invalid) else value


_TYPE_BUILDERS: dict[str, Callable[[_QuestionBuilder, yaml.Node, dict[str, Any]], Specific | None]] = {
    "choice": _choice, "multiple": _multiple, "true-false": _true_false, "numeric": _numeric,
    "text": _text, "cloze": _cloze, "order": _order, "match": _match,
}


# -- a student copy (keyless): what a student needs to answer, no answer ----------------------------

_NO_ANSWER = float("nan")


def _keyless_choices(b: _QuestionBuilder, values: dict[str, Any]) -> tuple[Choice, ...] | None:
    texts = values.get("choices")
    if not isinstance(texts, tuple):
        return None
    if len(texts) < 2:
        b.report("choices", b.say("too_few_choices"), b.say("too_few_choices_fix"))
        return None
    if not b._distinct(list(texts), f"{b.path}.choices", "word_choice"):
        return None
    return tuple(Choice(text) for text in texts)


def _keyless_choice(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    choices = _keyless_choices(b, values)
    if choices is None:
        return None
    kind = ChoiceQuestion if values.get("type") == "choice" else MultipleQuestion
    return lambda **common: kind(choices=choices, shuffle=_given(values, "shuffle", True), **common)


def _keyless_true_false(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    return lambda **common: TrueFalseQuestion(answer=False, **common)


def _keyless_numeric(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    unit = values.get("unit", "")
    if isinstance(unit, Invalid):
        return None
    return lambda **common: NumericQuestion(answer=_NO_ANSWER, low=_NO_ANSWER, high=_NO_ANSWER, unit=unit,
                                            **common)


def _keyless_text(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    expect = values.get("expect", "")
    if isinstance(expect, Invalid) or not _expect_ok(b, expect, ()):
        return None
    return lambda **common: TextQuestion(answers=(), expect=expect, **common)


def _keyless_cloze(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    text, expect = values.get("text"), values.get("expect", "")
    if not isinstance(text, str) or isinstance(expect, Invalid) or not _expect_ok(b, expect, ()):
        return None
    segments, error = parse_cloze(text, b.reader.language, keyless=True)
    if error is not None:
        where = _place_in_text(node, "text", error.offset, b.bank.lines) or b.reader.positions[f"{b.path}.text"]
        b.reader.report(where, f"{b.path}.text", error.message, error.fix)
        return None
    return lambda **common: ClozeQuestion(segments=segments, expect=expect, **common)


def _keyless_order(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    items = _order_items(b, values)
    if items is None:
        return None
    return lambda **common: OrderQuestion(items=items, **common)


def _keyless_match(b: _QuestionBuilder, node: yaml.Node, values: dict[str, Any]) -> Specific | None:
    lefts, rights = values.get("left"), values.get("right")
    if not isinstance(lefts, tuple) or not isinstance(rights, tuple):
        return None
    if len(lefts) < 2:
        b.report("left", b.say("too_few_pairs"), b.say("too_few_pairs_fix"))
        return None
    if not b._distinct(list(lefts), f"{b.path}.left", "word_left") or \
            not b._distinct(list(rights), f"{b.path}.right", "word_right"):
        return None
    pairs = tuple(Pair(left, "") for left in lefts)
    return lambda **common: MatchQuestion(pairs=pairs, distractors=rights, **common)


_KEYLESS_BUILDERS: dict[str, Callable[[_QuestionBuilder, yaml.Node, dict[str, Any]], Specific | None]] = {
    "choice": _keyless_choice, "multiple": _keyless_choice, "true-false": _keyless_true_false,
    "numeric": _keyless_numeric, "text": _keyless_text, "cloze": _keyless_cloze, "order": _keyless_order,
    "match": _keyless_match,
}
