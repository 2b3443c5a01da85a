"""One Jupyter server per session with kwis's server extension, as the installed config enables it."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from browser import _servers
from browser._servers import Server


@pytest.fixture(scope="session")
def server_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-root")


@pytest.fixture(scope="session")
def jupyter_server(server_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = _servers.start_server(server_root, tmp_path_factory.mktemp("server-state"), {})
    yield server
    _servers.stop(server)
