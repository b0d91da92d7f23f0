"""Award categories (评选类别): who may enter, how many, by which route, on which criteria.

The module is longer than the others because a category's selection rules (its scope,
route, forms, caps, reserved seats and own scoring settings) are checked against one another
when the category is built, so they stay together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

import attrs

from wuxing._core.checks import Checks, as_decimal, as_frozenset, as_tuple
from wuxing._core.exact import exact_sum
from wuxing._core.suggest import nearest
from wuxing.errors import EligibilityError
from wuxing.model.aggregation import Aggregation
from wuxing.model.bounds import (
    COPIES,
    COUNT,
    LONG_TEXT,
    MAX_CATEGORIES,
    MAX_CRITERIA,
    SCORE,
    SHEETS,
    WEIGHT,
)
from wuxing.model.criteria import Criterion
from wuxing.model.units import Person, Supervisor, Unit, UnitKind

__all__ = [
    "Cap",
    "CapBy",
    "Category",
    "EntrantKind",
    "FormRequirement",
    "ReservedSeats",
    "Route",
    "Scope",
    "ShareRounding",
    "nearest_category",
]


class EntrantKind(StrEnum):
    """What enters a category: a unit, a staff member, or a supervisor."""

    UNIT = "unit"
    STAFF = "staff"
    SUPERVISOR = "supervisor"


class Route(StrEnum):
    """How an entrant reaches a category.

    * ``self_declared``: a unit applies for itself (自主申报).
    * ``recommended``: a unit recommends one of its staff (推荐).
    * ``office_assessed``: the office assesses and proposes, nobody applies (综合评估).
    """

    SELF_DECLARED = "self_declared"
    RECOMMENDED = "recommended"
    OFFICE_ASSESSED = "office_assessed"


_ROUTE_FOR = {
    EntrantKind.UNIT: Route.SELF_DECLARED,
    EntrantKind.STAFF: Route.RECOMMENDED,
    EntrantKind.SUPERVISOR: Route.OFFICE_ASSESSED,
}


@attrs.frozen
class Scope:
    """Who may enter a category (评选范围).

    Args:
        entrant: :class:`EntrantKind` of the entrants.
        unit_kinds: For unit entrants, the kinds admitted; for staff, the kinds of unit the
            staff may work in (empty: any unit).
        description_zh: The scope as the notice states it, e.g. ``"全县各乡镇。"``.
    """

    entrant: EntrantKind
    unit_kinds: frozenset[UnitKind] = attrs.field(converter=as_frozenset, default=frozenset())
    description_zh: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Scope")
        c.enum("entrant", self.entrant, EntrantKind)
        if c.of_type("unit_kinds", self.unit_kinds, frozenset):
            for k in self.unit_kinds:
                c.enum("unit_kinds", k, UnitKind)
            c.that(
                self.entrant is not EntrantKind.UNIT or bool(self.unit_kinds),
                "unit_kinds",
                "empty",
                "a scope of units must name at least one unit kind",
            )
            c.that(
                self.entrant is not EntrantKind.SUPERVISOR or not self.unit_kinds,
                "unit_kinds",
                "not_applicable",
                "a scope of supervisors names no unit kinds",
            )
        c.free_text("description_zh", self.description_zh, max_length=LONG_TEXT)
        c.done()

    def describe(self) -> str:
        """The notice's wording if there is one, else the admitted kinds."""
        if self.description_zh:
            return self.description_zh
        kinds = "、".join(k.zh for k in UnitKind if k in self.unit_kinds)
        return f"{self.entrant.value}: {kinds or 'any'}"


@attrs.frozen
class FormRequirement:
    """The forms an application must file (申报表 / 推荐表).

    Args:
        title_zh: The form's title, e.g. ``"《“五型”政府建设示范乡镇申报表》"``; optional.
        paper_copies: How many paper copies (纸质版, 一式两份 is 2).
        stamped: Whether the paper copies must bear the unit's seal (盖章).
        electronic: Whether an electronic copy is required (电子版).
    """

    title_zh: str | None = None
    paper_copies: int = 2
    stamped: bool = True
    electronic: bool = True

    def __attrs_post_init__(self) -> None:
        c = Checks("FormRequirement")
        c.text("title_zh", self.title_zh, optional=True)
        c.integer("paper_copies", self.paper_copies, COPIES)
        c.of_type("stamped", self.stamped, bool)
        c.of_type("electronic", self.electronic, bool)
        c.done()


class CapBy(StrEnum):
    """What a :class:`Cap` counts by: the applicant's unit, or a group label."""

    UNIT = "unit"
    GROUP = "group"


class ShareRounding(StrEnum):
    """How a share of the quota becomes a whole number of seats.

    * ``down``: the whole part (20 % of 7 seats is 1).
    * ``up``: the next whole number unless the share is whole already (20 % of 7 is 2).
    * ``nearest``: the nearest whole number, a half rounded up (20 % of 7 is 1; of 8, 2).
    """

    DOWN = "down"
    UP = "up"
    NEAREST = "nearest"


@attrs.frozen
class Cap:
    """A ceiling on how many of the selected may share something (限额).

    Args:
        by: :class:`CapBy`: ``unit`` (at most so many from one unit) or ``group`` (at most so
            many carrying :attr:`group`, a label on the application).
        group: The group label, for ``by = "group"``.
        limit: The most that may be selected, as a count.
        share: The most as a share of the quota (e.g. ``0.2``); give ``limit`` or ``share``,
            not both.
        rounding: For a share: :class:`ShareRounding`, ``down`` unless declared.
        floor: For a share: the ceiling is never below this ("at least 1"), whatever the
            rounding gives.

    >>> Cap(CapBy.GROUP, "leaders", share=Decimal("0.2")).ceiling(7)
    1
    >>> Cap(CapBy.GROUP, "leaders", share=Decimal("0.2"), rounding=ShareRounding.UP).ceiling(7)
    2
    >>> Cap(CapBy.GROUP, "leaders", share=Decimal("0.1"), floor=1).ceiling(4)
    1
    """

    by: CapBy
    group: str | None = None
    limit: int | None = None
    share: Decimal | None = attrs.field(default=None, converter=as_decimal)
    rounding: ShareRounding | None = None
    floor: int | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Cap")
        c.enum("by", self.by, CapBy)
        if self.by is CapBy.GROUP:
            c.that(self.group is not None, "group", "missing", "a group cap names its group")
        elif self.by is CapBy.UNIT:
            c.that(self.group is None, "group", "not_applicable", "a unit cap names no group")
        if self.group is not None:
            c.ident("group", self.group)
        c.that(
            (self.limit is None) != (self.share is None),
            "limit",
            "limit_or_share",
            "give exactly one of limit and share",
        )
        if self.limit is not None:
            c.integer("limit", self.limit, COUNT)
        if self.share is not None:
            c.decimal("share", self.share, WEIGHT)
        if self.rounding is not None:
            c.enum("rounding", self.rounding, ShareRounding)
            c.that(
                self.share is not None,
                "rounding",
                "not_applicable",
                "only a share of the quota is rounded",
            )
        if self.floor is not None:
            c.integer("floor", self.floor, COUNT)
            c.that(
                self.share is not None,
                "floor",
                "not_applicable",
                "only a share of the quota takes a floor",
            )
        c.done()

    def ceiling(self, quota: int) -> int:
        """The most that may be selected under a quota: the limit, or the share of the quota
        rounded as declared and raised to the floor."""
        if self.limit is not None:
            return self.limit
        assert self.share is not None
        exact = Fraction(self.share) * quota
        if self.rounding is ShareRounding.UP:
            seats = math.ceil(exact)
        elif self.rounding is ShareRounding.NEAREST:
            seats = math.floor(exact + Fraction(1, 2))
        else:
            seats = math.floor(exact)
        return max(seats, self.floor or 0)

    def describe(self) -> str:
        """A short description for reasons, e.g. ``"at most 1 per unit"``."""
        if self.limit is not None:
            amount = str(self.limit)
        else:
            how = (self.rounding or ShareRounding.DOWN).value
            floor = f", at least {self.floor}" if self.floor else ""
            amount = f"{self.share:%} of the quota (rounded {how}{floor})"
        if self.by is CapBy.UNIT:
            return f"at most {amount} per unit"
        return f"at most {amount} from group {self.group!r}"


@attrs.frozen
class ReservedSeats:
    """Seats of the quota kept for a group (e.g. grassroots staff), filled first.

    Args:
        group: The group label on the applications.
        seats: How many seats are kept for it.
    """

    group: str
    seats: int

    def __attrs_post_init__(self) -> None:
        c = Checks("ReservedSeats")
        c.ident("group", self.group)
        c.integer("seats", self.seats, minimum=1, maximum=COUNT.maximum)
        c.done()


@attrs.frozen
class Category:
    """An award category (评选类别).

    Args:
        id: The identifier, e.g. ``"demonstration-township"``.
        title_zh: The Chinese title, e.g. ``"“五型”政府建设示范乡镇"``.
        title_en: The English title.
        scope: Who may enter (:class:`Scope`).
        quota: How many it may select (评选名额), zero or more.
        route: How entrants reach it (:class:`Route`); it must fit the scope's entrant kind.
        forms: The forms required, or ``None`` where nobody files one (office-assessed).
        criteria: The criteria, codes unique; the weights of the scored ones add up to 1.
        source: Where the category is stated in the notice, e.g. ``"二(一)、三、四(一)"``.
        caps: :class:`Cap`\\ s on the selection (none by default).
        reserved: :class:`ReservedSeats` kept for groups (none by default).
        verified_on_site: Whether entrants are verified on site (实地核查) and scored from
            score sheets. The Xingguo notice verifies the first three categories (五(二)) and
            has the office assess supervisors itself (五(一)): a category that is not verified
            on site is scored from the office's
            :class:`~wuxing.model.assessments.Assessment` of each entrant, one each, and
            without the annual evaluation, which the notice joins to the on-site
            verification (结合年度考评工作进行).
        assessed_on: What the office's assessment rests on, for a category not verified on
            site (``"日常履职表现"``, ``"参与专题监督活动"``); every assessment notes each.
        pass_mark: The category's own pass mark; by default the ruleset's
            (:attr:`~wuxing.model.rulesets.Scoring.pass_mark`).
        reserve: The length of the category's reserve list; by default the ruleset's
            (:attr:`~wuxing.model.rulesets.Ranking.reserve`).
        aggregation: The category's own :class:`~wuxing.model.aggregation.Aggregation`; by
            default the ruleset's.
        min_sheets: The category's own minimum of verification sheets; by default the
            ruleset's.
    """

    id: str
    title_zh: str
    title_en: str
    scope: Scope
    quota: int
    route: Route
    criteria: tuple[Criterion, ...] = attrs.field(converter=as_tuple)
    forms: FormRequirement | None = None
    source: str | None = None
    caps: tuple[Cap, ...] = attrs.field(converter=as_tuple, default=())
    reserved: tuple[ReservedSeats, ...] = attrs.field(converter=as_tuple, default=())
    verified_on_site: bool = True
    assessed_on: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    pass_mark: Decimal | None = attrs.field(default=None, converter=as_decimal)
    reserve: int | None = None
    aggregation: Aggregation | None = None
    min_sheets: int | None = None

    def __attrs_post_init__(self) -> None:
        c = Checks("Category")
        c.of_type("verified_on_site", self.verified_on_site, bool)
        if c.of_type("assessed_on", self.assessed_on, tuple) and c.items(
            "assessed_on", self.assessed_on, str, max_items=MAX_CRITERIA
        ):
            for i, aspect in enumerate(self.assessed_on):
                c.text(f"assessed_on[{i}]", aspect)
            c.unique("assessed_on", self.assessed_on, lambda a: a, "aspect")
            c.that(
                not (self.assessed_on and self.verified_on_site is True),
                "assessed_on",
                "not_applicable",
                "only a category that is not verified on site is assessed by the office",
            )
        c.ident("id", self.id)
        c.text("title_zh", self.title_zh)
        c.text("title_en", self.title_en)
        c.of_type("scope", self.scope, Scope)
        c.integer("quota", self.quota, COUNT)
        if c.enum("route", self.route, Route) and isinstance(self.scope, Scope):
            expected = _ROUTE_FOR[self.scope.entrant]
            c.that(
                self.route is expected,
                "route",
                "route_mismatch",
                f"entrants of kind {self.scope.entrant.value!r} take the route "
                f"{expected.value!r}, not {self.route.value!r}",
            )
        if self.forms is not None:
            c.of_type("forms", self.forms, FormRequirement)
        if isinstance(self.criteria, tuple) and c.items(
            "criteria", self.criteria, Criterion, max_items=MAX_CRITERIA
        ):
            c.that(bool(self.criteria), "criteria", "empty", "name at least one criterion")
            c.unique("criteria", self.criteria, lambda k: k.code, "criterion code")
            scored = [k for k in self.criteria if not k.required]
            total = exact_sum(k.weight for k in scored)  # exact: 28 digits would round
            shown = "a number of over 10,000 digits" if total is None else total
            c.that(
                not scored or total == 1,
                "criteria",
                "weights_sum",
                f"the weights of the scored criteria add up to {shown}, not 1",
            )
            c.that(
                bool(scored),
                "criteria",
                "no_scored_criterion",
                "at least one criterion must be scored",
            )
        else:
            c.of_type("criteria", self.criteria, tuple)
        c.text("source", self.source, optional=True)
        if c.of_type("caps", self.caps, tuple):
            c.items("caps", self.caps, Cap, max_items=MAX_CATEGORIES)
        if c.of_type("reserved", self.reserved, tuple) and c.items(
            "reserved", self.reserved, ReservedSeats, max_items=MAX_CATEGORIES
        ):
            c.unique("reserved", self.reserved, lambda r: r.group, "reserved group")
            seats = sum(r.seats for r in self.reserved)
            if isinstance(self.quota, int) and self.quota >= 0:
                c.that(
                    seats <= self.quota,
                    "reserved",
                    "too_many_seats",
                    f"{seats} reserved seats exceed the quota of {self.quota}",
                )
        if self.pass_mark is not None:
            c.decimal("pass_mark", self.pass_mark, SCORE)
        if self.reserve is not None:
            c.integer("reserve", self.reserve, COUNT)
        if self.aggregation is not None:
            c.enum("aggregation", self.aggregation, Aggregation)
        if self.min_sheets is not None:
            c.integer("min_sheets", self.min_sheets, SHEETS)
        c.done()

    def criterion(self, code: str) -> Criterion:
        """The criterion with ``code``; :class:`KeyError` if there is none."""
        for k in self.criteria:
            if k.code == code:
                return k
        raise KeyError(code)

    def check_entrant(
        self,
        entrant: Unit | Person | Supervisor,
        *,
        unit_of_person: Unit | None = None,
    ) -> None:
        """Refuse an entrant outside the category's scope with an :class:`EligibilityError`.

        Args:
            entrant: The unit, staff member or supervisor entered.
            unit_of_person: For a staff member in a scope limited to some unit kinds, the unit
                the person works in.

        Raises:
            EligibilityError: code ``out_of_scope``, naming the scope.
        """
        scope = self.scope
        if scope.entrant is EntrantKind.UNIT:
            if not isinstance(entrant, Unit):
                raise _outside(entrant, self, "it admits units only")
            if entrant.kind not in scope.unit_kinds:
                raise _outside(entrant, self, f"{entrant.name} is a {entrant.kind.zh}")
        elif scope.entrant is EntrantKind.STAFF:
            if not isinstance(entrant, Person):
                raise _outside(entrant, self, "it admits staff members only")
            if scope.unit_kinds:
                if unit_of_person is None or unit_of_person.id != entrant.unit_id:
                    raise EligibilityError(
                        f"the unit {entrant.unit_id!r} of {entrant.name} is needed to check "
                        f"the scope of {self.id!r}",
                        code="unit_unknown",
                    )
                if unit_of_person.kind not in scope.unit_kinds:
                    raise _outside(
                        entrant, self, f"{entrant.name} works in a {unit_of_person.kind.zh}"
                    )
        elif not isinstance(entrant, Supervisor):
            raise _outside(entrant, self, "it admits supervisors only")


def _outside(entrant: object, category: Category, why: str) -> EligibilityError:
    name = getattr(entrant, "name", repr(entrant))
    where = f"category {category.id!r} ({category.title_zh}) admits {category.scope.describe()}"
    return EligibilityError(f"{name} is outside the scope: {where}; {why}", code="out_of_scope")


def nearest_category(given: object, categories: Iterable[Category]) -> str | None:
    """The id of the category nearest to an unknown ``given`` id, by id and by its Chinese
    and English titles, or ``None`` when none is near.

    >>> from wuxing.rulesets import load
    >>> nearest_category("示范乡镇", load("xingguo-2022").categories)
    'demonstration-township'
    """
    return nearest(given, {c.id: (c.title_zh, c.title_en) for c in categories})
