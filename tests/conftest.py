"""Fixtures that start real servers: a PostgreSQL server for the class-store tests."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.servers.postgres import PostgresServer


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run (about a second to start)."""
    server = PostgresServer()
    yield server
    server.close()


@pytest.fixture
def class_url(postgres: PostgresServer) -> str:
    """The administrator's URL of a fresh class database of its own."""
    return postgres.url(postgres.new_database())
