"""Session-wide test setup for the whole repository (unit tests, nbval notebooks, browser).

Every kernel the tests start (nbval's, JupyterLab's, Voila's) inherits this process's
environment, so pointing KWIS_STORE at a temporary file here keeps test answers out of
the user's own answer store, and KWIS_BANK_CACHE at a temporary folder keeps the banks the tests
load out of the user's bank cache.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_STORE_DIR_KEY = pytest.StashKey[str]()
_USER_STORE_KEY = pytest.StashKey["str | None"]()


def pytest_configure(config: pytest.Config) -> None:
    store_dir = tempfile.mkdtemp(prefix="kwis-test-store-")
    config.stash[_STORE_DIR_KEY] = store_dir
    config.stash[_USER_STORE_KEY] = os.environ.get("KWIS_STORE")
    os.environ["KWIS_STORE"] = os.path.join(store_dir, "answers.sqlite3")
    os.environ["KWIS_OUTBOX"] = os.path.join(store_dir, "outbox.sqlite3")
    os.environ["KWIS_BANK_CACHE"] = os.path.join(store_dir, "bank-cache")


def pytest_unconfigure(config: pytest.Config) -> None:
    store_dir = config.stash.get(_STORE_DIR_KEY, None)
    if store_dir is None:
        return
    shutil.rmtree(store_dir, ignore_errors=True)
    user_store = config.stash.get(_USER_STORE_KEY, None)
    if user_store is None:
        os.environ.pop("KWIS_STORE", None)
    else:
        os.environ["KWIS_STORE"] = user_store
