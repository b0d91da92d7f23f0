"""The states of an application in a round and the table of who may move it where.

:data:`TRANSITIONS` maps (state, action) to (next state, roles allowed): one table that the
round, the docs and the tests read::

    submitted ─accept→ under_verification ─verify→ verified ─select→ candidate ─approve→ approved
      │ return_for_correction → returned ─resubmit→ submitted       ├ place_on_reserve → reserve
      ├ reject → rejected                                           └ not_select → not_selected
      └ withdraw → withdrawn          candidate ─not_approve→ not_approved
    approved ─(open_notice)→ in_notice ─(close_notice)→ commended
    in_notice ─(objection upheld)→ removed, and the first on the reserve list → in_notice
"""

from __future__ import annotations

from enum import StrEnum

from wuxing.process.audit import Role

__all__ = ["TRANSITIONS", "State"]


class State(StrEnum):
    """The states of an application in a round."""

    SUBMITTED = "submitted"
    RETURNED = "returned"  # 退回修改
    UNDER_VERIFICATION = "under_verification"
    VERIFIED = "verified"
    CANDIDATE = "candidate"
    RESERVE = "reserve"
    NOT_SELECTED = "not_selected"
    APPROVED = "approved"
    NOT_APPROVED = "not_approved"
    IN_NOTICE = "in_notice"
    COMMENDED = "commended"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    REMOVED = "removed"


S, R = State, Role
_APPLICANT = frozenset({R.APPLICANT_UNIT, R.RECOMMENDING_UNIT})


_OFFICE = frozenset({R.OFFICE})


TRANSITIONS: dict[tuple[State, str], tuple[State, frozenset[Role]]] = {
    (S.SUBMITTED, "accept"): (S.UNDER_VERIFICATION, _OFFICE),
    (S.SUBMITTED, "return_for_correction"): (S.RETURNED, _OFFICE),
    (S.SUBMITTED, "reject"): (S.REJECTED, _OFFICE),
    (S.SUBMITTED, "withdraw"): (S.WITHDRAWN, _APPLICANT),
    (S.RETURNED, "resubmit"): (S.SUBMITTED, _APPLICANT),
    (S.RETURNED, "withdraw"): (S.WITHDRAWN, _APPLICANT),
    (S.UNDER_VERIFICATION, "verify"): (S.VERIFIED, frozenset({R.OFFICE, R.SUPERVISOR})),
    (S.UNDER_VERIFICATION, "withdraw"): (S.WITHDRAWN, _APPLICANT),
    (S.VERIFIED, "select"): (S.CANDIDATE, _OFFICE),
    (S.VERIFIED, "place_on_reserve"): (S.RESERVE, _OFFICE),
    (S.VERIFIED, "not_select"): (S.NOT_SELECTED, _OFFICE),
    (S.CANDIDATE, "approve"): (S.APPROVED, frozenset({R.COUNTY_GOVERNMENT})),
    (S.CANDIDATE, "not_approve"): (S.NOT_APPROVED, frozenset({R.COUNTY_GOVERNMENT})),
    (S.APPROVED, "publish"): (S.IN_NOTICE, _OFFICE),
    (S.IN_NOTICE, "remove"): (S.REMOVED, _OFFICE),
    (S.RESERVE, "move_up"): (S.IN_NOTICE, _OFFICE),
    (S.IN_NOTICE, "commend"): (S.COMMENDED, _OFFICE),
}
"""(state, action) → (next state, roles allowed). ``publish``, ``remove``, ``move_up`` and
``commend`` happen through the notice: :meth:`Round.open_notice`, :meth:`Round.rule_objection`
and :meth:`Round.close_notice`."""
