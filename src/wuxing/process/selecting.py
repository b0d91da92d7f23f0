"""The office's selection and the county government's decision (审核确定 → 报县政府审定), and
what may happen to a title after it: settling ties, selecting from the evaluation, approval,
declining, revocation, and the reserve moving up.

The evaluation drives the selection: :func:`select` takes a
:class:`~wuxing.evaluation.outcomes.SelectionResult` of :func:`~wuxing.evaluate` at a cut-off;
its selected become candidates, its reserve the reserve list, the rest not selected. The round
records the result and its digest, so that anyone can evaluate the same bundle at the same
cut-off with the round's settlements and compare.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

from wuxing._core.convert import dump
from wuxing.errors import Problem, TransitionError, ValidationError
from wuxing.evaluation.outcomes import CategoryResult, SelectionResult
from wuxing.model.settlements import Settlement, TieKind
from wuxing.process.intake import _text, filer
from wuxing.process.machine import Acting, Machine, canonical_digest
from wuxing.process.records import Duty, Record
from wuxing.process.transitions import GOVERNMENT, OFFICE, State

__all__ = [
    "approve",
    "decline",
    "live_settlements",
    "not_approve",
    "result_digest",
    "revoke",
    "select",
    "settle",
    "withdraw_settlement",
]

By = str | Sequence[str]
_OPEN = (State.SUBMITTED, State.RETURNED, State.UNDER_VERIFICATION)
_BEFORE_COMMENDATION = (State.CANDIDATE, State.APPROVED, State.IN_NOTICE)


def result_digest(result: SelectionResult) -> str:
    """The SHA-256 digest of an evaluation result's canonical JSON, as a round records it.

    Evaluating the same bundle at the same cut-off with the same settlements gives the same
    digest, on any machine.
    """
    return canonical_digest(result)


def _settlement_id(m: Machine) -> str:
    # Counted over the log, so that an id withdrawn is never given again.
    n = sum(1 for e in m.log.events if e.action == "settle") + 1
    sid = f"{m.setup.category.id}:S{n}"
    return sid if len(sid) <= 64 else f"S{n}"


def settle(
    m: Machine,
    by: By,
    tied: Sequence[str],
    chosen: Sequence[str],
    grounds: str,
    at: dt.datetime,
    kind: TieKind = TieKind.SEATS,
    result: SelectionResult | None = None,
) -> Machine:
    """The office settles a tie the evaluation reported (集体研究确定), recording a
    :class:`~wuxing.model.settlements.Settlement` that :func:`~wuxing.evaluate` takes.
    Given the ``result`` that reported it, the tie must be one of its pending ties."""
    at = m.check_time(at, "settle")
    acting = m.resolve(by, "settle", at, OFFICE)
    if m.state.selection is not None:
        raise TransitionError(
            "the selection is made: a tie is settled before it", code="already_selected"
        )
    if result is not None:
        _reported(m, result, tied, kind)
    settlement = Settlement(
        _settlement_id(m), m.setup.category.id, tied, chosen, acting.ids, grounds, at, kind
    )
    records = []
    for app_id in sorted(settlement.tied):
        record = m.record(app_id)
        if record.state is not State.VERIFIED:
            raise TransitionError(
                f"{app_id!r} is {record.state.value}, not verified: only verified "
                "applications are evaluated and tied",
                code="illegal_transition",
            )
        m.guard(acting, record, "settle")
        records.append(record)
    if any(s.tied == settlement.tied and s.kind is kind for s in m.state.settlements):
        raise TransitionError(
            f"the {kind.value} tie of {', '.join(sorted(settlement.tied))} is already settled",
            code="already_settled",
        )
    seq = len(m.log.events)
    for record in records:
        m = m.replace(record, duties=(*record.duties, Duty("settle", acting.ids, seq, at)))
    m = m.with_state(settlements=(*m.state.settlements, settlement))
    text = json.dumps(dump(settlement), ensure_ascii=False, sort_keys=True)
    return m.emit("settle", acting, settlement.id, at, grounds, {"settlement": text})


def _reported(m: Machine, result: SelectionResult, tied: Sequence[str], kind: TieKind) -> None:
    """Refuse a settlement of a tie that ``result`` does not report for the round."""
    if not isinstance(result, SelectionResult):
        raise ValidationError(
            [Problem("result", "wrong_type", f"must be a SelectionResult, got {result!r}")],
            subject="settle",
        )
    setup, problems = m.setup, _round_problems(m, result)
    ties = [t for c in result.categories if c.category_id == setup.category.id for t in c.ties]
    wanted = {str(a) for a in tied} if not isinstance(tied, str) else {tied}
    if not any(set(t.application_ids) == wanted and t.kind is kind for t in ties):
        reported = "; ".join(", ".join(t.application_ids) for t in ties) or "none"
        problems.append(
            Problem(
                "tied",
                "no_such_tie",
                f"the evaluation reports no {kind.value} tie of exactly "
                f"{', '.join(sorted(wanted))} (its ties: {reported})",
            )
        )
    if problems:
        raise ValidationError(problems, subject="settle")


def withdraw_settlement(
    m: Machine, by: By, settlement_id: str, at: dt.datetime, reason: str
) -> Machine:
    """The office withdraws a settlement before the selection, collectively as it settled:
    one made in error, or one that a withdrawn application left deciding nothing."""
    at = m.check_time(at, "withdraw_settlement")
    acting = m.resolve(by, "settle", at, OFFICE)
    reason = _text(reason, "reason", "withdraw_settlement")
    if m.state.selection is not None:
        raise TransitionError(
            "the selection is made: a settlement is withdrawn before it", code="already_selected"
        )
    if not any(s.id == settlement_id for s in m.state.settlements):
        raise TransitionError(f"no settlement {settlement_id!r}", code="no_settlement")
    kept = tuple(s for s in m.state.settlements if s.id != settlement_id)
    m = m.with_state(settlements=kept)
    return m.emit("withdraw_settlement", acting, settlement_id, at, reason)


def live_settlements(m: Machine) -> tuple[Settlement, ...]:
    """The settlements an evaluation of the round takes: those whose tied applications are
    all still verified (a withdrawn or rejected one leaves a settlement deciding nothing)."""
    verified = {r.id for r in m.state.records if r.state is State.VERIFIED}
    return tuple(s for s in m.state.settlements if s.tied <= verified)


def _round_problems(m: Machine, result: SelectionResult) -> list[Problem]:
    """What makes ``result`` another campaign's or another ruleset's than the round's."""
    setup, problems = m.setup, []
    if result.campaign_id != setup.campaign.id:
        problems.append(
            Problem("result.campaign_id", "wrong_campaign", f"not {setup.campaign.id!r}")
        )
    if result.ruleset_id != setup.ruleset.id:
        problems.append(Problem("result.ruleset_id", "wrong_ruleset", f"not {setup.ruleset.id!r}"))
    return problems


def _check_result(m: Machine, result: SelectionResult, at: dt.datetime) -> CategoryResult:
    setup, problems = m.setup, _round_problems(m, result)
    if result.at > at:
        problems.append(
            Problem(
                "result.at",
                "cutoff_after_action",
                f"the cut-off {result.at.isoformat()} is after the selection ({at.isoformat()})",
            )
        )
    verified_at = [e.at for e in m.log.events if e.action == "verify"]
    if verified_at and result.at < max(verified_at):
        problems.append(
            Problem(
                "result.at",
                "cutoff_before_verification",
                f"the cut-off {result.at.isoformat()} is before the last verification "
                f"({max(verified_at).isoformat()}): evaluate after verification",
            )
        )
    try:
        cat = result.category(setup.category.id)
    except KeyError:
        problems.append(Problem("result.categories", "no_category", f"no {setup.category.id!r}"))
        raise ValidationError(problems, subject="selection result") from None
    quota = setup.category.quota
    if cat.quota != quota:
        problems.append(Problem("result.quota", "quota_mismatch", f"the ruleset's is {quota}"))
    if len(cat.selected) > quota:
        problems.append(
            Problem(
                "result.selected",
                "over_quota",
                f"{len(cat.selected)} selected, the quota of {setup.category.id!r} is {quota}",
            )
        )
    in_round = {r.id: r for r in m.state.records}
    outcomes = {o.application_id for o in cat.outcomes}
    for app_id in sorted(outcomes - set(in_round)):
        problems.append(
            Problem("result.outcomes", "unknown_application", f"{app_id!r} is not in the round")
        )
    for app_id in (*cat.selected, *cat.reserve):
        record = in_round.get(app_id)
        if record is not None and record.state is not State.VERIFIED:
            problems.append(
                Problem(
                    "result.selected",
                    "not_verified",
                    f"{app_id!r} is {record.state.value} in the round, not verified",
                )
            )
    for record in m.state.records:
        if record.state is State.VERIFIED and record.id not in outcomes:
            problems.append(
                Problem("result.outcomes", "result_incomplete", f"{record.id!r} is not in it")
            )
    problems += _settlement_problems(m, cat)
    if problems:
        raise ValidationError(problems, subject="selection result")
    return cat


def _settlement_problems(m: Machine, cat: CategoryResult) -> list[Problem]:
    recorded = {s.id: s for s in live_settlements(m)}
    problems = []
    if set(cat.settlements) != set(recorded):
        problems.append(
            Problem(
                "result.settlements",
                "settlements_differ",
                f"the result applies {sorted(cat.settlements)}, the round recorded "
                f"{sorted(recorded)}: evaluate with the round's settlements",
            )
        )
    for s in recorded.values():
        chosen, rest = set(s.chosen), s.tied - set(s.chosen)
        if s.kind is TieKind.SEATS:
            fits = chosen <= set(cat.selected) and not rest & set(cat.selected)
        else:
            fits = [a for a in cat.reserve if a in s.tied] == [
                a for a in s.chosen if a in cat.reserve
            ]
        if not fits:
            problems.append(
                Problem("result.settlements", "settlement_not_applied", f"{s.id} is not applied")
            )
    return problems


def select(
    m: Machine,
    by: By,
    result: SelectionResult,
    at: dt.datetime,
    scorers: Mapping[str, Sequence[str]] | None = None,
) -> Machine:
    """The office's selection (审核确定), driven by the evaluation: the result's selected
    become candidates, its reserve the reserve list, the other verified applications are not
    selected.

    ``scorers`` (who wrote each application's score sheets or assessment) are recorded as
    taking part in its verification, so that none of them selects it now or approves it
    later (the ruleset's separation of duties)."""
    at = m.check_time(at, "select")
    acting = m.resolve(by, "select", at, OFFICE)
    if m.state.selection is not None:
        raise TransitionError("the selection is already made", code="already_selected")
    still_open = [r.id for r in m.state.records if r.state in _OPEN]
    if still_open:
        raise TransitionError(
            f"{', '.join(still_open)} are not yet verified, rejected or withdrawn: the "
            "selection compares every application",
            code="applications_open",
        )
    if not isinstance(result, SelectionResult):
        raise ValidationError(
            [Problem("result", "wrong_type", f"must be a SelectionResult, got {result!r}")],
            subject="select",
        )
    if not any(r.state is State.VERIFIED for r in m.state.records):
        raise TransitionError("no application is verified", code="nothing_to_select")
    cat = result.category(m.setup.category.id) if _has(result, m) else None
    if cat is not None and cat.ties:
        tie = cat.ties[0]
        raise TransitionError(
            f"the evaluation reports a {tie.kind.value} tie of {', '.join(tie.application_ids)} "
            f"(total {tie.total}) for {tie.seats} seat(s): the office settles it "
            "(Round.settle_tie) and evaluates again with the round's settlements",
            code="tie_pending",
        )
    cat = _check_result(m, result, at)
    seq = len(m.log.events)
    verified = [r for r in m.state.records if r.state is State.VERIFIED]
    for record in verified:
        people = tuple(sorted(set((scorers or {}).get(record.id, ()))))
        if people:
            record = m.record(record.id)
            m = m.replace(record, duties=(*record.duties, Duty("verify", people, seq, at)))
    verified = [r for r in m.state.records if r.state is State.VERIFIED]
    for record in verified:
        m.guard(acting, record, "select")
    reasons = {o.application_id: o for o in cat.outcomes}
    decided: dict[str, list[str]] = {"candidates": [], "reserve": [], "not_selected": []}
    for record in verified:
        if record.id in cat.selected:
            action, key = "select", "candidates"
        elif record.id in cat.reserve:
            action, key = "place_on_reserve", "reserve"
        else:
            action, key = "not_select", "not_selected"
        target, _ = m.transition(record, action)
        decided[key].append(record.id)
        duty = Duty("select", acting.ids, seq, at)
        m = m.replace(record, state=target, duties=(*record.duties, duty))
    digest = result_digest(result)
    m = m.with_state(
        reserve=tuple(a for a in cat.reserve if a in decided["reserve"]),
        selection=digest,
        cutoff=result.at,
    )
    payload = {k: ",".join(v) for k, v in decided.items()}
    payload["result"] = json.dumps(dump(result), ensure_ascii=False, sort_keys=True)
    payload["result_digest"] = digest
    payload["cutoff"] = result.at.isoformat()
    if scorers:
        payload["scorers"] = json.dumps(
            {k: sorted(set(v)) for k, v in sorted(scorers.items())}, ensure_ascii=False
        )
    reason = "; ".join(
        f"{a}: {reasons[a].outcome.value}" for a in decided["not_selected"] if a in reasons
    )
    return m.emit("select", acting, m.setup.category.id, at, reason, payload)


def _has(result: object, m: Machine) -> bool:
    if not isinstance(result, SelectionResult):
        return False
    return any(c.category_id == m.setup.category.id for c in result.categories)


def move_up(m: Machine, acting: Acting, at: dt.datetime, freed: str) -> Machine:
    """A seat freed before commendation: the first on the reserve list becomes a candidate,
    for the county government to approve."""
    nxt = next((a for a in m.state.reserve if m.record(a).state is State.RESERVE), None)
    if nxt is None:
        return m
    return m.move(m.record(nxt), "move_up", acting, at, f"replaces {freed}")


def _government(
    m: Machine, by: By, application_id: str, action: str, at: dt.datetime
) -> tuple[Record, Acting, dt.datetime]:
    at = m.check_time(at, action)
    record = m.record(application_id)
    m.transition(record, action)
    acting = m.resolve(by, action, at, GOVERNMENT)
    m.guard(acting, record, action)
    return record, acting, at


def approve(m: Machine, by: By, application_id: str, at: dt.datetime) -> Machine:
    """The county government approves a candidate (审定)."""
    record, acting, at = _government(m, by, application_id, "approve", at)
    return m.move(record, "approve", acting, at)


def not_approve(m: Machine, by: By, application_id: str, at: dt.datetime, reason: str) -> Machine:
    """The county government does not approve a candidate; the reserve moves up."""
    record, acting, at = _government(m, by, application_id, "not_approve", at)
    m = m.move(record, "not_approve", acting, at, _text(reason, "reason", "not_approve"))
    return move_up(m, acting, at, application_id)


def decline(m: Machine, by: By, application_id: str, at: dt.datetime, reason: str) -> Machine:
    """The filer declines the candidacy or the title (放弃); before commendation the reserve
    moves up."""
    at = m.check_time(at, "decline")
    record = m.record(application_id)
    m.transition(record, "decline")
    acting = filer(m, by, record, "decline", at)
    m = m.move(record, "decline", acting, at, _text(reason, "reason", "decline"))
    if record.state in _BEFORE_COMMENDATION:
        return move_up(m, acting, at, application_id)
    return m


def revoke(
    m: Machine, by: By, application_id: str, at: dt.datetime, grounds: str, decision: str
) -> Machine:
    """The county government revokes a title (撤销), with grounds and its decision."""
    record, acting, at = _government(m, by, application_id, "revoke", at)
    grounds = _text(grounds, "grounds", "revoke")
    decision = _text(decision, "decision", "revoke")
    return m.move(record, "revoke", acting, at, grounds, {"decision": decision})
