"""docs/architecture.md lists the package's folders as they are, so it stays true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "widgets" / "kwis"
DOC = ROOT / "docs" / "architecture.md"


def listed_folders() -> list[str]:
    section = DOC.read_text(encoding="utf-8").split("## Folders", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- `(\w+)/`", section, flags=re.M)


def test_the_architecture_doc_lists_every_layer_folder_and_no_other() -> None:
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert sorted(set(listed_folders()) - {"kwis"}) == folders, (
        "docs/architecture.md '## Folders' must have one '- `name/`: ...' line per subpackage of "
        "widgets/kwis, in layer order")


def test_the_doc_lists_the_layers_lowest_first() -> None:
    from test_layering import LAYER_RANKS

    ranks = [LAYER_RANKS["ground" if name == "kwis" else name] for name in listed_folders()]
    assert ranks == sorted(ranks), "list the folders in docs/architecture.md lowest layer first"
