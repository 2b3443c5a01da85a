"""Reading YAML safely into position-carrying nodes.

Only `yaml.compose` is used: it builds nodes and never constructs Python objects, so no tag
(`!!python/object/apply` and friends) can run code. Tags outside plain YAML data are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from kwis._i18n import Messages

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

YAML_TAG = "tag:yaml.org,2002:"
DATA_TAGS = frozenset(
    YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


@dataclass(frozen=True)
class Issue:
    """A problem found while reading, before the bank's own rules apply."""

    line: int
    column: int
    message: str
    fix: str
    language: str = "en"


_MESSAGES = Messages({
    "en": {
        "not_utf8": "the file is not UTF-8 text (byte 0x{byte:02x} cannot be read)",
        "not_utf8_fix": "save the file with the encoding UTF-8 (most editors: Save with Encoding > UTF-8)",
        "empty_file": "the file is empty",
        "empty_file_fix": "start the bank with `kwis: 1`, then id, title, language and questions "
                          "(see docs/bank-format.md)",
        "not_yaml": "this is not valid YAML: {detail}",
        "not_yaml_fix": "remove the character named above",
        "syntax_error": "YAML syntax error: {detail}",
        "syntax_tab": "YAML syntax error: {detail}",
        "syntax_tab_fix": "indent with spaces, not tabs",
        "syntax_colon": "YAML syntax error: {detail}",
        "syntax_colon_fix": "put text that contains ': ' in quotes, e.g. prompt: \"Vraag: wat ...?\"",
        "syntax_documents": "YAML syntax error: {detail}",
        "syntax_documents_fix": "a bank is one YAML document: remove the extra `---` line",
        "syntax_alias": "YAML syntax error: {detail}",
        "syntax_alias_fix": "define the anchor (&name) before using the alias (*name)",
        "syntax_error_fix": "check the indentation and the quotes on this line and the line before",
        "unreadable_yaml": "the YAML cannot be read",
    },
    "nl": {
        "not_utf8": "het bestand is geen UTF-8-tekst (byte 0x{byte:02x} is onleesbaar)",
        "not_utf8_fix": "sla het bestand op met de codering UTF-8 (in de meeste editors: Opslaan met codering > "
                        "UTF-8)",
        "empty_file": "het bestand is leeg",
        "empty_file_fix": "begin de bank met `kwis: 1`, gevolgd door id, title, language en questions "
                          "(zie docs/bank-format.md)",
        "not_yaml": "dit is geen geldige YAML: {detail}",
        "not_yaml_fix": "haal het teken weg dat hierboven genoemd wordt",
        "syntax_error": "YAML-syntaxfout: de YAML is hier onleesbaar (YAML meldt: {detail})",
        "syntax_tab": "YAML-syntaxfout: de regel springt in met een tab (YAML meldt: {detail})",
        "syntax_tab_fix": "spring in met spaties, niet met tabs",
        "syntax_colon": "YAML-syntaxfout: tekst met ': ' erin wordt als een nieuwe sleutel gelezen "
                        "(YAML meldt: {detail})",
        "syntax_colon_fix": "zet tekst met ': ' erin tussen aanhalingstekens, bijvoorbeeld "
                            "prompt: \"Vraag: wat ...?\"",
        "syntax_documents": "YAML-syntaxfout: het bestand bevat meer dan één document (YAML meldt: {detail})",
        "syntax_documents_fix": "een bank is één YAML-document: haal de extra `---`-regel weg",
        "syntax_alias": "YAML-syntaxfout: een alias verwijst naar een anker dat niet bestaat "
                        "(YAML meldt: {detail})",
        "syntax_alias_fix": "definieer het anker (&naam) voordat je de alias (*naam) gebruikt",
        "syntax_error_fix": "controleer de inspringing en de aanhalingstekens op deze regel en de regel "
                            "ervoor",
        "unreadable_yaml": "de YAML is onleesbaar",
    },
})

# Known PyYAML problems, each with its own explanation and fix; anything else gets the general fix.
_SYNTAX_KINDS = (
    ("syntax_tab", ("found character '\\t'", "tab")),
    ("syntax_colon", ("mapping values are not allowed",)),
    ("syntax_documents", ("expected a single document",)),
    ("syntax_alias", ("found undefined alias",)),
)
_LANGUAGE_LINE = re.compile(r"^language:[ \t]*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)", re.MULTILINE)


def peek_language(text: str) -> str:
    """The bank's language from a top-level `language:` line, for problems found before YAML is read."""
    match = _LANGUAGE_LINE.search(text)
    return match.group(1) if match else "en"


def decode(data: bytes) -> tuple[str | None, Issue | None]:
    """The file's text, or where it stops being UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        language = peek_language(data.decode("utf-8", errors="replace"))
        return None, Issue(line, column, _MESSAGES(language, "not_utf8", byte=data[err.start]),
                           _MESSAGES(language, "not_utf8_fix"), language)
    return text, None


def compose(text: str) -> tuple[yaml.Node | None, Issue | None]:
    """The document's root node, or the syntax error with its position (in the language the text names)."""
    if not text.strip() or all(_is_comment(line) for line in text.splitlines()):
        language = peek_language(text)
        return None, Issue(1, 1, _MESSAGES(language, "empty_file"), _MESSAGES(language, "empty_file_fix"), language)
    try:
        return yaml.compose(text, Loader=_Loader), None
    except yaml.MarkedYAMLError as err:
        return None, _syntax_issue(err, text)
    except yaml.YAMLError as err:  # reader errors without a mark: control characters and such
        language = peek_language(text)
        return None, Issue(1, 1, _MESSAGES(language, "not_yaml", detail=err), _MESSAGES(language, "not_yaml_fix"),
                           language)


def _is_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _syntax_issue(err: yaml.MarkedYAMLError, text: str) -> Issue:
    language = peek_language(text)
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = err.problem or _MESSAGES(language, "unreadable_yaml")
    if err.context and problem.startswith("but "):
        detail = f"{err.context}, {problem}"
    else:
        detail = f"{problem} ({err.context})" if err.context else problem
    lines = text.splitlines()
    kind = _syntax_kind(detail, lines[line - 1] if line <= len(lines) else "")
    return Issue(line, column, _MESSAGES(language, kind, detail=detail), _MESSAGES(language, kind + "_fix"),
                 language)


def _syntax_kind(detail: str, line_text: str) -> str:
    # libyaml reports a tab after some scalars only as "found character that cannot start any token".
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return "syntax_tab"
    for kind, signs in _SYNTAX_KINDS:
        if any(sign in detail for sign in signs):
            return kind
    return "syntax_error"


def position(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) where a node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def tag_name(node: yaml.Node) -> str:
    """A tag as the teacher wrote it: `!!python/object/apply` rather than the long URI form."""
    tag = str(node.tag)
    return "!!" + tag[len(YAML_TAG):] if tag.startswith(YAML_TAG) else tag
