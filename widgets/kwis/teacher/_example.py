"""The MINUSMA banks shipped with kwis as a complete example (`kwis example`).

The course content lives in the repository's `quizzes/`; the wheel carries a copy of the files
below in `kwis/examples/minusma/` (hatch's force-include in pyproject.toml, checked by a test), so a
teacher who installed only the wheel can see a whole bank and quiz. From a checkout (an editable
install) the files are read from `quizzes/` itself.
"""

from __future__ import annotations

from pathlib import Path

# Paths relative to `quizzes/` and to `kwis/examples/minusma/`: the same layout in both.
EXAMPLE_FILES = ("minusma.nl.yaml", "minusma.en.yaml", "sources/minusma-mali.nl.txt")
EXAMPLE_BANKS = ("minusma.nl.yaml", "minusma.en.yaml")

_PACKAGED = Path(__file__).resolve().parent.parent / "examples" / "minusma"
_CHECKOUT = Path(__file__).resolve().parents[3] / "quizzes"


def example_folder() -> Path:
    """The folder holding EXAMPLE_FILES: the packaged copy, or `quizzes/` in a checkout."""
    for folder in (_PACKAGED, _CHECKOUT):
        if all((folder / name).is_file() for name in EXAMPLE_FILES):
            return folder
    raise FileNotFoundError(f"the MINUSMA example is missing from this kwis installation ({_PACKAGED})")


def example_files() -> dict[str, bytes]:
    """Each example file's relative path and its bytes."""
    folder = example_folder()
    return {name: (folder / name).read_bytes() for name in EXAMPLE_FILES}
