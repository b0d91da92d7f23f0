"""What rules carry besides rules: the source's own statements, and the readings declared.

A :class:`Statement` is a sentence of the source document that no rule computes with but that
reports print: how the results are used, who guides the candidates. A
:class:`DeclaredDefault` marks a value the document does not give: the rules declare it, and
say in one line why, so that a reader can tell the document's words from the rules' readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from wuxing._core.checks import Checks, as_tuple

__all__ = ["DeclaredDefault", "Statement", "declared_default_for"]

_SEGMENT = r"[a-z_][a-z0-9_]*(?:\[(?:\*|\d+)\])*"
_KEY = re.compile(rf"^{_SEGMENT}(?:\.{_SEGMENT})*$")


@attrs.frozen
class DeclaredDefault:
    """A value the source document does not give: the rules declare it, and say why.

    Args:
        key: The key it covers, as a path into the rules: ``"scoring"``,
            ``"periods.notice_working_days"``, ``"categories[*].criteria[*].weight"``. A key
            covers everything under it; ``[*]`` stands for any index.
        reason: One line: what the document says or leaves open, and what is read into it.

    >>> d = DeclaredDefault("categories[*].criteria[*].weight", "四 gives no weights.")
    >>> d.covers("categories[1].criteria[3].weight"), d.covers("categories[1].quota")
    (True, False)
    """

    key: str
    reason: str

    def __attrs_post_init__(self) -> None:
        c = Checks("DeclaredDefault")
        if c.of_type("key", self.key, str):
            c.that(
                bool(_KEY.match(self.key)),
                "key",
                "bad_key",
                f"{self.key!r} is not a key such as 'scoring' or "
                "'categories[*].criteria[*].weight'",
            )
        c.text("reason", self.reason)
        c.done()

    def covers(self, path: str) -> bool:
        """Whether ``path`` (e.g. ``"categories[0].criteria[2].weight"``) is this key or lies
        under it."""
        pattern = re.escape(self.key).replace(r"\[\*\]", r"\[\d+\]")
        return re.fullmatch(rf"{pattern}(?:[.\[].*)?", path, re.S) is not None


def declared_default_for(defaults: Iterable[DeclaredDefault], path: str) -> DeclaredDefault | None:
    """The first of ``defaults`` that covers ``path``, or ``None`` if the value at ``path`` is
    the document's own.

    >>> defaults = (DeclaredDefault("scoring", "五(二) gives no scoring model."),)
    >>> declared_default_for(defaults, "scoring.pass_mark").key
    'scoring'
    >>> declared_default_for(defaults, "categories[0].quota") is None
    True
    """
    return next((d for d in defaults if d.covers(path)), None)


@attrs.frozen
class Statement:
    """A statement of the source document that reports print rather than rules apply.

    Args:
        key: An identifier, e.g. ``"use_of_results"``.
        text_zh: The document's words, verbatim.
        source: Where it is stated, e.g. ``"六(三)"``.
        summary: What it says, in English.
        categories: The categories it concerns, by id; empty when it concerns all.

    >>> s = Statement("guidance", "县“五型”办建立……联系指导制度", "六(三)", "Guidance.",
    ...               ("demonstration-township",))
    >>> s.concerns("advanced-individual")
    False
    """

    key: str
    text_zh: str
    source: str
    summary: str = ""
    categories: tuple[str, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("Statement")
        c.ident("key", self.key)
        c.text("text_zh", self.text_zh)
        c.text("source", self.source)
        c.of_type("summary", self.summary, str)
        if c.of_type("categories", self.categories, tuple):
            for i, cat in enumerate(self.categories):
                c.ident(f"categories[{i}]", cat)
            c.unique("categories", self.categories, lambda k: k, "category")
        c.done()

    def concerns(self, category_id: str) -> bool:
        """Whether the statement concerns the category."""
        return not self.categories or category_id in self.categories
