"""Question and bank ids: a slug from any name, and an id not yet taken."""

from __future__ import annotations

import re
import unicodedata
from typing import Container


def slug(text: str, fallback: str = "vraag") -> str:
    """A kwis id from any name: `Vraag 3: Mali!` -> `vraag-3-mali`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    cleaned = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")
    return cleaned or fallback


def unique_id(base: str, taken: Container[str]) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first one not in `taken`."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
