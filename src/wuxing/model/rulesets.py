"""The ruleset model: a county's rules for one selection, as data.

The module is longer than the others because it holds every part of a ruleset (source,
layers, scoring, ranking, vetoes, periods, the procedure of a round), each a small class of
its own, and the ruleset checks references across them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_decimal, as_tuple
from wuxing._core.exact import exact_sum
from wuxing._core.text import describe
from wuxing._core.time import DEFAULT_TIME_ZONE, is_time_zone
from wuxing.model.aggregation import Aggregation
from wuxing.model.bounds import (
    COUNT,
    DAYS,
    MAX_CATEGORIES,
    PLACES,
    SCORE,
    SEED,
    SHEETS,
    TRIM_FROM,
    WEIGHT,
    YEAR,
)
from wuxing.model.categories import Category
from wuxing.model.statements import DeclaredDefault, Statement, declared_default_for
from wuxing.model.units import _check_division

__all__ = [
    "Aggregation",
    "FinalTieBreak",
    "Layer",
    "Periods",
    "Procedure",
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
class Layer:
    """One layer of a ruleset built with ``extends``: who wrote what.

    A ruleset that extends another is a stack of layers, its own on top. Each layer keeps
    what belongs to it: the document it cites, the values it declares as defaults, and the
    keys whose values it set in the merged ruleset, so that a reader can tell what a county
    wrote from what it inherited.

    Args:
        id: The layer's ruleset id, e.g. ``"yudu-2023"``.
        origin: The file it was read from (as the chain named it), or ``None`` for a built-in
            or registered ruleset.
        abstract: Whether the layer is a base that cannot be evaluated directly.
        source: The document this layer cites, or ``None`` when it cites none and inherits
            its base's.
        declared_defaults: The :class:`~wuxing.model.statements.DeclaredDefault`\\ s this layer
            declares (values no document gives), each with its reason.
        sets: The keys of the merged ruleset whose values this layer set (e.g.
            ``"categories[1].quota"``); a key set by several layers belongs to the last.

    >>> Layer("yudu-2023", "yudu-2023.toml", sets=("scoring.pass_mark",)).cites_source
    False
    """

    id: str
    origin: str | None = None
    abstract: bool = False
    source: Source | None = None
    declared_defaults: tuple[DeclaredDefault, ...] = attrs.field(converter=as_tuple, default=())
    sets: tuple[str, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("Layer")
        c.ident("id", self.id)
        c.text("origin", self.origin, optional=True)
        c.of_type("abstract", self.abstract, bool)
        if self.source is not None:
            c.of_type("source", self.source, Source)
        if c.of_type("declared_defaults", self.declared_defaults, tuple):
            c.items("declared_defaults", self.declared_defaults, DeclaredDefault)
        if c.of_type("sets", self.sets, tuple):
            c.items("sets", self.sets, str)
        c.done()

    @property
    def cites_source(self) -> bool:
        """Whether the layer cites a document of its own."""
        return self.source is not None


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
            total = exact_sum([self.verification_weight, self.annual_weight])
            c.that(
                total == 1,
                "annual_weight",
                "weights_sum",
                "verification_weight + annual_weight is "
                f"{'a number of over 10,000 digits' if total is None else total}, not 1",
            )
        c.decimal("pass_mark", self.pass_mark, SCORE)
        c.integer("places", self.places, PLACES)
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
        description_zh: A short statement of the rule in Chinese, in the ruleset's words:
            the rule is the ruleset's, not a sentence of its source document unless the
            ruleset says so (the Xingguo notice names no veto; its vetoes are declared
            defaults).
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

    Neither is in the Xingguo notice, which asks for openness (接受社会监督、公开透明) but sets
    no public notice and no rectification deadline: the built-in ruleset declares both.

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
        declared_defaults: The :class:`~wuxing.model.statements.DeclaredDefault`\\ s: the
            values and readings the source document does not give, each with its key (e.g.
            ``"scoring"``) and a one-line reason.
        extended_from: The ruleset this one was built on (``extends`` in its TOML), if any;
            a record only: the rules are already merged in.
        statements: The source's :class:`~wuxing.model.statements.Statement`\\ s that reports
            print (the use of the results, guidance of candidates), keys unique.
        procedure: :class:`Procedure`: separation of duties and collective decisions in a
            selection round.
        layers: The chain it was built from, its own :class:`Layer` first, down to the base
            that extends nothing; empty for a ruleset of one layer. A record of who set what:
            the rules are already merged in.

    A ruleset of one layer cites its own ``source`` and ``declared_defaults``. In a ruleset
    built with ``extends``, ``source`` is the nearest document up the chain (the layer on top
    may cite none and inherit it), ``declared_defaults`` are the top layer's own, and
    :attr:`layers` tells each layer's part.
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
    declared_defaults: tuple[DeclaredDefault, ...] = attrs.field(converter=as_tuple, default=())
    extended_from: str | None = None
    statements: tuple[Statement, ...] = attrs.field(converter=as_tuple, default=())
    procedure: Procedure = attrs.field(factory=lambda: Procedure())
    layers: tuple[Layer, ...] = attrs.field(converter=as_tuple, default=())

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
        if c.of_type("declared_defaults", self.declared_defaults, tuple):
            c.items(
                "declared_defaults",
                self.declared_defaults,
                DeclaredDefault,
                max_items=MAX_CATEGORIES * 10,
            )
        if self.extended_from is not None:
            c.ident("extended_from", self.extended_from)
        if c.of_type("statements", self.statements, tuple) and c.items(
            "statements", self.statements, Statement
        ):
            c.unique("statements", self.statements, lambda s: s.key, "statement key")
            self._check_statements(c)
        c.of_type("procedure", self.procedure, Procedure)
        if c.of_type("layers", self.layers, tuple) and c.items("layers", self.layers, Layer):
            self._check_layers(c)
        c.done()

    def _check_layers(self, c: Checks) -> None:
        if not self.layers:
            return
        c.that(
            self.layers[0].id == self.id,
            "layers[0].id",
            "layer_mismatch",
            f"the top layer is the ruleset itself, {self.id!r}, not {self.layers[0].id!r}",
        )
        below = self.layers[1].id if len(self.layers) > 1 else None
        c.that(
            self.extended_from == below,
            "extended_from",
            "layer_mismatch",
            f"extended_from is {self.extended_from!r} but the layer below is {below!r}",
        )
        c.that(
            not self.layers[0].abstract,
            "layers[0].abstract",
            "abstract_ruleset",
            "an abstract ruleset is a base to extend, not rules to evaluate",
        )
        c.unique("layers", self.layers, lambda layer: layer.id, "layer id")

    def _check_references(self, c: Checks) -> None:
        ids = {k.id for k in self.categories}
        codes = {k.code for cat in self.categories for k in cat.criteria}
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

    def _check_statements(self, c: Checks) -> None:
        cats = self.categories
        if not isinstance(cats, tuple) or not all(isinstance(k, Category) for k in cats):
            return  # the categories' own problems are reported; nothing to check against
        ids = {k.id for k in cats}
        for i, statement in enumerate(self.statements):
            for j, cat in enumerate(statement.categories):
                c.that(
                    cat in ids,
                    f"statements[{i}].categories[{j}]",
                    "unknown_category",
                    f"no category {cat!r} in this ruleset",
                )

    def declared(self, path: str) -> DeclaredDefault | None:
        """The declared default covering ``path`` (``"categories[0].criteria[1].weight"``),
        or ``None`` where the value is the source document's."""
        return declared_default_for(self.declared_defaults, path)

    @property
    def chain(self) -> tuple[str, ...]:
        """The ids of the chain, this ruleset first: ``("yudu-2023", "xingguo-2022")``."""
        return tuple(layer.id for layer in self.layers) or (self.id,)

    def layer_of(self, path: str) -> Layer | None:
        """The layer that set the value at ``path`` (or at the longest prefix of it that a
        layer set), or ``None`` for a ruleset of one layer or a value left at its default."""
        best: tuple[int, Layer] | None = None
        for layer in self.layers:
            for key in layer.sets:
                if (path == key or path.startswith((key + ".", key + "["))) and (
                    best is None or len(key) > best[0]
                ):
                    best = (len(key), layer)
        return None if best is None else best[1]

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


ROLE_NAMES = (
    "applicant_unit",
    "recommending_unit",
    "office",
    "supervisor",
    "county_government",
    "public",
)
"""The roles of a selection round, by name (:class:`wuxing.process.Role` has one member each)."""

DUTY_NAMES = (
    "accept",
    "return_for_correction",
    "reject",
    "verify",
    "select",
    "settle",
    "approve",
    "not_approve",
    "rule_objection",
    "extend_notice",
    "revoke",
)
"""The official actions on an application that :class:`Procedure` can name."""

_MIN_EXCLUSIVE = ("verify", "select", "approve")
_MIN_SEPARATE = ("office", "county_government")
_MIN_COLLECTIVE = ("settle",)


@attrs.frozen
class Procedure:
    """Who may not do what in a selection round: separation of duties (职责分离) and
    collective decisions (集体研究).

    The defaults are the library's, not the notice's (it gives the steps, 五、评选程序, but not
    who may not do what). A ruleset may tighten them (more exclusive duties, more separated
    roles, more collective actions, more participants) and never loosen them: a value that
    drops a default is refused. Conflicts of interest are not configurable: nobody ever acts
    officially on an application of their own unit or their own candidacy.

    Args:
        exclusive_duties: Of these actions, one person takes part in at most one per
            application (default: verify, select, approve).
        separate_roles: Pairs of roles that no one holds both of in a round (default: the
            office and the county government).
        collective: Actions decided collectively (集体研究), by at least
            ``collective_minimum`` participants (default: settling a tie).
        collective_minimum: How many take part in a collective decision, at least 2.

    >>> Procedure().exclusive_duties
    ('verify', 'select', 'approve')
    >>> Procedure(exclusive_duties=("verify", "approve"))
    Traceback (most recent call last):
    ...
    wuxing.errors.ValidationError: Procedure has 1 problem:
      exclusive_duties: drops 'select', a default a ruleset may tighten but not loosen [loosened]
    """

    exclusive_duties: tuple[str, ...] = attrs.field(converter=as_tuple, default=_MIN_EXCLUSIVE)
    separate_roles: tuple[tuple[str, ...], ...] = attrs.field(
        converter=as_tuple, default=(_MIN_SEPARATE,)
    )
    collective: tuple[str, ...] = attrs.field(converter=as_tuple, default=_MIN_COLLECTIVE)
    collective_minimum: int = 2

    def __attrs_post_init__(self) -> None:
        c = Checks("Procedure")
        for name, minimum in (
            ("exclusive_duties", _MIN_EXCLUSIVE),
            ("collective", _MIN_COLLECTIVE),
        ):
            values = getattr(self, name)
            if not (c.of_type(name, values, tuple) and c.items(name, values, str)):
                continue
            for i, duty in enumerate(values):
                c.that(
                    duty in DUTY_NAMES,
                    f"{name}[{i}]",
                    "unknown_duty",
                    f"{duty!r} is not an action of a round ({', '.join(DUTY_NAMES)})",
                )
            c.unique(name, values, lambda d: d, "action")
            for duty in minimum:
                c.that(duty in values, name, "loosened", _loosened(duty))
        pairs = self.separate_roles
        if c.of_type("separate_roles", pairs, tuple):
            found = set()
            for i, pair in enumerate(pairs):
                path = f"separate_roles[{i}]"
                if not (c.of_type(path, pair, tuple) and c.items(path, pair, str)):
                    continue
                if c.that(
                    len(pair) == 2 and pair[0] != pair[1],
                    path,
                    "not_a_pair",
                    "name two different roles",
                ):
                    found.add(frozenset(pair))
                for j, role in enumerate(pair):
                    c.that(
                        role in ROLE_NAMES,
                        f"{path}[{j}]",
                        "unknown_role",
                        f"{role!r} is not a role ({', '.join(ROLE_NAMES)})",
                    )
            c.that(
                frozenset(_MIN_SEPARATE) in found,
                "separate_roles",
                "loosened",
                _loosened("office / county_government"),
            )
        if c.integer("collective_minimum", self.collective_minimum, minimum=2):
            c.that(
                self.collective_minimum <= 50,
                "collective_minimum",
                "too_large",
                "at most 50 participants",
            )
        c.done()

    def separated(self, a: str, b: str) -> bool:
        """Whether one person may not hold both roles ``a`` and ``b``."""
        return frozenset((a, b)) in {frozenset(p) for p in self.separate_roles}


def _loosened(what: str) -> str:
    return f"drops {what!r}, a default a ruleset may tighten but not loosen"
