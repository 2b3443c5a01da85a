"""The JupyterLab extension for teachers: live problems and a preview while writing a bank.

The server part (this package) answers the frontend (TypeScript, in `widgets/labextension/`,
prebuilt into the wheel) with the validator, linter and renderer of kwis itself.
"""

from __future__ import annotations

from typing import Any

__all__ = ["_jupyter_labextension_paths", "_jupyter_server_extension_points"]


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "kwis"}]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "kwis.lab"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    from kwis.lab._handlers import setup_handlers  # jupyter_server is imported only by a server

    setup_handlers(server_app.web_app)
    server_app.log.info("kwis: bank checks and previews at /kwis/")
