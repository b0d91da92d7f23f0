"""Loading rulesets from TOML: parsing, ``extends`` chains, merging, validation.

A ruleset is read as a chain of layers (:mod:`~wuxing.rulesets.chain`), merged with every
value's layer remembered (:mod:`~wuxing.rulesets.merging`), and validated as a
:class:`~wuxing.model.rulesets.Ruleset`. Every problem, from any layer, is reported at once
with the file, line and key where it was written (:class:`LocatedProblem`).

What belongs to a layer stays with it: the document it cites (``source``), the values it
declares as defaults (``declared_defaults``) and whether it is ``abstract``. A ruleset built
with ``extends`` records its chain in :attr:`~wuxing.model.rulesets.Ruleset.layers`, each
layer with the keys whose values it set.

An ``abstract = true`` ruleset is a base to extend (a province's template), never rules to
evaluate: loading it is refused, and what it leaves open (quotas, the year, the document)
must be given by the ruleset that extends it. :func:`resolve` shows an abstract ruleset
without refusing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from wuxing._core.convert import load as load_data
from wuxing._core.files import absolute
from wuxing.errors import Problem, RulesetError, ValidationError
from wuxing.model.rulesets import Layer, Ruleset, Source
from wuxing.model.statements import DeclaredDefault
from wuxing.rulesets.chain import parse_layer, read_chain
from wuxing.rulesets.located import LayerText, LocatedProblem, at_key
from wuxing.rulesets.merging import (
    Items,
    Leaf,
    Merger,
    Table,
    annotate,
    new_element_hint,
    plain,
    walk,
)
from wuxing.rulesets.parsing import MAX_RULESET_CHARS, MAX_RULESET_DEPTH, parse_toml, read_file
from wuxing.rulesets.registry import text_of

__all__ = [
    "MAX_RULESET_CHARS",
    "MAX_RULESET_DEPTH",
    "LocatedProblem",
    "Resolution",
    "load",
    "load_file",
    "loads",
    "resolve",
]

_PER_LAYER = ("extends", "abstract", "declared_defaults")
_LOADER_KEYS = ("layers", "extended_from")


@attrs.frozen
class Resolution:
    """A chain of layers resolved and merged, whether or not it makes rules to evaluate.

    Attributes:
        name: The top layer's file or ``ruleset 'ID'``: the subject of its errors.
        layers: Each layer's :class:`~wuxing.model.rulesets.Layer`, the top one first.
        data: The merged rules as plain data.
        abstract: Whether the top layer is abstract (a base to extend).
        open: For an abstract ruleset, the keys it leaves for a ruleset extending it to give.
        problems: Every problem, each located where it was written.
        ruleset: The validated rules, when the chain is concrete and has no problem.
    """

    name: str
    layers: tuple[Layer, ...]
    data: dict[str, Any]
    abstract: bool = False
    open: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    ruleset: Ruleset | None = None

    @property
    def chain(self) -> tuple[str, ...]:
        """The ids of the chain, the top layer first."""
        return tuple(layer.id for layer in self.layers)

    def require(self) -> Ruleset:
        """The rules, or a :class:`~wuxing.errors.RulesetError` listing every problem
        (an abstract ruleset is refused with code ``abstract_ruleset``)."""
        if self.ruleset is None:
            raise RulesetError(self.problems, subject=self.name)
        return self.ruleset


class _Resolver:
    def __init__(self, chain: list[LayerText]) -> None:
        self.chain = chain
        self.problems: list[Problem] = []
        self.data: dict[str, Any] = {}
        self.defaults: list[tuple[DeclaredDefault, ...]] = []
        self.added: dict[tuple[int, str], tuple[str, Items]] = {}

    def problem(self, n: int, key: str, code: str, message: str) -> None:
        self.problems.append(at_key(Problem(key, code, message), self.chain[n], key))

    def flag(self, n: int) -> bool:
        value = self.chain[n].data.get("abstract", False)
        if not isinstance(value, bool):
            self.problem(n, "abstract", "wrong_type", f"must be true or false, got {value!r}")
            return False
        return value

    def own_source(self, n: int) -> Source | None:
        raw = self.chain[n].data.get("source")
        if raw is None:
            return None
        try:
            return load_data(raw, Source)
        except ValidationError as exc:
            for p in exc.problems:
                key = f"source.{p.path}" if p.path else "source"
                self.problems.append(at_key(p, self.chain[n], key))
            return None

    def own_defaults(self, n: int) -> tuple[DeclaredDefault, ...]:
        raw = self.chain[n].data.get("declared_defaults", [])
        if not isinstance(raw, list):
            self.problem(
                n, "declared_defaults", "wrong_type", "must be an array of tables (key, reason)"
            )
            return ()
        found = []
        for i, item in enumerate(raw):
            try:
                found.append(load_data(item, DeclaredDefault))
            except ValidationError as exc:
                for p in exc.problems:
                    key = _join(f"declared_defaults[{i}]", f".{p.path}" if p.path else "")
                    self.problems.append(at_key(p, self.chain[n], key))
        return tuple(found)

    def merge(self) -> tuple[Table, dict[int, list[str]]]:
        chain, multi = self.chain, len(self.chain) > 1
        self.defaults = [self.own_defaults(n) for n in range(len(chain))] if multi else []
        merger = Merger(chain)
        tree = Table({}, (len(chain) - 1, ""))
        for n in reversed(range(len(chain))):
            data = dict(chain[n].data)
            for key in _PER_LAYER if multi else _PER_LAYER[:2]:
                data.pop(key, None)
            if multi:
                for key in _LOADER_KEYS:
                    if data.pop(key, None) is not None:
                        self.problem(
                            n,
                            key,
                            "loader_key",
                            f"{key} is written by the loader when it flattens a chain; "
                            "a layer of a chain does not set it (to build on a flattened "
                            "ruleset, remove its layers and extended_from)",
                        )
                if chain[n].id is None:
                    self.problem(
                        n, "id", "missing_field", "a layer of a chain gives its own string id"
                    )
            layer = annotate(data, n, "")
            assert isinstance(layer, Table)
            tree = merger.merge_layer(tree, n, layer)
        self.problems[:0] = merger.problems
        self.added = merger.added
        if multi and "declared_defaults" in chain[0].data:
            fields = {**tree.fields}
            fields["declared_defaults"] = Leaf(
                list(chain[0].data["declared_defaults"]), 0, "declared_defaults"
            )
            tree = Table(fields, tree.last)
        sets: dict[int, list[str]] = {}
        self.data = plain(tree, "", sets)
        return tree, sets

    def layer_infos(self, sets: dict[int, list[str]]) -> tuple[Layer, ...]:
        infos = []
        for n, layer in enumerate(self.chain):
            try:
                infos.append(
                    Layer(
                        layer.id or f"layer-{n}",
                        layer.origin,
                        self.flag(n),
                        self.own_source(n),
                        self.defaults[n] if self.defaults else _own_defaults(layer.data),
                        tuple(sets.get(n, ())),
                    )
                )
            except ValidationError as exc:  # an id that is no identifier
                for p in exc.problems:
                    key = "id" if p.path == "id" else ""
                    self.problems.append(at_key(p, layer, key))
                infos.append(Layer(f"layer-{n}", layer.origin))
        return tuple(infos)

    def locate(self, problem: Problem, tree: Table) -> Problem:
        node, rest = walk(tree, problem.path)
        if isinstance(node, Leaf):
            return at_key(problem, self.chain[node.layer], _join(node.key, rest))
        n, key = node.last
        message = problem.message
        if problem.code == "weights_sum" and isinstance(node, Items):
            message = _weights_message(problem.message, node, self.chain)
        if problem.code == "missing_field" and node.last in self.added:
            message = f"{message} ({new_element_hint(*self.added[node.last])})"
        if problem.code == "missing_field" and n != 0 and self.chain[n].data.get("abstract"):
            base = self.chain[n]
            message = f"{message}: the abstract base {base.label} leaves it open; give it here"
            top = self.chain[0]
            return LocatedProblem(
                problem.path,
                problem.code,
                message,
                file=top.name,
                line=top.lines.get("extends", top.first_line()),
                layer=top.id,
            )
        return at_key(problem, self.chain[n], _join(key, rest), message)


def _own_defaults(data: dict[str, Any]) -> tuple[DeclaredDefault, ...]:
    """The well-formed declared defaults of a layer's own data (the rest is reported where the
    merged ruleset is checked)."""
    raw = data.get("declared_defaults")
    found = []
    for item in raw if isinstance(raw, list) else ():
        try:
            found.append(load_data(item, DeclaredDefault))
        except ValidationError:
            continue
    return tuple(found)


def _join(key: str, rest: str) -> str:
    if not key:
        return rest.lstrip(".")
    return key + rest if not rest or rest[0] in ".[" else f"{key}.{rest}"


def _weights_message(message: str, node: Items, chain: list[LayerText]) -> str:
    parts = []
    for item in node.items:
        code, weight, kind = (item.fields.get(k) for k in ("code", "weight", "kind"))
        if isinstance(kind, Leaf) and kind.value == "required":
            continue
        if isinstance(weight, Leaf):
            name = code.value if isinstance(code, Leaf) else "?"
            parts.append(f"{name} {weight.value} ({chain[weight.layer].id or chain[0].name})")
    return f"{message}; the weights in force: {', '.join(parts)}"


def _resolve(top: LayerText, search_path: Sequence[str | Path] | None) -> Resolution:
    chain = read_chain(top, search_path=search_path, parse=parse_toml)
    r = _Resolver(chain)
    tree, sets = r.merge()
    layers = r.layer_infos(sets)
    abstract = layers[0].abstract
    data = r.data
    opened: list[str] = []
    ruleset: Ruleset | None = None
    try:
        ruleset = load_data(data, Ruleset, subject=top.name)
    except ValidationError as exc:
        for p in exc.problems:
            if abstract and p.code == "missing_field":
                opened.append(p.path)
            else:
                r.problems.append(r.locate(p, tree))
    if ruleset is not None and len(chain) > 1 and not r.problems:
        try:
            ruleset = attrs.evolve(ruleset, extended_from=layers[1].id, layers=layers)
        except ValidationError as exc:
            r.problems.extend(at_key(p, chain[0], "") for p in exc.problems)
    if abstract:
        line = top.lines.get("abstract", top.first_line())
        left = f"; it leaves open: {', '.join(opened)}" if opened else ""
        r.problems.insert(
            0,
            LocatedProblem(
                "abstract",
                "abstract_ruleset",
                f"{top.id or top.name} is abstract: a base to extend, not rules to evaluate{left}",
                file=top.name,
                line=line,
                layer=top.id,
            ),
        )
    problems = tuple(dict.fromkeys(r.problems))  # a layer's and the ruleset's check may agree
    return Resolution(
        top.name,
        layers,
        data,
        abstract,
        tuple(opened),
        problems,
        ruleset if not problems else None,
    )


def _top(text: str, name: str, path: str | Path | None, origin: str | None = None) -> LayerText:
    where = absolute(path) if path is not None else None
    return parse_layer(text, name=name, origin=origin, path=where, parse=parse_toml)


def resolve(
    ruleset: str | Path,
    *,
    search_path: Sequence[str | Path] | None = None,
    text: str | None = None,
    encoding: str = "utf-8",
) -> Resolution:
    """Resolve a ruleset by id or by file (a :class:`~pathlib.Path`, or a string ending in
    ``.toml``) without refusing it: its layers, merged data and every problem.

    Args:
        ruleset: A registered id or a TOML file; with ``text``, the name of that text (a
            file's path, so that ``extends`` may name files relative to it, or ``"-"`` for
            standard input).
        search_path: The directories ``extends`` may reach files in; by default the
            directory of the file.
        text: The file's text, already read.
        encoding: The file's encoding, when it is read here.

    Raises:
        RulesetError: when the chain itself cannot be read (syntax, an ``extends`` that
            cannot be followed); problems of the rules are in the result.
    """
    if text is not None:
        path = None if str(ruleset) == "-" else ruleset
        name = "standard input" if path is None else str(ruleset)
        return _resolve(_top(text, name, path, None if path is None else name), search_path)
    if isinstance(ruleset, Path) or ruleset.endswith(".toml"):
        origin = str(ruleset)
        return _resolve(_top(read_file(ruleset, encoding), origin, ruleset, origin), search_path)
    return _resolve(_top(text_of(ruleset), f"ruleset {ruleset!r}", None), search_path)


def loads(
    text: str,
    *,
    name: str = "ruleset",
    path: str | Path | None = None,
    search_path: Sequence[str | Path] | None = None,
) -> Ruleset:
    """Build a :class:`Ruleset` from TOML text.

    Floats in the TOML are read as exact decimals. Every problem is reported at once, each
    a :class:`LocatedProblem` naming the file, line and key where it was written.

    Args:
        text: The TOML text.
        name: How problems name the text.
        path: The file the text was read from, so that ``extends`` may name files relative
            to it.
        search_path: The directories ``extends`` may reach files in; by default the
            directory of ``path``.

    Raises:
        RulesetError: listing every problem.
    """
    origin = str(path) if path is not None else None
    return _resolve(_top(text, name, path, origin), search_path).require()


def load(ruleset_id: str) -> Ruleset:
    """Load a built-in or registered ruleset by id (see :func:`available`)."""
    return loads(text_of(ruleset_id), name=f"ruleset {ruleset_id!r}")


def load_file(
    path: str | Path,
    *,
    search_path: Sequence[str | Path] | None = None,
    encoding: str = "utf-8",
) -> Ruleset:
    """Load a ruleset from a TOML file (UTF-8, with or without a byte-order mark, unless
    ``encoding`` names another).

    ``extends`` may name a registered id or another file, by a path relative to this one
    and inside ``search_path`` (by default this file's directory).
    """
    text = read_file(path, encoding)
    return loads(text, name=str(path), path=path, search_path=search_path)
