"""The learner id every stored answer carries."""

from __future__ import annotations

import getpass

import pytest

from kwis.records._learner import default_learner


def test_kwis_learner_wins_over_the_hub_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KWIS_LEARNER", "anna")
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-anna")
    assert default_learner() == "anna"


def test_the_hub_user_wins_over_the_os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KWIS_LEARNER", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-anna")
    assert default_learner() == "hub-anna"


def test_without_either_the_os_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KWIS_LEARNER", "  ")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    assert default_learner() == getpass.getuser()
