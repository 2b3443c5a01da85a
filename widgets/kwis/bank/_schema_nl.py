"""Dutch descriptions of the bank format's fields, keyed by the English description in `_schema`.

The English descriptions also go into `kwis schema` (JSON Schema for editors), which stays English;
the loader's fixes quote a field's description in the bank's language. `tests/test_i18n.py` checks
that every field in `_schema` has its Dutch description here.
"""

from __future__ import annotations

from kwis._i18n import ui_language
from kwis.bank._schema import Field

REASON = Field("text", "Why the rule is switched off.")

DUTCH_DESCRIPTIONS = {
    # feedback
    "Shown when the answer is fully correct (Markdown).": "Getoond als het antwoord helemaal goed is (Markdown).",
    "Shown when the answer is partly correct (Markdown).": "Getoond als het antwoord deels goed is (Markdown).",
    "Shown when the answer is wrong (Markdown).": "Getoond als het antwoord fout is (Markdown).",
    # choice and pair
    "The choice as the student sees it (Markdown).": "De keuze zoals de student haar ziet (Markdown).",
    "Whether this choice is right; default false.": "Of deze keuze goed is; standaard false.",
    "Why this choice is right or wrong, shown when it is chosen (Markdown).":
        "Waarom deze keuze goed of fout is, getoond als ze gekozen wordt (Markdown).",
    "The item to match (Markdown).": "Het item dat gekoppeld moet worden (Markdown).",
    "Its match, offered in a dropdown.": "Wat erbij hoort, aangeboden in een keuzelijst.",
    # every question
    "Unique, stable id; answers are stored by it, so keep it when editing.":
        "Unieke, vaste id; antwoorden worden eronder bewaard, dus laat hem staan als je de vraag bewerkt.",
    "The question type.": "Het vraagtype.",
    "The question (Markdown; $math$ allowed).": "De vraag (Markdown; $math$ toegestaan).",
    "Shown after answering: why the answer is what it is (Markdown).":
        "Getoond na het antwoorden: waarom het antwoord is wat het is (Markdown).",
    "Shown when the student asks for a hint (Markdown).": "Getoond als de student om een hint vraagt (Markdown).",
    "Verbatim quote(s) from the source text that ground the question; checked.":
        "Letterlijk(e) citaat/citaten uit de brontekst waarop de vraag steunt; wordt gecontroleerd.",
    "Themes, used to draw subsets and to report scores per theme.":
        "Thema's, om deelverzamelingen te trekken en scores per thema te tonen.",
    "Questions that test the same point, or would give each other away, share a group; "
    "a drawn sitting takes at most one of them.":
        "Vragen die hetzelfde punt toetsen, of elkaar zouden verraden, delen een groep; "
        "een getrokken toets neemt er hoogstens één van.",
    "1 (easy) to 3 (hard); default 1.": "1 (makkelijk) tot 3 (moeilijk); standaard 1.",
    "Weight of the question in the score; default 1.": "Gewicht van de vraag in de score; standaard 1.",
    "Question-level feedback, the three levels an LMS knows.":
        "Feedback bij de vraag, de drie niveaus die een LMS kent.",
    "true while a drafted question still needs the teacher's review.":
        "true zolang een opgestelde vraag nog door de docent nagekeken moet worden.",
    "Lint rules switched off for this question: code -> reason.":
        "Lint-regels die voor deze vraag uit staan: code -> reden.",
    # per type
    "The options; exactly one has `correct: true`.": "De opties; precies één heeft `correct: true`.",
    "The options; one or more have `correct: true`.": "De opties; één of meer hebben `correct: true`.",
    "Whether the choices may be shuffled; default true.": "Of de keuzes geschud mogen worden; standaard true.",
    "Whether the statement in the prompt is true.": "Of de bewering in de vraag waar is.",
    "The right number (write 17000, not 17.000).": "Het goede getal (schrijf 17000, niet 17.000).",
    "How far an answer may lie from `answer`; default 0.":
        "Hoe ver een antwoord van `answer` mag liggen; standaard 0.",
    "[low, high]: every number in between counts as right.":
        "[laag, hoog]: elk getal daartussen telt als goed.",
    "Shown beside the field and accepted after the number (e.g. man, %).":
        "Getoond naast het invulveld en geaccepteerd na het getal (bijvoorbeeld man, %).",
    "Whether a leading article or title counts (`the penholder`, `president Goïta`); default false: it is "
    "ignored.":
        "Of een lidwoord of titel vooraan meetelt (`de penvoerder`, `president Goïta`); standaard false: die "
        "wordt genegeerd.",
    "`date`: answers are dates, read as students write them (16 juni, 16-6, June 16).":
        "`date`: de antwoorden zijn datums, gelezen zoals studenten ze schrijven (16 juni, 16-6, June 16).",
    "Other words accepted after the number for the unit (e.g. [militairen, soldaten]); "
    "singular and plural of each are accepted anyway.":
        "Andere woorden die na het getal als eenheid goed zijn (bijvoorbeeld [militairen, soldaten]); "
        "enkelvoud en meervoud van elk zijn sowieso goed.",
    "Accepted answers; case, accents and punctuation are ignored.":
        "Goedgekeurde antwoorden; hoofdletters, accenten en leestekens tellen niet mee.",
    "Whether case matters; default false.": "Of hoofdletters tellen; standaard false.",
    "A regular expression an answer may fully match instead.":
        "Een reguliere expressie waar een antwoord in plaats daarvan helemaal aan mag voldoen.",
    "How many typing errors (edit distance) to accept; default 0.":
        "Hoeveel tikfouten (bewerkingsafstand) goedgekeurd worden; standaard 0.",
    "The passage with gaps: {{answer|alternative}}, or {{right|~wrong|~wrong}} for a dropdown.":
        "De tekst met gaten: {{antwoord|alternatief}}, of {{goed|~fout|~fout}} voor een keuzelijst.",
    "Whether case matters in typed gaps; default false.": "Of hoofdletters tellen in getypte gaten; standaard false.",
    "The items in the right order; shown shuffled.": "De items in de goede volgorde; ze worden geschud getoond.",
    "Each left item with its right-hand match.": "Elk item links met wat er rechts bij hoort.",
    "Extra right-hand options that match nothing.": "Extra opties rechts die nergens bij horen.",
    # a student copy
    "The options, none marked right; in alphabetical order unless the full bank fixes the order.":
        "De opties, geen enkele als goed gemarkeerd; op alfabet, tenzij de volledige bank de volgorde vastlegt.",
    "Shown beside the field (e.g. man, %).": "Getoond naast het invulveld (bijvoorbeeld man, %).",
    "`date`: the answer is a date.": "`date`: het antwoord is een datum.",
    "The passage with gaps and no answers: {{}} for a typed gap, {{~option|~option}} for a dropdown.":
        "De tekst met gaten zonder antwoorden: {{}} voor een getypt gat, {{~optie|~optie}} voor een keuzelijst.",
    "`date`: the typed gaps are dates.": "`date`: de getypte gaten zijn datums.",
    "The items in alphabetical order (not the right one); shown shuffled.":
        "De items op alfabet (niet in de goede volgorde); ze worden geschud getoond.",
    "The items to match, in the full bank's order.": "De items die gekoppeld moeten worden, in de volgorde van de "
                                                     "volledige bank.",
    "Every right-hand option, matches and extra options alike, in alphabetical order.":
        "Alle opties rechts, wat erbij hoort en extra opties door elkaar, op alfabet.",
    "The id of the full bank this copy was made of (the copy has the same id).":
        "De id van de volledige bank waarvan dit een kopie is (de kopie heeft dezelfde id).",
    "The full bank's title.": "De titel van de volledige bank.",
    "SHA-256 of what the students see of every question (not of the answers); `kwis grade` checks each "
    "answer against the full bank.":
        "SHA-256 van wat de studenten van elke vraag zien (niet van de antwoorden); `kwis grade` controleert "
        "elk antwoord aan de hand van de volledige bank.",
    "Present in a student copy without answers (kwis export --to student): exams on it are marked by the "
    "teacher.":
        "Staat in een studentenkopie zonder antwoorden (kwis export --to student): toetsen daarop kijkt de "
        "docent na.",
    # source
    "Title of the source text.": "Titel van de brontekst.",
    "Who published it.": "Wie haar heeft gepubliceerd.",
    "Who wrote it.": "Wie haar heeft geschreven.",
    "When it was published.": "Wanneer ze is gepubliceerd.",
    "Where it can be read.": "Waar ze te lezen is.",
    "The source text, relative to the bank; every `source` quote is checked against it.":
        "De brontekst, relatief ten opzichte van de bank; elk citaat in `source` wordt ermee vergeleken.",
    # settings
    "Shuffle the question order (seeded per student); default true.":
        "Schud de volgorde van de vragen (vast per student); standaard true.",
    "Shuffle the choices of choice and multiple questions; default true.":
        "Schud de keuzes van choice- en multiple-vragen; standaard true.",
    "Show images from other servers (`![](https://...)`); default false, because the server learns who "
    "opened the quiz.":
        "Toon afbeeldingen van andere servers (`![](https://...)`); standaard false, omdat die server dan ziet "
        "wie de quiz opent.",
    "Spaced review: the chance of still knowing an answer at which the question comes back, 0.7 to 0.99; "
    "higher means more reviews; default 0.9.":
        "Gespreid herhalen: de kans dat je een antwoord nog weet waarbij de vraag terugkomt, 0.7 tot 0.99; "
        "hoger betekent vaker herhalen; standaard 0.9.",
    "The fraction of points needed to pass, 0 to 1; default 0.6.":
        "Het deel van de punten dat nodig is om te slagen, 0 tot 1; standaard 0.6.",
    "Lint rules switched off for the whole bank: code -> reason.":
        "Lint-regels die voor de hele bank uit staan: code -> reden.",
    # the bank
    "The format version: 1.": "De formaatversie: 1.",
    "The bank's id; answers are stored under it.": "De id van de bank; antwoorden worden eronder bewaard.",
    "The bank's title.": "De titel van de bank.",
    "BCP 47 tag (nl, en, ...): the UI language and how numbers are read.":
        "BCP 47-taalcode (nl, en, ...): de taal van de quiz en hoe getallen gelezen worden.",
    "What the bank is for (Markdown).": "Waar de bank voor is (Markdown).",
    "The text the questions are built from.": "De tekst waarop de vragen gebouwd zijn.",
    "How the quiz behaves.": "Hoe de quiz zich gedraagt.",
    "The questions.": "De vragen.",
    # fields the loader makes itself
    REASON.description: "Waarom de regel uit staat.",
}


def field_description(spec: Field, language: str) -> str:
    """A field's description in the bank's language, as a phrase: `the bank's title`."""
    text = DUTCH_DESCRIPTIONS.get(spec.description, spec.description) if ui_language(language) == "nl" \
        else spec.description
    first = text[:1] if text[1:2].isupper() else text[:1].lower()  # keep acronyms: BCP 47
    return first + text[1:].rstrip(".")
