"""The public face: what a caller catches or receives is exported from :mod:`wuxing`, and the
one problem shape is shared by validation, intake and the loaders."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Iterator

import attrs
import pytest

import wuxing
from wuxing import Problem

# The command line's own error is raised and caught inside `wuxing.cli.main`; a caller of
# `main` receives an exit status, never the exception.
INTERNAL = {"wuxing.cli"}


def public_modules() -> Iterator[types.ModuleType]:
    """Every module of the package that is not private (no part starts with ``_``)."""
    for info in pkgutil.walk_packages(wuxing.__path__, "wuxing."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts) or any(
            info.name == i or info.name.startswith(i + ".") for i in INTERNAL
        ):
            continue
        yield importlib.import_module(info.name)


def public_names(module: types.ModuleType) -> Iterator[tuple[str, object]]:
    for name in getattr(module, "__all__", ()):
        yield name, getattr(module, name)


def wuxing_classes(hint: object) -> Iterator[type]:
    """The classes of :mod:`wuxing` a type hint names, also inside unions and generics."""
    if isinstance(hint, type) and hint.__module__.startswith("wuxing"):
        yield hint
    for arg in typing.get_args(hint):
        yield from wuxing_classes(arg)


class TestAll:
    def test_every_public_exception_is_exported(self) -> None:
        """Every WuxingError subclass a public module lists is in wuxing.__all__."""
        missing = {
            f"{module.__name__}.{name}"
            for module in public_modules()
            for name, value in public_names(module)
            if isinstance(value, type)
            and issubclass(value, wuxing.WuxingError)
            and name not in wuxing.__all__
        }
        assert set() == missing

    def test_the_errors_a_caller_meets_are_exported(self) -> None:
        """The exceptions named in the issue, by name."""
        expected = {
            "IntakeError",
            "TiePending",
            "MissingExtraError",
            "SpreadsheetError",
            "NoticeError",
            "RoundLogError",
            "TamperError",
            "ValidationError",
            "WuxingError",
        }
        assert set() == expected - set(wuxing.__all__)
        for name in expected - {"TiePending"}:
            assert issubclass(getattr(wuxing, name), wuxing.WuxingError), name

    def test_every_result_type_is_exported(self) -> None:
        """Whatever an exported function returns, or an exported class's field holds, is a
        class exported too (when it is one of wuxing's)."""
        exported = {getattr(wuxing, n) for n in wuxing.__all__}
        missing: set[str] = set()
        for name in wuxing.__all__:
            value = getattr(wuxing, name)
            if inspect.isfunction(value):
                hints = typing.get_type_hints(value)
                found = list(wuxing_classes(hints.get("return")))
            elif attrs.has(value):
                found = [
                    c for h in typing.get_type_hints(value).values() for c in wuxing_classes(h)
                ]
            else:
                continue
            missing |= {f"{name} → {c.__qualname__}" for c in found if c not in exported}
        assert set() == missing

    def test_named_functions_are_exported(self) -> None:
        """The renderers, the schema functions and the gate."""
        for name in (
            "render_result",
            "render_ledger",
            "render_tasks",
            "candidates_html",
            "build_notice",
            "score_sheet_text",
            "outcomes_csv",
            "document_schema",
            "schema_of",
            "check",
            "Verdict",
        ):
            assert name in wuxing.__all__, name
            assert callable(getattr(wuxing, name))

    def test_all_names_resolve(self) -> None:
        """Every name in __all__ is an attribute of the package, listed once."""
        assert len(set(wuxing.__all__)) == len(wuxing.__all__)
        for name in wuxing.__all__:
            assert hasattr(wuxing, name), name


class TestProblem:
    def test_positional_shape_is_kept(self) -> None:
        """path, code, message stay the first three fields; ref and args are keywords."""
        p = Problem("quota", "negative", "must be at least 0")
        assert ("quota", "negative", "must be at least 0", None, {}) == (
            p.path,
            p.code,
            p.message,
            p.ref,
            dict(p.args),
        )

    def test_at_keeps_ref_and_args(self) -> None:
        p = Problem("quota", "negative", "m", ref="C1", args={"value": -1})
        moved = p.at("categories[0]")
        assert Problem("categories[0].quota", "negative", "m", ref="C1", args={"value": "-1"}) == (
            moved
        )

    def test_args_are_read_only_and_hashable(self) -> None:
        p = Problem("", "late", "m", args={"deadline": "2023-01-10"})
        with pytest.raises(TypeError):
            p.args["deadline"] = "x"  # type: ignore[index]
        assert hash(p) == hash(Problem("", "late", "m", args={"deadline": "other"}))

    def test_intake_error_problems(self) -> None:
        """An intake refusal lists Problems (the validation shape) with the application as
        ref; the old `reasons` stay for a release."""
        from wuxing.evaluation.outcomes import Reason

        error = wuxing.IntakeError(
            (Reason("late", "after the deadline"), Reason("veto", "vetoed", "R-1")),
            application_id="A-7",
        )
        assert (
            Problem("", "late", "after the deadline", ref="A-7"),
            Problem("", "veto", "vetoed", ref="R-1"),
        ) == error.problems
        assert ("late", "veto") == tuple(r.code for r in error.reasons)
        assert "late" == error.code
        assert isinstance(error, wuxing.EligibilityError)
