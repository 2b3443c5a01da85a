"""Reading YAML safely into position-carrying nodes.

Only `yaml.compose` is used: it builds nodes and never constructs Python objects, so no tag
(`!!python/object/apply` and friends) can run code. Tags outside plain YAML data are reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

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


def decode(data: bytes) -> tuple[str | None, Issue | None]:
    """The file's text, or where it stops being UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        return None, Issue(
            line, column,
            f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be read)",
            "save the file with the encoding UTF-8 (most editors: Save with Encoding > UTF-8)",
        )
    return text, None


def compose(text: str) -> tuple[yaml.Node | None, Issue | None]:
    """The document's root node, or the syntax error with its position."""
    if not text.strip() or all(_is_comment(line) for line in text.splitlines()):
        return None, Issue(1, 1, "the file is empty", "start the bank with `kwis: 1`, then id, title, "
                           "language and questions (see docs/bank-format.md)")
    try:
        return yaml.compose(text, Loader=_Loader), None
    except yaml.MarkedYAMLError as err:
        return None, _syntax_issue(err)
    except yaml.YAMLError as err:  # reader errors without a mark: control characters and such
        return None, Issue(1, 1, f"this is not valid YAML: {err}", "remove the character named above")


def _is_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _syntax_issue(err: yaml.MarkedYAMLError) -> Issue:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = err.problem or "the YAML cannot be read"
    if err.context and problem.startswith("but "):
        message = f"{err.context}, {problem}"
    else:
        message = f"{problem} ({err.context})" if err.context else problem
    return Issue(line, column, f"YAML syntax error: {message}", _syntax_fix(message))


def _syntax_fix(problem: str) -> str:
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "put text that contains ': ' in quotes, e.g. prompt: \"Vraag: wat ...?\""
    if "expected a single document" in problem:
        return "a bank is one YAML document: remove the extra `---` line"
    if "found undefined alias" in problem:
        return "define the anchor (&name) before using the alias (*name)"
    return "check the indentation and the quotes on this line and the line before"


def position(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) where a node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def tag_name(node: yaml.Node) -> str:
    """A tag as the teacher wrote it: `!!python/object/apply` rather than the long URI form."""
    tag = str(node.tag)
    return "!!" + tag[len(YAML_TAG):] if tag.startswith(YAML_TAG) else tag
