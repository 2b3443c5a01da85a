"""Turning YAML nodes into plain values by the field specs, collecting every problem on the way."""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, TypeVar

import yaml
from yaml.constructor import SafeConstructor

from kwis.bank._ids import slug
from kwis.bank._limits import MAX_NUMBER, MAX_TEXT_CHARACTERS
from kwis.bank._problems import Problem, Severity
from kwis._i18n import Messages
from kwis._model import QUESTION_TYPES
from kwis.bank._schema import Field
from kwis.bank._schema_nl import REASON, field_description
from kwis.bank._yaml import DATA_TAGS, YAML_TAG, position, tag_name
from kwis.grading._numbers import AMBIGUOUS, readings, yaml_number

Number = TypeVar("Number", int, float)  # what a number field is read as

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CONSTRUCTOR = SafeConstructor()

# Templates without fields are not passed through `str.format`: their braces stay as written.
_MESSAGES = Messages({
    "en": {
        "the_bank": "the bank",
        "the_question": "the question",
        "the_choice": "the choice",
        "the_pair": "the pair",
        "the_source": "`source`",
        "the_settings": "`settings`",
        "the_student_copy": "`student_copy`",
        "the_feedback": "`feedback`",
        "found_mapping": "a mapping (key: value lines)",
        "found_list": "a list",
        "found_empty_list": "an empty list",
        "found_empty_mapping": "an empty mapping",
        "found_empty": "empty",
        "found_value": "'{value}'",
        "not_a_mapping": "{what} should be a mapping of `key: value` lines, not {found}",
        "not_a_mapping_fix": "write {what} as indented `key: value` lines",
        "duplicate_key": "`{name}` appears twice in {what}",
        "duplicate_key_fix": "keep one `{name}:` line; YAML would silently use the last one",
        "unknown_field": "unknown field `{name}` in {what}",
        "unknown_field_fix": "remove it; allowed here: {allowed}",
        "unknown_field_did_you_mean": "did you mean `{close}`?",
        "comma_in_flow_mapping_fix": "text with a comma inside `{...}` must be in quotes: "
                                     "feedback: \"No, fewer.\"",
        "missing_field": "{what} has no `{name}`",
        "missing_field_fix": "add `{name}:` ({description})",
        "tag_not_allowed": "the tag `{tag}` is not allowed in a bank",
        "tag_not_allowed_fix": "remove the tag: a bank holds only text, numbers, true/false, lists and mappings",
        "not_text": "`{name}` should be text, not {found}",
        "not_text_fix": "write `{name}` as one line of text, or a block after `|`",
        "control_character": "`{name}` contains the invisible control character {code} (character {index}); "
                             "no export can carry it and a terminal may act on it",
        "control_character_fix": "delete the text around character {index} and type it again (it was probably "
                                 "pasted in)",
        "text_too_long": "`{name}` is {length} characters long; kwis allows at most {limit} in one field",
        "text_too_long_fix": "shorten `{name}`, or put the long text in the source file and quote from it",
        "invisible_character": "`{name}` contains the invisible character {code} (character {index}): a "
                               "student cannot type it, so an answer or choice with it looks like one without",
        "invisible_character_fix": "delete the text around character {index} and type it again",
        "empty_text": "`{name}` is empty",
        "empty_text_fix": "write the text of `{name}:` ({description}), or remove the line",
        "not_a_slug": "`{name}` '{text}' may hold only lowercase letters, digits and dashes",
        "not_a_slug_fix": "write `{name}: {suggestion}`",
        "slug_example": "question-1",
        "unknown_type": "unknown question type '{text}'",
        "unknown_type_fix": "use one of: {types}",
        "unknown_type_did_you_mean_fix": "did you mean `{close}`? use one of: {types}",
        "not_bool": "`{name}` should be true or false, not {found}",
        "not_bool_fix": "write `{name}: true` or `{name}: false`",
        "not_int": "`{name}` should be a whole number, not {found}",
        "not_int_fix": "write a whole number{bounds}",
        "not_a_number": "`{name}` should be a number, not {found}",
        "not_a_number_fix": "write a number with a decimal point, e.g. `{name}: 1.5`",
        "number_one_reading_fix": "in YAML a number has no thousands separator and a decimal point: "
                                  "write `{name}: {reading}`",
        "number_two_readings_fix": "in YAML a number has no thousands separator and a decimal point: "
                                   "write `{name}: {thousands}` if you mean thousands or `{name}: {decimals}` "
                                   "if you mean decimals",
        "ambiguous_number": "`{value}` can be read two ways: as {thousands} (a dot grouping thousands, as in "
                            "Dutch) or as {decimals} (a decimal point, as YAML reads it)",
        "ambiguous_number_fix": "write `{name}: {thousands}` if you mean thousands or `{name}: {decimals}` if "
                                "you mean decimals",
        "out_of_range": "`{name}` is {value}, out of range",
        "not_finite": "`{name}` is {value}: kwis counts only with finite numbers up to 10^15",
        "not_finite_fix": "write an ordinary number, e.g. `{name}: 17000`",
        "sexagesimal": "`{name}: {value}` is read by YAML as {reading} (base 60, as in times)",
        "sexagesimal_fix": "put it in quotes if it is text (`\"{value}\"`), or write {reading} if you meant that",
        "out_of_range_fix": "write a number{bounds}",
        "bounds_between": " from {low} to {high}",
        "bounds_above": " above {low}",
        "bounds_at_least": " of at least {low}",
        "not_a_list": "`{name}` should be a list with at least one entry, not {found}",
        "not_a_list_fix": "write `{name}: [{example}]`, or one `- {example}` line per entry",
        "not_reasons": "`{name}` should map rule codes to reasons, not {found}",
        "not_reasons_fix": "write `{name}: {{W101: \"why this rule does not apply\"}}`",
        "not_a_range": "`range` should be two numbers [low, high], not {found}",
        "not_a_range_fix": "write `range: [12000, 14000]`",
        "backwards_range": "`range` runs backwards: {low} is above {high}",
        "backwards_range_fix": "write `range: [{high}, {low}]`",
        "shape_mapping": "a mapping of `key: value` lines",
        "shape_list": "a list of `- ` entries",
        "wrong_shape": "`{name}` should be {shape}, not {found}",
        "wrong_shape_fix": "write `{name}:` followed by {shape}, indented below it (see docs/bank-format.md)",
    },
    "nl": {
        "the_bank": "de bank",
        "the_question": "de vraag",
        "the_choice": "de keuze",
        "the_pair": "het paar",
        "the_source": "`source`",
        "the_settings": "`settings`",
        "the_student_copy": "`student_copy`",
        "the_feedback": "`feedback`",
        "found_mapping": "een blok key: value-regels",
        "found_list": "een lijst",
        "found_empty_list": "een lege lijst",
        "found_empty_mapping": "een leeg blok",
        "found_empty": "leeg",
        "found_value": "'{value}'",
        "not_a_mapping": "{what} moet uit `key: value`-regels bestaan, maar is {found}",
        "not_a_mapping_fix": "schrijf {what} als ingesprongen `key: value`-regels",
        "duplicate_key": "`{name}` staat twee keer in {what}",
        "duplicate_key_fix": "houd één `{name}:`-regel over; YAML zou stilzwijgend de laatste gebruiken",
        "unknown_field": "onbekend veld `{name}` in {what}",
        "unknown_field_fix": "haal het weg; hier zijn toegestaan: {allowed}",
        "unknown_field_did_you_mean": "bedoel je `{close}`?",
        "comma_in_flow_mapping_fix": "tekst met een komma binnen `{...}` moet tussen aanhalingstekens: "
                                     "feedback: \"Nee, juist minder.\"",
        "missing_field": "{what} heeft geen `{name}`",
        "missing_field_fix": "voeg `{name}:` toe ({description})",
        "tag_not_allowed": "de tag `{tag}` is niet toegestaan in een bank",
        "tag_not_allowed_fix": "haal de tag weg: een bank bevat alleen tekst, getallen, true/false, lijsten en "
                               "key: value-blokken",
        "not_text": "`{name}` moet tekst zijn, maar is {found}",
        "not_text_fix": "schrijf `{name}` als één regel tekst, of als blok na `|`",
        "control_character": "`{name}` bevat het onzichtbare stuurteken {code} (teken {index}); geen export "
                             "kan het meenemen en een terminal kan erop reageren",
        "control_character_fix": "wis de tekst rond teken {index} en typ hem opnieuw (hij is waarschijnlijk "
                                 "geplakt)",
        "text_too_long": "`{name}` is {length} tekens lang; kwis staat er hoogstens {limit} toe in één veld",
        "text_too_long_fix": "kort `{name}` in, of zet de lange tekst in het bronbestand en citeer eruit",
        "invisible_character": "`{name}` bevat het onzichtbare teken {code} (teken {index}): een student kan "
                               "het niet typen, dus een antwoord of keuze ermee lijkt op een zonder",
        "invisible_character_fix": "wis de tekst rond teken {index} en typ hem opnieuw",
        "empty_text": "`{name}` is leeg",
        "empty_text_fix": "schrijf de tekst van `{name}:` ({description}), of haal de regel weg",
        "not_a_slug": "`{name}` '{text}' mag alleen kleine letters, cijfers en streepjes bevatten",
        "not_a_slug_fix": "schrijf `{name}: {suggestion}`",
        "slug_example": "vraag-1",
        "unknown_type": "onbekend vraagtype '{text}'",
        "unknown_type_fix": "gebruik een van: {types}",
        "unknown_type_did_you_mean_fix": "bedoel je `{close}`? gebruik een van: {types}",
        "not_bool": "`{name}` moet true of false zijn, maar is {found}",
        "not_bool_fix": "schrijf `{name}: true` of `{name}: false`",
        "not_int": "`{name}` moet een geheel getal zijn, maar is {found}",
        "not_int_fix": "schrijf een geheel getal{bounds}",
        "not_a_number": "`{name}` moet een getal zijn, maar is {found}",
        "not_a_number_fix": "schrijf een getal met een punt als decimaalteken (geen komma), bijvoorbeeld "
                            "`{name}: 1.5`",
        "number_one_reading_fix": "in YAML heeft een getal geen scheidingsteken voor duizendtallen en een "
                                  "punt als decimaalteken: schrijf `{name}: {reading}`",
        "number_two_readings_fix": "in YAML heeft een getal geen scheidingsteken voor duizendtallen en een "
                                   "punt als decimaalteken: schrijf `{name}: {thousands}` als je duizendtallen "
                                   "bedoelt of `{name}: {decimals}` als je decimalen bedoelt",
        "ambiguous_number": "`{value}` kan op twee manieren gelezen worden: als {thousands} (een punt tussen "
                            "de duizendtallen, zoals in het Nederlands) of als {decimals} (een decimale punt, "
                            "zoals YAML het leest)",
        "ambiguous_number_fix": "schrijf `{name}: {thousands}` als je duizendtallen bedoelt of "
                                "`{name}: {decimals}` als je decimalen bedoelt",
        "out_of_range": "`{name}` is {value}, dat valt buiten het toegestane bereik",
        "not_finite": "`{name}` is {value}: kwis rekent alleen met eindige getallen tot 10^15",
        "not_finite_fix": "schrijf een gewoon getal, bijvoorbeeld `{name}: 17000`",
        "sexagesimal": "`{name}: {value}` leest YAML als {reading} (zestigtallig, zoals bij tijden)",
        "sexagesimal_fix": "zet het tussen aanhalingstekens als het tekst is (`\"{value}\"`), of schrijf "
                           "{reading} als je dat bedoelde",
        "out_of_range_fix": "schrijf een getal{bounds}",
        "bounds_between": " van {low} tot en met {high}",
        "bounds_above": " groter dan {low}",
        "bounds_at_least": " van minstens {low}",
        "not_a_list": "`{name}` moet een lijst met minstens één item zijn, maar is {found}",
        "not_a_list_fix": "schrijf `{name}: [{example}]`, of één `- {example}`-regel per item",
        "not_reasons": "`{name}` moet regelcodes aan redenen koppelen, maar is {found}",
        "not_reasons_fix": "schrijf `{name}: {{W101: \"waarom deze regel hier niet geldt\"}}`",
        "not_a_range": "`range` moet twee getallen [laag, hoog] zijn, maar is {found}",
        "not_a_range_fix": "schrijf `range: [12000, 14000]`",
        "backwards_range": "`range` loopt achteruit: {low} is groter dan {high}",
        "backwards_range_fix": "schrijf `range: [{high}, {low}]`",
        "shape_mapping": "een blok `key: value`-regels",
        "shape_list": "een lijst met `- `-regels",
        "wrong_shape": "`{name}` moet {shape} zijn, maar is {found}",
        "wrong_shape_fix": "schrijf `{name}:` met daaronder, ingesprongen, {shape} (zie docs/bank-format.md)",
    },
})


class Invalid:
    """Marks a value that could not be read; its problem is already reported."""


INVALID = Invalid()


@dataclass
class Reader:
    """Reads one bank file; `problems` and `positions` fill up as it goes.

    Messages are in `language` (the bank's `language` tag; unsupported tags give English).
    """

    file: str
    language: str = "en"
    problems: list[Problem] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def report(self, node: yaml.Node | tuple[int, int], path: str, message: str, fix: str,
               severity: Severity = "error") -> None:
        line, column = node if isinstance(node, tuple) else position(node)
        self.problems.append(Problem(self.file, line, column, path, message, fix, severity))

    def say(self, key: str, **values: object) -> str:
        """A message of this module's table in the bank's language."""
        return _MESSAGES(self.language, key, **values)

    def describe(self, node: yaml.Node) -> str:
        """What a node is, in the words of the error messages."""
        if isinstance(node, yaml.MappingNode):
            return self.say("found_mapping" if node.value else "found_empty_mapping")
        if isinstance(node, yaml.SequenceNode):
            return self.say("found_list" if node.value else "found_empty_list")
        if node.tag == YAML_TAG + "null":
            return self.say("found_empty")
        return self.say("found_value", value=node.value)

    def mapping(self, node: yaml.Node, fields: Mapping[str, Field], path: str,
                what: str) -> dict[str, Any] | None:
        """The known fields of a mapping node, read by kind; composite kinds stay nodes.

        `what` names the mapping in messages: a key of this module's table (`the_question`).
        """
        self.positions[path] = position(node)
        if not isinstance(node, yaml.MappingNode):
            self.report(node, path, self.say("not_a_mapping", what=self.say(what), found=self.describe(node)),
                        self.say("not_a_mapping_fix", what=self.say(what)))
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
            self.report(key_node, f"{path}.{name}", self.say("duplicate_key", name=name, what=self.say(what)),
                        self.say("duplicate_key_fix", name=name))
            return None
        if name not in fields:
            split_text = " " in name and value_node.tag == YAML_TAG + "null"
            fix = self.say("comma_in_flow_mapping_fix") if split_text else self._suggest(name, fields)
            self.report(key_node, f"{path}.{name}", self.say("unknown_field", name=name, what=self.say(what)), fix)
            return None
        return name

    def _suggest(self, name: str, fields: Mapping[str, Field]) -> str:
        close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
        if close:
            return self.say("unknown_field_did_you_mean", close=close[0])
        return self.say("unknown_field_fix", allowed=", ".join(fields))

    def _require(self, node: yaml.Node, fields: Mapping[str, Field], values: Mapping[str, Any],
                 path: str, what: str) -> None:
        for name, spec in fields.items():
            if spec.required and name not in values:
                self.report(node, f"{path}.{name}", self.say("missing_field", what=self.say(what), name=name),
                            self.say("missing_field_fix", name=name,
                                     description=field_description(spec, self.language)))

    def value(self, spec: Field, node: yaml.Node, path: str) -> Any:
        self.positions[path] = position(node)
        if not self._tag_allowed(node, path):
            return INVALID
        reader = getattr(self, "_read_" + spec.kind)
        return reader(spec, node, path)

    def _tag_allowed(self, node: yaml.Node, path: str) -> bool:
        if node.tag in DATA_TAGS:
            return True
        self.report(node, path, self.say("tag_not_allowed", tag=tag_name(node)), self.say("tag_not_allowed_fix"))
        return False

    def _scalar_text(self, spec: Field, node: yaml.Node, path: str) -> str | Invalid:
        name = _name(path)
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, path, self.say("not_text", name=name, found=self.describe(node)),
                        self.say("not_text_fix", name=name))
            return INVALID
        text = "" if node.tag == YAML_TAG + "null" else str(node.value).strip()  # `hint: null` is not "null"
        if not text:
            self.report(node, path, self.say("empty_text", name=name),
                        self.say("empty_text_fix", name=name, description=field_description(spec, self.language)))
            return INVALID
        if len(text) > MAX_TEXT_CHARACTERS:
            self.report(node, path, self.say("text_too_long", name=name, length=len(text), limit=MAX_TEXT_CHARACTERS),
                        self.say("text_too_long_fix", name=name))
            return INVALID
        bad = control_character(text)
        if bad is not None:
            values = {"name": name, "code": f"U+{ord(text[bad]):04X}", "index": bad + 1}
            self.report(node, path, self.say("control_character", **values),
                        self.say("control_character_fix", **values))
            return INVALID
        hidden = INVISIBLE.search(text)
        if hidden is not None:
            values = {"name": name, "code": f"U+{ord(hidden.group()):04X}", "index": hidden.start() + 1}
            self.report(node, path, self.say("invisible_character", **values),
                        self.say("invisible_character_fix", **values), severity="warning")
        return text

    _read_text = _scalar_text

    def _read_slug(self, spec: Field, node: yaml.Node, path: str) -> str | Invalid:
        text = self._scalar_text(spec, node, path)
        if isinstance(text, str) and not SLUG.match(text):
            suggestion = slug(text, self.say("slug_example"))
            self.report(node, path, self.say("not_a_slug", name=_name(path), text=text),
                        self.say("not_a_slug_fix", name=_name(path), suggestion=suggestion))
            return INVALID
        return text

    def _read_type(self, spec: Field, node: yaml.Node, path: str) -> str | Invalid:
        text = self._scalar_text(spec, node, path)
        if isinstance(text, str) and text not in QUESTION_TYPES:
            close = difflib.get_close_matches(text, QUESTION_TYPES, n=1)
            types = ", ".join(QUESTION_TYPES)
            fix = (self.say("unknown_type_did_you_mean_fix", close=close[0], types=types) if close
                   else self.say("unknown_type_fix", types=types))
            self.report(node, path, self.say("unknown_type", text=text), fix)
            return INVALID
        return text

    def _read_bool(self, spec: Field, node: yaml.Node, path: str) -> bool | Invalid:
        if node.tag != YAML_TAG + "bool":
            self.report(node, path, self.say("not_bool", name=_name(path), found=self.describe(node)),
                        self.say("not_bool_fix", name=_name(path)))
            return INVALID
        return bool(_CONSTRUCTOR.construct_object(node))

    def _read_int(self, spec: Field, node: yaml.Node, path: str) -> int | Invalid:
        if node.tag != YAML_TAG + "int":
            self.report(node, path, self.say("not_int", name=_name(path), found=self.describe(node)),
                        self.say("not_int_fix", bounds=self._bounds(spec)))
            return INVALID
        return self._bounded(spec, node, path, int)

    def _read_number(self, spec: Field, node: yaml.Node, path: str) -> float | Invalid:
        name = _name(path)
        if node.tag not in (YAML_TAG + "int", YAML_TAG + "float"):
            self.report(node, path, self.say("not_a_number", name=name, found=self.describe(node)),
                        self._number_fix(name, node))
            return INVALID
        written = str(node.value).lstrip("+-")
        if AMBIGUOUS.fullmatch(written):  # ambiguous in every language: `1.400` is 1.4 or 1400
            head, tail = written.split(".")
            values = {"name": name, "value": node.value, "thousands": head + tail,
                      "decimals": yaml_number(float(f"{head}.{tail}"))}
            self.report(node, path, self.say("ambiguous_number", **values),
                        self.say("ambiguous_number_fix", **values))
            return INVALID
        return self._bounded(spec, node, path, float)

    def _bounded(self, spec: Field, node: yaml.Node, path: str,
                 kind: Callable[[float | int], Number]) -> Number | Invalid:
        """The node's number as `kind`, when kwis can count with it and it is within the
        field's bounds."""
        number = self._construct_number(spec, node, path)
        if isinstance(number, Invalid):
            return number
        bounded: Number | Invalid = self._in_bounds(spec, node, path, kind(number))
        return bounded

    def _construct_number(self, spec: Field, node: yaml.Node, path: str) -> float | int | Invalid:
        """The number a YAML int or float node holds, if kwis can count with it: no `1:30`
        (YAML 1.1 reads 90), no .nan or .inf, nothing beyond MAX_NUMBER (a 400-digit answer)."""
        name, written = _name(path), str(node.value)
        if ":" in written:
            reading = _CONSTRUCTOR.construct_object(node)
            values = {"name": name, "value": written, "reading": yaml_number(float(reading))}
            self.report(node, path, self.say("sexagesimal", **values), self.say("sexagesimal_fix", **values))
            return INVALID
        try:
            number: float | int = _CONSTRUCTOR.construct_object(node)
            finite = math.isfinite(number) and abs(number) <= MAX_NUMBER
        except (ValueError, OverflowError):  # beyond Python's int-to-string limit, or a float's range
            finite = False
        if not finite:
            shown = written if len(written) <= 24 else written[:20] + "…"
            self.report(node, path, self.say("not_finite", name=name, value=shown),
                        self.say("not_finite_fix", name=name))
            return INVALID
        return number

    def _number_fix(self, name: str, node: yaml.Node) -> str:
        """How to write text such as `1,400` or `1.234.567` as a YAML number, for each way it reads."""
        found = readings(str(node.value)) if isinstance(node, yaml.ScalarNode) else ()
        if len(found) == 1:
            return self.say("number_one_reading_fix", name=name, reading=yaml_number(found[0]))
        if len(found) == 2:
            thousands, decimals = sorted(found, reverse=True)
            return self.say("number_two_readings_fix", name=name, thousands=yaml_number(thousands),
                            decimals=yaml_number(decimals))
        return self.say("not_a_number_fix", name=name)

    def _in_bounds(self, spec: Field, node: yaml.Node, path: str, number: Any) -> Any:
        low_ok = spec.minimum is None or (number > spec.minimum if spec.exclusive_minimum
                                          else number >= spec.minimum)
        high_ok = spec.maximum is None or number <= spec.maximum
        if low_ok and high_ok:
            return number
        self.report(node, path, self.say("out_of_range", name=_name(path), value=node.value),
                    self.say("out_of_range_fix", bounds=self._bounds(spec)))
        return INVALID

    def _bounds(self, spec: Field) -> str:
        if spec.minimum is not None and spec.maximum is not None:
            return self.say("bounds_between", low=f"{spec.minimum:g}", high=f"{spec.maximum:g}")
        if spec.minimum is not None:
            return self.say("bounds_above" if spec.exclusive_minimum else "bounds_at_least",
                            low=f"{spec.minimum:g}")
        return ""

    def _read_strings(self, spec: Field, node: yaml.Node, path: str) -> tuple[str, ...] | Invalid:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            example = str(node.value) if isinstance(node, yaml.ScalarNode) and node.value else "..."
            self.report(node, path, self.say("not_a_list", name=_name(path), found=self.describe(node)),
                        self.say("not_a_list_fix", name=_name(path), example=example))
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
            self.report(node, path, self.say("not_reasons", name=_name(path), found=self.describe(node)),
                        self.say("not_reasons_fix", name=_name(path)))
            return INVALID
        pairs = []
        for key, value in node.value:
            reason = self.value(REASON, value, f"{path}.{key.value}")
            if isinstance(reason, str):
                pairs.append((str(key.value), reason))
        return tuple(pairs)

    def _read_range(self, spec: Field, node: yaml.Node, path: str) -> tuple[float, float] | Invalid:
        numbers = node.value if isinstance(node, yaml.SequenceNode) else []
        if len(numbers) != 2:
            self.report(node, path, self.say("not_a_range", found=self.describe(node)), self.say("not_a_range_fix"))
            return INVALID
        low, high = (self.value(Field("number", "bound"), n, f"{path}[{i}]") for i, n in enumerate(numbers))
        if isinstance(low, Invalid) or isinstance(high, Invalid):
            return INVALID
        if low > high:
            self.report(node, path, self.say("backwards_range", low=f"{low:g}", high=f"{high:g}"),
                        self.say("backwards_range_fix", low=f"{low:g}", high=f"{high:g}"))
            return INVALID
        return (low, high)

    def _read_unchecked(self, spec: Field, node: yaml.Node, path: str) -> Invalid:
        return INVALID

    def _read_object(self, spec: Field, node: yaml.Node, path: str) -> yaml.Node | Invalid:
        return self._composite(node, path, yaml.MappingNode, "shape_mapping")

    def _read_objects(self, spec: Field, node: yaml.Node, path: str) -> yaml.Node | Invalid:
        return self._composite(node, path, yaml.SequenceNode, "shape_list")

    _read_choices = _read_objects

    def _composite(self, node: yaml.Node, path: str, kind: type, shape: str) -> yaml.Node | Invalid:
        if isinstance(node, kind) and node.value:
            return node
        self.report(node, path, self.say("wrong_shape", name=_name(path), shape=self.say(shape),
                                         found=self.describe(node)),
                    self.say("wrong_shape_fix", name=_name(path), shape=self.say(shape)))
        return INVALID


# Control characters other than tab and line breaks (C0, DEL, C1: they break XML 1.0 and drive
# terminals), lone surrogates and the non-characters U+FFFE/U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# Zero-width space, word joiner, BOM: invisible, never typed (zero-width (non-)joiners are
# left alone: scripts and emoji need them).
INVISIBLE = re.compile("[\u200b\u2060\ufeff]")


def control_character(text: str) -> int | None:
    """Where `text` has its first character no bank may hold (a control character), or None."""
    found = _FORBIDDEN.search(text)
    return found.start() if found else None


def _name(path: str) -> str:
    last = path.rsplit(".", 1)[-1]
    return last.split("[", 1)[0] if not last.startswith("[") else last
