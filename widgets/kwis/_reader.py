"""Turning YAML nodes into plain values by the field specs, collecting every problem on the way."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import yaml
from yaml.constructor import SafeConstructor

from kwis._errors import Problem, Severity
from kwis._model import QUESTION_TYPES
from kwis._schema import Field
from kwis._yaml import DATA_TAGS, YAML_TAG, position, tag_name

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DUTCH_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_CONSTRUCTOR = SafeConstructor()


class Invalid:
    """Marks a value that could not be read; its problem is already reported."""


INVALID = Invalid()


def describe(node: yaml.Node) -> str:
    """What a node is, in the words of the error messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == YAML_TAG + "null":
        return "empty"
    return f"'{node.value}'"


@dataclass
class Reader:
    """Reads one bank file; `problems` and `positions` fill up as it goes."""

    file: str
    language: str = "en"
    problems: list[Problem] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def report(self, node: yaml.Node | tuple[int, int], path: str, message: str, fix: str,
               severity: Severity = "error") -> None:
        line, column = node if isinstance(node, tuple) else position(node)
        self.problems.append(Problem(self.file, line, column, path, message, fix, severity))

    def mapping(self, node: yaml.Node, fields: Mapping[str, Field], path: str,
                what: str) -> dict[str, Any] | None:
        """The known fields of a mapping node, read by kind; composite kinds stay nodes."""
        self.positions[path] = position(node)
        if not isinstance(node, yaml.MappingNode):
            self.report(node, path, f"{what} should be a mapping of `key: value` lines, not {describe(node)}",
                        f"write {what} as indented `key: value` lines")
            return None
        values: dict[str, Any] = {}
        for key_node, value_node in node.value:
            name = self._key(key_node, value_node, values, fields, path, what)
            if name is not None:
                values[name] = self.value(fields[name], value_node, f"{path}.{name}")
        self._require(node, fields, values, path, what)
        return values

    def _key(self, key_node: yaml.Node, value_node: yaml.Node, seen: Mapping[str, Any],
             fields: Mapping[str, Field], path: str, what: str) -> str | None:
        name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
        if name in seen:
            self.report(key_node, f"{path}.{name}", f"`{name}` appears twice in {what}",
                        f"keep one `{name}:` line; YAML would silently use the last one")
            return None
        if name not in fields:
            split_text = " " in name and value_node.tag == YAML_TAG + "null"
            fix = ("text with a comma inside `{...}` must be in quotes: feedback: \"Nee, juist minder.\""
                   if split_text else _suggest(name, fields))
            self.report(key_node, f"{path}.{name}", f"unknown field `{name}` in {what}", fix)
            return None
        return name

    def _require(self, node: yaml.Node, fields: Mapping[str, Field], values: Mapping[str, Any],
                 path: str, what: str) -> None:
        for name, spec in fields.items():
            if spec.required and name not in values:
                self.report(node, f"{path}.{name}", f"{what} has no `{name}`",
                            f"add `{name}:` ({spec.description[0].lower()}{spec.description[1:].rstrip('.')})")

    def value(self, spec: Field, node: yaml.Node, path: str) -> Any:
        self.positions[path] = position(node)
        if not self._tag_allowed(node, path):
            return INVALID
        reader = getattr(self, "_read_" + spec.kind)
        return reader(spec, node, path)

    def _tag_allowed(self, node: yaml.Node, path: str) -> bool:
        if node.tag in DATA_TAGS:
            return True
        self.report(node, path, f"the tag `{tag_name(node)}` is not allowed in a bank",
                    "remove the tag: a bank holds only text, numbers, true/false, lists and mappings")
        return False

    def _scalar_text(self, spec: Field, node: yaml.Node, path: str) -> str | Invalid:
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, path, f"`{_name(path)}` should be text, not {describe(node)}",
                        f"write `{_name(path)}` as one line of text, or a block after `|`")
            return INVALID
        text = str(node.value).strip()
        if not text:
            self.report(node, path, f"`{_name(path)}` is empty",
                        f"write the {spec.description.rstrip('.').lower()}, or remove the line")
            return INVALID
        return text

    _read_text = _scalar_text

    def _read_slug(self, spec: Field, node: yaml.Node, path: str) -> str | Invalid:
        text = self._scalar_text(spec, node, path)
        if isinstance(text, str) and not SLUG.match(text):
            suggestion = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "vraag-1"
            self.report(node, path, f"`{_name(path)}` '{text}' may hold only lowercase letters, digits and "
                        "dashes", f"write `{_name(path)}: {suggestion}`")
            return INVALID
        return text

    def _read_type(self, spec: Field, node: yaml.Node, path: str) -> str | Invalid:
        text = self._scalar_text(spec, node, path)
        if isinstance(text, str) and text not in QUESTION_TYPES:
            close = difflib.get_close_matches(text, QUESTION_TYPES, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            self.report(node, path, f"unknown question type '{text}'",
                        f"{hint}use one of: {', '.join(QUESTION_TYPES)}")
            return INVALID
        return text

    def _read_bool(self, spec: Field, node: yaml.Node, path: str) -> bool | Invalid:
        if node.tag != YAML_TAG + "bool":
            self.report(node, path, f"`{_name(path)}` should be true or false, not {describe(node)}",
                        f"write `{_name(path)}: true` or `{_name(path)}: false`")
            return INVALID
        return bool(_CONSTRUCTOR.construct_object(node))

    def _read_int(self, spec: Field, node: yaml.Node, path: str) -> int | Invalid:
        if node.tag != YAML_TAG + "int":
            self.report(node, path, f"`{_name(path)}` should be a whole number, not {describe(node)}",
                        f"write a whole number{_bounds(spec)}")
            return INVALID
        number: int = int(_CONSTRUCTOR.construct_object(node))
        return self._in_bounds(spec, node, path, number)  # type: ignore[no-any-return]

    def _read_number(self, spec: Field, node: yaml.Node, path: str) -> float | Invalid:
        if node.tag not in (YAML_TAG + "int", YAML_TAG + "float"):
            self.report(node, path, f"`{_name(path)}` should be a number, not {describe(node)}",
                        f"write a number with a decimal point, e.g. `{_name(path)}: 1.5`")
            return INVALID
        if self.language.lower().startswith("nl") and DUTCH_THOUSANDS.match(str(node.value)):
            plain = str(node.value).replace(".", "")
            self.report(node, path, f"`{node.value}` is ambiguous in a Dutch bank: YAML reads it as "
                        f"{float(node.value):g}, a Dutch reader as {plain}",
                        f"write {plain} without the thousands dot (or {float(node.value):g} if you meant that)")
            return INVALID
        number = float(_CONSTRUCTOR.construct_object(node))
        return self._in_bounds(spec, node, path, number)  # type: ignore[no-any-return]

    def _in_bounds(self, spec: Field, node: yaml.Node, path: str, number: Any) -> Any:
        low_ok = spec.minimum is None or (number > spec.minimum if spec.exclusive_minimum
                                          else number >= spec.minimum)
        high_ok = spec.maximum is None or number <= spec.maximum
        if low_ok and high_ok:
            return number
        self.report(node, path, f"`{_name(path)}` is {node.value}, out of range",
                    f"write a number{_bounds(spec)}")
        return INVALID

    def _read_strings(self, spec: Field, node: yaml.Node, path: str) -> tuple[str, ...] | Invalid:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            example = str(node.value) if isinstance(node, yaml.ScalarNode) and node.value else "..."
            self.report(node, path, f"`{_name(path)}` should be a list with at least one entry, not "
                        f"{describe(node)}", f"write `{_name(path)}: [{example}]`, or one `- {example}` line "
                        "per entry")
            return INVALID
        return self._items(spec, node, path)

    def _items(self, spec: Field, node: yaml.SequenceNode, path: str) -> tuple[str, ...] | Invalid:
        items = [self.value(Field("text", spec.description), item, f"{path}[{i}]")
                 for i, item in enumerate(node.value)]
        if any(isinstance(item, Invalid) for item in items):
            return INVALID
        return tuple(items)

    def _read_quotes(self, spec: Field, node: yaml.Node, path: str) -> tuple[str, ...] | Invalid:
        if isinstance(node, yaml.SequenceNode):
            return self._read_strings(spec, node, path)
        text = self._scalar_text(spec, node, path)
        return (text,) if isinstance(text, str) else INVALID

    def _read_reasons(self, spec: Field, node: yaml.Node, path: str) -> tuple[tuple[str, str], ...] | Invalid:
        if not isinstance(node, yaml.MappingNode):
            self.report(node, path, f"`{_name(path)}` should map rule codes to reasons, not {describe(node)}",
                        f"write `{_name(path)}: {{W101: \"why this rule does not apply\"}}`")
            return INVALID
        pairs = []
        for key, value in node.value:
            reason = self.value(Field("text", "reason why the rule is switched off"), value,
                                f"{path}.{key.value}")
            if isinstance(reason, str):
                pairs.append((str(key.value), reason))
        return tuple(pairs)

    def _read_range(self, spec: Field, node: yaml.Node, path: str) -> tuple[float, float] | Invalid:
        numbers = node.value if isinstance(node, yaml.SequenceNode) else []
        if len(numbers) != 2:
            self.report(node, path, f"`range` should be two numbers [low, high], not {describe(node)}",
                        "write `range: [12000, 14000]`")
            return INVALID
        low, high = (self.value(Field("number", "bound"), n, f"{path}[{i}]") for i, n in enumerate(numbers))
        if isinstance(low, Invalid) or isinstance(high, Invalid):
            return INVALID
        if low > high:
            self.report(node, path, f"`range` runs backwards: {low:g} is above {high:g}",
                        f"write `range: [{high:g}, {low:g}]`")
            return INVALID
        return (low, high)

    def _read_object(self, spec: Field, node: yaml.Node, path: str) -> yaml.Node | Invalid:
        return self._composite(node, path, yaml.MappingNode, "a mapping of `key: value` lines")

    def _read_objects(self, spec: Field, node: yaml.Node, path: str) -> yaml.Node | Invalid:
        return self._composite(node, path, yaml.SequenceNode, "a list of `- ` entries")

    _read_choices = _read_objects

    def _composite(self, node: yaml.Node, path: str, kind: type, shape: str) -> yaml.Node | Invalid:
        if isinstance(node, kind) and node.value:
            return node
        self.report(node, path, f"`{_name(path)}` should be {shape}, not {describe(node)}",
                    f"write `{_name(path)}:` followed by {shape}, indented below it (see docs/bank-format.md)")
        return INVALID


def _name(path: str) -> str:
    last = path.rsplit(".", 1)[-1]
    return last.split("[", 1)[0] if not last.startswith("[") else last


def _bounds(spec: Field) -> str:
    if spec.minimum is not None and spec.maximum is not None:
        return f" from {spec.minimum:g} to {spec.maximum:g}"
    if spec.minimum is not None:
        return f" above {spec.minimum:g}" if spec.exclusive_minimum else f" of at least {spec.minimum:g}"
    return ""


def _suggest(name: str, fields: Mapping[str, Field]) -> str:
    close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return f"remove it; allowed here: {', '.join(fields)}"
