"""The states of an application in a round and the tables of who may move it where.

:data:`TRANSITIONS` maps (state, action) to (next state, roles allowed): one read-only table
that the round, the docs and the tests read. :data:`ROUND_ACTIONS` gives the roles of the
actions on the round as a whole. ::

    submitted ─accept→ under_verification ─verify→ verified ─(select)→ candidate ─approve→ approved
      │ return_for_correction → returned ─resubmit→ submitted    ├→ reserve ─move_up→ candidate
      ├ reject → rejected                                        └→ not_selected
      └ withdraw → withdrawn (also from returned, under_verification, verified)
    candidate ─not_approve→ not_approved
    approved ─(open_notice)→ in_notice ─(close_notice)→ commended ─revoke→ revoked
    in_notice ─(objection upheld)→ removed
    candidate, approved, in_notice, commended, reserve ─decline→ declined

A seat freed before commendation (removed, not approved, declined) moves the first on the
reserve list up to candidate: the county government approves it and a supplementary notice
(补充公示) publishes it for the full period. Actions in parentheses happen through a
round-level action (:data:`ROUND_ACTIONS`); ``move_up`` through the action that freed the seat.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from wuxing.process.audit import Role

__all__ = ["DERIVED", "ROUND_ACTIONS", "TRANSITIONS", "State"]


class State(StrEnum):
    """The states of an application in a round."""

    SUBMITTED = "submitted"  # 已申报
    RETURNED = "returned"  # 退回修改
    UNDER_VERIFICATION = "under_verification"  # 实地核查中
    VERIFIED = "verified"  # 已核查
    CANDIDATE = "candidate"  # 候选
    RESERVE = "reserve"  # 差额备选
    NOT_SELECTED = "not_selected"  # 未入选
    APPROVED = "approved"  # 县政府审定
    NOT_APPROVED = "not_approved"  # 县政府未审定
    IN_NOTICE = "in_notice"  # 公示中
    COMMENDED = "commended"  # 表彰
    REJECTED = "rejected"  # 不予受理
    WITHDRAWN = "withdrawn"  # 撤回
    REMOVED = "removed"  # 异议成立, 取消
    DECLINED = "declined"  # 放弃
    REVOKED = "revoked"  # 撤销


S, R = State, Role
APPLICANT = frozenset({R.APPLICANT_UNIT, R.RECOMMENDING_UNIT})
OFFICE = frozenset({R.OFFICE})
GOVERNMENT = frozenset({R.COUNTY_GOVERNMENT})
FILER = APPLICANT | OFFICE  # a unit acts on what it filed, the office on its own proposals
_SEAT_FREED_BY = OFFICE | GOVERNMENT | APPLICANT

TRANSITIONS: Mapping[tuple[State, str], tuple[State, frozenset[Role]]] = MappingProxyType(
    {
        (S.SUBMITTED, "accept"): (S.UNDER_VERIFICATION, OFFICE),
        (S.SUBMITTED, "return_for_correction"): (S.RETURNED, OFFICE),
        (S.SUBMITTED, "reject"): (S.REJECTED, OFFICE),
        (S.SUBMITTED, "withdraw"): (S.WITHDRAWN, FILER),
        (S.RETURNED, "resubmit"): (S.SUBMITTED, APPLICANT),
        (S.RETURNED, "withdraw"): (S.WITHDRAWN, FILER),
        (S.UNDER_VERIFICATION, "verify"): (S.VERIFIED, frozenset({R.OFFICE, R.SUPERVISOR})),
        (S.UNDER_VERIFICATION, "withdraw"): (S.WITHDRAWN, FILER),
        (S.VERIFIED, "withdraw"): (S.WITHDRAWN, FILER),
        (S.VERIFIED, "select"): (S.CANDIDATE, OFFICE),
        (S.VERIFIED, "place_on_reserve"): (S.RESERVE, OFFICE),
        (S.VERIFIED, "not_select"): (S.NOT_SELECTED, OFFICE),
        (S.RESERVE, "move_up"): (S.CANDIDATE, _SEAT_FREED_BY),
        (S.RESERVE, "decline"): (S.DECLINED, FILER),
        (S.CANDIDATE, "approve"): (S.APPROVED, GOVERNMENT),
        (S.CANDIDATE, "not_approve"): (S.NOT_APPROVED, GOVERNMENT),
        (S.CANDIDATE, "decline"): (S.DECLINED, FILER),
        (S.APPROVED, "publish"): (S.IN_NOTICE, OFFICE),
        (S.APPROVED, "decline"): (S.DECLINED, FILER),
        (S.IN_NOTICE, "remove"): (S.REMOVED, OFFICE),
        (S.IN_NOTICE, "commend"): (S.COMMENDED, OFFICE),
        (S.IN_NOTICE, "decline"): (S.DECLINED, FILER),
        (S.COMMENDED, "decline"): (S.DECLINED, FILER),
        (S.COMMENDED, "revoke"): (S.REVOKED, GOVERNMENT),
    }
)
"""(state, action) → (next state, roles allowed), read-only. ``select``,
``place_on_reserve`` and ``not_select`` happen through the round's selection step
(:meth:`~wuxing.process.round.Round.select`); ``publish``, ``remove`` and ``commend`` through
the notice; ``move_up`` through whichever action freed a seat (its roles are theirs)."""

ROUND_ACTIONS: Mapping[str, frozenset[Role]] = MappingProxyType(
    {
        "open_round": OFFICE,
        "adopt_arrangement": OFFICE,
        "grant_extension": OFFICE,
        "submit": APPLICANT | OFFICE,
        "settle": OFFICE,
        "withdraw_settlement": OFFICE,
        "select": OFFICE,
        "open_notice": OFFICE,
        "extend_notice": OFFICE,
        "lodge_objection": frozenset(Role),
        "rule_objection": OFFICE,
        "close_notice": OFFICE,
    }
)
"""The actions on the round as a whole and the roles that may take them, read-only. Anyone
may lodge an objection (接受社会监督); an office proposes in an office-assessed category, units
file in the others."""

DERIVED: frozenset[str] = frozenset({"remove", "move_up"})
"""Actions recorded as consequences of another action (an upheld objection removes the
applicant; a freed seat moves the reserve up), never taken directly."""
