"""Merging a chain of layers, keeping for every value the layer and key that set it.

The rules of the merge, base first and each layer on top of the one below:

* tables merge key by key; a key a layer names replaces the base's value;
* ``categories`` merge by ``id``, their ``criteria`` by ``code``, ``vetoes`` by ``name`` and
  ``statements`` by ``key``:
  an element naming an existing one changes only the keys it gives, a new one is appended;
* ``remove = true`` on such an element removes the base's element of that id (nothing else
  may be given beside the id); ``rename_to = "NEW"`` gives the base's element a new id and
  may change its other keys at the same time. Inherited references follow: a veto or a
  statement limited to a renamed category names the new id, one limited to removed categories
  loses them (a veto left with none is refused; a statement left with none is left out, since
  it no longer concerns any category of the ruleset), and a tie-break on a renamed criterion
  names the new code;
* one file may name an id only once in one list (the second would silently merge into the
  first);
* any other array, and ``source``, is replaced whole.

Each value of the merged tree remembers its layer and the key that layer wrote, so that a
problem found later is reported where the author wrote it (:mod:`~wuxing.rulesets.located`).
Nothing is copied that a layer does not change: a long chain costs what its layers write.
"""

from __future__ import annotations

from typing import Any

import attrs

from wuxing.errors import Problem
from wuxing.rulesets.located import LayerText, at_key
from wuxing.rulesets.positions import split_path

__all__ = ["MERGE_KEYS", "Items", "Leaf", "Merger", "Table", "annotate", "plain", "walk"]

MERGE_KEYS = {"categories": "id", "criteria": "code", "vetoes": "name", "statements": "key"}
_WHOLE = frozenset({"source"})
_WHAT = {
    "categories": "category id",
    "criteria": "criterion code",
    "vetoes": "veto name",
    "statements": "statement key",
}


@attrs.frozen
class Leaf:
    """A value as one layer wrote it."""

    value: Any
    layer: int
    key: str


@attrs.frozen
class Table:
    """A table; ``last`` is the layer and key that last wrote into it."""

    fields: dict[str, Node]
    last: tuple[int, str]


@attrs.frozen
class Items:
    """An array of tables merged by ``ident`` (``categories`` by ``id``, …); ``index`` maps
    each id to its position once merged, so that the next layer need not look for it."""

    items: tuple[Table, ...]
    last: tuple[int, str]
    ident: str
    index: dict[str, int] = attrs.field(factory=dict, eq=False, repr=False)


Node = Leaf | Table | Items


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def annotate(value: Any, layer: int, key: str, name: str = "") -> Node:
    """One layer's data as a tree whose every value knows ``layer`` and its own key."""
    if isinstance(value, dict) and name not in _WHOLE:
        return _table(value, layer, key)
    ident = MERGE_KEYS.get(name)
    if ident and isinstance(value, list) and all(isinstance(v, dict) for v in value):
        items = tuple(_table(v, layer, f"{key}[{i}]") for i, v in enumerate(value))
        return Items(items, (layer, key), ident)
    return Leaf(value, layer, key)


def _table(value: dict[str, Any], layer: int, key: str) -> Table:
    return Table({k: annotate(v, layer, _join(key, k), k) for k, v in value.items()}, (layer, key))


def plain(node: Node, path: str = "", sets: dict[int, list[str]] | None = None) -> Any:
    """The plain data of a tree; ``sets`` collects, per layer, the paths of its values."""
    if isinstance(node, Leaf):
        if sets is not None:
            sets.setdefault(node.layer, []).append(path)
        return node.value
    if isinstance(node, Table):
        return {k: plain(v, _join(path, k), sets) for k, v in node.fields.items()}
    return [plain(t, f"{path}[{i}]", sets) for i, t in enumerate(node.items)]


def _ident_of(table: Table, ident: str) -> str | None:
    leaf = table.fields.get(ident)
    if isinstance(leaf, Leaf) and isinstance(leaf.value, str):
        return leaf.value
    return None


def new_element_hint(what: str, below: Items) -> str:
    """The hint for a new element's missing keys: the ids the layers below have."""
    noun, word = what.split()
    ids = ", ".join(i for t in below.items if (i := _ident_of(t, below.ident)) is not None)
    return f"a new {noun}; to change one of the layers below, use its {word}: {ids}"


def walk(node: Node, path: str) -> tuple[Node, str]:
    """The deepest node of the tree on ``path``, and the rest of the path below it."""
    segments = split_path(path)
    for i, seg in enumerate(segments):
        name = seg.lstrip(".")
        if isinstance(node, Table) and not name.startswith("[") and name in node.fields:
            node = node.fields[name]
        elif (
            isinstance(node, Items) and name.startswith("[") and int(name[1:-1]) < len(node.items)
        ):
            node = node.items[int(name[1:-1])]
        else:
            return node, "".join(segments[i:])
    return node, ""


class Merger:
    """Merges the layers of a chain, collecting every problem of the merge itself."""

    def __init__(self, chain: list[LayerText]) -> None:
        self.chain = chain
        self.problems: list[Problem] = []
        self.layer = 0
        self.renamed: dict[str, dict[str, str]] = {}
        self.removed: dict[str, list[tuple[str, str]]] = {}
        self.added: dict[tuple[int, str], tuple[str, Items]] = {}

    def problem(self, key: str, code: str, message: str) -> None:
        self.problems.append(at_key(Problem(key, code, message), self.chain[self.layer], key))

    def merge_layer(self, base: Table, layer: int, child: Table) -> Table:
        """``child`` (layer number ``layer``) on top of ``base``, references followed."""
        self.layer, self.renamed, self.removed = layer, {}, {}
        merged = self.merge(base, child)
        assert isinstance(merged, Table)
        return self.follow_references(merged)

    def merge_table(self, base: Node | None, child: Table) -> Table:
        """``child`` on ``base``, a table either way."""
        merged = self.merge(base, child)
        assert isinstance(merged, Table)
        return merged

    def merge(self, base: Node | None, child: Node) -> Node:
        if isinstance(child, Table):
            fields = dict(base.fields) if isinstance(base, Table) else {}
            for k, v in child.fields.items():
                fields[k] = self.merge(fields.get(k), v)
            return Table(fields, child.last)
        if isinstance(child, Items):
            start = base if isinstance(base, Items) else Items((), child.last, child.ident)
            return self.merge_items(start, child)
        return child

    def merge_items(self, base: Items, child: Items) -> Items:
        ident, list_key = child.ident, child.last[1]
        name = list_key.rpartition(".")[2]
        what = _WHAT.get(name, "id")
        result: list[Table | None] = list(base.items)
        index = dict(base.index)
        removals = len(self.removed.get(name, ()))
        mine: dict[str, str] = {}
        for table in child.items:
            own = _ident_of(table, ident)
            if own is None:  # the model reports the missing or wrong id
                result.append(self.merge_table(None, table))
                continue
            key = table.last[1]
            if own in mine:
                self.problem(
                    _join(key, ident),
                    "duplicate",
                    f"{what} {own!r} is also given at {mine[own]} of this file; give each once",
                )
                continue
            mine[own] = key
            if "remove" in table.fields:
                self.remove(table, own, index, result, name, what)
            elif "rename_to" in table.fields:
                self.rename(table, own, index, result, mine, name, what)
            elif own in index:
                before = result[index[own]]
                assert before is not None
                merged = self.merge(before, table)
                assert isinstance(merged, Table)
                # naming an element to change it does not make its id this layer's
                result[index[own]] = Table(
                    {**merged.fields, ident: before.fields[ident]}, merged.last
                )
            else:
                if index and self.layer < len(self.chain) - 1:
                    self.added[table.last] = (what, base)
                index[own] = len(result)
                result.append(self.merge_table(None, table))
        if len(self.removed.get(name, ())) == removals:  # nothing removed: positions hold
            return Items(tuple(result), child.last, ident, index)  # type: ignore[arg-type]
        kept = tuple(t for t in result if t is not None)
        again = {i: n for n, t in enumerate(kept) if (i := _ident_of(t, ident)) is not None}
        return Items(kept, child.last, ident, again)

    def remove(
        self,
        table: Table,
        own: str,
        index: dict[str, int],
        result: list[Table | None],
        name: str,
        what: str,
    ) -> None:
        flag = table.fields["remove"]
        key = table.last[1]
        others = sorted(set(table.fields) - {"remove", MERGE_KEYS.get(name, "id")})
        if not (isinstance(flag, Leaf) and flag.value is True):
            self.problem(_join(key, "remove"), "wrong_type", "write remove = true or leave it out")
        elif others:
            self.problem(
                _join(key, others[0]),
                "remove_with_fields",
                f"a removed {what.split()[0]} takes no other keys (here: {', '.join(others)})",
            )
        elif own not in index:
            self.problem(
                _join(key, "remove"),
                "remove_unknown",
                f"no {what} {own!r} in the layers below to remove",
            )
        else:
            result[index.pop(own)] = None
            self.removed.setdefault(name, []).append((own, _join(key, "remove")))

    def rename(
        self,
        table: Table,
        own: str,
        index: dict[str, int],
        result: list[Table | None],
        mine: dict[str, str],
        name: str,
        what: str,
    ) -> None:
        new = table.fields["rename_to"]
        key = table.last[1]
        ident = MERGE_KEYS.get(name, "id")
        if not (isinstance(new, Leaf) and isinstance(new.value, str)):
            self.problem(_join(key, "rename_to"), "wrong_type", f"must be the new {what}")
        elif own not in index:
            self.problem(
                _join(key, "rename_to"),
                "rename_unknown",
                f"no {what} {own!r} in the layers below to rename",
            )
        elif new.value in index or new.value in mine:
            self.problem(
                _join(key, "rename_to"),
                "rename_clash",
                f"{what} {new.value!r} is already taken",
            )
        else:
            rest = Table({k: v for k, v in table.fields.items() if k != "rename_to"}, table.last)
            merged = self.merge(result[index[own]], rest)
            assert isinstance(merged, Table)
            fields = dict(merged.fields)
            fields[ident] = Leaf(new.value, new.layer, new.key)
            result[index[own]] = Table(fields, merged.last)
            index[new.value] = index.pop(own)
            mine[new.value] = key
            self.renamed.setdefault(name, {})[own] = new.value

    def follow_references(self, tree: Table) -> Table:
        """Inherited references to renamed or removed categories and criteria follow them."""
        cats = self.renamed.get("categories", {})
        gone = dict(self.removed.get("categories", []))
        codes = self.renamed.get("criteria", {})
        fields = dict(tree.fields)
        vetoes = fields.get("vetoes")
        if (cats or gone) and isinstance(vetoes, Items):
            fields["vetoes"] = attrs.evolve(
                vetoes, items=tuple(self._veto(v, cats, gone) for v in vetoes.items)
            )
        statements = fields.get("statements")
        if (cats or gone) and isinstance(statements, Items):
            kept = (self._statement(st, cats, gone) for st in statements.items)
            fields["statements"] = attrs.evolve(
                statements, items=tuple(st for st in kept if st is not None)
            )
        ranking = fields.get("ranking")
        if codes and isinstance(ranking, Table):
            breaks = ranking.fields.get("tie_breaks")
            if isinstance(breaks, Leaf) and isinstance(breaks.value, list):
                value = [_renamed_break(b, codes) for b in breaks.value]
                ranking = Table(
                    {**ranking.fields, "tie_breaks": attrs.evolve(breaks, value=value)},
                    ranking.last,
                )
                fields["ranking"] = ranking
        return Table(fields, tree.last)

    def _veto(self, veto: Table, cats: dict[str, str], gone: dict[str, str]) -> Table:
        scope = veto.fields.get("categories")
        if not (isinstance(scope, Leaf) and isinstance(scope.value, list)) or not scope.value:
            return veto
        kept = [cats.get(c, c) for c in scope.value if c not in gone]
        if not kept:
            removed = next(c for c in scope.value if c in gone)
            name = _ident_of(veto, "name")
            self.problem(
                gone[removed],
                "veto_left_without_category",
                f"the veto {name!r} applies only to categories removed here "
                f"({', '.join(scope.value)}); remove the veto too (name = {name!r}, "
                "remove = true) or give it categories",
            )
        return Table({**veto.fields, "categories": attrs.evolve(scope, value=kept)}, veto.last)

    @staticmethod
    def _statement(statement: Table, cats: dict[str, str], gone: dict[str, str]) -> Table | None:
        scope = statement.fields.get("categories")
        if not (isinstance(scope, Leaf) and isinstance(scope.value, list)) or not scope.value:
            return statement
        kept = [cats.get(c, c) for c in scope.value if c not in gone]
        if not kept:
            return None
        return Table(
            {**statement.fields, "categories": attrs.evolve(scope, value=kept)}, statement.last
        )


def _renamed_break(name: Any, codes: dict[str, str]) -> Any:
    if isinstance(name, str) and name.startswith("criterion:"):
        code = name.split(":", 1)[1]
        return f"criterion:{codes.get(code, code)}"
    return name
