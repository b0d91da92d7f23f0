"""Mutation testing of the evaluation: change the code one small way at a time and see whether
the tests notice.

For each target module the script lists *mutants*, each one small change a slip of the pen
could make, and runs the evaluation's tests against each in a copy of the package:

* a comparison turned into its neighbour (``<`` and ``<=``, ``>`` and ``>=``, ``==`` and
  ``!=``, ``in`` and ``not in``, ``is`` and ``is not``);
* ``and`` and ``or`` swapped, a ``not`` dropped;
* arithmetic swapped (``+`` and ``-``, ``*`` and ``/``, ``//`` and ``/``), also in ``+=``;
* an integer constant one larger, ``True`` and ``False`` swapped, ``min`` and ``max`` swapped;
* a statement dropped (an assignment, a call, ``break``, ``continue``, a ``return`` or
  ``raise`` in a branch).

A mutant is *killed* when a test fails (or the run exceeds its time limit, or the mutated
module does not import); otherwise it *survived*. The script prints the killed share per
module and per group (scoring, selection, vetoes, the evaluation), and every survivor with its
line, so that each can be explained as equivalent or fixed by a test. It is not part of
``make test``: ``make mutation`` runs it.

Run: python tools/mutation.py [--jobs 2] [--module selection] [--json out.json]
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "wuxing"

GROUPS: dict[str, tuple[str, ...]] = {
    "scoring": ("evaluation/scoring.py", "evaluation/scorer.py"),
    "selection": (
        "evaluation/selection.py",
        "evaluation/standing.py",
        "evaluation/seats.py",
        "evaluation/equals.py",
        "evaluation/candidates.py",
        "_core/deferred.py",
    ),
    "vetoes": ("evaluation/vetoes.py",),
    "evaluation": (
        "evaluation/evaluate.py",
        "evaluation/steps.py",
        "evaluation/context.py",
        "evaluation/explain.py",
        "evaluation/eligibility.py",
        "evaluation/outcomes.py",
        "evaluation/assessed.py",
    ),
}
"""The modules mutated, by the group the report sums them in."""

MODULES = tuple(m for group in GROUPS.values() for m in group)
"""Every module mutated."""

TESTS = (
    "tests/test_eligibility.py",
    "tests/test_vetoes.py",
    "tests/test_scoring.py",
    "tests/test_evaluation_rules.py",
    "tests/test_evaluation.py",
    "tests/test_categories.py",
    "tests/test_selection.py",
    "tests/test_integer_scoring.py",
    "tests/test_selection_speed.py",
    "tests/test_deferred.py",
    "tests/test_assessments.py",
    "tests/test_sheet_references.py",
    "tests/test_reasons.py",
)
"""The tests run against each mutant, the quick hand-written ones first."""

TIME_LIMIT = 240
"""Seconds a run may take before the mutant counts as killed (it looped)."""

_SWAP_COMPARE: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_SWAP_ARITH: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
}
_DROPPABLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Break, ast.Continue)


@dataclass
class Mutant:
    """One change to one module."""

    module: str
    index: int
    line: int
    what: str
    source_line: str
    end_line: int = 0
    tests: list[str] | None = None
    status: str = ""
    seconds: float = 0.0


def _not_behaviour(tree: ast.Module) -> set[int]:
    """The nodes that are not behaviour: annotations, ``__all__``, type-checking blocks."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, ast.FunctionDef) and node.returns is not None:
            roots.append(node.returns)
        elif (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        ) or (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)):
            roots.append(node)
    return {id(n) for root in roots for n in ast.walk(root)}


def _is_docstring(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _points(tree: ast.Module) -> Iterator[tuple[ast.AST, str, object]]:
    """Every place a mutation applies, with a description and what to change."""
    parents = {
        child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)
    }
    skipped = _not_behaviour(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _SWAP_COMPARE:
                    new = _SWAP_COMPARE[type(op)]
                    yield node, f"{type(op).__name__} → {new.__name__}", ("compare", i, new)
        elif isinstance(node, ast.BoolOp):
            new_op: type[ast.boolop] = ast.Or if isinstance(node.op, ast.And) else ast.And
            yield node, f"{type(node.op).__name__} → {new_op.__name__}", ("boolop", new_op)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "drop not", ("not",)
        elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _SWAP_ARITH:
            new_arith = _SWAP_ARITH[type(node.op)]
            yield node, f"{type(node.op).__name__} → {new_arith.__name__}", ("arith", new_arith)
        elif (
            isinstance(node, ast.Constant)
            and type(node.value) is int
            and not isinstance(parents.get(node), ast.Subscript | ast.Slice)
        ):
            yield node, f"{node.value} → {node.value + 1}", ("const", node.value + 1)
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            yield node, f"{node.value} → {not node.value}", ("const", not node.value)
        elif isinstance(node, ast.Name) and node.id in ("min", "max"):
            other = "max" if node.id == "min" else "min"
            yield node, f"{node.id} → {other}", ("name", other)
        if isinstance(node, ast.FunctionDef | ast.For | ast.While | ast.If | ast.With | ast.Try):
            for field in ("body", "orelse", "finalbody"):
                body = getattr(node, field, None)
                if not body:
                    continue
                for stmt in body:
                    droppable = isinstance(stmt, _DROPPABLE) and not _is_docstring(stmt)
                    branch = isinstance(stmt, ast.Return | ast.Raise) and not isinstance(
                        node, ast.FunctionDef
                    )
                    if (droppable or branch) and id(stmt) not in skipped:
                        yield stmt, f"drop {type(stmt).__name__.lower()}", ("drop", node, field)


def _mutate(tree: ast.Module, index: int) -> ast.Module:
    """A copy of the module with mutation ``index`` applied."""
    tree = copy.deepcopy(tree)
    node, _, change = list(_points(tree))[index]
    kind = change[0]  # type: ignore[index]
    if kind == "compare":
        _, i, new = change  # type: ignore[misc]
        node.ops[i] = new()  # type: ignore[attr-defined]
    elif kind == "boolop":
        node.op = change[1]()  # type: ignore[attr-defined, index]
    elif kind == "not":
        parent = next(p for p in ast.walk(tree) for c in ast.iter_child_nodes(p) if c is node)
        _replace(parent, node, node.operand)  # type: ignore[attr-defined]
    elif kind == "arith":
        node.op = change[1]()  # type: ignore[attr-defined, index]
    elif kind == "const":
        node.value = change[1]  # type: ignore[attr-defined, index]
    elif kind == "name":
        node.id = change[1]  # type: ignore[attr-defined, index]
    elif kind == "drop":
        _, owner, field = change  # type: ignore[misc]
        body = getattr(owner, field)
        body[body.index(node)] = ast.Pass()
    return ast.fix_missing_locations(tree)


def _replace(parent: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if item is old:
                    value[i] = new


def mutants(module: str) -> list[Mutant]:
    """Every mutant of one module (a path below ``src/wuxing``)."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    lines = source.splitlines()  # the mutants are listed before any worker copies the tree
    tree = ast.parse(source)
    found = []
    for index, (node, what, _) in enumerate(_points(tree)):
        line = getattr(node, "lineno", 0)
        end = getattr(node, "end_lineno", None) or line
        text = lines[line - 1].strip() if line else ""
        found.append(Mutant(module, index, line, what, text, end))
    return found


def coverage_map(workdir: Path) -> dict[str, dict[int, set[str]]]:
    """Which tests run each line of the target modules: one run of every test under
    ``coverage`` with a context per test. A line run while the tests are being collected
    (context ``""``) is run by any of them."""

    rc = workdir / "coverage.rc"
    sources = sorted("wuxing." + m.removesuffix(".py").replace("/", ".") for m in MODULES)
    rc.write_text(f"[run]\ndynamic_context = test_function\nsource = {','.join(sources)}\n")
    data = workdir / "coverage.data"
    env = {
        **os.environ,
        "PYTHONPATH": str(workdir),
        "HYPOTHESIS_PROFILE": "ci",
        "COVERAGE_FILE": str(data),
    }
    command = [sys.executable, "-m", "coverage", "run", f"--rcfile={rc}", "-m", "pytest"]
    subprocess.run(
        [*command, "-q", "-p", "no:cacheprovider", *TESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )
    found = coverage.CoverageData(basename=str(data))
    found.read()
    lines: dict[str, dict[int, set[str]]] = {}
    base = workdir / "wuxing"
    for path in found.measured_files():
        module = Path(path).resolve().relative_to(base.resolve()).as_posix()
        by_line = found.contexts_by_lineno(path)
        lines[module] = {n: {_node_id(c) for c in ctx} for n, ctx in by_line.items()}
    return lines


def _node_id(context: str) -> str:
    """``test_selection.TestReserve.test_reserve_length`` → its pytest node id."""
    if not context:
        return ""
    module, _, rest = context.partition(".")
    return f"tests/{module}.py::" + rest.replace(".", "::")


def tests_for(mutant: Mutant, lines: dict[str, dict[int, set[str]]]) -> list[str] | None:
    """The tests that run the mutated lines (every test, where one runs at collection), in
    the order of :data:`TESTS`; ``None`` where no test runs them."""
    covered = lines.get(mutant.module, {})
    found: set[str] = set()
    for n in range(mutant.line, mutant.end_line + 1):
        found |= covered.get(n, set())
    if not found:
        return None
    if "" in found:
        return list(TESTS)
    order = {t: i for i, t in enumerate(TESTS)}
    return sorted(found, key=lambda node: (order.get(node.split("::")[0], len(order)), node))


def _run(mutant: Mutant, workdir: Path) -> Mutant:
    """Run the tests against one mutant in the worker's copy of the package (a copy made
    when the run started, so that editing the tree meanwhile changes nothing)."""
    target = workdir / "wuxing" / mutant.module
    original = (workdir / "original" / mutant.module).read_text(encoding="utf-8")
    mutated = _mutate(ast.parse(original), mutant.index)
    target.write_text(ast.unparse(mutated), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(workdir), "HYPOTHESIS_PROFILE": "ci"}
    started = time.perf_counter()
    tests = mutant.tests if mutant.tests is not None else []
    try:
        if not tests:
            mutant.status = "survived"  # no test runs the line
            return mutant
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=TIME_LIMIT,
            check=False,
        )
        mutant.status = "survived" if done.returncode == 0 else "killed"
    except subprocess.TimeoutExpired:
        mutant.status = "killed (time limit)"
    finally:
        target.write_text(original, encoding="utf-8")
    mutant.seconds = round(time.perf_counter() - started, 1)
    return mutant


def _worker_dirs(jobs: int) -> list[Path]:
    dirs = []
    for _ in range(jobs):
        where = Path(tempfile.mkdtemp(prefix="wuxing-mutation-"))
        shutil.copytree(PACKAGE, where / "wuxing", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(PACKAGE, where / "original", ignore=shutil.ignore_patterns("__pycache__"))
        dirs.append(where)
    return dirs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
    parser.add_argument("--module", action="append", help="only modules whose path has this")
    parser.add_argument("--json", help="also write every mutant and its fate to this file")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    args = parser.parse_args(argv)
    modules = list(MODULES)
    if args.module:
        modules = [m for m in modules if any(part in m for part in args.module)]
    todo = [mu for m in modules for mu in mutants(m)]
    if args.list:
        for mu in todo:
            print(f"{mu.module}:{mu.line}: {mu.what}: {mu.source_line}")
        print(f"{len(todo)} mutants")
        return 0
    dirs = _worker_dirs(args.jobs)
    print("mapping which tests run which lines…", flush=True)
    lines = coverage_map(dirs[0])
    for mu in todo:
        mu.tests = tests_for(mu, lines)
    free = list(dirs)
    results: list[Mutant] = []
    started = time.perf_counter()
    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            running: dict[concurrent.futures.Future[Mutant], Path] = {}
            queue = list(todo)
            while queue or running:
                while queue and free:
                    where = free.pop()
                    running[pool.submit(_run, queue.pop(0), where)] = where
                done, _ = concurrent.futures.wait(
                    running, return_when=concurrent.futures.FIRST_COMPLETED
                )
                for future in done:
                    free.append(running.pop(future))
                    mu = future.result()
                    results.append(mu)
                    print(
                        f"[{len(results)}/{len(todo)}] {mu.status:9} {mu.module}:{mu.line} "
                        f"{mu.what} ({mu.seconds} s)",
                        flush=True,
                    )
    finally:
        for where in dirs:
            shutil.rmtree(where, ignore_errors=True)
    _report(results, time.perf_counter() - started)
    if args.json:
        Path(args.json).write_text(
            json.dumps([asdict(m) for m in results], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    return 0


def _report(results: list[Mutant], seconds: float) -> None:
    print(f"\n{len(results)} mutants in {seconds / 60:.1f} min\n")
    print(f"{'module':34} {'killed':>7} {'of':>5} {'share':>7}")
    for group, modules in GROUPS.items():
        for module in modules:
            mine = [m for m in results if m.module == module]
            if mine:
                _line(module, mine)
        _line(f"= {group}", [m for m in results if m.module in modules])
    _line("= all", results)
    survivors = sorted(
        (m for m in results if m.status == "survived"), key=lambda m: (m.module, m.line)
    )
    print(f"\nsurvivors ({len(survivors)}):")
    for m in survivors:
        print(f"  {m.module}:{m.line}: {m.what}: {m.source_line}")


def _line(name: str, mine: list[Mutant]) -> None:
    if not mine:
        return
    killed = sum(1 for m in mine if m.status.startswith("killed"))
    print(f"{name:34} {killed:>7} {len(mine):>5} {killed / len(mine):>7.1%}")


if __name__ == "__main__":
    raise SystemExit(main())
