"""The extension's HTTP endpoints under `<base_url>/kwis/`, authenticated like every Jupyter API.

POST check {path, text, line}: problems and the preview of the question at `line`.
POST new {folder, language}:    a starter bank (the `kwis new` template) in `folder`.
POST try {path}:                a scratch student notebook for the bank, next to it.
Every path is a contents path relative to the server's root; see `_check.Root` for what is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tornado.web
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from kwis.bank import read_bank_text
from kwis.bank._schema import schema_text
from kwis.lab._check import Refused, Root, check, read_limited
from kwis.teacher._notebook import write_notebook
from kwis.teacher._template import STARTER_LANGUAGES, write_starter


class _KwisHandler(APIHandler):
    @property
    def root(self) -> Root:
        return Root.of(self.settings["server_root_dir"])

    def body(self) -> dict[str, Any]:
        try:
            data = json.loads(self.request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise Refused(400, "the request body is not JSON") from None
        if not isinstance(data, dict):
            raise Refused(400, "the request body should be a JSON object")
        return data

    def answer(self, work: Any) -> None:
        try:
            result = work()
        except Refused as refused:
            self.set_status(refused.status)
            result = {"message": str(refused)}
        self.finish(json.dumps(result))


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise Refused(400, f"`{key}` should be a string")
    return value


class CheckHandler(_KwisHandler):
    @tornado.web.authenticated
    def post(self) -> None:
        def work() -> dict[str, Any]:
            data = self.body()
            line = data.get("line")
            return check(self.root, _text(data, "path"), _text(data, "text"),
                         line if isinstance(line, int) else None)
        self.answer(work)


class NewHandler(_KwisHandler):
    @tornado.web.authenticated
    def post(self) -> None:
        def work() -> dict[str, Any]:
            data = self.body()
            language = data.get("language", "nl")
            if language not in STARTER_LANGUAGES:
                raise Refused(400, f"`language` should be one of {', '.join(STARTER_LANGUAGES)}")
            folder = self.root.resolve(_text(data, "folder"))
            if not folder.is_dir():
                raise Refused(404, f"no folder {data['folder']!r}")
            bank = _free_name(folder, "kwis-bank", ".yaml")
            write_starter(bank, language, schema=schema_text())
            return {"path": self.root.relative(bank)}
        self.answer(work)


class TryHandler(_KwisHandler):
    @tornado.web.authenticated
    def post(self) -> None:
        def work() -> dict[str, Any]:
            relative = _text(self.body(), "path")
            bank_file = self.root.resolve(relative)
            loaded = read_bank_text(read_limited(self.root, relative), file=relative, base_dir=bank_file.parent)
            if loaded.bank is None:
                raise Refused(422, "\n".join(p.format() for p in loaded.errors))
            notebook = _free_name(bank_file.parent, f"{bank_file.stem}-try", ".ipynb")
            write_notebook(loaded.bank, bank_file, notebook)
            return {"path": self.root.relative(notebook)}
        self.answer(work)


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    """`stem.suffix` in the folder, or `stem-2.suffix`, ... : the first that does not exist."""
    candidate, number = folder / f"{stem}{suffix}", 1
    while candidate.exists() or (suffix == ".yaml" and (folder / "sources" / f"{candidate.stem}.txt").exists()):
        number += 1
        candidate = folder / f"{stem}-{number}{suffix}"
    return candidate


def setup_handlers(web_app: Any) -> None:
    base = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [(url_path_join(base, "kwis", name), handler)
                                 for name, handler in (("check", CheckHandler), ("new", NewHandler),
                                                       ("try", TryHandler))])
