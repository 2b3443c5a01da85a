"""`kwis notebook`: a ready student notebook for a bank (title, source, quiz cell, summary cell).

The quiz cell names no store: `kwis.Quiz` uses `$KWIS_STORE` when it is set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

import nbformat
from nbformat.notebooknode import NotebookNode

from kwis._i18n import Messages, ui_language
from kwis._model import Bank

_MESSAGES = Messages({
    "en": {
        "intro": "This quiz has {count} questions. Answer each one and press **Check**; after answering "
                 "you see the explanation and the passage from the source.",
        "source": "Source: {cite}.",
        "read_first": "Read the text first: every question refers to a passage in it.",
        "result": "## Your result",
        "result_intro": "Your progress and score; once every question is answered, a summary with your "
                        "score per topic and the passages to reread.",
        "exam_intro": "This exam has {count} questions. Answer each one, then press **Submit** at the end; "
                      "your teacher marks your answers.",
        "exam_result": "## Submitted?",
        "exam_result_intro": "How many questions you have answered; after **Submit**, that your answers are "
                             "saved for your teacher.",
    },
    "nl": {
        "intro": "Deze quiz heeft {count} vragen. Beantwoord ze en klik op **Controleer**; daarna zie je "
                 "de uitleg en de passage uit de bron.",
        "source": "Bron: {cite}.",
        "read_first": "Lees eerst de tekst: elke vraag verwijst naar een passage eruit.",
        "result": "## Je resultaat",
        "result_intro": "Je voortgang en score; zodra alle vragen beantwoord zijn, een samenvatting met je "
                        "score per onderwerp en de passages om terug te lezen.",
        "exam_intro": "Deze toets heeft {count} vragen. Beantwoord ze en klik aan het eind op **Inleveren**; je "
                      "docent kijkt je antwoorden na.",
        "exam_result": "## Ingeleverd?",
        "exam_result_intro": "Hoeveel vragen je hebt beantwoord; na **Inleveren** dat je antwoorden voor je docent "
                             "bewaard zijn.",
    },
})

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def student_notebook(bank: Bank, bank_path: str | os.PathLike[str], notebook_path: str | os.PathLike[str]) -> NotebookNode:
    """The notebook, with the bank path written relative to where the notebook will be saved."""
    language = ui_language(bank.language)
    relative = Path(os.path.relpath(Path(bank_path).resolve(), Path(notebook_path).resolve().parent))
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = KERNELSPEC
    notebook.metadata["language_info"] = {"name": "python"}
    # A student copy has no answers to check a practice answer against: its notebook is an exam.
    mode, result = (', mode="exam"', "exam_result") if bank.keyless else ("", "result")
    notebook.cells = [
        nbformat.v4.new_markdown_cell(_introduction(bank, language)),
        nbformat.v4.new_code_cell(f"import kwis\n\nquiz = kwis.Quiz({relative.as_posix()!r}{mode})\nquiz"),
        nbformat.v4.new_markdown_cell(f"{_MESSAGES(language, result)}\n\n{_MESSAGES(language, result + '_intro')}"),
        nbformat.v4.new_code_cell("quiz.result_view()"),
    ]
    return cast(NotebookNode, notebook)


def _introduction(bank: Bank, language: str) -> str:
    parts = [f"# {bank.title}"]
    if bank.description:
        parts.append(bank.description)
    source = bank.source
    if source is not None and source.title:
        cite = f"„{source.title}”" if language == "nl" else f"“{source.title}”"
        extra = ", ".join(x for x in (source.author, source.publisher, source.date) if x)
        cite += f", {extra}" if extra else ""
        cite = f"[{cite}]({source.url})" if source.url else cite
        parts.append(f"{_MESSAGES(language, 'source', cite=cite)} {_MESSAGES(language, 'read_first')}")
    parts.append(_MESSAGES(language, "exam_intro" if bank.keyless else "intro", count=len(bank.questions)))
    return "\n\n".join(parts)


def write_notebook(bank: Bank, bank_path: str | os.PathLike[str], notebook_path: str | os.PathLike[str]) -> None:
    nbformat.write(student_notebook(bank, bank_path, notebook_path), os.fspath(notebook_path))
