"""The package's import structure: no cycle, and no import from a lower layer to a higher one.

``LAYERS`` is the architecture's record: the stages of the data's path, lowest first. A module
may import its own layer and the layers before it, never a later one. The walk reads the source
with :mod:`ast`, so it sees every import, also those inside functions and ``TYPE_CHECKING``
blocks, without importing anything.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import wuxing

LAYERS: tuple[tuple[str, ...], ...] = (
    ("wuxing.errors", "wuxing._core"),  # foundation: problems, time, exact rounding, converter
    ("wuxing.model",),  # validated values: units, categories, applications, rulesets as data
    ("wuxing.calendar",),  # working days and 调休
    ("wuxing.rulesets",),  # loading rules from TOML, extends, the registry of rulesets
    ("wuxing.apportion",),  # seats split across counties, written into their rulesets
    ("wuxing.supervision",),  # inspections, findings, rectifications, sanctions, the ledger
    ("wuxing.tasks",),  # key tasks, dispatch, enterprise issues, indicators
    ("wuxing.evaluation",),  # eligibility, score, vetoes, pass mark, rank and choose, explain
    ("wuxing.upward",),  # county results recommended up to a city or province campaign
    ("wuxing.process",),  # the round's state machine and its audit log
    ("wuxing.interchange", "wuxing.io"),  # documents, kinds, schema, files
    ("wuxing.reports",),  # tables and Markdown for people
    ("wuxing.samples", "wuxing.strategies"),  # sample data, hypothesis strategies
    ("wuxing.cli", "wuxing.__main__"),  # the command line
    ("wuxing",),  # the public face: re-exports only
)

SOURCE = Path(wuxing.__file__).parent


def module_name(path: Path) -> str:
    """``wuxing.model.units`` for ``src/wuxing/model/units.py``."""
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(SOURCE.rglob("*.py"))}


def layer_of(module: str) -> int:
    """The index in ``LAYERS`` of the longest prefix naming ``module``."""
    best, found = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    if found < 0:
        raise AssertionError(f"{module} belongs to no layer; add it to LAYERS")
    return found


def imports_of(module: str, source: str) -> Iterator[tuple[str, int]]:
    """The wuxing modules ``source`` imports, with the line of each import."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "wuxing":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "wuxing":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                # `from wuxing import io` imports the module wuxing.io, not the package face
                yield (sub if sub in MODULES else base), node.lineno


GRAPH = {m: sorted({i for i, _ in imports_of(m, p.read_text())} - {m}) for m, p in MODULES.items()}


def test_every_module_has_a_layer() -> None:
    """Each module of the package belongs to a layer of the record."""
    for module in MODULES:
        layer_of(module)


def upward_imports(graph: dict[str, list[str]]) -> list[str]:
    """Every import of a later layer from an earlier one, as readable lines."""
    return [
        f"{m} (layer {LAYERS[layer_of(m)][0]}) imports {i} (layer {LAYERS[layer_of(i)][0]})"
        for m, targets in graph.items()
        for i in targets
        if layer_of(i) > layer_of(m)
    ]


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """The import cycles among modules (strongly connected components of more than one)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, []):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_runs_up() -> None:
    """No module imports a layer above its own."""
    assert [] == upward_imports(GRAPH)


def test_no_cycle() -> None:
    """No two modules import each other, directly or through others."""
    assert [] == cycles(GRAPH)


class TestTheChecksCanFail:
    """The two checks above find what they are meant to find."""

    def test_upward_import_is_found(self) -> None:
        """A model module importing the process is reported."""
        graph = {**GRAPH, "wuxing.model.units": [*GRAPH["wuxing.model.units"], "wuxing.process"]}
        assert [
            "wuxing.model.units (layer wuxing.model) imports wuxing.process (layer wuxing.process)"
        ] == upward_imports(graph)

    def test_cycle_is_found(self) -> None:
        """Two evaluation modules importing each other are reported."""
        graph = {
            **GRAPH,
            "wuxing.evaluation.outcomes": [
                *GRAPH["wuxing.evaluation.outcomes"],
                "wuxing.evaluation.selection",
            ],
        }
        assert [["wuxing.evaluation.outcomes", "wuxing.evaluation.selection"]] == cycles(graph)

    def test_relative_and_package_imports_are_resolved(self) -> None:
        """``from wuxing import io`` is the module ``wuxing.io``; ``from wuxing import X`` of a
        name is the package face, the top layer."""
        source = "from wuxing import io\nfrom wuxing import Unit\nfrom . import units\n"
        found = [m for m, _ in imports_of("wuxing.model.criteria", source)]
        assert ["wuxing.io", "wuxing", "wuxing.model.units"] == found


def test_module_size() -> None:
    """No module runs past about 400 lines unless its docstring says why ("longer than")."""
    long = []
    for module, path in MODULES.items():
        text = path.read_text()
        lines = len(text.splitlines())
        if lines > 420 and "longer than" not in (ast.get_docstring(ast.parse(text)) or ""):
            long.append(f"{module}: {lines} lines")
    assert [] == long
