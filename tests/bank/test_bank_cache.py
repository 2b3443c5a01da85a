"""The bank cache: a new kernel gets a bank it loaded before from the user's cache folder, the same
bank, without the YAML reader; an edit of the bank or its source text, a corrupt entry, or a
folder or entry someone else could have written means reading the bank in full, as without cache.

The first test starts a fresh Python process, as a student's new kernel is; the others load in
this one with nothing loaded yet (`new_kernel`), which is what a new kernel has."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterator

import pytest

import kwis
from kwis.bank import _cache, _loader, _read, bank_to_yaml, keyless_bank
from kwis.bank._read import read_bank

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"

BANK = """\
kwis: 1
id: cache
title: {title}
language: en
source:
  file: sources/text.txt
questions:
  - id: capital
    type: text
    prompt: What is the capital of Mali?
    answers: [Bamako]
    source: "{quote}"
"""

# Every field and question type with values off their defaults, so a round trip that lost or
# retyped anything (a tuple as a list, a Gap as a dict, a field left out) would show.
EVERY_FIELD = """\
kwis: 1
id: every-field
title: Every field
description: All the types, *with* Markdown.
language: nl-BE
source:
  title: Het artikel
  publisher: De krant
  author: A. Schrijver
  date: "2023-06-16"
  url: https://example.org/artikel
  file: sources/text.txt
settings:
  shuffle: false
  shuffle_choices: false
  pass_mark: 0.75
  remote_images: true
  retention: 0.85
  lint_ignore: {W104: "gelijke namen kunnen hier niet"}
questions:
  - id: keuze
    type: choice
    prompt: Wat is de hoofdstad?
    hint: Aan de Niger.
    explanation: Bamako.
    source: [Bamako is the capital]
    tags: [aardrijkskunde, mali]
    difficulty: 3
    points: 2
    feedback: {correct: Ja!, partial: Bijna., incorrect: Nee.}
    shuffle: false
    lint_ignore: {W101: "zo bedoeld"}
    choices:
      - {text: Bamako, correct: true, feedback: Goed.}
      - {text: Timboektoe, feedback: "Nee, die ligt noordelijker."}
  - id: meer
    type: multiple
    points: 1.5
    prompt: Welke steden liggen in Mali?
    choices:
      - {text: Bamako, correct: true}
      - {text: Gao, correct: true}
      - Dakar
  - id: waar
    type: true-false
    group: hoofdstad
    prompt: Bamako is de hoofdstad.
    answer: true
  - id: getal
    type: numeric
    group: hoofdstad
    prompt: Hoeveel?
    range: [16500, 17500]
    unit: man
    units: [militairen, soldaten]
  - id: tekst
    type: text
    prompt: Welke stad?
    answers: [Bamako, Bamaco]
    typos: 1
    case_sensitive: true
    strict_articles: true
  - id: patroon
    type: text
    prompt: Welk jaar?
    answers: ["2013"]
    pattern: "20(13|14)"
  - id: datum
    type: text
    prompt: Wanneer?
    answers: [16 juni 2023]
    expect: date
  - id: gaten
    type: cloze
    prompt: Vul in.
    text: "De {{hoofdstad|stad}} is {{[Bamako]|Gao|Dakar}}."
  - id: volgorde
    type: order
    prompt: Zet in volgorde.
    items: [eerst, dan, laatst]
  - id: paren
    type: match
    draft: true
    prompt: Verbind.
    pairs:
      - {left: Mali, right: Bamako}
      - {left: Senegal, right: Dakar}
    distractors: [Gao]
"""


def write_bank(folder: Path, text: str, source: str = "Bamako is the capital of Mali. Bali is not.") -> Path:
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "text.txt").write_text(source, encoding="utf-8")
    path = folder / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(_cache.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    return write_bank(tmp_path, BANK.format(title="Cache", quote="Bamako is the capital"))


def load_in_new_kernel(path: Path) -> dict[str, object]:
    """Loads `path` in a fresh interpreter: its title, and which of the libraries a quiz may
    not need were imported for it."""
    script = (
        "import json, sys, kwis\n"
        "bank = kwis.load_bank(sys.argv[1])\n"
        "heavy = {'yaml', 're2', 'markdown_it', 'nh3', 'ipywidgets', 'sqlite3'}\n"
        "print(json.dumps({'title': bank.title, 'imported': sorted(heavy & set(sys.modules))}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


Load = Callable[[Path], "dict[str, object]"]


@pytest.fixture
def new_kernel(monkeypatch: pytest.MonkeyPatch) -> Iterator[Load]:
    """Loads a bank as a new kernel would (nothing loaded in this process yet): its title and
    number of questions, or the error; and whether it was read in full (`read`) or came from the cache."""
    full_reads: list[str] = []
    read_in_full = _read.read_bank_bytes

    def counted(data: bytes, file: str) -> _read.Loaded:
        full_reads.append(file)
        return read_in_full(data, file)

    monkeypatch.setattr(_read, "read_bank_bytes", counted)

    def load(path: Path) -> dict[str, object]:
        _loader._LOADED.clear()
        before = len(full_reads)
        try:
            bank = kwis.load_bank(path)
            result: dict[str, object] = {"title": bank.title, "questions": len(bank.questions)}
        except kwis.BankError as err:
            result = {"error": str(err)}
        result["read"] = len(full_reads) > before
        return result

    yield load
    _loader._LOADED.clear()


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_a_new_kernel_gets_the_bank_from_the_cache_without_reading_yaml(bank_file: Path, cache: Path) -> None:
    assert load_in_new_kernel(bank_file) == {"title": "Cache", "imported": ["yaml"]}
    assert len(entries(cache)) == 1
    assert load_in_new_kernel(bank_file) == {"title": "Cache", "imported": []}


@pytest.mark.parametrize("path", [
    ROOT / "quizzes" / "minusma.nl.yaml", ROOT / "quizzes" / "minusma.en.yaml",
    DATA / "teacher-all-types.yaml", DATA / "groups.nl.yaml", DATA / "widgets-minusma.nl.yaml",
], ids=lambda p: p.name)
def test_the_cached_bank_is_the_bank_read_in_full(path: Path, cache: Path) -> None:
    data = path.read_bytes()
    full = read_bank(path).bank
    assert full is not None
    _cache.remember(str(path), data, full)
    assert _cache.cached_bank(str(path), data) == full


def test_every_field_and_type_comes_back_with_its_own_value_and_type(tmp_path: Path, cache: Path) -> None:
    path = write_bank(tmp_path, EVERY_FIELD, source="Bamako is the capital of Mali. Bamaka is a village.")
    full = read_bank(path).bank
    assert full is not None and len(full.questions) == 10
    assert full.question("tekst").near_names == ("Bamaka",)  # set by the loader, cached with the rest
    _cache.remember(str(path), path.read_bytes(), full)
    cached = _cache.cached_bank(str(path), path.read_bytes())
    assert cached == full
    assert repr(cached) == repr(full)  # also the types: tuples stay tuples, floats floats


def test_a_student_copy_comes_back_without_keys(tmp_path: Path, cache: Path) -> None:
    copy = keyless_bank(kwis.load_bank(DATA / "teacher-all-types.yaml"), "0" * 64)
    path = tmp_path / "copy.yaml"
    path.write_text(bank_to_yaml(copy), encoding="utf-8")
    full = read_bank(path).bank
    assert full is not None and full.keyless
    _cache.remember(str(path), path.read_bytes(), full)
    cached = _cache.cached_bank(str(path), path.read_bytes())
    assert cached is not None and cached.keyless
    assert repr(cached) == repr(full)  # repr: a keyless number is NaN, which equals nothing


def test_an_edited_bank_is_read_anew(bank_file: Path, cache: Path, new_kernel: Load) -> None:
    new_kernel(bank_file)
    bank_file.write_text(BANK.format(title="Edited", quote="Bamako is the capital"), encoding="utf-8")
    assert new_kernel(bank_file) == {"title": "Edited", "questions": 1, "read": True}
    assert new_kernel(bank_file)["read"] is False  # and the edit is what is cached now


def test_an_edited_source_text_is_checked_again(bank_file: Path, cache: Path, new_kernel: Load) -> None:
    new_kernel(bank_file)
    (bank_file.parent / "sources" / "text.txt").write_text("Timbuktu lies on the Niger.", encoding="utf-8")
    result = new_kernel(bank_file)
    assert "this quote is not in the source text" in str(result["error"])
    assert result["read"] is True


def test_a_removed_source_text_is_reported_as_without_cache(bank_file: Path, cache: Path,
                                                            new_kernel: Load) -> None:
    new_kernel(bank_file)
    (bank_file.parent / "sources" / "text.txt").unlink()
    assert "cannot read the source text 'sources/text.txt'" in str(new_kernel(bank_file)["error"])


def test_the_same_file_elsewhere_reads_its_own_source(tmp_path: Path, cache: Path, new_kernel: Load) -> None:
    text = BANK.format(title="Cache", quote="Bamako is the capital")
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    here = write_bank(tmp_path / "here", text)
    there = write_bank(tmp_path / "there", text, source="Nothing about capitals.")
    assert new_kernel(here)["title"] == "Cache"
    assert "this quote is not in the source text" in str(new_kernel(there)["error"])


def test_a_bank_with_errors_is_never_cached_and_says_the_same_each_time(tmp_path: Path, cache: Path,
                                                                       new_kernel: Load) -> None:
    path = write_bank(tmp_path, BANK.format(title="Cache", quote="not in the text"))
    first = new_kernel(path)
    assert "this quote is not in the source text" in str(first["error"])
    assert entries(cache) == []
    assert new_kernel(path) == first


def test_a_dutch_bank_with_errors_still_speaks_dutch(tmp_path: Path, cache: Path, new_kernel: Load) -> None:
    path = write_bank(tmp_path, BANK.format(title="Cache", quote="not in the text").replace("language: en",
                                                                                             "language: nl"))
    new_kernel(path)
    assert "dit citaat staat niet in de brontekst" in str(new_kernel(path)["error"])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "other-key"])
def test_a_corrupt_entry_is_ignored_and_written_anew(bank_file: Path, cache: Path, damage: str,
                                                     new_kernel: Load) -> None:
    new_kernel(bank_file)
    [entry] = entries(cache)
    raw = entry.read_bytes()
    damaged = {
        "garbage": b"\x00\xffnot json at all",
        "truncated": raw[: len(raw) // 2],
        "flipped": raw.replace(b"Cache", b"Cachf"),  # the body no longer has its SHA-256
        "empty": b"",
        "other-key": raw.replace(entry.stem.encode(), b"0" * 64),
    }[damage]
    entry.write_bytes(damaged)
    assert new_kernel(bank_file) == {"title": "Cache", "questions": 1, "read": True}
    assert entry.read_bytes() == raw
    assert new_kernel(bank_file)["read"] is False


def forged_entry(bank_file: Path, cache: Path, new_kernel: Load) -> Path:
    """A well-formed entry for `bank_file` whose bank has another title: if it is read, it shows."""
    new_kernel(bank_file)
    [entry] = entries(cache)
    head, body = entry.read_bytes().split(b"\n", 1)
    forged = body.replace(b'"title":"Cache"', b'"title":"Forged"')
    fields = json.loads(head)
    fields["body"] = hashlib.sha256(forged).hexdigest()
    entry.write_bytes(json.dumps(fields).encode() + b"\n" + forged)
    assert new_kernel(bank_file)["title"] == "Forged"  # the forgery itself is well made
    return entry


def test_a_folder_others_may_write_is_not_used(bank_file: Path, cache: Path, new_kernel: Load) -> None:
    entry = forged_entry(bank_file, cache, new_kernel)
    cache.chmod(0o777)
    assert new_kernel(bank_file) == {"title": "Cache", "questions": 1, "read": True}
    assert entry.read_bytes().count(b"Forged") == 1  # nothing written there either


def test_an_entry_others_may_write_is_not_used(bank_file: Path, cache: Path, new_kernel: Load) -> None:
    entry = forged_entry(bank_file, cache, new_kernel)
    entry.chmod(0o666)
    assert new_kernel(bank_file)["title"] == "Cache"


def test_a_symlinked_folder_or_entry_is_not_used(bank_file: Path, cache: Path, tmp_path: Path, new_kernel: Load,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    forged_entry(bank_file, cache, new_kernel)
    link = tmp_path / "link"
    link.symlink_to(cache)
    monkeypatch.setenv(_cache.CACHE_ENV, str(link))
    assert new_kernel(bank_file)["title"] == "Cache"
    monkeypatch.setenv(_cache.CACHE_ENV, str(cache))
    [entry] = entries(cache)
    real = tmp_path / "elsewhere.json"
    shutil.move(entry, real)
    entry.symlink_to(real)
    assert new_kernel(bank_file)["title"] == "Cache"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving files away needs root")
def test_a_folder_or_entry_of_another_user_is_not_used(bank_file: Path, cache: Path, new_kernel: Load) -> None:
    entry = forged_entry(bank_file, cache, new_kernel)
    os.chown(entry, 65534, 65534)  # nobody
    assert new_kernel(bank_file)["title"] == "Cache"
    os.chown(entry, 0, 0)
    os.chown(cache, 65534, 65534)
    assert new_kernel(bank_file)["title"] == "Cache"


def test_off_turns_the_cache_off(bank_file: Path, tmp_path: Path, new_kernel: Load,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv(_cache.CACHE_ENV, "off")
    for _ in range(2):
        assert new_kernel(bank_file)["read"] is True
    assert not (tmp_path / "xdg").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG cache folder is Linux's")
def test_by_default_the_cache_is_a_private_folder_in_the_users_cache(bank_file: Path, tmp_path: Path,
                                                                    new_kernel: Load,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(_cache.CACHE_ENV)
    new_kernel(bank_file)
    folder = tmp_path / "xdg" / "kwis" / "banks"
    assert len(entries(folder)) == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(entries(folder)[0].stat().st_mode) == 0o600
    assert new_kernel(bank_file)["read"] is False


def test_only_the_newest_entries_are_kept(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_cache, "MAX_ENTRIES", 3)
    for n in range(5):
        path = write_bank(tmp_path, BANK.format(title=f"Cache {n}", quote="Bamako is the capital"))
        assert kwis.load_bank(path).title == f"Cache {n}"
    assert len(entries(cache)) == 3
    assert cache / f"{_cache.entry_key(str(path), path.read_bytes())}.json" in entries(cache)


RENDER_SCRIPT = """\
import hashlib, json, sys, kwis
from kwis._render import markdown_inline, markdown_to_html
bank = kwis.load_bank(sys.argv[1])
shown = [markdown_to_html(q.prompt) for q in bank.questions]
shown += [markdown_inline(c.text) for q in bank.questions for c in getattr(q, "choices", ())]
out = {"markdown_it": "markdown_it" in sys.modules, "nh3": "nh3" in sys.modules,
       "shown": hashlib.sha256("\\x00".join(shown).encode()).hexdigest()}
markdown_inline("**not a text of the bank**")
print(json.dumps(out))
"""


def render_in_new_kernel(path: Path, env: dict[str, str] | None = None) -> dict[str, object]:
    """Renders every prompt and choice of `path` in a fresh interpreter, which then ends."""
    done = subprocess.run([sys.executable, "-c", RENDER_SCRIPT, str(path)], capture_output=True, text=True,
                          check=True, env={**os.environ, **(env or {})})
    result: dict[str, object] = json.loads(done.stdout)
    return result


MINUSMA = ROOT / "quizzes" / "minusma.nl.yaml"


def test_a_new_kernel_shows_what_an_earlier_one_rendered_without_markdown_it(cache: Path) -> None:
    rendered = render_in_new_kernel(MINUSMA, {_cache.CACHE_ENV: "off"})
    assert rendered["markdown_it"] is True
    first = render_in_new_kernel(MINUSMA)
    [renders] = cache.glob("*.render.json")
    assert b"not a text of the bank" not in renders.read_bytes()  # only the bank's own texts are kept
    again = render_in_new_kernel(MINUSMA)
    assert again == {"markdown_it": False, "nh3": False, "shown": rendered["shown"]}
    assert first["shown"] == rendered["shown"]


@pytest.mark.parametrize("damage", ["flipped", "other-code"])
def test_damaged_or_stale_renders_are_rendered_again(cache: Path, damage: str) -> None:
    render_in_new_kernel(MINUSMA)
    [renders] = cache.glob("*.render.json")
    head, body = renders.read_bytes().split(b"\n", 1)
    fields = json.loads(head)
    if damage == "flipped":  # forged HTML without its SHA-256
        body = body.replace(b"<p>", b"<p onclick=alert(1)>", 1)
    else:  # as made by another version of the renderer or of markdown-it
        fields["code"] = "0" * 64
    renders.write_bytes(json.dumps(fields).encode() + b"\n" + body)
    again = render_in_new_kernel(MINUSMA)
    assert again["markdown_it"] is True
    assert again["shown"] == render_in_new_kernel(MINUSMA, {_cache.CACHE_ENV: "off"})["shown"]
    assert b"onclick" not in renders.read_bytes()  # written anew at the end of that kernel
