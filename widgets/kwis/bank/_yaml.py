"""Reading YAML safely into position-carrying nodes.

Only `yaml.compose` is used: it builds nodes and never constructs Python objects, so no tag
(`!!python/object/apply` and friends) can run code. Tags outside plain YAML data are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import yaml

from kwis._i18n import Messages
from kwis.bank._schema import FORMAT_VERSION

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
    path: str = "$"  # the part of the bank it is in, when known


_MESSAGES = Messages({
    "en": {
        "not_utf8": "the file is not UTF-8 text (byte 0x{byte:02x} cannot be read)",
        "not_utf8_fix": "save the file with the encoding UTF-8 (most editors: Save with Encoding > UTF-8)",
        "empty_file": "the file is empty",
        "empty_file_fix": "start the bank with `kwis: {version}`, then id, title, language and questions "
                          "(see docs/bank-format.md)",
        "not_yaml": "this is not valid YAML: {detail}",
        "not_yaml_fix": "remove the character named above",
        "utf16": "the file is UTF-16 text, not UTF-8",
        "control_in_yaml": "the file contains the invisible control character {code}, which YAML does not allow",
        "control_in_yaml_fix": "delete the text around this position and type it again (it was probably pasted in)",
        "utf16_fix": "save it as UTF-8 (most editors: Save with Encoding > UTF-8; Notepad: Save as > Encoding: UTF-8)",
        "syntax_error": "YAML cannot read line {line} (YAML says: {detail})",
        "syntax_error_fix": "check the indentation and the quotes on line {line} and the line before",
        "syntax_tab": "line {line} is indented with a tab: YAML accepts only spaces for indentation",
        "syntax_tab_fix": "replace the tab at the start of line {line} by {spaces} spaces, like line {like}",
        "syntax_indent": "line {line} is indented {found} spaces where line {like} has {spaces}: YAML cannot tell "
                         "where it belongs",
        "syntax_indent_fix": "indent line {line} with {spaces} spaces, like line {like}",
        "syntax_colon": "line {line} holds a text with ': ' in it, which YAML reads as the start of a new field",
        "syntax_colon_fix": "put the text in quotes, e.g. prompt: \"Note: what does ... mean?\"",
        "syntax_documents": "line {line} starts a second YAML document (`---`); a bank is one document",
        "syntax_documents_fix": "remove the `---` line {line}",
        "syntax_alias": "line {line} uses an alias (*name) without an anchor (&name) before it",
        "syntax_alias_fix": "define the anchor (&name) before using the alias (*name), or write the value out",
        "syntax_quote": "a quote opened on line {line} is not closed",
        "syntax_quote_fix": "close the quote on line {line}, or leave the quotes out",
        "syntax_bracket": "a bracket opened on line {line} is not closed",
        "syntax_bracket_fix": "close the list with `]` (or the mapping with `}}`) on line {line}, or put the text "
                              "in quotes",
        "unreadable_yaml": "the YAML cannot be read",
    },
    "nl": {
        "not_utf8": "het bestand is geen UTF-8-tekst (byte 0x{byte:02x} is onleesbaar)",
        "not_utf8_fix": "sla het bestand op met de codering UTF-8 (in de meeste editors: Opslaan met codering > "
                        "UTF-8)",
        "empty_file": "het bestand is leeg",
        "empty_file_fix": "begin de bank met `kwis: {version}`, gevolgd door id, title, language en questions "
                          "(zie docs/bank-format.md)",
        "not_yaml": "dit is geen geldige YAML: {detail}",
        "not_yaml_fix": "haal het teken weg dat hierboven genoemd wordt",
        "utf16": "het bestand is UTF-16-tekst, geen UTF-8",
        "control_in_yaml": "het bestand bevat het onzichtbare stuurteken {code}, dat YAML niet toestaat",
        "control_in_yaml_fix": "wis de tekst rond deze plek en typ hem opnieuw (hij is waarschijnlijk geplakt)",
        "utf16_fix": "sla het op als UTF-8 (in de meeste editors: Opslaan met codering > UTF-8; Kladblok: Opslaan "
                     "als > Codering: UTF-8)",
        "syntax_error": "YAML kan regel {line} niet lezen (YAML meldt: {detail})",
        "syntax_error_fix": "controleer de inspringing en de aanhalingstekens op regel {line} en de regel ervoor",
        "syntax_tab": "regel {line} springt in met een tab: YAML accepteert alleen spaties om in te springen",
        "syntax_tab_fix": "vervang de tab aan het begin van regel {line} door {spaces} spaties, zoals regel {like}",
        "syntax_indent": "regel {line} springt {found} spaties in waar regel {like} er {spaces} heeft: YAML weet "
                         "niet waar hij bij hoort",
        "syntax_indent_fix": "laat regel {line} met {spaces} spaties inspringen, zoals regel {like}",
        "syntax_colon": "regel {line} bevat een tekst met ': ' erin, die YAML leest als het begin van een nieuw veld",
        "syntax_colon_fix": "zet de tekst tussen aanhalingstekens, bijvoorbeeld prompt: \"Let op: wat betekent ...?\"",
        "syntax_documents": "regel {line} begint een tweede YAML-document (`---`); een bank is één document",
        "syntax_documents_fix": "haal de `---`-regel {line} weg",
        "syntax_alias": "regel {line} gebruikt een alias (*naam) zonder anker (&naam) ervoor",
        "syntax_alias_fix": "definieer het anker (&naam) voordat je de alias (*naam) gebruikt, of schrijf de "
                            "waarde uit",
        "syntax_quote": "een aanhalingsteken dat op regel {line} opent, wordt niet gesloten",
        "syntax_quote_fix": "sluit het aanhalingsteken op regel {line}, of laat de aanhalingstekens weg",
        "syntax_bracket": "een haakje dat op regel {line} opent, wordt niet gesloten",
        "syntax_bracket_fix": "sluit de lijst met `]` (of het blok met `}}`) op regel {line}, of zet de tekst "
                              "tussen aanhalingstekens",
        "unreadable_yaml": "de YAML is onleesbaar",
    },
})

# Known PyYAML problems by the words of its message; indentation and tabs are found from the lines.
_SYNTAX_KINDS = (
    ("syntax_documents", ("expected a single document",)),
    ("syntax_alias", ("found undefined alias",)),
    ("syntax_quote", ("while scanning a quoted scalar",)),
    ("syntax_bracket", ("flow sequence", "flow mapping")),
    ("syntax_colon", ("mapping values are not allowed",)),
)
_KEY_LINE = re.compile(r"^( *)(- +)?[^\s#:{\[\"'][^:#]*:(\s|$)")
_MAP = YAML_TAG + "map"
_SEQ = YAML_TAG + "seq"
_LANGUAGE_LINE = re.compile(r"^language:[ \t]*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)", re.MULTILINE)


def peek_language(text: str) -> str:
    """The bank's language from a top-level `language:` line, for problems found before YAML is read."""
    match = _LANGUAGE_LINE.search(text)
    return match.group(1) if match else "en"


def decode(data: bytes) -> tuple[str | None, Issue | None]:
    """The file's text, or where it stops being UTF-8."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a UTF-16 byte order mark (Windows "Unicode")
        text16 = data.decode("utf-16", errors="replace")
        language = peek_language(text16)
        return None, Issue(1, 1, _MESSAGES(language, "utf16"), _MESSAGES(language, "utf16_fix"), language)
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
        return None, Issue(1, 1, _MESSAGES(language, "empty_file"), _MESSAGES(language, "empty_file_fix", version=FORMAT_VERSION), language)
    try:
        return yaml.compose(text, Loader=_Loader), None
    except yaml.MarkedYAMLError as err:
        return None, _syntax_issue(err, text, peek_language(text))
    except yaml.reader.ReaderError as err:  # a character YAML refuses (NUL and other controls), no mark
        language = peek_language(text)
        line, column = _line_and_column(text, err.position)
        code = f"U+{err.character:04X}" if isinstance(err.character, int) else str(err.character)
        return None, Issue(line, column, _MESSAGES(language, "control_in_yaml", code=code),
                           _MESSAGES(language, "control_in_yaml_fix"), language)
    except yaml.YAMLError as err:
        language = peek_language(text)
        return None, Issue(1, 1, _MESSAGES(language, "not_yaml", detail=err), _MESSAGES(language, "not_yaml_fix"),
                           language)


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index`."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


@dataclass(frozen=True)
class Composed:
    """The nodes of a bank file; after a syntax error, those of every part that could still be read.

    `unread` holds the JSON paths of the parts left out (`$.questions[2]`, `$.title`): the loader
    reports nothing else about them, since their syntax error says it all.
    """

    root: yaml.Node | None
    issues: tuple[Issue, ...] = ()
    unread: frozenset[str] = frozenset()


def compose_parts(text: str) -> Composed:
    """Like `compose`, but a syntax error costs only its part: a top-level field or one question."""
    root, issue = compose(text)
    if root is not None or issue is None or issue.message.startswith(_MESSAGES(issue.language, "empty_file")):
        return Composed(root, (issue,) if issue else ())
    recovered = _compose_each_part(text, issue.language)
    return recovered if recovered is not None and recovered.issues else Composed(None, (issue,))


def _compose_each_part(text: str, language: str) -> Composed | None:
    lines = text.splitlines(keepends=True)
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    issues: list[Issue] = []
    unread: set[str] = set()
    for key, start, end in _top_level_entries(lines):
        items = _items(lines, start + 1, end) if key == "questions" else []
        if items:
            head, head_issue = _compose_piece(lines, start, start + 1, language)
            if not isinstance(head, yaml.MappingNode) or head_issue is not None:
                return None
            sequence = yaml.SequenceNode(_SEQ, _question_nodes(lines, items, language, issues, unread),
                                         _mark(items[0][0]), _mark(end))
            pairs.append((head.value[0][0], sequence))
            continue
        node, piece_issue = _compose_piece(lines, start, end, language)
        if isinstance(node, yaml.MappingNode):
            pairs += node.value
        elif piece_issue is not None:
            issues.append(replace(piece_issue, path=f"$.{key}"))
            unread.add(f"$.{key}")
    return Composed(yaml.MappingNode(_MAP, pairs, _mark(0), _mark(len(lines))), tuple(issues), frozenset(unread))


def _mark(line: int) -> yaml.Mark:
    """A position at the start of 0-based `line`, for nodes put together from the parts."""
    return yaml.Mark("<bank>", 0, line, 0, None, 0)


def _question_nodes(lines: list[str], items: list[tuple[int, int]], language: str, issues: list[Issue],
                    unread: set[str]) -> list[yaml.Node]:
    """One node per question; an empty mapping (its path in `unread`) for a question that cannot be read."""
    nodes: list[yaml.Node] = []
    for index, (start, end) in enumerate(items):
        node, issue = _compose_piece(lines, start, end, language)
        if isinstance(node, yaml.SequenceNode) and len(node.value) == 1:
            nodes.append(node.value[0])
            continue
        if issue is not None:
            issues.append(replace(issue, path=f"$.questions[{index}]"))
        unread.add(f"$.questions[{index}]")
        nodes.append(yaml.MappingNode(_MAP, [], _mark(start), _mark(end)))
    return nodes


def _compose_piece(lines: list[str], start: int, end: int, language: str) -> tuple[yaml.Node | None, Issue | None]:
    """Lines `start:end` composed on their own, with their own line numbers."""
    piece = "\n" * start + "".join(lines[start:end])
    try:
        return yaml.compose(piece, Loader=_Loader), None
    except yaml.MarkedYAMLError as err:
        return None, _syntax_issue(err, "".join(lines), language)
    except yaml.YAMLError:
        return None, None


def _top_level_entries(lines: list[str]) -> list[tuple[str, int, int]]:
    """(key, first line, end) of each top-level `key:` of the file, comments before it included."""
    starts = [(n, line.split(":", 1)[0].strip()) for n, line in enumerate(lines)
              if line[:1] not in ("", " ", "\t", "#", "\n", "\r") and not line.startswith("---")]
    ends = [n for n, _ in starts[1:]] + [len(lines)]
    return [(key, n, end) for (n, key), end in zip(starts, ends)]


def _items(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The line spans of the `- ` items of a block list, found by the indentation of its first item."""
    body = [n for n in range(start, end) if not _is_comment(lines[n])]
    if not body or not lines[body[0]].lstrip(" ").startswith("-"):
        return []
    indent = len(lines[body[0]]) - len(lines[body[0]].lstrip(" "))
    starts = [n for n in body if len(lines[n]) - len(lines[n].lstrip(" ")) == indent
              and lines[n].lstrip(" ").startswith("-")]
    return list(zip(starts, starts[1:] + [end]))


def _is_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _syntax_issue(err: yaml.MarkedYAMLError, text: str, language: str) -> Issue:
    """The syntax error in the teacher's words, with the line to change and how."""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    kind, values = _syntax_kind(err, lines, line)
    if kind in ("syntax_quote", "syntax_bracket") and err.context_mark is not None:
        line, column = err.context_mark.line + 1, err.context_mark.column + 1
    values = {"line": line, **values}
    return Issue(line, column, _MESSAGES(language, kind, **values), _MESSAGES(language, kind + "_fix", **values),
                 language)


def _syntax_kind(err: yaml.MarkedYAMLError, lines: list[str], line: int) -> tuple[str, dict[str, object]]:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = len(text) - len(text.lstrip(" \t"))
    like = _sibling(lines, line)
    if "\t" in text[:indent]:
        spaces, like_line = like if like else (2, line - 1)
        return "syntax_tab", {"spaces": spaces, "like": like_line}
    detail = _detail(err)
    if like and like[0] != indent and _KEY_LINE.match(text) and "quoted scalar" not in detail:
        return "syntax_indent", {"found": indent, "spaces": like[0], "like": like[1]}
    for kind, signs in _SYNTAX_KINDS:
        if any(sign in detail for sign in signs):
            return kind, {}
    return "syntax_error", {"detail": detail}


def _sibling(lines: list[str], line: int) -> tuple[int, int] | None:
    """The indentation of the nearest line above that `line` should line up with, and its number.

    A `- ` item lines up with the item above; a `key:` line with the key line above it (the key
    after `- ` counts at the column where the key starts).
    """
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    is_item = text.lstrip(" \t").startswith("- ")
    for number in range(line - 1, 0, -1):
        above = lines[number - 1]
        match = _KEY_LINE.match(above)
        if match is None:
            continue
        dash_indent = len(match.group(1))
        if is_item:
            if match.group(2):
                return dash_indent, number
            continue
        return (dash_indent + len(match.group(2) or "")), number
    return None


def _detail(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    if err.context and problem.startswith("but "):
        return f"{err.context}, {problem}"
    return f"{problem} ({err.context})" if err.context else problem


def position(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) where a node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def tag_name(node: yaml.Node) -> str:
    """A tag as the teacher wrote it: `!!python/object/apply` rather than the long URI form."""
    tag = str(node.tag)
    return "!!" + tag[len(YAML_TAG):] if tag.startswith(YAML_TAG) else tag
