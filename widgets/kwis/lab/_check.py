"""What the JupyterLab extension asks of a bank being edited: its problems and a preview.

Everything here is the existing Python: the validator (`read_bank_text`), the linter and the
static renderer; the TypeScript side only shows the result. Files are read only inside the
server's root folder (`Root`): a path that leaves it, also through a symlink, is refused, and so
is a bank or source text above `MAX_BYTES`.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from kwis._i18n import Messages, ui_language
from kwis._model import AnyQuestion, Bank
from kwis._render import escape, markdown_to_html, quote_html
from kwis.bank import Loaded, Problem, read_bank_text
from kwis.bank._grounding import closest_passage, normalise, quote_found
from kwis.bank._yaml import compose_parts
from kwis.teacher._lint import lint
from kwis.ui._static import static_html

MAX_BYTES = 1_000_000  # the largest bank or source text checked: ten times the MINUSMA banks

_MESSAGES = Messages({
    "en": {
        "outside": "{path} is outside the folder JupyterLab serves",
        "outside_fix": "keep the source text in the bank's folder or below it",
        "too_big": "{path} has {size} bytes; kwis checks files up to {limit} bytes",
        "too_big_fix": "split the text or the bank into smaller files",
        "explanation": "Explanation",
        "source": "Source",
        "found": "found in the source text",
        "not_found": "not in the source text; closest passage:",
        "no_file": "not checked: the bank names no source file",
        "errors_first": "This question has errors: the preview appears once they are fixed ({count} in the bank now).",
        "no_question": "Put the cursor on a question to preview it.",
    },
    "nl": {
        "outside": "{path} ligt buiten de map die JupyterLab aanbiedt",
        "outside_fix": "zet de brontekst in de map van de bank of daaronder",
        "too_big": "{path} heeft {size} bytes; kwis controleert bestanden tot {limit} bytes",
        "too_big_fix": "splits de tekst of de bank in kleinere bestanden",
        "explanation": "Uitleg",
        "source": "Bron",
        "found": "gevonden in de brontekst",
        "not_found": "niet in de brontekst; de passage die er het meest op lijkt:",
        "no_file": "niet gecontroleerd: de bank noemt geen bronbestand",
        "errors_first": "Deze vraag heeft fouten: het voorbeeld verschijnt zodra ze verbeterd zijn (nu {count} in de bank).",
        "no_question": "Zet de cursor op een vraag om haar te bekijken.",
    },
})


class Refused(Exception):
    """A request the extension will not serve: `status` is the HTTP status, the text says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Root:
    """The server's root folder: every path the extension touches must resolve inside it."""

    folder: Path

    @classmethod
    def of(cls, folder: str | os.PathLike[str]) -> Root:
        return cls(Path(folder).resolve())

    def resolve(self, relative: str, language: str = "en") -> Path:
        """The real path of `relative` (a contents path such as `course/week1.yaml`)."""
        if "\0" in relative:
            raise Refused(400, _MESSAGES(language, "outside", path=repr(relative)))
        real = (self.folder / relative.lstrip("/")).resolve()
        if not real.is_relative_to(self.folder):
            raise Refused(403, _MESSAGES(language, "outside", path=relative))
        return real

    def relative(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()


def check_size(path: str, size: int, language: str = "en") -> None:
    if size > MAX_BYTES:
        raise Refused(413, _MESSAGES(language, "too_big", path=path, size=size, limit=MAX_BYTES))


def read_limited(root: Root, relative: str, language: str = "en") -> str:
    """A UTF-8 text file inside the root, refused above MAX_BYTES."""
    path = root.resolve(relative, language)
    check_size(relative, path.stat().st_size, language)
    return path.read_text(encoding="utf-8-sig")


def check(root: Root, bank_path: str, text: str, line: int | None = None) -> dict[str, Any]:
    """The problems of the bank text (validation, then lint) and the preview of the question at
    `line` (1-based); the source text named by the bank is read relative to `bank_path`."""
    language = ui_language(_declared_language(text))
    check_size(bank_path, len(text.encode("utf-8")), language)
    bank_file = root.resolve(bank_path, language)
    node = compose_parts(text).root
    source_problem = _source_problem(root, bank_file, bank_path, node, language)
    loaded = read_bank_text(text, file=bank_path, base_dir=None if source_problem else bank_file.parent)
    problems = list(loaded.problems) + ([source_problem] if source_problem else [])
    if loaded.bank is not None:
        problems += lint(loaded.bank, loaded.positions)
    problems.sort(key=lambda p: (p.line, p.column))
    spans = _question_spans(node)
    return {
        "language": language,
        "problems": [_problem_json(p) for p in problems],
        "questions": [{"id": qid, "line": start} for qid, start in spans],
        "preview": _preview(loaded, spans, line, language),
    }


def _declared_language(text: str) -> str:
    for raw in text.splitlines()[:60]:
        if raw.startswith("language:"):
            return raw.partition(":")[2].split("#")[0].strip().strip("'\"") or "en"
    return "en"


def _source_problem(root: Root, bank_file: Path, bank_path: str, node: yaml.Node | None,
                    language: str) -> Problem | None:
    """A problem when the bank's `source.file` leaves the root or is too big, else None."""
    found = _source_file_node(node)
    if found is None:
        return None
    name, line, column = found
    try:
        real = (bank_file.parent / name).resolve()
        if not real.is_relative_to(root.folder):
            raise Refused(403, _MESSAGES(language, "outside", path=name))
        if real.is_file():
            check_size(name, real.stat().st_size, language)
    except Refused as refused:
        fix = _MESSAGES(language, "outside_fix" if refused.status == 403 else "too_big_fix")
        return Problem(bank_path, line, column, "$.source.file", str(refused), fix)
    return None


def _source_file_node(node: yaml.Node | None) -> tuple[str, int, int] | None:
    for key, value in _pairs(node):
        if key == "source":
            for inner, leaf in _pairs(value):
                if inner == "file" and isinstance(leaf, yaml.ScalarNode):
                    return str(leaf.value), leaf.start_mark.line + 1, leaf.start_mark.column + 1
    return None


def _pairs(node: yaml.Node | None) -> list[tuple[str, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {key: value for key, value in asdict(problem).items() if key != "file"}


def _question_spans(node: yaml.Node | None) -> list[tuple[str, int]]:
    """Each question's id (`#n` while it has none) and its first line, in file order."""
    questions = dict(_pairs(node)).get("questions")
    if not isinstance(questions, yaml.SequenceNode):
        return []
    spans = []
    for index, item in enumerate(questions.value, start=1):
        qid = dict(_pairs(item)).get("id")
        name = str(qid.value) if isinstance(qid, yaml.ScalarNode) else f"#{index}"
        spans.append((name, item.start_mark.line + 1))
    return spans


def _preview(loaded: Loaded, spans: list[tuple[str, int]], line: int | None, language: str) -> dict[str, Any]:
    at = [qid for qid, start in spans if line is not None and start <= line]
    if not at:
        return {"id": None, "html": f"<p>{escape(_MESSAGES(language, 'no_question'))}</p>"}
    bank = loaded.bank or loaded.partial
    built = {q.id: q for q in bank.questions} if bank is not None else {}
    if bank is None or at[-1] not in built:
        count = len(loaded.errors)
        return {"id": at[-1], "html": f"<p>{escape(_MESSAGES(language, 'errors_first', count=count))}</p>"}
    return {"id": at[-1], "html": question_preview_html(bank, built[at[-1]], language)}


def question_preview_html(bank: Bank, question: AnyQuestion, language: str) -> str:
    """The question as the static view shows it, its explanation, its quotes and their grounding."""
    remote = bank.settings.remote_images
    parts = [static_html(bank, (question,), language, note=False)]  # no "open it in Jupyter" note
    if question.explanation:
        parts.append(f"<h4>{escape(_MESSAGES(language, 'explanation'))}</h4>"
                     f"{markdown_to_html(question.explanation, remote_images=remote)}")
    if question.source:
        cite = bank.source.title if bank.source else ""
        parts.append(f"<h4>{escape(_MESSAGES(language, 'source'))}</h4>{quote_html(question.source, cite)}")
        parts.append(_grounding_html(bank, question, language))
    return f'<div class="kwis-preview" data-question="{escape(question.id)}">{"".join(parts)}</div>'


def _grounding_html(bank: Bank, question: AnyQuestion, language: str) -> str:
    source = bank.source.text if bank.source else ""
    if not source:
        return f'<p class="kwis-grounding">{escape(_MESSAGES(language, "no_file"))}</p>'
    normalised = normalise(source)
    items = []
    for quote in question.source:
        if quote_found(quote, normalised):
            items.append(f'<li class="kwis-found">✓ {escape(_MESSAGES(language, "found"))}</li>')
        else:
            closest = closest_passage(quote, source)
            items.append(f'<li class="kwis-not-found">✗ {escape(_MESSAGES(language, "not_found"))} '
                         f"<q>{escape(closest)}</q></li>")
    return f'<ul class="kwis-grounding">{"".join(items)}</ul>'
