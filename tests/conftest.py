"""Fixtures that start real servers: PostgreSQL for the class store, Ralph as the xAPI LRS."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.servers.postgres import PostgresServer, skip_without_postgres
from tests.servers.ralph import RalphServer


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run (about a second to start)."""
    skip_without_postgres()
    server = PostgresServer()
    yield server
    server.close()



@pytest.fixture
def class_url(postgres: PostgresServer) -> str:
    """The administrator's URL of a fresh class database of its own."""
    return postgres.url(postgres.new_database())


@pytest.fixture(scope="session")
def ralph() -> Iterator[RalphServer]:
    """A real Ralph LRS on 127.0.0.1 for the whole run (its virtualenv is made once, cached)."""
    server = RalphServer()
    yield server
    server.close()
