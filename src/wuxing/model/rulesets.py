"""The ruleset model: a county's rules for one selection, as data."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_decimal, as_tuple
from wuxing._core.text import describe
from wuxing._core.time import DEFAULT_TIME_ZONE, is_time_zone
from wuxing.model.bounds import (
    COUNT,
    DAYS,
    MAX_CATEGORIES,
    PLACES,
    SCORE,
    SEED,
    SHEETS,
    SHORT_TEXT,
    TRIM_FROM,
    WEIGHT,
    YEAR,
)
from wuxing.model.categories import Category
from wuxing.model.units import _check_division

__all__ = [
    "Aggregation",
    "FinalTieBreak",
    "Periods",
    "Ranking",
    "Ruleset",
    "Scoring",
    "Source",
    "VetoRule",
    "VetoTarget",
]

_TIE_BREAK = re.compile(
    r"\A(criterion:[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}|annual_score|verification_score|"
    r"fewer_findings|earlier_submission)\Z"
)


class Aggregation(StrEnum):
    """How the inspectors' scores of one criterion are combined.

    * ``mean``: the arithmetic mean of all sheets.
    * ``trimmed_mean``: drop one highest and one lowest score, then the mean, when there are
      at least :attr:`Scoring.trim_from` sheets; the plain mean below that.
    * ``median``: the middle score (mean of the two middle ones for an even count).
    """

    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"
    MEDIAN = "median"


class FinalTieBreak(StrEnum):
    """What settles a tie still standing at the quota boundary after every tie-break.

    * ``report``: nothing; the tie is reported for the office to settle.
    * ``draw``: a draw seeded by :attr:`Ranking.seed`, recorded in the result.
    """

    REPORT = "report"
    DRAW = "draw"


class VetoTarget(StrEnum):
    """Whose record a veto looks at: the applicant only, or also the applicant's unit."""

    APPLICANT = "applicant"
    APPLICANT_OR_UNIT = "applicant_or_unit"


@attrs.frozen
class Source:
    """The document a ruleset carries.

    Args:
        title: The document's title.
        issuer: Who issued it, e.g. ``"兴国县人民政府办公室"``.
        date: The date of issue.
        url: Where it is published; optional.
    """

    title: str
    issuer: str
    date: dt.date
    url: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Source")
        c.text("title", self.title)
        c.text("issuer", self.issuer)
        c.date("date", self.date)
        c.text("url", self.url, optional=True, max_length=2000)
        c.done()


@attrs.frozen
class Scoring:
    """How verification sheets and the annual evaluation become a total.

    Args:
        aggregation: :class:`Aggregation` of the sheets per criterion.
        min_sheets: Fewer sheets than this and an application is not scored.
        trim_from: The trimmed mean drops the extremes from this many sheets on (at least 3).
        verification_weight: Weight of the verification score (0–100) in the total.
        annual_weight: Weight of the annual-evaluation score (0–100); the two add up to 1.
        pass_mark: Below this total an applicant is not selectable (宁缺毋滥).
        places: Decimal places of the total; rounded once, ROUND_HALF_UP.
    """

    aggregation: Aggregation = Aggregation.TRIMMED_MEAN
    min_sheets: int = 3
    trim_from: int = 5
    verification_weight: Decimal = attrs.field(default=Decimal("0.6"), converter=as_decimal)
    annual_weight: Decimal = attrs.field(default=Decimal("0.4"), converter=as_decimal)
    pass_mark: Decimal = attrs.field(default=Decimal(80), converter=as_decimal)
    places: int = 2

    def __attrs_post_init__(self) -> None:
        c = Checks("Scoring")
        c.enum("aggregation", self.aggregation, Aggregation)
        c.integer("min_sheets", self.min_sheets, SHEETS)
        c.integer("trim_from", self.trim_from, TRIM_FROM)
        ok = c.decimal("verification_weight", self.verification_weight, WEIGHT)
        ok = c.decimal("annual_weight", self.annual_weight, WEIGHT) and ok
        if ok:
            c.that(
                self.verification_weight + self.annual_weight == 1,
                "annual_weight",
                "weights_sum",
                f"verification_weight + annual_weight is "
                f"{self.verification_weight + self.annual_weight}, not 1",
            )
        c.decimal("pass_mark", self.pass_mark, SCORE)
        c.integer("places", self.places, PLACES)
        c.done()


@attrs.frozen
class Ranking:
    """How applicants with equal totals are ordered.

    Args:
        tie_breaks: In order; each is ``"criterion:CODE"``, ``"annual_score"``,
            ``"verification_score"``, ``"fewer_findings"`` or ``"earlier_submission"``.
        final: :class:`FinalTieBreak` for a tie still standing at the quota boundary.
        seed: The seed of the draw when ``final`` is ``draw``.
        reserve: How many unselected qualified applicants form the reserve list (差额).
    """

    tie_breaks: tuple[str, ...] = attrs.field(
        converter=as_tuple, default=("annual_score", "fewer_findings", "earlier_submission")
    )
    final: FinalTieBreak = FinalTieBreak.REPORT
    seed: int | None = None
    reserve: int = 2

    def __attrs_post_init__(self) -> None:
        c = Checks("Ranking")
        if c.of_type("tie_breaks", self.tie_breaks, tuple) and c.items(
            "tie_breaks", self.tie_breaks, str, max_items=MAX_CATEGORIES
        ):
            for i, name in enumerate(self.tie_breaks):
                c.that(
                    bool(_TIE_BREAK.match(name)),
                    f"tie_breaks[{i}]",
                    "unknown_tie_break",
                    f"{describe(name)} is not a tie-break (criterion:CODE, annual_score, "
                    "verification_score, fewer_findings, earlier_submission)",
                )
            c.unique("tie_breaks", self.tie_breaks, lambda n: n, "tie-break")
        c.enum("final", self.final, FinalTieBreak)
        if self.seed is not None:
            c.integer("seed", self.seed, SEED)
        c.that(
            self.final is not FinalTieBreak.DRAW or self.seed is not None,
            "seed",
            "missing",
            "a draw needs a seed, so that it can be repeated",
        )
        c.integer("reserve", self.reserve, COUNT)
        c.done()


@attrs.frozen
class VetoRule:
    """A veto (一票否决) the ruleset applies, looked up by name in the veto registry.

    Args:
        name: The registered rule, e.g. ``"overdue_rectification"``.
        description_zh: The rule in the document's words.
        target: :class:`VetoTarget`: whose record the rule looks at.
        categories: The categories it applies to; empty for all.
    """

    name: str
    description_zh: str = ""
    target: VetoTarget = VetoTarget.APPLICANT
    categories: tuple[str, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("VetoRule")
        c.ident("name", self.name)
        c.free_text("description_zh", self.description_zh)
        c.enum("target", self.target, VetoTarget)
        if c.of_type("categories", self.categories, tuple) and c.items(
            "categories", self.categories, str, max_items=MAX_CATEGORIES
        ):
            for i, cat in enumerate(self.categories):
                c.ident(f"categories[{i}]", cat)
        c.done()

    def applies_to(self, category_id: str) -> bool:
        """Whether the rule applies to the category."""
        return not self.categories or category_id in self.categories


@attrs.frozen
class Periods:
    """Lengths of time the process uses.

    Args:
        notice_working_days: Length of the public notice (公示) in working days.
        rectification_working_days: Default deadline of a rectification (限期整改).
    """

    notice_working_days: int = 5
    rectification_working_days: int = 15

    def __attrs_post_init__(self) -> None:
        c = Checks("Periods")
        c.integer("notice_working_days", self.notice_working_days, DAYS)
        c.integer("rectification_working_days", self.rectification_working_days, DAYS)
        c.done()


@attrs.frozen
class Ruleset:
    """A county's rules for one selection: categories, scoring, vetoes, ranking, periods.

    Build one from TOML with :func:`wuxing.rulesets.load` or
    :func:`wuxing.rulesets.load_file`.

    Args:
        id: The identifier, e.g. ``"xingguo-2022"``.
        title: The title.
        jurisdiction: The 6-digit GB/T 2260 code of the county.
        year: The year the rules are for.
        source: The document the rules come from.
        categories: The award categories, ids unique.
        scoring: :class:`Scoring`.
        ranking: :class:`Ranking`.
        vetoes: The :class:`VetoRule`\\ s applied.
        periods: :class:`Periods`.
        time_zone: The time zone of deadlines and notices.
        declared_defaults: Keys whose values the source document does not give: the ruleset
            declares them (e.g. ``"scoring.pass_mark"``).
        extended_from: The ruleset this one was built on (``extends`` in its TOML), if any;
            a record only: the rules are already merged in.
    """

    id: str
    title: str
    jurisdiction: str
    year: int
    source: Source
    categories: tuple[Category, ...] = attrs.field(converter=as_tuple)
    scoring: Scoring = Scoring()
    ranking: Ranking = Ranking()
    vetoes: tuple[VetoRule, ...] = attrs.field(converter=as_tuple, default=())
    periods: Periods = Periods()
    time_zone: str = DEFAULT_TIME_ZONE
    declared_defaults: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    extended_from: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Ruleset")
        c.ident("id", self.id)
        c.text("title", self.title)
        _check_division(c, "jurisdiction", self.jurisdiction)
        c.integer("year", self.year, YEAR)
        c.of_type("source", self.source, Source)
        if c.of_type("categories", self.categories, tuple) and c.items(
            "categories", self.categories, Category, max_items=MAX_CATEGORIES
        ):
            c.that(bool(self.categories), "categories", "empty", "name at least one category")
            c.unique("categories", self.categories, lambda k: k.id, "category id")
            self._check_references(c)
        c.of_type("scoring", self.scoring, Scoring)
        c.of_type("ranking", self.ranking, Ranking)
        if c.of_type("vetoes", self.vetoes, tuple):
            c.items("vetoes", self.vetoes, VetoRule, max_items=MAX_CATEGORIES)
        c.of_type("periods", self.periods, Periods)
        c.that(
            is_time_zone(self.time_zone),
            "time_zone",
            "unknown_time_zone",
            f"{describe(self.time_zone)} is not an IANA time zone name (e.g. 'Asia/Shanghai')",
        )
        if c.of_type("declared_defaults", self.declared_defaults, tuple) and c.items(
            "declared_defaults", self.declared_defaults, str, max_items=MAX_CATEGORIES * 10
        ):
            for i, key in enumerate(self.declared_defaults):
                c.text(f"declared_defaults[{i}]", key, max_length=SHORT_TEXT)
        if self.extended_from is not None:
            c.ident("extended_from", self.extended_from)
        c.done()

    def _check_references(self, c: Checks) -> None:
        ids = {k.id for k in self.categories}
        codes = {k.code for cat in self.categories for k in cat.criteria}
        if isinstance(self.ranking, Ranking):
            for i, name in enumerate(self.ranking.tie_breaks):
                if name.startswith("criterion:"):
                    code = name.split(":", 1)[1]
                    c.that(
                        code in codes,
                        f"ranking.tie_breaks[{i}]",
                        "unknown_criterion",
                        f"no category has a criterion {code!r}",
                    )
        if isinstance(self.vetoes, tuple):
            for i, veto in enumerate(self.vetoes):
                if not isinstance(veto, VetoRule):
                    continue
                for j, cat in enumerate(veto.categories):
                    c.that(
                        cat in ids,
                        f"vetoes[{i}].categories[{j}]",
                        "unknown_category",
                        f"no category {cat!r} in this ruleset",
                    )

    def category(self, category_id: str) -> Category:
        """The category with ``category_id``; :class:`KeyError` if there is none."""
        for k in self.categories:
            if k.id == category_id:
                return k
        raise KeyError(category_id)

    def vetoes_for(self, category_id: str) -> tuple[VetoRule, ...]:
        """The veto rules that apply to a category."""
        return tuple(v for v in self.vetoes if v.applies_to(category_id))
