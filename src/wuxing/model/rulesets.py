"""The ruleset model: a county's rules for one selection, as data."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_decimal, as_tuple
from wuxing._core.time import DEFAULT_TIME_ZONE, is_time_zone
from wuxing.model.aggregation import Aggregation
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
    r"^(criterion:[A-Za-z0-9][A-Za-z0-9_.:-]*|annual_score|verification_score|"
    r"fewer_findings|earlier_submission)$"
)


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
        c.text("url", self.url, optional=True)
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
        c.integer("min_sheets", self.min_sheets, minimum=1)
        c.integer("trim_from", self.trim_from, minimum=3)
        one, zero = Decimal(1), Decimal(0)
        ok = c.decimal("verification_weight", self.verification_weight, minimum=zero, maximum=one)
        ok = c.decimal("annual_weight", self.annual_weight, minimum=zero, maximum=one) and ok
        if ok:
            c.that(
                self.verification_weight + self.annual_weight == 1,
                "annual_weight",
                "weights_sum",
                f"verification_weight + annual_weight is "
                f"{self.verification_weight + self.annual_weight}, not 1",
            )
        c.decimal("pass_mark", self.pass_mark, minimum=zero, maximum=Decimal(100))
        if c.integer("places", self.places, minimum=0):
            c.that(self.places <= 6, "places", "too_large", "at most 6 decimal places")
        c.done()


@attrs.frozen
class Ranking:
    """How applicants with equal totals are ordered.

    Args:
        tie_breaks: In order; each is ``"criterion:CODE"`` (more points on the criterion, as
            published, first), ``"annual_score"`` (the higher annual-evaluation score first;
            only when the ruleset weighs it), ``"verification_score"`` (the higher
            verification score first), ``"fewer_findings"`` (fewer supervision findings in the
            campaign year up to the cut-off first, counting a person's own and their unit's)
            or ``"earlier_submission"`` (the earlier submission first).
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
            "tie_breaks", self.tie_breaks, str
        ):
            for i, name in enumerate(self.tie_breaks):
                c.that(
                    bool(_TIE_BREAK.match(name)),
                    f"tie_breaks[{i}]",
                    "unknown_tie_break",
                    f"{name!r} is not a tie-break (criterion:CODE, annual_score, "
                    "verification_score, fewer_findings, earlier_submission)",
                )
            c.unique("tie_breaks", self.tie_breaks, lambda n: n, "tie-break")
        c.enum("final", self.final, FinalTieBreak)
        if self.seed is not None:
            c.integer("seed", self.seed, minimum=0)
        c.that(
            self.final is not FinalTieBreak.DRAW or self.seed is not None,
            "seed",
            "missing",
            "a draw needs a seed, so that it can be repeated",
        )
        c.integer("reserve", self.reserve, minimum=0)
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
        c.of_type("description_zh", self.description_zh, str)
        c.enum("target", self.target, VetoTarget)
        if c.of_type("categories", self.categories, tuple):
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
        c.integer("notice_working_days", self.notice_working_days, minimum=1)
        c.integer("rectification_working_days", self.rectification_working_days, minimum=1)
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
        c.integer("year", self.year, minimum=1949)
        c.of_type("source", self.source, Source)
        if c.of_type("categories", self.categories, tuple) and c.items(
            "categories", self.categories, Category
        ):
            c.that(bool(self.categories), "categories", "empty", "name at least one category")
            c.unique("categories", self.categories, lambda k: k.id, "category id")
            self._check_references(c)
        c.of_type("scoring", self.scoring, Scoring)
        c.of_type("ranking", self.ranking, Ranking)
        if c.of_type("vetoes", self.vetoes, tuple):
            c.items("vetoes", self.vetoes, VetoRule)
        c.of_type("periods", self.periods, Periods)
        c.that(
            is_time_zone(self.time_zone),
            "time_zone",
            "unknown_time_zone",
            f"{self.time_zone!r} is not a known time zone",
        )
        if c.of_type("declared_defaults", self.declared_defaults, tuple):
            c.items("declared_defaults", self.declared_defaults, str)
        if self.extended_from is not None:
            c.ident("extended_from", self.extended_from)
        c.done()

    def _check_references(self, c: Checks) -> None:
        ids = {k.id for k in self.categories}
        if isinstance(self.ranking, Ranking):
            unweighted = isinstance(self.scoring, Scoring) and not self.scoring.annual_weight
            for i, name in enumerate(self.ranking.tie_breaks):
                c.that(
                    not (name == "annual_score" and unweighted),
                    f"ranking.tie_breaks[{i}]",
                    "annual_score_unweighted",
                    "the annual score cannot break ties when scoring.annual_weight is 0: "
                    "it is not part of the score",
                )
                if name.startswith("criterion:"):
                    code = name.split(":", 1)[1]
                    c.that(
                        any(k.code == code for cat in self.categories for k in cat.criteria),
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

    def scoring_for(self, category_id: str) -> Scoring:
        """The scoring settings of a category: the ruleset's, with the category's own pass
        mark, aggregation and minimum of sheets where it sets them.

        Raises:
            KeyError: no such category.
        """
        category = self.category(category_id)
        changes = {
            name: value
            for name in ("pass_mark", "aggregation", "min_sheets")
            if (value := getattr(category, name)) is not None
        }
        return attrs.evolve(self.scoring, **changes) if changes else self.scoring

    def reserve_for(self, category_id: str) -> int:
        """The length of a category's reserve list: its own, else the ruleset's.

        Raises:
            KeyError: no such category.
        """
        own = self.category(category_id).reserve
        return self.ranking.reserve if own is None else own
