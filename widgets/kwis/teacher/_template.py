"""The starter bank of `kwis new` and of the JupyterLab extension's File > New.

A starter is a small, complete bank in Dutch or English: the schema comment, a title, the source
block and one question of each type, every field explained in a comment. Its example questions are
grounded in a short example text about Project Jupyter that comes with it (`sources/<stem>.txt`),
so the starter validates and lints clean and its quotes are really checked. Given the teacher's own
text instead, the source block points to that text and the quotes are left for the teacher to copy
(lint then lists every question without one).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from kwis._i18n import Messages

STARTER_LANGUAGES = ("nl", "en")
# A question's `source:` quote line, with the list items of a quote list under it.
_QUOTE = re.compile(r"^( +)source:.*\n(?:\1 +- .*\n)*", re.M)

_MESSAGES = Messages({
    "en": {
        "language": "the starter bank exists in Dutch (nl) and English (en), not in {code!r}",
        "title": "My first kwis bank",
        "exists": "{path} exists already: choose another name or remove it first",
        "quote_later": "source: copy the passage that answers this question from {file}",
    },
    "nl": {
        "language": "de startbank bestaat in het Nederlands (nl) en het Engels (en), niet in {code!r}",
        "title": "Mijn eerste kwis-bank",
        "exists": "{path} bestaat al: kies een andere naam of verwijder het eerst",
        "quote_later": "source: kopieer de passage die deze vraag beantwoordt uit {file}",
    },
})


@dataclass(frozen=True)
class Starter:
    """The files of a starter bank: paths relative to the bank's folder, and their text."""

    bank: str
    files: dict[str, str]


def starter_bank(bank_name: str, language: str = "nl", source: str | os.PathLike[str] | None = None,
                 bank_dir: str | os.PathLike[str] | None = None) -> Starter:
    """The starter bank called `bank_name` (a file name such as `history.yaml`) in `language`.

    Without `source`, the example text comes along as `sources/<stem>.txt`. With `source` (the
    teacher's text), the source block names it relative to `bank_dir`, the folder the bank goes in.
    """
    if language not in STARTER_LANGUAGES:
        raise ValueError(_MESSAGES("en", "language", code=language))
    stem = Path(bank_name).stem
    bank_id = _slug(stem) or "bank"
    if source is None:
        source_file = f"sources/{stem}.txt"
        source_block = _EXAMPLE_SOURCE_BLOCK[language].substitute(file=source_file)
    else:
        folder = (Path(bank_dir) if bank_dir is not None else Path.cwd()).resolve()
        resolved = Path(source).resolve()
        # kwis reads a source only inside the bank's folder tree (docs/security.md): one outside is copied in.
        copied = not resolved.is_relative_to(folder)
        source_file = f"sources/{resolved.name}" if copied else resolved.relative_to(folder).as_posix()
        source_block = _OWN_SOURCE_BLOCK[language].substitute(
            file=source_file, title=_yaml_text(_first_line(Path(source)) or stem))
    text = _HEADER[language].substitute(id=bank_id, title=_MESSAGES(language, "title"), source=source_block)
    text += _QUESTIONS[language]
    if source is not None:
        note = _MESSAGES(language, "quote_later", file=source_file)
        text = _QUOTE.sub(lambda m: f"{m.group(1)}# {note}\n", text)
        files = {Path(bank_name).name: text}
        if copied:
            files[source_file] = Path(source).read_text(encoding="utf-8")
        return Starter(Path(bank_name).name, files)
    return Starter(Path(bank_name).name, {Path(bank_name).name: text, source_file: _EXAMPLE_TEXT[language]})


def write_starter(bank_path: str | os.PathLike[str], language: str = "nl",
                  source: str | os.PathLike[str] | None = None, schema: str | None = None) -> list[Path]:
    """Writes the starter bank (and its example text, and `schema` as bank.schema.json when there
    is none yet); refuses to overwrite a file. Returns the files written."""
    bank_path = Path(bank_path)
    folder = bank_path.parent
    starter = starter_bank(bank_path.name, language, source, folder)
    targets = {folder / name: text for name, text in starter.files.items()}
    for path in targets:
        if path.exists():
            raise FileExistsError(_MESSAGES(language, "exists", path=path))
    if schema is not None and not (folder / "bank.schema.json").exists():
        targets[folder / "bank.schema.json"] = schema
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(targets)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for line in handle:
                if line.strip():
                    return line.strip()[:120]
    except (OSError, UnicodeDecodeError):
        return ""
    return ""


def _yaml_text(text: str) -> str:
    """A one-line YAML scalar in double quotes (titles may hold ':' or '#')."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_HEADER = {
    "en": Template("""\
# yaml-language-server: $$schema=bank.schema.json
# A kwis question bank. The line above gives editors that speak the YAML language server (VS Code)
# completion and checking against bank.schema.json (`kwis schema` prints it).
# Check your work with `kwis validate` and `kwis lint`; `kwis notebook` makes a student notebook.
# Every field of the format: docs/bank-format.md in kwis's source.
kwis: 1                      # the format version: always 1
id: $id        # students' answers are stored under this id: keep it once students have started
title: $title   # the title students see
language: en                 # decides the buttons, messages and how typed numbers are read (nl, en)
description: >-
  What this bank is for, shown above the quiz. The example questions below are about a short
  example text on Project Jupyter; replace them with questions about your own text.
$source
settings:
  shuffle: true              # each student gets the questions in their own order
  shuffle_choices: true      # and the choices of choice and multiple questions
  pass_mark: 0.6             # the fraction of the points needed to pass

questions:
"""),
    "nl": Template("""\
# yaml-language-server: $$schema=bank.schema.json
# Een kwis-vragenbank. De regel hierboven geeft editors die de YAML language server spreken (VS Code)
# aanvulling en controle tegen bank.schema.json (`kwis schema` drukt het af).
# Controleer je werk met `kwis validate` en `kwis lint`; `kwis notebook` maakt een notebook voor leerlingen.
# Elk veld van het formaat: docs/bank-format.md in de broncode van kwis.
kwis: 1                      # de versie van het formaat: altijd 1
id: $id        # de antwoorden van leerlingen worden onder dit id bewaard: houd het zodra ze begonnen zijn
title: $title   # de titel die leerlingen zien
language: nl                 # bepaalt knoppen, meldingen en hoe getypte getallen gelezen worden (nl, en)
description: >-
  Waarvoor deze bank dient, boven de quiz getoond. De voorbeeldvragen hieronder gaan over een
  korte voorbeeldtekst over Project Jupyter; vervang ze door vragen over je eigen tekst.
$source
settings:
  shuffle: true              # elke leerling krijgt de vragen in een eigen volgorde
  shuffle_choices: true      # en de keuzes van choice- en multiple-vragen ook
  pass_mark: 0.6             # het deel van de punten dat nodig is om te slagen

questions:
"""),
}

_EXAMPLE_SOURCE_BLOCK = {
    "en": Template("""\
source:                      # the text the questions are built from
  title: Project Jupyter (example text of the kwis starter bank)
  file: $file   # relative to this bank; every question's quote must occur in it"""),
    "nl": Template("""\
source:                      # de tekst waarop de vragen gebouwd zijn
  title: Project Jupyter (voorbeeldtekst van de kwis-startbank)
  file: $file   # ten opzichte van deze bank; elk citaat van een vraag moet erin staan"""),
}

_OWN_SOURCE_BLOCK = {
    "en": Template("""\
source:                      # the text the questions are built from
  title: $title
  file: $file   # relative to this bank; every question's quote must occur in it"""),
    "nl": Template("""\
source:                      # de tekst waarop de vragen gebouwd zijn
  title: $title
  file: $file   # ten opzichte van deze bank; elk citaat van een vraag moet erin staan"""),
}

_EXAMPLE_TEXT = {
    "en": """\
Project Jupyter
Example text of the kwis starter bank

Project Jupyter grew out of IPython, an interactive Python shell that Fernando Pérez started in 2001 \
as a graduate student. In 2014 the language-independent parts of IPython were split off into a new \
project, Jupyter. The name refers to three programming languages: Julia, Python and R.

A notebook is saved as a JSON file with the extension .ipynb. The code in a notebook is run by a \
kernel, a separate process that executes the code and sends back the results. JupyterLab, the \
successor to the classic Notebook interface, reached version 1.0 in 2019.
""",
    "nl": """\
Project Jupyter
Voorbeeldtekst van de kwis-startbank

Project Jupyter is voortgekomen uit IPython, een interactieve Python-shell waarmee Fernando Pérez in \
2001 als promovendus begon. In 2014 werden de taalonafhankelijke delen van IPython afgesplitst in een \
nieuw project: Jupyter. De naam verwijst naar drie programmeertalen: Julia, Python en R.

Een notebook wordt bewaard als JSON-bestand met de extensie .ipynb. De code in een notebook wordt \
uitgevoerd door een kernel, een apart proces dat de code uitvoert en de resultaten terugstuurt. \
JupyterLab, de opvolger van de klassieke Notebook-omgeving, bereikte in 2019 versie 1.0.
""",
}

_QUESTIONS = {
    "en": """\
  # choice: one right option. Give every wrong option feedback that says why it is wrong.
  - id: ipython-founder      # unique and stable: answers are stored by it
    type: choice
    difficulty: 1            # 1 recall, 2 understanding, 3 reasoning
    tags: [history, people]  # themes: for subsets and the score per theme
    prompt: Who started IPython, the project Jupyter grew out of?   # Markdown
    choices:
      - text: Fernando Pérez
        correct: true
      - text: Guido van Rossum
        feedback: Guido van Rossum created the Python language; the text names someone else for IPython.
      - text: The Python Software Foundation
        feedback: The text names one person, who started IPython as a graduate student.
    explanation: Fernando Pérez started IPython in 2001, as a graduate student.   # shown after answering
    source: IPython, an interactive Python shell that Fernando Pérez started in 2001   # copied verbatim from the text

  # multiple: one or more right options; a wrong mark cancels a right one.
  - id: name-languages
    type: multiple
    difficulty: 1
    tags: [names]
    prompt: Which programming languages does the name Jupyter refer to? Choose all that apply.
    choices:
      - {text: Julia, correct: true}
      - {text: Python, correct: true}
      - {text: R, correct: true}
      - text: Java
        feedback: Java is not in the name; the three languages are Julia, Python and R.
    explanation: The name refers to Julia, Python and R.
    source: "The name refers to three programming languages: Julia, Python and R."

  # true-false: a statement to judge.
  - id: notebook-json
    type: true-false
    difficulty: 1
    tags: [files]
    prompt: A notebook is saved as a JSON file.
    answer: true
    feedback:                # question-level feedback: correct, partial, incorrect
      incorrect: The text says a notebook is a JSON file with the extension .ipynb.
    explanation: A notebook is a JSON file with the extension .ipynb.
    source: A notebook is saved as a JSON file with the extension .ipynb.

  # numeric: a number; `tolerance` or `range` accept an interval, `unit` is shown next to the field.
  - id: jupyter-year
    type: numeric
    difficulty: 2
    tags: [history]
    prompt: In which year were the language-independent parts of IPython split off into Jupyter?
    answer: 2014
    hint: It happened thirteen years after IPython was started.   # shown when asked for
    explanation: In 2014 the language-independent parts of IPython became Jupyter.
    source: In 2014 the language-independent parts of IPython were split off into a new project, Jupyter.

  # text: a word or name to type; list every spelling you accept, `typos` forgives small slips.
  - id: kernel-term
    type: text
    group: kernel            # questions on one point share a group: a drawn quiz asks one of them
    difficulty: 2
    tags: [terms]
    prompt: What is the separate process that runs the code in a notebook called?
    answers: [kernel, a kernel]
    typos: 1
    explanation: A kernel runs the code and sends back the results.
    source: a kernel, a separate process that executes the code and sends back the results

  # cloze: a passage with gaps; {{answer}} is typed, {{right|~wrong|~wrong}} is a dropdown.
  - id: jupyterlab-successor
    type: cloze
    difficulty: 2
    tags: [history, terms]
    prompt: Complete the passage.
    text: >-
      JupyterLab is the successor to the classic Notebook interface and reached version
      {{1.0|~2.0|~3.0}} in {{2019}}.
    explanation: JupyterLab succeeded the classic Notebook interface and reached 1.0 in 2019.
    source: JupyterLab, the successor to the classic Notebook interface, reached version 1.0 in 2019.

  # order: the items in the right order; students see them shuffled.
  - id: timeline
    type: order
    difficulty: 2
    tags: [history]
    prompt: Put these events in the order in which they happened, earliest first.
    items:
      - IPython is started
      - Jupyter is split off from IPython
      - JupyterLab reaches its first major version
    explanation: IPython began in 2001, Jupyter in 2014, JupyterLab 1.0 came in 2019.
    source:                  # several passages: a list
      - Fernando Pérez started in 2001
      - In 2014 the language-independent parts of IPython were split off
      - reached version 1.0 in 2019

  # match: pair each left side with its right side; distractors are extra wrong right sides.
  - id: terms
    type: match
    group: kernel
    difficulty: 3
    tags: [terms]
    prompt: Match each term with what it is.
    pairs:
      - {left: kernel, right: the process that runs the code}
      - {left: .ipynb, right: the extension of a notebook file}
      - {left: JupyterLab, right: the successor to the classic Notebook}
    distractors: [the language Jupyter is written in]
    explanation: The kernel runs the code, a notebook is an .ipynb file, JupyterLab followed the Notebook.
    source:
      - The code in a notebook is run by a kernel
      - a JSON file with the extension .ipynb
      - JupyterLab, the successor to the classic Notebook interface
""",
    "nl": """\
  # choice: één juiste optie. Geef elke foute optie feedback die zegt waarom ze fout is.
  - id: ipython-oprichter    # uniek en blijvend: antwoorden worden eronder bewaard
    type: choice
    difficulty: 1            # 1 kennen, 2 begrijpen, 3 redeneren
    tags: [geschiedenis, personen]   # thema's: voor deelquizzen en de score per thema
    prompt: Wie begon IPython, het project waaruit Jupyter is voortgekomen?   # Markdown
    choices:
      - text: Fernando Pérez
        correct: true
      - text: Guido van Rossum
        feedback: Guido van Rossum bedacht de taal Python; de tekst noemt iemand anders voor IPython.
      - text: De Python Software Foundation
        feedback: De tekst noemt één persoon, die als promovendus met IPython begon.
    explanation: Fernando Pérez begon in 2001 met IPython, als promovendus.   # getoond na het antwoorden
    source: IPython, een interactieve Python-shell waarmee Fernando Pérez in 2001 als promovendus begon   # letterlijk uit de tekst

  # multiple: één of meer juiste opties; een foute keuze heft een goede op.
  - id: naam-talen
    type: multiple
    difficulty: 1
    tags: [namen]
    prompt: Naar welke programmeertalen verwijst de naam Jupyter? Kies alle juiste.
    choices:
      - {text: Julia, correct: true}
      - {text: Python, correct: true}
      - {text: R, correct: true}
      - text: Java
        feedback: Java zit niet in de naam; de drie talen zijn Julia, Python en R.
    explanation: De naam verwijst naar Julia, Python en R.
    source: "De naam verwijst naar drie programmeertalen: Julia, Python en R."

  # true-false: een bewering om te beoordelen.
  - id: notebook-json
    type: true-false
    difficulty: 1
    tags: [bestanden]
    prompt: Een notebook wordt bewaard als JSON-bestand.
    answer: true
    feedback:                # feedback op de vraag: correct, partial, incorrect
      incorrect: Volgens de tekst is een notebook een JSON-bestand met de extensie .ipynb.
    explanation: Een notebook is een JSON-bestand met de extensie .ipynb.
    source: Een notebook wordt bewaard als JSON-bestand met de extensie .ipynb.

  # numeric: een getal; `tolerance` of `range` accepteren een marge, `unit` staat naast het veld.
  - id: jupyter-jaar
    type: numeric
    difficulty: 2
    tags: [geschiedenis]
    prompt: In welk jaar werden de taalonafhankelijke delen van IPython afgesplitst in Jupyter?
    answer: 2014
    hint: Het gebeurde dertien jaar nadat IPython begonnen was.   # getoond als de leerling erom vraagt
    explanation: In 2014 werden de taalonafhankelijke delen van IPython het project Jupyter.
    source: "In 2014 werden de taalonafhankelijke delen van IPython afgesplitst in een nieuw project: Jupyter."

  # text: een woord of naam om te typen; noem elke spelling die je goedkeurt, `typos` vergeeft kleine fouten.
  - id: kernel-begrip
    type: text
    group: kernel            # vragen over één punt delen een groep: een getrokken quiz vraagt er één
    difficulty: 2
    tags: [begrippen]
    prompt: Hoe heet het aparte proces dat de code in een notebook uitvoert?
    answers: [kernel, een kernel]
    typos: 1
    explanation: Een kernel voert de code uit en stuurt de resultaten terug.
    source: een kernel, een apart proces dat de code uitvoert en de resultaten terugstuurt

  # cloze: een tekst met gaten; {{antwoord}} wordt getypt, {{goed|~fout|~fout}} is een keuzelijst.
  - id: jupyterlab-opvolger
    type: cloze
    difficulty: 2
    tags: [geschiedenis, begrippen]
    prompt: Vul de tekst aan.
    text: >-
      JupyterLab is de opvolger van de klassieke Notebook-omgeving en bereikte in {{2019}} versie
      {{1.0|~2.0|~3.0}}.
    explanation: JupyterLab volgde de klassieke Notebook-omgeving op en bereikte in 2019 versie 1.0.
    source: JupyterLab, de opvolger van de klassieke Notebook-omgeving, bereikte in 2019 versie 1.0.

  # order: de items in de juiste volgorde; leerlingen zien ze door elkaar.
  - id: tijdlijn
    type: order
    difficulty: 2
    tags: [geschiedenis]
    prompt: Zet deze gebeurtenissen in de volgorde waarin ze plaatsvonden, de vroegste eerst.
    items:
      - IPython wordt begonnen
      - Jupyter wordt afgesplitst van IPython
      - JupyterLab bereikt zijn eerste hoofdversie
    explanation: IPython begon in 2001, Jupyter in 2014, JupyterLab 1.0 kwam in 2019.
    source:                  # meer passages: een lijst
      - Fernando Pérez in 2001 als promovendus begon
      - In 2014 werden de taalonafhankelijke delen van IPython afgesplitst
      - bereikte in 2019 versie 1.0

  # match: koppel elke linkerkant aan zijn rechterkant; distractors zijn extra foute rechterkanten.
  - id: begrippen
    type: match
    group: kernel
    difficulty: 3
    tags: [begrippen]
    prompt: Koppel elk begrip aan wat het is.
    pairs:
      - {left: kernel, right: het proces dat de code uitvoert}
      - {left: .ipynb, right: de extensie van een notebookbestand}
      - {left: JupyterLab, right: de opvolger van de klassieke Notebook}
    distractors: [de taal waarin Jupyter geschreven is]
    explanation: De kernel voert de code uit, een notebook is een .ipynb-bestand, JupyterLab volgde de Notebook op.
    source:
      - De code in een notebook wordt uitgevoerd door een kernel
      - JSON-bestand met de extensie .ipynb
      - JupyterLab, de opvolger van de klassieke Notebook-omgeving
""",
}
