"""`kwis draft`: proposes questions from an article, each with its verbatim source sentence.

Sentences with a figure become numeric questions, with a date or a name cloze questions, and a
quoted statement whose speaker is named becomes a text question (who said it). Every question is
`draft: true`; the teacher reviews each one.

The text's language is detected (Dutch or English) unless given; numbers are read in it.
Hard-wrapped text (Gutenberg, copies from PDF) is unwrapped into paragraphs before sentences are
cut, and an abbreviation (`B.C.`, `e.g.`, `dhr.`, `o.a.`) or an initial does not end a sentence.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from kwis._i18n import Messages, ui_language
from kwis.bank._ids import slug, unique_id
from kwis._model import AnyQuestion, Bank, ClozeQuestion, Gap, NumericQuestion, Source, TextQuestion
from kwis.grading._numbers import NumberFormatError, parse_number

_MESSAGES = Messages({
    "en": {
        "numeric": "Which number is missing?\n\n> {sentence}",
        "cloze.date": "Fill in the missing date.", "cloze.year": "Fill in the missing year.",
        "cloze.name": "Fill in the missing name.",
        "who": "Who said: “{quote}”?",
        "description": "Draft questions made by `kwis draft` from {file}. Review every one.",
    },
    "nl": {
        "numeric": "Welk getal ontbreekt?\n\n> {sentence}",
        "cloze.date": "Vul de ontbrekende datum in.", "cloze.year": "Vul het ontbrekende jaartal in.",
        "cloze.name": "Vul de ontbrekende naam in.",
        "who": "Wie zei: „{quote}”?",
        "description": "Conceptvragen, gemaakt door `kwis draft` uit {file}. Controleer ze allemaal.",
    },
})

MONTHS = {
    "nl": "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
    "en": "January|February|March|April|May|June|July|August|September|October|November|December",
}
SPEECH_VERBS = {"nl": r"zegt|zei|stelt|stelde|sprak|eiste|aldus|vertelt|vertelde",
                "en": r"says|said|according to|tells|told|demanded"}
# A capitalised word pair is taken for a person only next to a speech verb or a role noun
# ("minister Abdoulaye Diop", "Martijn Kitzen, hoogleraar"), and never when it holds an
# institution word ("minister van Buitenlandse Zaken", "de Verenigde Naties").
ROLE_NOUNS = {
    "nl": r"minister|president|premier|hoogleraar|onderzoeker|hoofd|generaal|woordvoerder|"
          r"ambassadeur|directeur|voorzitter|leider|secretaris-generaal|kolonel|analist",
    "en": r"minister|president|prime minister|professor|researcher|head|general|spokesman|"
          r"spokeswoman|spokesperson|ambassador|director|chair|leader|secretary-general|analyst",
}
INSTITUTION_WORDS = frozenset(
    "Zaken Naties Academie Groep Stifting Stichting Defensie Raad Unie Staten Ministerie Republiek "
    "Bank Instituut Universiteit Partij Kamer Affairs Nations Academy Group Foundation Council Union "
    "States Ministry Republic Institute University Party House Office".split())
NUMBER_WORDS = {
    "nl": {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
           "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
           "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
           "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
           "tachtig": 80, "negentig": 90},
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
           "fifty": 50, "hundred": 100},
}
SCALES = {"nl": {"honderd": 100, "duizend": 1000, "miljoen": 1_000_000},
          "en": {"hundred": 100, "thousand": 1000, "million": 1_000_000}}
SENTENCE_END = re.compile(r"[.!?]+[”’\"»)]*(?=\s+[„“‘\"«(]?[A-Z0-9À-Ý]|\s*$)")
ABBREVIATIONS = frozenset(
    "b.c a.d e.g i.e etc vs cf mr mrs ms dr prof st jr sr gen col lt no fig approx ca "
    "dhr mevr mr o.a bijv m.a.w d.w.z enz nl resp drs ir ing blz vgl jl j.l zgn a.s".split())
NAME = re.compile(r"(?<![.!?„“‘]\s)(?<!^)\b([A-Z][a-zà-ÿ]+(?:[- ][A-Z][a-zà-ÿ]+)*)(?![-\w])")
_PART_OF_A_NAME = re.compile(r"[A-Z][a-zà-ÿ]+\s$")  # "Abdoulaye Diop": Diop alone is not the name
FIGURES = {
    "nl": re.compile(r"(?<![\w,.])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w,.]\d)"),
    "en": re.compile(r"(?<![\w,.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w,.]\d)"),
}
STOPWORDS = {
    "nl": frozenset("de het een van en is dat niet op met voor zijn er maar ook bij naar als wordt werd "
                    "heeft hebben door dan nog wel deze die om uit".split()),
    "en": frozenset("the of and to is that it was for with on as by at from has have were are this "
                    "which but not be an they their".split()),
}


def detect_language(text: str) -> str:
    """`nl` or `en`, whichever language's most common words the text has more of."""
    words = re.findall(r"[a-zà-ÿ]+", text.casefold())
    counts = {lang: sum(word in common for word in words) for lang, common in STOPWORDS.items()}
    return max(counts, key=lambda lang: (counts[lang], lang == "en"))


def unwrap(text: str) -> list[str]:
    """The text's paragraphs, each on one line: hard line breaks inside a paragraph are spaces."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph; an abbreviation or initial before a full stop does not end one."""
    found, start = [], 0
    for end in SENTENCE_END.finditer(paragraph):
        word = paragraph[start:end.start()].split()[-1:] or [""]
        if end.group(0).startswith(".") and _is_abbreviation(word[0]):
            continue
        found.append(paragraph[start:end.end()].strip())
        start = end.end()
    rest = paragraph[start:].strip()
    return found + ([rest] if rest else [])


def _is_abbreviation(word: str) -> bool:
    bare = word.lstrip("(„“‘\"").casefold()
    return bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha()) or "." in bare


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: str


def sentences(text: str) -> Iterator[Sentence]:
    """Each sentence with the paragraph it stands in, hard line breaks made spaces (quotes are
    compared with white space collapsed, so they still stand in the source); headings and
    captions are skipped."""
    for paragraph in unwrap(text):
        if len(paragraph) < 80:
            continue
        for sentence in split_sentences(paragraph):
            if len(sentence.split()) >= 6:
                yield Sentence(sentence, paragraph)


def number_word(word: str, language: str) -> int | None:
    """`zeventienduizend` -> 17000, `vijfhonderd` -> 500; None for other words."""
    units, scales = NUMBER_WORDS[language], SCALES[language]
    rest, value, current = word.lower(), 0, 0
    while rest:
        match = next((w for w in sorted({**units, **scales}, key=len, reverse=True) if rest.startswith(w)), None)
        if match is None:
            return None
        if match in scales:
            current = max(current, 1) * scales[match]
            if scales[match] >= 1000:
                value, current = value + current, 0
        else:
            current += units[match]
        rest = rest[len(match):]
        tens = tuple(w for w, v in units.items() if v >= 20)
        if match in units and rest.startswith(("en", "ën")) and rest[2:].startswith(tens):  # tweeëntwintig
            rest = rest[2:]
    total = value + current
    return total if total >= 100 else None


def _numeric(sentence: Sentence, language: str, lang: str) -> AnyQuestion | None:
    for word in re.findall(r"\w+", sentence.text):
        spelled = number_word(word, language)
        if spelled is not None:
            blank = sentence.text.replace(word, "…", 1)
            return NumericQuestion(id="", prompt=_MESSAGES(lang, "numeric", sentence=blank), answer=spelled,
                                   low=spelled, high=spelled, source=(sentence.text,), draft=True)
    for match in FIGURES[language].finditer(sentence.text):
        digits = match.group(1)
        try:
            value = parse_number(digits, language)
        except NumberFormatError:
            continue  # 1.400 in English: two readings, not a question to propose
        if 1900 <= value <= 2100 and digits.isdigit():
            continue  # years become cloze questions
        if re.match(rf"\s+(?:{MONTHS[language]})\b", sentence.text[match.end():]):
            continue  # so do dates
        blank = sentence.text[:match.start()] + "…" + sentence.text[match.end():]
        scale = re.match(rf"\s+({'|'.join(SCALE_WORDS[language])})\b", sentence.text[match.end():])
        return NumericQuestion(id="", prompt=_MESSAGES(lang, "numeric", sentence=blank), answer=value,
                               low=value, high=value, unit=scale.group(1) if scale else "",
                               source=(sentence.text,), draft=True)
    return None


SCALE_WORDS = {"nl": ("duizend", "miljoen", "miljard"), "en": ("thousand", "million", "billion")}


def _cloze(sentence: Sentence, language: str, lang: str) -> AnyQuestion | None:
    patterns = ((rf"\b\d{{1,2}} (?:{MONTHS[language]})\b", "date"), (r"\b(?:19|20)\d\d\b", "year"))
    found = [(re.search(pattern, sentence.text), what) for pattern, what in patterns]
    found.append((next(person_names(sentence.text, language), None), "name"))
    for match, what in found:
        if match and "{" not in sentence.text:
            text = sentence.text
            segments = tuple(s for s in (text[:match.start()], Gap((match.group(0),)), text[match.end():])
                             if s != "")
            return ClozeQuestion(id="", prompt=_MESSAGES(lang, f"cloze.{what}"), segments=segments,
                                 source=(sentence.text,), draft=True)
    return None


def person_names(text: str, language: str) -> Iterator[re.Match[str]]:
    """Capitalised word pairs in `text` that stand next to a speech verb or a role noun."""
    cue = rf"(?:{SPEECH_VERBS[language]})|[\w-]*(?:{ROLE_NOUNS[language]})"
    before = re.compile(rf"(?:^|[\s(])(?:{cue})\s+$", re.IGNORECASE)
    after = re.compile(rf"^(?:,\s*(?:[\w’'-]+\s+){{0,2}}?)?\s*(?:{cue})\b", re.IGNORECASE)
    role = re.compile(rf"^(?:(?:{ROLE_NOUNS[language]}|foreign|minister|mr|mrs|dr)\s+)+", re.IGNORECASE)
    modifier = re.compile(rf"^[\s-]*[\w-]*(?:{ROLE_NOUNS[language]})\s+[A-Z]", re.IGNORECASE)
    for found in NAME.finditer(text):
        lead = role.match(found.group(0))  # "Foreign Minister Diop": the name is Diop
        match = re.compile(re.escape(found.group(0)[lead.end():])).search(text, found.start() + lead.end()) \
            if lead else found
        if match is None or not match.group(0) or INSTITUTION_WORDS.intersection(re.split(r"[\s-]", match.group(0))):
            continue
        if " " not in match.group(0) and not lead and _PART_OF_A_NAME.search(text[:match.start()]):
            continue
        if modifier.match(text[match.end():]):
            continue  # "Sahel researcher Yvan Guichaoa": the person is the name after the role
        if before.search(text[:match.start()]) or after.match(text[match.end():]):
            yield match


def _who_said(sentence: Sentence, language: str, lang: str) -> AnyQuestion | None:
    quote = re.search(r"[„“\"]([^”\"]{15,200})[”\"]", sentence.text)
    if not quote:
        return None
    speaker = next(person_names(sentence.text, language), None) or next(person_names(sentence.paragraph, language),
                                                                          None)
    if speaker is None:
        return None
    full = speaker.group(0)
    answers = (full, full.split()[-1]) if " " in full else (full,)
    return TextQuestion(id="", prompt=_MESSAGES(lang, "who", quote=quote.group(1).strip().rstrip(",;:")), answers=answers,
                        source=(quote.group(0),), draft=True)


def draft_questions(text: str, language: str = "", limit: int = 20) -> list[AnyQuestion]:
    """Draft questions in article order, at most one per sentence, with unique ids.

    `language` is the text's (`nl`, `en`); empty: detected from the text.
    """
    lang = ui_language(language or detect_language(text))
    language = lang
    found: list[AnyQuestion] = []
    seen_ids: set[str] = set()
    seen_sentences: set[str] = set()
    for sentence in sentences(text):
        if sentence.text in seen_sentences:
            continue
        seen_sentences.add(sentence.text)
        for make in (_who_said, _numeric, _cloze):
            question = make(sentence, language, lang)
            if question is not None:
                qid = unique_id(slug(" ".join(sentence.text.split()[:5]), "vraag"), seen_ids)
                seen_ids.add(qid)
                found.append(replace(question, id=qid))
                break
        if len(found) >= limit:
            break
    return found


def draft_bank(text: str, source_path: Path, bank_dir: Path, *, language: str = "",
               limit: int = 20) -> Bank:
    """A bank of draft questions; `source.file` is relative to `bank_dir`, where the bank will live.

    `language` is the text's; empty: detected from the text (the bank's language is the text's).
    """
    lang = ui_language(language or detect_language(text))
    language = language or lang
    header = source_header(text)
    title = header.get("title") or next((line.strip() for line in text.splitlines() if line.strip()),
                                        source_path.stem)
    relative = Path(os.path.relpath(source_path.resolve(), bank_dir.resolve())).as_posix()
    return Bank(id=slug(source_path.stem.split(".")[0], "draft"), title=title, language=language,
                questions=tuple(draft_questions(_body(text) if header else text, lang, limit)),
                description=_MESSAGES(lang, "description", file=source_path.name),
                source=Source(title=title, publisher=header.get("publisher", ""),
                              author=header.get("author", ""), date=header.get("date", ""),
                              url=header.get("url", ""), file=relative))


def _body(text: str) -> str:
    """The text after the header paragraph."""
    return text.strip().split("\n\n", 1)[-1]


HEADER_KEYS = {"titel": "title", "title": "title", "uitgever": "publisher", "publisher": "publisher",
               "auteur": "author", "author": "author", "datum": "date", "date": "date", "url": "url"}


def source_header(text: str) -> dict[str, str]:
    """`Titel: ...`, `Uitgever: ...` lines in the first paragraph of a source file, if it has them."""
    first = text.strip().split("\n\n", 1)[0].splitlines()
    fields = [re.match(r"^(\w+):\s*(.+)$", line.strip()) for line in first]
    if not first or not fields[0] or fields[0].group(1).lower() not in HEADER_KEYS:
        return {}
    return {HEADER_KEYS[m.group(1).lower()]: m.group(2).strip()
            for m in fields if m and m.group(1).lower() in HEADER_KEYS}
