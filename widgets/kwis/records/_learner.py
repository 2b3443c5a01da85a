"""Who is answering: one learner id for every stored answer, card and review. No ipywidgets."""

from __future__ import annotations

import getpass
import os

LEARNER_ENV = "KWIS_LEARNER"
HUB_USER_ENV = "JUPYTERHUB_USER"
FALLBACK_LEARNER = "student"


def default_learner() -> str:
    """`$KWIS_LEARNER` when set, else `$JUPYTERHUB_USER` (a hub knows its users), else the
    operating system's user name, else "student"."""
    for variable in (LEARNER_ENV, HUB_USER_ENV):
        value = os.environ.get(variable, "").strip()
        if value:
            return value
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return FALLBACK_LEARNER
