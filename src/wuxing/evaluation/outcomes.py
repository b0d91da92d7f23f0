"""The result of an evaluation: per category the selection, per application an outcome with
its reasons and its score breakdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

import attrs

from wuxing._core.bounds import ANY_INT
from wuxing._core.checks import Checks, as_tuple, is_ident, plain
from wuxing._core.time import as_pendulum
from wuxing.errors import Problem
from wuxing.evaluation.scoring import Score
from wuxing.model.bounds import COUNT, SEED, SHORT_TEXT
from wuxing.model.settlements import TieKind

__all__ = [
    "ApplicationOutcome",
    "CategoryResult",
    "Draw",
    "Outcome",
    "Reason",
    "SelectionResult",
    "TiePending",
    "UnfilledReason",
    "UnfilledSeats",
]


@attrs.frozen(init=False, repr=False)
class Reason(Problem):
    """Why an outcome is what it is: a :class:`~wuxing.errors.Problem` (the one shape the
    library answers with) whose ``path`` is ``""`` and whose ``ref`` is the record behind it.

    The constructor keeps its order, ``Reason(code, message, ref=None)``, so that code
    written for the earlier ``Reason`` (veto plugins among it) works unchanged; ``args`` are
    the values the message names, from which :func:`wuxing.problem_text` writes it in
    Chinese (the catalogue's ``reason.<code>``).

    Attributes:
        code: A stable code, e.g. ``"veto.overdue_rectification"`` or ``"late"``.
        message: A sentence for the office and the applicant (English, with the Chinese term).
        ref: The record behind it (a ledger item, a criterion), if any.
        args: The values the message names, by name.

    >>> r = Reason("late", "after the deadline", args={"deadline": "2022-12-31"})
    >>> isinstance(r, Problem), r.path, r.ref
    (True, '', None)
    """

    CATALOGUE: ClassVar[str] = "reason"

    # A reason is about a record, not a field: its path is empty, and a result written before
    # reasons had a path still reads.
    path: str = ""

    def __init__(
        self,
        code: str,
        message: str,
        ref: str | None = None,
        *,
        args: Mapping[str, object] | None = None,
        path: str = "",
    ) -> None:
        self.__attrs_init__(code=code, message=message, ref=ref, args=args or {}, path=path)

    def __attrs_post_init__(self) -> None:
        # Fast path for the reasons the evaluation writes (an identifier as the code, plain
        # text); any doubt falls through to the full checks, which say what is wrong.
        ref = self.ref
        if (
            is_ident(self.code)
            and plain(self.message, _MESSAGE)
            and (ref is None or plain(ref, SHORT_TEXT))
        ):
            return
        c = Checks("Reason")
        c.text("code", self.code)
        c.free_text("message", self.message, max_length=_MESSAGE)
        c.free_text("ref", self.ref, optional=True, max_length=SHORT_TEXT)
        c.done()


class Outcome(StrEnum):
    """What became of an application.

    * ``selected``: within the quota (入选), however the office settles the ties.
    * ``reserve``: on the reserve list (差额), next in line, however the ties are settled.
    * ``tie_pending``: in a tie the office must settle: whether it takes a seat, or a place on
      the reserve list, depends on the settlement.
    * ``capped``: would have taken a seat but a cap (e.g. one per unit) stops it; never on the
      reserve list.
    * ``out_of_quota``: qualified, but ranked below the quota and the reserve list.
    * ``below_threshold``: scored under the pass mark (宁缺毋滥).
    * ``vetoed``: removed by a veto (一票否决), whatever its score.
    * ``ineligible``: not admissible or not scorable (scope, deadline, forms, verification).
    """

    SELECTED = "selected"
    RESERVE = "reserve"
    TIE_PENDING = "tie_pending"
    CAPPED = "capped"
    OUT_OF_QUOTA = "out_of_quota"
    BELOW_THRESHOLD = "below_threshold"
    VETOED = "vetoed"
    INELIGIBLE = "ineligible"

    @property
    def zh(self) -> str:
        """The Chinese term."""
        return _OUTCOME_ZH[self]


_OUTCOME_ZH = {
    Outcome.SELECTED: "入选",
    Outcome.RESERVE: "差额备选",
    Outcome.TIE_PENDING: "并列待定",
    Outcome.CAPPED: "限额未入选",
    Outcome.OUT_OF_QUOTA: "名额外",
    Outcome.BELOW_THRESHOLD: "未达分数线",
    Outcome.VETOED: "一票否决",
    Outcome.INELIGIBLE: "不符合条件",
}


@attrs.frozen
class ApplicationOutcome:
    """One application's outcome.

    Attributes:
        application_id: The application.
        applicant_id: Its applicant.
        outcome: :class:`Outcome`.
        rank: Its place among the qualified (equal totals and tie-breaks share a place).
        score: Its :class:`~wuxing.evaluation.scoring.Score`, when it was scored.
        reasons: Why, each with a stable code.
    """

    application_id: str
    applicant_id: str
    outcome: Outcome
    rank: int | None = None
    score: Score | None = None
    reasons: tuple[Reason, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        # Fast path; any doubt falls through to the full checks, which say what is wrong.
        rank, score, reasons = self.rank, self.score, self.reasons
        if (
            is_ident(self.application_id)
            and is_ident(self.applicant_id)
            and type(self.outcome) is Outcome
            and (rank is None or (type(rank) is int and 1 <= rank <= ANY_INT.maximum))
            and (score is None or isinstance(score, Score))
            and type(reasons) is tuple
            and all(type(r) is Reason for r in reasons)
        ):
            return
        c = Checks("ApplicationOutcome")
        c.ident("application_id", self.application_id)
        c.ident("applicant_id", self.applicant_id)
        c.enum("outcome", self.outcome, Outcome)
        if self.rank is not None:
            c.integer("rank", self.rank, minimum=1)
        if self.score is not None:
            c.of_type("score", self.score, Score)
        if c.of_type("reasons", self.reasons, tuple):
            c.items("reasons", self.reasons, Reason)
        c.done()

    @property
    def total(self) -> Decimal | None:
        """The total score, if scored."""
        return None if self.score is None else self.score.total


@attrs.frozen
class TiePending:
    """A tie that the office must settle (with a :class:`~wuxing.model.settlements.Settlement`).

    Attributes:
        application_ids: The tied applications, sorted.
        seats: How many seats they contest: the most that can go to them (for a ``reserve``
            tie: how many places on the reserve list they share). Where a cap binds
            differently depending on who is chosen, a settlement may fill fewer, as the caps
            allow; never more.
        total: Their common total.
        phase: Where the tie arose: ``"reserved:GROUP"`` for a group's reserved seats,
            ``"open"`` for the open seats, ``"cap:unit"`` or ``"cap:group:GROUP"`` where a cap
            leaves fewer seats to equals than there are of them, ``"reserve"`` for the order
            on the reserve list, ``"after"`` for applications whose seat waits on earlier
            ties without being tied with anyone yet (their ``seats`` are the most that may
            come to them).
        kind: :class:`~wuxing.model.settlements.TieKind`: who takes the seats, or the order
            on the reserve list.
        ref: The tie's reference in the category's result (``"tie-1"``, ``"tie-2"``, …), which
            the reasons of its applications name.
        depends_on: The earlier ties this one arose after: the office settles those first,
            and the next evaluation shows this one with its exact applications (until then it
            names every equal that may be in it).
    """

    application_ids: tuple[str, ...] = attrs.field(converter=as_tuple)
    seats: int
    total: Decimal
    phase: str = "open"
    kind: TieKind = TieKind.SEATS
    ref: str = ""
    depends_on: tuple[str, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("TiePending")
        _ids(c, "application_ids", self.application_ids)
        c.integer("seats", self.seats, COUNT)
        c.decimal("total", self.total)
        c.text("phase", self.phase)
        c.enum("kind", self.kind, TieKind)
        if self.ref != "":
            c.ident("ref", self.ref)
        _ids(c, "depends_on", self.depends_on, empty=True)
        c.done()


@attrs.frozen
class Draw:
    """Equals ordered by the ruleset's seeded draw.

    Attributes:
        application_ids: The equals in the order the draw gave (by ticket, see
            :func:`~wuxing.evaluation.candidates.draw_ticket`).
        seats: How many of them the draw gave seats (for the reserve list: places).
        seed: The ruleset's seed; the draw's order is a function of it and the ids only.
        kind: Whether the draw gave out seats or ordered the reserve list.
    """

    application_ids: tuple[str, ...] = attrs.field(converter=as_tuple)
    seats: int
    seed: int
    kind: TieKind = TieKind.SEATS

    def __attrs_post_init__(self) -> None:
        c = Checks("Draw")
        _ids(c, "application_ids", self.application_ids)
        c.integer("seats", self.seats, COUNT)
        c.integer("seed", self.seed, SEED)
        c.enum("kind", self.kind, TieKind)
        c.done()


class UnfilledReason(StrEnum):
    """Why seats of the quota stay empty.

    * ``tie_pending``: they wait for the office's settlement of a tie.
    * ``capped``: qualified applicants were left, but a cap stops each of them.
    * ``too_few_qualified``: nobody else is qualified (宁缺毋滥).
    """

    TIE_PENDING = "tie_pending"
    CAPPED = "capped"
    TOO_FEW_QUALIFIED = "too_few_qualified"


@attrs.frozen
class UnfilledSeats:
    """Seats of a category's quota that the result leaves empty, and why.

    Attributes:
        reason: :class:`UnfilledReason`.
        seats: How many.
    """

    reason: UnfilledReason
    seats: int

    def __attrs_post_init__(self) -> None:
        c = Checks("UnfilledSeats")
        c.enum("reason", self.reason, UnfilledReason)
        c.integer("seats", self.seats, COUNT)
        c.done()


@attrs.frozen
class CategoryResult:
    """One category's result.

    Attributes:
        category_id: The category.
        quota: Its quota.
        selected: The selected applications in rank order (never more than the quota).
        reserve: The reserve list in order, as far as its order is decided: it stops before a
            place that depends on a tie (and grows when the office settles it).
        ties: The ties left to the office, in the order they arose; their seats stay open.
        draws: Equals ordered by the declared draw.
        settlements: The ids of the office's settlements that decided ties here.
        outcomes: Every application of the category, by rank then id.
        unfilled: The seats the selection leaves empty, by reason; with the selected they
            add up to the quota.
    """

    category_id: str
    quota: int
    selected: tuple[str, ...] = attrs.field(converter=as_tuple)
    reserve: tuple[str, ...] = attrs.field(converter=as_tuple)
    outcomes: tuple[ApplicationOutcome, ...] = attrs.field(converter=as_tuple)
    ties: tuple[TiePending, ...] = attrs.field(converter=as_tuple, default=())
    draws: tuple[Draw, ...] = attrs.field(converter=as_tuple, default=())
    settlements: tuple[str, ...] = attrs.field(converter=as_tuple, default=())
    unfilled: tuple[UnfilledSeats, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("CategoryResult")
        c.ident("category_id", self.category_id)
        c.integer("quota", self.quota, COUNT)
        outcome: dict[str, Outcome] = {}
        if c.of_type("outcomes", self.outcomes, tuple) and c.items(
            "outcomes", self.outcomes, ApplicationOutcome
        ):
            c.unique("outcomes", self.outcomes, lambda o: o.application_id, "application")
            outcome = {o.application_id: o.outcome for o in self.outcomes}
        for name, kind in (("selected", Outcome.SELECTED), ("reserve", Outcome.RESERVE)):
            ids = getattr(self, name)
            if _ids(c, name, ids, empty=True) and outcome:
                for i, app_id in enumerate(ids):
                    c.that(
                        outcome.get(app_id) is kind,
                        f"{name}[{i}]",
                        "inconsistent",
                        f"{app_id!r} has no outcome {kind.value!r} in this category",
                    )
        if isinstance(self.selected, tuple) and isinstance(self.quota, int):
            c.that(
                len(self.selected) <= self.quota,
                "selected",
                "over_quota",
                f"{len(self.selected)} selected, more than the quota of {self.quota}",
            )
        if c.of_type("ties", self.ties, tuple) and c.items("ties", self.ties, TiePending):
            for i, tie in enumerate(self.ties):
                for app_id in tie.application_ids:
                    c.that(
                        not outcome or app_id in outcome,
                        f"ties[{i}].application_ids",
                        "inconsistent",
                        f"{app_id!r} has no outcome in this category",
                    )
        if c.of_type("draws", self.draws, tuple):
            c.items("draws", self.draws, Draw)
        _ids(c, "settlements", self.settlements, empty=True)
        c.done()

    def outcome_of(self, application_id: str) -> ApplicationOutcome:
        """The outcome of one application; :class:`KeyError` if it is not in the category."""
        for o in self.outcomes:
            if o.application_id == application_id:
                return o
        raise KeyError(application_id)


@attrs.frozen
class SelectionResult:
    """The result of evaluating a campaign at a cut-off.

    Attributes:
        campaign_id: The campaign.
        ruleset_id: The ruleset applied.
        at: The cut-off.
        categories: One :class:`CategoryResult` per category, in the ruleset's order.
    """

    campaign_id: str
    ruleset_id: str
    at: dt.datetime = attrs.field(converter=as_pendulum)
    categories: tuple[CategoryResult, ...] = attrs.field(converter=as_tuple)

    def __attrs_post_init__(self) -> None:
        c = Checks("SelectionResult")
        c.ident("campaign_id", self.campaign_id)
        c.ident("ruleset_id", self.ruleset_id)
        c.aware("at", self.at)
        if c.of_type("categories", self.categories, tuple) and c.items(
            "categories", self.categories, CategoryResult
        ):
            c.unique("categories", self.categories, lambda k: k.category_id, "category")
        c.done()

    def category(self, category_id: str) -> CategoryResult:
        """The result of one category; :class:`KeyError` if there is none."""
        for c in self.categories:
            if c.category_id == category_id:
                return c
        raise KeyError(category_id)

    def outcome_of(self, application_id: str) -> ApplicationOutcome:
        """The outcome of one application, in whichever category."""
        for c in self.categories:
            for o in c.outcomes:
                if o.application_id == application_id:
                    return o
        raise KeyError(application_id)


_MESSAGE = 100_000
"""The longest reason message read back."""


def _ids(c: Checks, path: str, ids: object, *, empty: bool = False) -> bool:
    """Check a tuple of application ids, each once (``empty``: none at all is fine)."""
    if not isinstance(ids, tuple):
        return c.of_type(path, ids, tuple)
    ok = c.that(empty or bool(ids), path, "empty", "name at least one application")
    for i, app_id in enumerate(ids):
        ok = c.ident(f"{path}[{i}]", app_id) and ok
    c.unique(path, ids, lambda a: a, "application")
    return ok
