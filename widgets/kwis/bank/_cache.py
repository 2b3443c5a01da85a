"""The user's own cache of validated banks: a new kernel does not read and check an unchanged
bank again (docs/bank-format.md, "The bank cache").

An entry is a bank that loaded without errors, written as plain JSON and rebuilt into the model's
dataclasses (never pickle: reading an entry cannot run code). Its name is the SHA-256 of what the
bank was built from: the bank file's real path and bytes, and the code that reads banks (size and
time of each of its files, and of PyYAML's). The source text is not in the entry, its SHA-256 is:
a hit reads the source file again and must find the same text. Beside it, `<key>.render.json`
holds the HTML this bank's texts were rendered to by a kernel that loaded it (written when that
kernel ends), with the stamp of the renderer and its libraries: the next kernel renders none of
them again.

The folder is `$KWIS_BANK_CACHE`, else the user's cache folder (`~/.cache/kwis/banks` on Linux),
made 0700. It is used only while it is a real folder of this user that no one else may write, and
an entry only while it is an ordinary file of this user that no one else may write, carrying its
own name and the SHA-256 of its contents. Anything else (a corrupt, foreign, stale or unreadable
entry, a full disk) counts as not cached: the bank is read as if there were no cache, and the
entry written anew. `KWIS_BANK_CACHE=off` turns the cache off.
"""

from __future__ import annotations

import atexit
import dataclasses
import hashlib
import json
import os
import stat
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from kwis import _render
from kwis.bank._files import source_text
from kwis._model import (
    Bank, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, Pair, Settings, Source, StudentCopy, TextQuestion, TrueFalseQuestion,
)

CACHE_ENV = "KWIS_BANK_CACHE"
OFF = frozenset({"off", "0", "no", "false"})
ENTRY_FORMAT = 1  # raise when the layout of an entry changes
RENDER_FORMAT = 1
MAX_ENTRIES = 128  # files (a bank and its renders are two): the oldest beyond are removed on a write
_CLASSES: dict[str, type[Any]] = {cls.__name__: cls for cls in (
    Bank, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, Pair, Settings, Source, StudentCopy, TextQuestion, TrueFalseQuestion,
)}
_PACKAGE = Path(__file__).resolve().parent.parent
# The code a loaded bank depends on: the model, the bank reader and the text rules it applies.
_CODE = ("_model.py", "bank", "grading")
# What a render depends on: kwis's policy and the libraries that apply it.
_RENDER_CODE = ("markdown_it", "mdit_py_plugins", "nh3")
# Banks loaded in this process, by entry key, and the renders they were given: what else of their
# texts this process renders is kept for the next kernel when this one ends.
_SHOWN: dict[str, tuple[Bank, frozenset[_render.RenderKey]]] = {}


def cached_bank(file: str, data: bytes) -> Bank | None:
    """The bank of `file` (whose bytes are `data`) as cached, or None."""
    try:
        folder = cache_folder()
        if folder is None or not _private_folder(folder):
            return None
        key = entry_key(file, data)
        raw = _read_entry(folder / f"{key}.json")
        return _bank_of(raw, key, file) if raw is not None else None
    except Exception:  # any fault of the cache is a miss: the bank is read in full
        return None


def remember(file: str, data: bytes, bank: Bank) -> None:
    """Caches `bank`, loaded without errors from `file` (whose bytes are `data`); never raises."""
    try:
        folder = cache_folder()
        if folder is None:
            return
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_folder(folder):
            return
        key = entry_key(file, data)
        _write_entry(folder, key, _entry(key, bank))
        _forget_oldest(folder)
    except Exception:  # a cache that cannot be written costs the next kernel a full read, no more
        return


def seed_renders(file: str, data: bytes, bank: Bank) -> None:
    """Gives `_render` what an earlier kernel rendered of this bank's texts, and keeps what this
    one renders of them for the next (written when the process ends); never raises.

    The kept renders are HTML that goes into the page as it is, so they are read under the same
    rules as a bank entry, and only while they were made by this very `_render` and its libraries."""
    try:
        folder = cache_folder()
        if folder is None:
            return
        key = entry_key(file, data)
        raw = _read_entry(folder / f"{key}.render.json") if _private_folder(folder) else None
        renders = _renders_in(raw, key) if raw is not None else {}
        _render.seed_renders(renders)
        if not _SHOWN:
            atexit.register(keep_renders)
        _SHOWN[key] = bank, frozenset(renders)
    except Exception:  # a fault of the cache only means rendering again
        return


def keep_renders() -> None:
    """Writes, beside each bank loaded in this process, what was rendered of its texts (when that
    is more than it was given); at exit, never raises."""
    for key, (bank, given) in list(_SHOWN.items()):
        try:
            renders = _render.renders_of(_texts(bank))
            folder = cache_folder()
            if folder is None or not renders or set(renders) <= given or not _private_folder(folder):
                continue
            _write_entry(folder, f"{key}.render", _render_entry(key, renders))
            _SHOWN[key] = bank, frozenset(renders)
        except Exception:  # the next kernel renders them again
            continue


def _render_entry(key: str, renders: dict[_render.RenderKey, str]) -> bytes:
    body = json.dumps([[kind, text, remote, html] for (kind, text, remote), html in renders.items()],
                      ensure_ascii=False, separators=(",", ":")).encode()
    head = {"kwis-render-cache": RENDER_FORMAT, "key": key, "code": _render_fingerprint(),
            "body": hashlib.sha256(body).hexdigest()}
    return json.dumps(head).encode() + b"\n" + body


def _renders_in(raw: bytes, key: str) -> dict[_render.RenderKey, str]:
    head_line, _, body = raw.partition(b"\n")
    head = json.loads(head_line)
    if head.get("kwis-render-cache") != RENDER_FORMAT or head.get("key") != key \
            or head.get("code") != _render_fingerprint() or head.get("body") != hashlib.sha256(body).hexdigest():
        return {}
    renders: dict[_render.RenderKey, str] = {}
    for kind, text, remote, html in json.loads(body):
        if kind in ("block", "inline") and isinstance(text, str) and isinstance(remote, bool) \
                and isinstance(html, str):
            renders[kind, text, remote] = html
    return renders


def _texts(value: Any) -> set[str]:
    """Every text in a bank (its model as JSON data, walked)."""
    found: set[str] = set()
    stack = [_plain(value)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return found


def cache_folder() -> Path | None:
    """Where entries live, or None when `KWIS_BANK_CACHE=off`."""
    setting = os.environ.get(CACHE_ENV, "").strip()
    if setting.lower() in OFF:
        return None
    if setting:
        return Path(setting)
    import platformdirs  # only on the way to the cache: most kernels have it loaded already

    return Path(platformdirs.user_cache_dir("kwis", appauthor=False)) / "banks"


def entry_key(file: str, data: bytes) -> str:
    """The name of the entry for a bank file's real path and bytes, read by this code."""
    digest = hashlib.sha256(f"{ENTRY_FORMAT}\0{_code_fingerprint()}\0{os.path.realpath(file)}\0".encode())
    digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Size and modification time of every file of the code that builds a bank, and of PyYAML's
    parser: an upgrade or an edit of any of them makes every entry stale."""
    files = [_PACKAGE / part for part in _CODE if part.endswith(".py")]
    files += sorted(p for part in _CODE if not part.endswith(".py") for p in (_PACKAGE / part).glob("*.py"))
    return _stamps(files + _package_files("yaml"))


@lru_cache(maxsize=1)
def _render_fingerprint() -> str:
    """The same for what renders Markdown: kwis's `_render` and markdown-it, its plugin and nh3."""
    return _stamps([_PACKAGE / "_render.py"] + [p for name in _RENDER_CODE for p in _package_files(name)])


def _package_files(name: str) -> list[Path]:
    """The files at the top of an installed package, found without importing it."""
    spec = find_spec(name)
    return sorted(Path(spec.origin).parent.glob("*")) if spec is not None and spec.origin else []


def _stamps(files: list[Path]) -> str:
    stamps = []
    for path in files:
        info = path.stat()
        stamps.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def _private_folder(folder: Path) -> bool:
    """A real folder (not a symlink) of this user that no one else may write."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _private(info)


def _private(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)  # absent on Windows, where the cache folder is the user's own
    owned = getuid is None or info.st_uid == getuid()
    return owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read_entry(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        return handle.read()


def _entry(key: str, bank: Bank) -> bytes:
    """Line 1: what the entry is (its key, the source's SHA-256, the body's SHA-256); line 2: the
    bank, without its path (the caller's) and its source text (read again on a hit)."""
    source = bank.source
    stripped = dataclasses.replace(bank, path="", source=source and dataclasses.replace(source, text=""))
    body = json.dumps(_plain(stripped), ensure_ascii=False, separators=(",", ":")).encode()
    head = {"kwis-bank-cache": ENTRY_FORMAT, "key": key, "body": hashlib.sha256(body).hexdigest(),
            "source": _sha256(source.text) if source and source.file else None}
    return json.dumps(head).encode() + b"\n" + body


def _bank_of(raw: bytes, key: str, file: str) -> Bank | None:
    head_line, _, body = raw.partition(b"\n")
    head = json.loads(head_line)
    if head.get("kwis-bank-cache") != ENTRY_FORMAT or head.get("key") != key \
            or head.get("body") != hashlib.sha256(body).hexdigest():
        return None
    bank = json.loads(body, object_hook=_rebuilt)
    if not isinstance(bank, Bank):
        return None
    source = bank.source
    if source is not None and source.file:
        text = source_text(file, source.file)
        if text is None or _sha256(text) != head.get("source"):
            return None  # the source text changed, or cannot be read: read_bank says why
        source = dataclasses.replace(source, text=text)
    return dataclasses.replace(bank, path=file, source=source)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(value: Any) -> Any:
    """The model as JSON data: a dataclass as an object naming its class in "@", a tuple as a list."""
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if _CLASSES.get(type(value).__name__) is type(value):
        plain = {"@": type(value).__name__}
        plain.update((f.name, _plain(getattr(value, f.name))) for f in dataclasses.fields(value)
                     if not _is_default(f, getattr(value, f.name)))
        return plain
    raise TypeError(f"a bank holds a {type(value).__name__}, which the cache does not know")


def _is_default(field: dataclasses.Field[Any], value: Any) -> bool:
    """Left out of the entry, as the class fills it in: the default, of the default's own type
    (`points: 1` stays the int it was written as, not the default 1.0)."""
    if field.default is not dataclasses.MISSING:
        default = field.default
    elif field.default_factory is not dataclasses.MISSING:
        default = field.default_factory()
    else:
        return False
    return type(value) is type(default) and value == default


def _rebuilt(plain: dict[str, Any]) -> Any:
    """`_plain` undone: only the model's own classes, with their own fields."""
    cls = _CLASSES[plain.pop("@")]
    return cls(**{name: _tupled(value) for name, value in plain.items()})


def _tupled(value: Any) -> Any:
    return tuple(_tupled(item) for item in value) if isinstance(value, list) else value


def _write_entry(folder: Path, key: str, entry: bytes) -> None:
    """Written whole or not at all: a temporary file (0600) renamed over the entry."""
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(entry)
        os.replace(temporary, folder / f"{key}.json")
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _forget_oldest(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    for path in entries[:-MAX_ENTRIES]:
        path.unlink(missing_ok=True)
