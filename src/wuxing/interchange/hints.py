"""Hints added to a refused document's problems: the nearest category to an unknown one.

A bundle's ``category_id`` that is not a category of its rules (or not even an identifier,
as ``'示范乡镇'`` is not) gets "did you mean 'demonstration-township'?" from the categories
of the ruleset its campaign names, by id and by Chinese and English title
(:func:`wuxing.model.categories.nearest_category`). Only the error path pays for this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from wuxing.errors import Problem, ValidationError, WuxingError
from wuxing.model.categories import Category, nearest_category
from wuxing.rulesets import available, load

__all__ = ["did_you_mean", "with_category_hints"]

_CATEGORY = re.compile(r"^(applications|settlements)\[(\d+)\]\.category_id$")
_CODES = frozenset({"bad_identifier", "unknown_category"})


def did_you_mean(given: object, categories: Iterable[Category]) -> tuple[str, str | None]:
    """``("; did you mean 'ID'?", "ID")`` for the category nearest to ``given``, or
    ``("", None)``."""
    near = nearest_category(given, categories)
    return (f"; did you mean {near!r}?", near) if near else ("", None)


def _categories(data: dict[str, object]) -> list[Category]:
    campaign = data.get("campaign")
    ruleset_id = campaign.get("ruleset_id") if isinstance(campaign, dict) else None
    ids = [ruleset_id] if isinstance(ruleset_id, str) and ruleset_id in available() else []
    found: list[Category] = []
    for rid in ids or available():
        try:
            found.extend(load(rid).categories)
        except WuxingError:  # a broken plugin gives no hints
            continue
    return found


def _given(data: dict[str, object], collection: str, index: int) -> object:
    items = data.get(collection)
    if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
        return items[index].get("category_id")
    return None


def with_category_hints(error: ValidationError, data: object) -> ValidationError:
    """``error`` with "did you mean …" added to each problem of an unknown category id.

    Args:
        error: The problems of loading ``data`` as a bundle.
        data: The bundle's data as parsed JSON (the envelope's ``data``).

    Returns:
        ``error`` itself when no problem is about a category id; else an error of the same
        kind whose category problems name the nearest category (``args["suggestion"]``).
    """
    wanted = [
        (i, m)
        for i, p in enumerate(error.problems)
        if p.code in _CODES
        and "suggestion" not in p.args
        and (m := _CATEGORY.match(p.path)) is not None
    ]
    if not wanted or not isinstance(data, dict):
        return error
    categories = _categories(data)
    problems: list[Problem] = list(error.problems)
    for i, match in wanted:
        hint, near = did_you_mean(_given(data, match[1], int(match[2])), categories)
        if near is not None:
            p = problems[i]
            problems[i] = attrs.evolve(
                p, message=p.message + hint, args={**p.args, "suggestion": near}
            )
    return type(error)(problems, subject=error.subject, more=error.more)
