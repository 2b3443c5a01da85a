"""Layers point one way (docs/architecture.md): a module imports only its own layer or lower
ones, the imports between modules have no cycle, and only the ui layer imports ipywidgets."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "widgets" / "kwis"
BANK = Path(__file__).parent / "data" / "widgets-minusma.nl.yaml"

# Lowest first. Layers of equal rank are peers that must not import each other.
LAYER_RANKS = {
    "ground": 0,    # kwis/_model.py, _i18n.py, _render.py
    "grading": 1,
    "bank": 2,
    "records": 3,
    "learning": 4,
    "ui": 5,        # the quiz, review and progress widgets
    "teacher": 5,
    "cli": 6,
    "lab": 6,
    "public": 7,    # kwis/__init__.py and __main__.py: the package's front door
}
WIDGET_LIBRARIES = {"ipywidgets", "anywidget"}


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    file: Path
    line: int

    def where(self) -> str:
        return f"{self.file.relative_to(PACKAGE.parent.parent)}:{self.line}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "public"
    if parts[1] in LAYER_RANKS:
        return parts[1]
    return "ground"


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def resolve(name: str, known: dict[str, Path]) -> str | None:
    """The kwis module `name` refers to: itself, or the package it is an attribute of."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str, path: Path, known: dict[str, Path]) -> list[tuple[str, int]]:
    """Every kwis module imported anywhere in the file (top level, in functions, TYPE_CHECKING)."""
    found: list[tuple[str, int]] = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = resolve(name, known) if name.split(".")[0] == "kwis" else None
            if target and target != module:
                found.append((target, node.lineno))
    return found


def edges() -> list[Edge]:
    known = modules()
    return [Edge(module, target, path, line)
            for module, path in known.items() for target, line in imports_of(module, path, known)]


def layering_violations(all_edges: list[Edge]) -> list[str]:
    problems = []
    for edge in all_edges:
        low, high = layer_of(edge.importer), layer_of(edge.imported)
        if low == high:
            continue
        if LAYER_RANKS[high] >= LAYER_RANKS[low]:
            kind = "a peer" if LAYER_RANKS[high] == LAYER_RANKS[low] else "a higher layer"
            problems.append(f"{edge.where()}: {edge.importer} ({low}) imports {edge.imported}, "
                            f"which is in {kind} ({high}); move the shared code down or invert the call")
    return problems


def cycles(all_edges: list[Edge]) -> list[list[Edge]]:
    """One cycle per strongly connected group of modules, as the import edges that make it."""
    graph: dict[str, list[Edge]] = {}
    for edge in all_edges:
        if not edge.imported.startswith(edge.importer + "."):  # a package naming its own submodule
            graph.setdefault(edge.importer, []).append(edge)
    found: list[list[Edge]] = []
    done: set[str] = set()

    def walk(node: str, trail: list[Edge], on_trail: set[str]) -> None:
        for edge in graph.get(node, []):
            if edge.imported in on_trail:
                start = next(i for i, e in enumerate(trail) if e.importer == edge.imported) if trail else 0
                found.append(trail[start:] + [edge])
            elif edge.imported not in done:
                walk(edge.imported, trail + [edge], on_trail | {edge.imported})
        done.add(node)

    for node in sorted(graph):
        if node not in done:
            walk(node, [], {node})
    return found


def describe(cycle: list[Edge]) -> str:
    return "import cycle: " + " -> ".join(f"{e.importer} ({e.where()})" for e in cycle) + \
        f" -> {cycle[-1].imported}"


def test_every_module_imports_only_its_own_layer_or_lower_ones() -> None:
    assert layering_violations(edges()) == []


def test_imports_have_no_cycle() -> None:
    assert [describe(c) for c in cycles(edges())] == []


def test_every_subpackage_is_a_known_layer() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= set(LAYER_RANKS), f"add the new layer to LAYER_RANKS: {folders - set(LAYER_RANKS)}"


def test_the_check_names_an_upward_import_and_a_cycle() -> None:
    here = PACKAGE / "bank" / "_loader.py"
    upward = Edge("kwis.bank._loader", "kwis.ui._widget", here, 7)
    back = Edge("kwis.ui._widget", "kwis.bank._loader", PACKAGE / "ui" / "_widget.py", 3)
    assert layering_violations([upward]) == [
        "widgets/kwis/bank/_loader.py:7: kwis.bank._loader (bank) imports kwis.ui._widget, which is "
        "in a higher layer (ui); move the shared code down or invert the call"]
    assert [describe(c) for c in cycles([upward, back])] == [
        "import cycle: kwis.bank._loader (widgets/kwis/bank/_loader.py:7) -> kwis.ui._widget "
        "(widgets/kwis/ui/_widget.py:3) -> kwis.bank._loader"]


def test_no_subpackage_shadows_a_public_name() -> None:
    # `kwis.quiz(...)` is the public function: a subpackage `kwis/quiz/` would replace it with a
    # module as soon as anything imported it.
    import kwis

    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir()}
    assert folders.isdisjoint(kwis.__all__), "rename the subpackage: it shadows kwis." + \
        ", kwis.".join(sorted(folders & set(kwis.__all__)))


def third_party_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_layer_imports_widget_libraries() -> None:
    importers = {module for module, path in modules().items() if third_party_imports(path) & WIDGET_LIBRARIES}
    assert importers, "the ui layer should import ipywidgets"
    assert {layer_of(m) for m in importers} == {"ui"}, sorted(importers)


def test_loading_and_grading_a_bank_does_not_import_ipywidgets() -> None:
    script = (
        "import sys, kwis\n"
        "from kwis import _model, _render\n"
        "from kwis.grading import grade\n"
        "from kwis.records import _store\n"
        f"bank = kwis.load_bank({str(BANK)!r})\n"
        "q = bank.question('president')\n"
        "assert grade(q, 'Goïta', language='nl').correct\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'IPython', 'anywidget')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_import_kwis_imports_none_of_the_libraries_a_quiz_may_not_need() -> None:
    # Each public name is imported when first used: `import kwis` alone (a notebook's first
    # line) must not pay for YAML, Markdown, RE2, SQLite or the widgets.
    heavy = ("yaml", "markdown_it", "mdit_py_plugins", "nh3", "re2", "sqlite3", "ipywidgets", "anywidget",
             "IPython", "fsrs", "psycopg", "importlib.metadata")
    script = (
        "import sys, kwis\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
        "print(kwis.load_bank.__module__, kwis.BankError.__module__, kwis.Quiz.__module__)\n"
        "print(kwis.__version__)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["[]", "kwis.bank._loader kwis.bank._problems kwis.ui._widget",
                                          version("kwis")]
