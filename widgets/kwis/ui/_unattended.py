"""Whether a notebook is being run by a tool rather than by a person.

`pytest --nbval`, `jupyter nbconvert --execute` and papermill run every cell through nbclient or
nbval, and both send their execute requests with `allow_stdin` false; JupyterLab, Notebook 7,
classic Notebook and VS Code send it true (they can answer `input()`). Such a run has no student
at the keyboard, so a quiz made without a `store` and without `$KWIS_STORE` keeps its answers in
memory instead of writing a sitting into the teacher's own answer store. Voilà also executes
with `allow_stdin` false, but a student does answer there: its kernels (with `VOILA_*` in their
environment) keep the ordinary store.
"""

from __future__ import annotations

import os

from kwis.records._store import STORE_ENV


def unattended_run() -> bool:
    """True inside a notebook run by nbval, nbconvert --execute or papermill (see the module)."""
    if os.environ.get(STORE_ENV, "").strip() or _in_voila():
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets brings IPython
        return False
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None:
        return False  # a script or a plain IPython shell: someone ran it on purpose
    return not bool(getattr(kernel, "_allow_stdin", True))


def _in_voila() -> bool:
    return any(name.startswith("VOILA_") for name in os.environ) or \
        os.environ.get("SERVER_SOFTWARE", "").startswith("voila")
