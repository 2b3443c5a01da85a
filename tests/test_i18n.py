"""Every message table speaks every supported language with the same keys and the same `{fields}`."""

from __future__ import annotations

import importlib
import pkgutil
import string
from typing import Iterator, Mapping

import pytest

import kwis
from kwis.bank import _schema
from kwis._i18n import SUPPORTED_LANGUAGES, Messages, all_tables
from kwis.bank._schema import Field
from kwis.bank._schema_nl import DUTCH_DESCRIPTIONS, REASON

MODULES = [info.name for info in pkgutil.walk_packages(kwis.__path__, prefix="kwis.")]
for _name in MODULES:
    importlib.import_module(_name)


def _table_names() -> dict[int, str]:
    names: dict[int, str] = {}
    for module_name in MODULES:
        for attribute, value in vars(importlib.import_module(module_name)).items():
            if isinstance(value, Messages):
                names[id(value)] = f"{module_name}.{attribute}"
    return names


NAMES = _table_names()
TABLES = [pytest.param(table, id=NAMES.get(id(table), f"table-{i}")) for i, table in enumerate(all_tables())]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_module_was_found_and_the_loader_modules_have_tables() -> None:
    assert {"kwis.bank._read", "kwis.bank._nodes", "kwis.bank._yaml", "kwis.bank._cloze", "kwis.grading._grade"} <= set(MODULES)
    tabled = {name.rsplit(".", 1)[0] for name in NAMES.values()}
    assert {"kwis.bank._read", "kwis.bank._nodes", "kwis.bank._yaml", "kwis.bank._cloze", "kwis.cli._bank"} <= tabled


@pytest.mark.parametrize("table", TABLES)
def test_every_language_has_the_same_keys(table: Messages) -> None:
    assert set(table.table) >= set(SUPPORTED_LANGUAGES)
    english = set(table.table["en"])
    for language in SUPPORTED_LANGUAGES:
        keys = set(table.table[language])
        assert keys == english, f"{language}: missing {sorted(english - keys)}, extra {sorted(keys - english)}"


@pytest.mark.parametrize("table", TABLES)
def test_every_language_fills_the_same_fields(table: Messages) -> None:
    for key, template in table.table["en"].items():
        for language in SUPPORTED_LANGUAGES:
            assert _fields(table.table[language][key]) == _fields(template), f"{language}: {key}"


def _all_fields(fields: Mapping[str, Field]) -> Iterator[Field]:
    for spec in fields.values():
        yield spec
        if spec.fields is not None:
            yield from _all_fields(spec.fields)


def _schema_fields() -> list[Field]:
    tables = [_schema.BANK_FIELDS, _schema.COMMON_QUESTION_FIELDS, *_schema.TYPE_FIELDS.values(),
              *_schema.KEYLESS_TYPE_FIELDS.values()]
    return [spec for table in tables for spec in _all_fields(table)] + [REASON]


def test_every_field_description_has_a_dutch_one_and_none_is_stale() -> None:
    english = {spec.description for spec in _schema_fields()}
    assert sorted(english - set(DUTCH_DESCRIPTIONS)) == [], "add these to kwis/_schema_nl.py"
    assert sorted(set(DUTCH_DESCRIPTIONS) - english) == [], "these no longer describe a field"
