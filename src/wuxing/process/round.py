"""A selection round (自主申报 → 实地核查 → 审核确定 → 报县政府审定, then the library's public
notice): one category's state machine, governed.

This module is one class, :class:`Round`, whose methods are the actions of the process; it is
longer than the others because it is the public face of every action (each a few lines that
call :mod:`~wuxing.process.intake`, :mod:`~wuxing.process.selecting` or
:mod:`~wuxing.process.notices`).

A round's document is its **inputs** (the campaign, the ruleset, the category, the directory
of units, people and supervisors, the staff registry) and its **log**; nothing else. Where it
stands (:class:`~wuxing.process.records.RoundState`) is what replaying the log gives:
constructing a :class:`Round` (which is what loading one does) verifies the chain and performs
every entry again, comparing each entry it produces with the one given. So no stored state can
disagree with the log, and a round that loads is one whose every step was allowed.

Every action names an actor id (or, for a group decision, the ids of all who took part) and
its time; roles and units come from the staff registry, never from the caller. A refused
action raises a :class:`~wuxing.errors.WuxingError` that says why, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, cast

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing.calendar import Arrangement, WorkCalendar
from wuxing.errors import Problem, ValidationError
from wuxing.evaluation.bundle import Bundle, DeadlineExtension
from wuxing.evaluation.evaluate import evaluate
from wuxing.evaluation.outcomes import SelectionResult
from wuxing.evaluation.vetoes import VetoRegistry
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Category, nearest_category
from wuxing.model.rulesets import Ruleset
from wuxing.model.settlements import Settlement, TieKind
from wuxing.model.units import Person, Supervisor, Unit
from wuxing.process import intake, notices, selecting
from wuxing.process.audit import AuditLog, TamperError, check_key
from wuxing.process.machine import Machine, Setup
from wuxing.process.records import Extension, Notice, PublicEntry, Record, RoundState
from wuxing.process.replay import rebuild
from wuxing.process.staff import StaffRegistry
from wuxing.process.transitions import State

__all__ = ["Round", "RoundLogError", "replay"]

By = str | Sequence[str]


class RoundLogError(ValidationError, TamperError):
    """A round's log does not verify or does not replay: a
    :class:`~wuxing.process.audit.TamperError` that is also a
    :class:`~wuxing.errors.ValidationError`, so that loading reports it with its path
    (``log.events[7]``)."""

    code = "log_tampered"

    def __init__(self, error: TamperError) -> None:
        problem = Problem(f"log.events[{error.index}]", error.code, error.message)
        ValidationError.__init__(self, [problem], subject="Round")
        self.index = error.index
        self.head = error.head

    def at(self, prefix: str) -> ValidationError:
        """The same problem as a plain :class:`~wuxing.errors.ValidationError`, its path
        prefixed."""
        return ValidationError([p.at(prefix) for p in self.problems], subject=self.subject)


_PUBLIC = {
    State.IN_NOTICE: "拟表彰 proposed",
    State.COMMENDED: "表彰 commended",
    State.REMOVED: "取消 removed (objection upheld)",
    State.DECLINED: "放弃 declined",
    State.REVOKED: "撤销 revoked",
}


@attrs.frozen(slots=False)
class Round:
    """One category's selection round. Start one with :meth:`start` or :meth:`from_bundle`;
    act with the methods; each returns a new round.

    Attributes:
        campaign: The campaign.
        ruleset: The rules (inline, so that the round replays the same whatever the
            installed rulesets become).
        category_id: The category of the round.
        staff: The :class:`~wuxing.process.staff.StaffRegistry`: who holds which role.
        log: The audit log: the round itself.
        units, people, supervisors: The directory: who is who, whose unit is whose.

    Raises:
        ValidationError: on construction (and so on loading), every problem of the inputs;
            :class:`RoundLogError` when the log does not verify or replay.
    """

    campaign: Campaign
    ruleset: Ruleset
    category_id: str
    staff: StaffRegistry
    log: AuditLog
    units: tuple[Unit, ...] = attrs.field(converter=as_tuple, default=())
    people: tuple[Person, ...] = attrs.field(converter=as_tuple, default=())
    supervisors: tuple[Supervisor, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        setup = _setup(
            self.campaign,
            self.ruleset,
            self.category_id,
            self.staff,
            self.units,
            self.people,
            self.supervisors,
            log=self.log,
        )
        try:
            machine = rebuild(setup, self.log)
        except TamperError as exc:
            raise RoundLogError(exc) from exc
        object.__setattr__(self, "_machine", machine)

    # -- making --------------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        campaign: Campaign,
        ruleset: Ruleset,
        category_id: str,
        staff: StaffRegistry,
        *,
        by: By,
        at: dt.datetime,
        units: Sequence[Unit] = (),
        people: Sequence[Person] = (),
        supervisors: Sequence[Supervisor] = (),
        key: bytes | None = None,
        calendar: WorkCalendar | None = None,
    ) -> Round:
        """Open a round: the office ``by`` opens it at ``at``.

        Args:
            campaign, ruleset, category_id, staff, units, people, supervisors: The inputs.
            by: The office member opening it.
            at: When.
            key: A key (at least 16 bytes) to chain the log with HMAC-SHA256; the embedding
                system keeps it, the round's document never contains it.
            calendar: A calendar to count notices with, instead of China's official one with
                the adopted arrangements.
        """
        setup = _setup(
            campaign, ruleset, category_id, staff, tuple(units), tuple(people), tuple(supervisors)
        )
        machine = Machine(
            setup,
            RoundState(),
            AuditLog(),
            key=None if key is None else check_key(key),
            calendar_override=calendar,
        )
        return cls._build(setup, intake.open_round(machine, by, at))

    @classmethod
    def from_bundle(
        cls,
        bundle: Bundle,
        category_id: str,
        staff: StaffRegistry,
        *,
        by: By,
        at: dt.datetime,
        key: bytes | None = None,
        calendar: WorkCalendar | None = None,
    ) -> Round:
        """Open a round with a campaign bundle's campaign, rules and directory."""
        return cls.start(
            bundle.campaign,
            bundle.resolve_ruleset(),
            category_id,
            staff,
            by=by,
            at=at,
            units=bundle.units,
            people=bundle.people,
            supervisors=bundle.supervisors,
            key=key,
            calendar=calendar,
        )

    @classmethod
    def _build(cls, setup: Setup, machine: Machine) -> Round:
        directory = setup.directory
        values: dict[str, Any] = {
            "campaign": setup.campaign,
            "ruleset": setup.ruleset,
            "category_id": setup.category.id,
            "staff": setup.staff,
            "log": machine.log,
            "units": tuple(v for v in directory.values() if isinstance(v, Unit)),
            "people": tuple(v for v in directory.values() if isinstance(v, Person)),
            "supervisors": tuple(v for v in directory.values() if isinstance(v, Supervisor)),
        }
        made = object.__new__(cls)
        for name, value in values.items():
            object.__setattr__(made, name, value)
        object.__setattr__(made, "_machine", machine)
        return made

    def _next(self, machine: Machine) -> Round:
        return Round._build(self._m.setup, machine)

    @property
    def _m(self) -> Machine:
        return cast(Machine, self.__dict__["_machine"])

    def with_key(self, key: bytes) -> Round:
        """This round with its log's key attached, so that it can act again after loading.

        Raises:
            TamperError: the log's MACs are not this key's (code ``log_forged``).
        """
        self.log.verify(key=check_key(key))
        return self._next(attrs.evolve(self._m, key=key))

    # -- reading -------------------------------------------------------------------------
    @property
    def category(self) -> Category:
        """The category of the round."""
        return self._m.setup.category

    @property
    def directory(self) -> Mapping[str, Unit | Person | Supervisor]:
        """Units, people and supervisors by id."""
        return self._m.setup.directory

    @property
    def state(self) -> RoundState:
        """Where the round stands: what replaying its log gives."""
        return self._m.state

    @property
    def records(self) -> tuple[Record, ...]:
        """The applications, by submission order."""
        return self.state.records

    @property
    def reserve(self) -> tuple[str, ...]:
        """The reserve list, in order: the applications still waiting on it (one that moved
        up, or declined, is no longer on it)."""
        return tuple(a for a in self.state.reserve if self.state_of(a) is State.RESERVE)

    @property
    def extensions(self) -> tuple[Extension, ...]:
        """Deadline extensions granted."""
        return self.state.extensions

    @property
    def notices(self) -> tuple[Notice, ...]:
        """The public notices: the first, then the supplementary ones."""
        return self.state.notices

    @property
    def notice(self) -> Notice | None:
        """The latest notice, if any."""
        return self.state.notices[-1] if self.state.notices else None

    @property
    def settlements(self) -> tuple[Settlement, ...]:
        """The office's settlements of ties, to pass to :func:`~wuxing.evaluate`."""
        return self.state.settlements

    @property
    def applications(self) -> tuple[Application, ...]:
        """The applications as filed, for the evaluation's bundle."""
        return tuple(r.application for r in self.state.records)

    def evaluation_bundle(self, bundle: Bundle) -> Bundle:
        """``bundle`` with this round's category as the round has it, for
        :func:`~wuxing.evaluate`.

        The round's own inputs replace the bundle's: its campaign, its ruleset (inline), its
        directory (an entry of the bundle with the same id gives way), the applications as
        filed in the round that are verified (or were, when the selection decided them;
        those refused, rejected or withdrawn left out), the deadline extensions and
        resubmission deadlines it granted them, and its settlements (but those a withdrawn or
        rejected application left deciding nothing). The bundle gives what the round does
        not hold: the sheets and assessments, the annual scores, the supervision records.
        """
        setup = self._m.setup
        category = self.category.id
        ids = {
            r.id
            for r in self.state.records
            if r.state is State.VERIFIED or r.duty("select") is not None
        }
        others = [a for a in bundle.applications if a.category_id != category]
        kept = ids | {a.id for a in others}
        directory = setup.directory
        live = (
            selecting.live_settlements(self._m)
            if self.state.selection is None
            else self.settlements
        )
        return attrs.evolve(
            bundle,
            campaign=setup.campaign,
            ruleset=setup.ruleset,
            units=(
                *(u for u in bundle.units if u.id not in directory),
                *(v for v in directory.values() if isinstance(v, Unit)),
            ),
            people=(
                *(p for p in bundle.people if p.id not in directory),
                *(v for v in directory.values() if isinstance(v, Person)),
            ),
            supervisors=(
                *(p for p in bundle.supervisors if p.id not in directory),
                *(v for v in directory.values() if isinstance(v, Supervisor)),
            ),
            applications=(*others, *(r.application for r in self.records if r.id in ids)),
            sheets=tuple(s for s in bundle.sheets if s.application_id in kept),
            assessments=tuple(a for a in bundle.assessments if a.application_id in kept),
            extensions=(
                *(e for e in bundle.extensions if e.application_id not in self._ids),
                *self._extensions(ids),
            ),
            settlements=(
                *(s for s in bundle.settlements if s.category_id != category),
                *live,
            ),
        )

    @property
    def _ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.state.records)

    def _extensions(self, ids: set[str]) -> list[DeadlineExtension]:
        """The later of the extension granted to each applicant and the resubmission deadline
        an application was resubmitted under, where it goes past the campaign's deadline."""
        deadline = self._m.setup.campaign.deadline
        granted = {e.applicant_id: e for e in self.state.extensions}
        out = []
        for r in self.state.records:
            if r.id not in ids:
                continue
            extension = granted.get(r.application.applicant_id)
            days = [d for d in (r.allowed_until, extension and extension.until) if d]
            if days and max(days) > deadline:
                why = extension.reason if extension else "resubmission after correction (退回修改)"
                out.append(DeadlineExtension(r.id, max(days), why))
        return out

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar the round counts notices with."""
        return self._m.calendar

    @property
    def published_heads(self) -> tuple[str, ...]:
        """The head hashes the notices published (at opening and at closing), oldest first:
        print them, then :meth:`~wuxing.process.audit.AuditLog.verify` a copy against them."""
        return tuple(
            e.hash for e in self.log.events if e.action in ("open_notice", "close_notice")
        )

    def record(self, application_id: str) -> Record:
        """The record of an application.

        Raises:
            TransitionError: code ``unknown_application``.
        """
        return self._m.record(application_id)

    def state_of(self, application_id: str) -> State:
        """The state of an application."""
        return self.record(application_id).state

    def public_list(
        self, names: Mapping[str, str], units: Mapping[str, str]
    ) -> tuple[PublicEntry, ...]:
        """What the notices publish: names, units and outcomes of the published applicants
        only (no scores, no identity numbers, no contact details), revocations and declines
        included."""
        return tuple(
            PublicEntry(
                names.get(r.application.applicant_id, r.application.applicant_id),
                units.get(r.applicant_unit or "", ""),
                _PUBLIC[r.state],
            )
            for r in self.state.records
            if r.notice_id is not None and r.state in _PUBLIC
        )

    # -- intake and verification ---------------------------------------------------------
    def adopt_arrangement(self, by: By, arrangement: Arrangement, at: dt.datetime) -> Round:
        """The office records a year's State Council arrangement (调休) by its digest, so
        that notices running into that year can be counted."""
        return self._next(notices.adopt_arrangement(self._m, by, arrangement, at))

    def submit(self, by: By, application: Application, at: dt.datetime) -> Round:
        """File an application (or, for an office-assessed category, the office's proposal).

        ``at`` is the time of the filing: the deadline is checked against it. The
        application's own ``submitted_at`` may not be later than ``at`` nor earlier than the
        last entry of the log.

        Raises:
            IntakeError: every intake problem (scope, deadline, forms, duplicate, …).
            AuthorizationError: the actor does not file for this applicant's unit.
        """
        return self._next(intake.submit(self._m, by, application, at))

    def grant_extension(
        self, by: By, applicant_id: str, until: dt.date, at: dt.datetime, reason: str
    ) -> Round:
        """The office extends the declaration deadline for one applicant."""
        return self._next(intake.grant_extension(self._m, by, applicant_id, until, at, reason))

    def return_for_correction(
        self, by: By, application_id: str, at: dt.datetime, reason: str, resubmit_by: dt.date
    ) -> Round:
        """The office returns an application for correction (退回) with a resubmission date."""
        return self._next(
            intake.return_for_correction(self._m, by, application_id, at, reason, resubmit_by)
        )

    def resubmit(self, by: By, application: Application, at: dt.datetime) -> Round:
        """Resubmit a returned application, corrected, by its resubmission date; applicant,
        category, recommending unit and route stay as first filed."""
        return self._next(intake.resubmit(self._m, by, application, at))

    def accept(self, by: By, application_id: str, at: dt.datetime) -> Round:
        """The office accepts an application for verification."""
        return self._next(intake.accept(self._m, by, application_id, at))

    def reject(self, by: By, application_id: str, at: dt.datetime, reason: str) -> Round:
        """The office rejects an application, with a reason."""
        return self._next(intake.reject(self._m, by, application_id, at, reason))

    def withdraw(self, by: By, application_id: str, at: dt.datetime, reason: str = "") -> Round:
        """The filer withdraws its application, before the selection."""
        return self._next(intake.withdraw(self._m, by, application_id, at, reason))

    def verify(self, by: By, application_id: str, at: dt.datetime) -> Round:
        """On-site verification is complete (实地核查), by an office member or a supervisor
        of no unit concerned."""
        return self._next(intake.verify(self._m, by, application_id, at))

    # -- selection and approval ----------------------------------------------------------
    def settle_tie(
        self,
        by: By,
        tied: Sequence[str],
        chosen: Sequence[str],
        grounds: str,
        at: dt.datetime,
        kind: TieKind = TieKind.SEATS,
        *,
        result: SelectionResult | None = None,
    ) -> Round:
        """The office settles a tie the evaluation reported, collectively (集体研究): ``by``
        names everyone who took part. The :class:`~wuxing.model.settlements.Settlement` is in
        :attr:`settlements`, for :func:`~wuxing.evaluate`.

        Given the ``result`` that reported the tie (recommended), a settlement of a tie it
        does not report is refused (code ``no_such_tie``). A settlement made in error is
        withdrawn with :meth:`withdraw_settlement`.
        """
        return self._next(
            selecting.settle(self._m, by, tied, chosen, grounds, at, kind, result=result)
        )

    def withdraw_settlement(
        self, by: By, settlement_id: str, at: dt.datetime, reason: str
    ) -> Round:
        """The office withdraws a settlement before the selection, collectively as it settled
        (one that decides no tie the evaluation reports blocks the selection until then)."""
        return self._next(selecting.withdraw_settlement(self._m, by, settlement_id, at, reason))

    def select(
        self,
        by: By,
        result: SelectionResult,
        at: dt.datetime,
        *,
        bundle: Bundle | None = None,
        vetoes: VetoRegistry | None = None,
    ) -> Round:
        """The office's selection (审核确定), from an evaluation at a cut-off: the result's
        selected become candidates, its reserve the reserve list, the rest not selected.

        Given the ``bundle`` the result was evaluated from (recommended), the round evaluates
        :meth:`evaluation_bundle` of it at the result's cut-off itself (with ``vetoes``, the
        registry used) and refuses a result that differs (code ``result_differs``): so a
        result computed under other rules, another directory or other data is not taken.
        Whoever wrote an application's score sheets or assessment then counts as taking part
        in its verification: under the ruleset's separation of duties they neither select
        nor approve it (code ``separation_of_duties``).

        Raises:
            TransitionError: a tie is pending (code ``tie_pending``), applications are still
                open, or the selection is made.
            ValidationError: the result does not fit the round (over the quota, for another
                campaign, missing a verified application, a cut-off after the action, not the
                round's own evaluation, …).
        """
        scorers: dict[str, list[str]] | None = None
        if bundle is not None and isinstance(result, SelectionResult):
            mine = self.evaluation_bundle(bundle)
            ids = self._ids
            scorers = {}
            for sheet in mine.sheets:
                if sheet.application_id in ids:
                    scorers.setdefault(sheet.application_id, []).append(sheet.inspector_id)
            for assessment in mine.assessments:
                if assessment.application_id in ids:
                    scorers.setdefault(assessment.application_id, []).append(
                        assessment.assessor_id
                    )
            own = evaluate(mine, result.at, vetoes=vetoes)
            if selecting.result_digest(own) != selecting.result_digest(result):
                raise ValidationError(
                    [
                        Problem(
                            "result",
                            "result_differs",
                            "the result is not the round's own evaluation of the bundle at "
                            f"{result.at.isoformat()}: evaluate Round.evaluation_bundle(bundle)",
                        )
                    ],
                    subject="selection result",
                )
        return self._next(selecting.select(self._m, by, result, at, scorers))

    def approve(self, by: By, application_id: str, at: dt.datetime) -> Round:
        """The county government approves a candidate (审定)."""
        return self._next(selecting.approve(self._m, by, application_id, at))

    def not_approve(self, by: By, application_id: str, at: dt.datetime, reason: str) -> Round:
        """The county government does not approve a candidate; the reserve moves up."""
        return self._next(selecting.not_approve(self._m, by, application_id, at, reason))

    def decline(self, by: By, application_id: str, at: dt.datetime, reason: str) -> Round:
        """The filer declines the candidacy or the title (放弃); before commendation the
        reserve moves up."""
        return self._next(selecting.decline(self._m, by, application_id, at, reason))

    def revoke(
        self, by: By, application_id: str, at: dt.datetime, grounds: str, decision: str
    ) -> Round:
        """The county government revokes a title (撤销) with grounds and its decision (e.g.
        the number of its decision document)."""
        return self._next(selecting.revoke(self._m, by, application_id, at, grounds, decision))

    # -- the public notices --------------------------------------------------------------
    def open_notice(self, by: By, at: dt.datetime, working_days: int | None = None) -> Round:
        """Publish every approved application not yet published (公示) for ``working_days``
        (by default, and at least, the ruleset's) working days after the day of ``at``; the
        notice closes at the end of the last of those days. The first notice, or a
        supplementary one (补充公示)."""
        return self._next(notices.open_notice(self._m, by, at, working_days))

    def extend_notice(
        self,
        by: By,
        at: dt.datetime,
        working_days: int,
        reason: str,
        notice_id: str | None = None,
    ) -> Round:
        """Extend a notice by ``working_days`` while an objection to it is investigated."""
        return self._next(notices.extend_notice(self._m, by, at, working_days, reason, notice_id))

    def lodge_objection(
        self, by: str, application_id: str, at: dt.datetime, grounds: str
    ) -> Round:
        """Anyone lodges an objection (异议) to a published applicant while its notice is
        open."""
        return self._next(notices.lodge_objection(self._m, by, application_id, at, grounds))

    def rule_objection(
        self, by: By, objection_id: str, at: dt.datetime, upheld: bool, reason: str
    ) -> Round:
        """The office rules on an objection before the notice closes; never the objector."""
        return self._next(notices.rule_objection(self._m, by, objection_id, at, upheld, reason))

    def close_notice(self, by: By, at: dt.datetime, notice_id: str | None = None) -> Round:
        """Close a notice that ran its length with every objection ruled: its applicants are
        commended (表彰)."""
        return self._next(notices.close_notice(self._m, by, at, notice_id))


def replay(
    document: Round, *, calendar: WorkCalendar | None = None, key: bytes | None = None
) -> Round:
    """Rebuild a round from its inputs and log, performing every entry again.

    Args:
        document: The round (its inputs and log are used, nothing else).
        calendar: A calendar to count the notices with; one that answers differently from the
            closing times the log records is refused.
        key: The log's key: also checks every MAC, and the round can act again.

    Raises:
        RoundLogError: the log does not verify or replay (codes as
            :func:`~wuxing.process.replay.rebuild`).
    """
    setup = document._m.setup
    try:
        machine = rebuild(
            setup, document.log, key=None if key is None else check_key(key), calendar=calendar
        )
    except TamperError as exc:
        raise RoundLogError(exc) from exc
    return Round._build(setup, machine)


_NO_LOG = object()
"""Stands for "no log yet" when a round is started, so that a loaded round's missing log (or
``None``) is refused like any other wrong value."""


def _setup(
    campaign: object,
    ruleset: object,
    category_id: object,
    staff: object,
    units: Sequence[object],
    people: Sequence[object],
    supervisors: Sequence[object],
    *,
    log: object = _NO_LOG,
) -> Setup:
    c = Checks("Round")
    c.of_type("campaign", campaign, Campaign)
    c.of_type("ruleset", ruleset, Ruleset)
    c.ident("category_id", category_id)
    c.of_type("staff", staff, StaffRegistry)
    if log is not _NO_LOG:  # a round being loaded: its log is a field like the others
        c.of_type("log", log, AuditLog)
    directory: dict[str, Unit | Person | Supervisor] = {}
    for name, items, kind in (
        ("units", units, Unit),
        ("people", people, Person),
        ("supervisors", supervisors, Supervisor),
    ):
        if not c.of_type(name, items, tuple):
            continue
        for i, item in enumerate(items):
            if c.of_type(f"{name}[{i}]", item, kind):
                assert isinstance(item, Unit | Person | Supervisor)
                if item.id in directory:
                    c.add(f"{name}[{i}].id", "duplicate", f"{item.id!r} is listed twice")
                directory[item.id] = item
    c.done()
    assert isinstance(ruleset, Ruleset)
    assert isinstance(campaign, Campaign)
    assert isinstance(staff, StaffRegistry)
    assert isinstance(category_id, str)
    problems = []
    if campaign.ruleset_id != ruleset.id:
        problems.append(Problem("ruleset.id", "ruleset_mismatch", "not the campaign's"))
    try:
        category = ruleset.category(category_id)
    except KeyError:
        near = nearest_category(category_id, ruleset.categories)
        hint = f"; did you mean {near!r}?" if near else ""
        problems.append(Problem("category_id", "unknown_category", f"no {category_id!r}{hint}"))
    problems += [p.at("staff") for p in staff.problems(ruleset.procedure, directory)]
    if problems:
        raise ValidationError(problems, subject="Round")
    return Setup(campaign, ruleset, category, directory, staff)
