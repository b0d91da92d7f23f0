"""A stateful test of the governed round: random actions by actors drawn from the registry
(several roles at once, members of the applicants' units, people nobody appointed).

After every step: a refused action leaves the round equal to a deep copy taken before it;
commended ⊆ approved by the county government; never more commended than the quota; nobody
did two of verify / select / approve on one application, nor acted officially on their own
unit's; every commended application was on notice at least the ruleset's working days. At the
end the log verifies, replays to the live round and survives JSON.
"""

from __future__ import annotations

import copy
from collections import defaultdict

import pendulum
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from rounds import (
    FILED,
    PEOPLE,
    RULES,
    STAFF,
    SUPERVISORS,
    app,
    opened,
    result,
    tie,
)
from wuxing import WuxingError, io
from wuxing.calendar import ChinaCalendar, as_day
from wuxing.process import Role, Round, State, replay

TOWNS = ("lianjiang", "jiangbei", "gaoxing", "longkou", "meijiao")
ACTORS = sorted({a.actor_id for a in STAFF.appointments} | {"mallory", "citizen"})
OFFICE = ["office-1", "office-2", "office-3", "office-s", "office-g"]
GOVERNMENT = ["gov-1", "gov-2", "gov-g", "late-gov"]
VERIFIERS = ["s1", "s2", "sup-g", "office-s", "office-1"]
QUOTA = RULES.category("demonstration-township").quota
DAYS = RULES.periods.notice_working_days
CAL = ChinaCalendar()
UNIT_OF = {p.id: p.unit_id for p in (*PEOPLE, *SUPERVISORS) if p.unit_id}
GOV_IDS = {a.actor_id for a in STAFF.appointments if a.role is Role.COUNTY_GOVERNMENT}
APPLICATION_ACTIONS = [
    "accept",
    "reject",
    "withdraw",
    "verify",
    "approve",
    "not_approve",
    "decline",
    "revoke",
]


class RoundMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.round = opened()
        self.now = FILED

    def attempt(self, action: object) -> None:
        before = copy.deepcopy(self.round)
        try:
            self.round = action()  # type: ignore[operator]
        except WuxingError as exc:
            assert before == self.round
            assert before.state == self.round.state
            event(f"refused {exc.code}")

    def later(self, hours: int = 1) -> pendulum.DateTime:
        self.now = self.now.add(hours=hours)
        return self.now

    @initialize()
    def four_applications(self) -> None:
        for town in TOWNS[:4]:
            self.round = self.round.submit(f"{town}-clerk", app(town), FILED)

    def next_step(self, k: int, pick: int) -> None:
        """The next step of the usual path, by an actor who may take it."""
        rnd, at = self.round, self.later()
        step = {
            State.SUBMITTED: lambda a: rnd.accept("office-1", a, at),
            State.UNDER_VERIFICATION: lambda a: rnd.verify(VERIFIERS[pick % 5], a, at),
            State.CANDIDATE: lambda a: rnd.approve(GOVERNMENT[pick % 2], a, at),
        }
        ready = next((r for r in rnd.records if r.state in step), None)
        if ready is not None:
            self.attempt(lambda: step[ready.state](ready.id))
        elif rnd.state.selection is None:
            self.select(("office-1", "office-2", "office-s")[pick % 3], k, tied=False)
        elif any(r.state is State.APPROVED for r in rnd.records):
            self.attempt(lambda: rnd.open_notice("office-1", at))
        else:
            self.close("office-1", wait=True)

    @rule(k=st.integers(0, 4), pick=st.integers(0, 9), steps=st.integers(1, 8))
    def advance(self, k: int, pick: int, steps: int) -> None:
        for _ in range(steps):
            self.next_step(k, pick)

    @rule(k=st.integers(0, 4), pick=st.integers(0, 9), steps=st.integers(1, 8))
    def advance_again(self, k: int, pick: int, steps: int) -> None:
        for _ in range(steps):
            self.next_step(k, pick)

    @rule(hours=st.sampled_from([1, 24, 72, 240]))
    def time_passes(self, hours: int) -> None:
        self.later(hours)

    @rule(
        action=st.sampled_from(APPLICATION_ACTIONS),
        actor=st.sampled_from(ACTORS),
        pick=st.integers(0, 9),
        honest=st.booleans(),
    )
    def act(self, action: str, actor: str, pick: int, honest: bool) -> None:
        records = self.round.records
        record = records[pick % len(records)]
        if honest:
            actor = {
                "accept": OFFICE[pick % 3],
                "reject": OFFICE[pick % 3],
                "verify": VERIFIERS[pick % len(VERIFIERS)],
                "approve": GOVERNMENT[pick % 3],
                "not_approve": GOVERNMENT[pick % 3],
                "revoke": GOVERNMENT[pick % 3],
            }.get(action, f"{record.owner}-clerk")
        method = getattr(self.round, action)
        at = self.later()
        if action in ("reject", "not_approve", "decline"):
            self.attempt(lambda: method(actor, record.id, at, "理由"))
        elif action == "revoke":
            self.attempt(lambda: method(actor, record.id, at, "理由", "兴府字〔2023〕1号"))
        else:
            self.attempt(lambda: method(actor, record.id, at))

    @rule(actor=st.sampled_from([*OFFICE, *ACTORS]), k=st.integers(0, 6), tied=st.booleans())
    def select(self, actor: str, k: int, tied: bool) -> None:
        verified = [r.id for r in self.round.records if r.state is State.VERIFIED]
        settled = [s.id for s in self.round.settlements]
        ties = (
            [tie(*verified[k : k + 2])] if tied and len(verified) > k + 1 and not settled else []
        )
        chosen = [a for s in self.round.settlements for a in s.chosen]
        selected = [*chosen, *(a for a in verified[:k] if a not in chosen)]
        rest = [
            a
            for a in verified
            if a not in selected and not any(a in t.application_ids for t in ties)
        ]
        res = result(selected, rest[:2], rest[2:], ties=ties, settlements=settled, cutoff=self.now)
        at = self.later()
        self.attempt(lambda: self.round.select(actor, res, at))

    @rule(group=st.lists(st.sampled_from(OFFICE + ACTORS), min_size=1, max_size=3, unique=True))
    def settle(self, group: list[str]) -> None:
        verified = [r.id for r in self.round.records if r.state is State.VERIFIED]
        if len(verified) < 2:
            return
        at = self.later()
        self.attempt(
            lambda: self.round.settle_tie(group, verified[:2], verified[:1], "集体研究", at)
        )

    @rule(actor=st.sampled_from([*OFFICE, *ACTORS]), days=st.sampled_from([DAYS, DAYS, 0, 7]))
    def open_notice(self, actor: str, days: int) -> None:
        at = self.later()
        self.attempt(lambda: self.round.open_notice(actor, at, days))

    @rule(actor=st.sampled_from(ACTORS), pick=st.integers(0, 9))
    def object_to(self, actor: str, pick: int) -> None:
        records = self.round.records
        app_id = records[pick % len(records)].id
        at = self.later()
        self.attempt(lambda: self.round.lodge_objection(actor, app_id, at, "有异议"))

    @rule(actor=st.sampled_from([*OFFICE, *ACTORS]), upheld=st.booleans(), n=st.integers(1, 3))
    def rule_on(self, actor: str, upheld: bool, n: int) -> None:
        at = self.later()
        self.attempt(lambda: self.round.rule_objection(actor, f"O{n}", at, upheld, "经核实"))

    @rule(actor=st.sampled_from(OFFICE), days=st.integers(1, 3))
    def extend(self, actor: str, days: int) -> None:
        at = self.later()
        self.attempt(lambda: self.round.extend_notice(actor, at, days, "异议调查中"))

    @rule(actor=st.sampled_from([*OFFICE, *ACTORS]), wait=st.booleans())
    def close(self, actor: str, wait: bool) -> None:
        open_ = [n for n in self.round.notices if not n.closed]
        if wait and open_:
            self.now = max(self.now, open_[0].closes_at.add(hours=1))
        at = self.later()
        notice = open_[0].id if open_ else None
        self.attempt(lambda: self.round.close_notice(actor, at, notice))

    # -- invariants, read from the log and the registry, not from the round's own state ---
    def commended(self) -> list[str]:
        return [
            a
            for e in self.round.log.events
            if e.action == "close_notice"
            for a in (e.get("commended") or "").split(",")
            if a
        ]

    @invariant()
    def commended_were_approved_by_the_government(self) -> None:
        for app_id in self.commended():
            approvals = [
                e for e in self.round.log.events if e.action == "approve" and e.subject == app_id
            ]
            assert approvals
            assert all(p in GOV_IDS for e in approvals for p in e.who)
            event("commended")

    @invariant()
    def never_more_than_the_quota(self) -> None:
        assert len(set(self.commended())) <= QUOTA

    @invariant()
    def nobody_did_two_duties_nor_acted_on_their_own_unit(self) -> None:
        duties: dict[tuple[str, str], set[str]] = defaultdict(set)
        units = {r.id: {r.owner, r.applicant_unit} for r in self.round.records}
        for e in self.round.log.events:
            if e.action in ("verify", "approve"):
                targets = [e.subject]
            elif e.action == "select":
                targets = [
                    a
                    for k in ("candidates", "reserve", "not_selected")
                    for a in (e.get(k) or "").split(",")
                    if a
                ]
            else:
                continue
            for app_id in targets:
                for person in e.who:
                    duties[(app_id, person)].add(e.action)
                    assert UNIT_OF.get(person) not in units[app_id]
        assert all(len(d) <= 1 for d in duties.values())

    @invariant()
    def commended_on_notice_for_the_full_period(self) -> None:
        opened = {e.subject: e for e in self.round.log.events if e.action == "open_notice"}
        for close in (e for e in self.round.log.events if e.action == "close_notice"):
            start = opened[close.subject]
            closes = pendulum.parse(start.get("closes_at") or "")
            assert close.at > closes  # type: ignore[operator]
            first = as_day(start.at, "Asia/Shanghai")
            last = as_day(closes, "Asia/Shanghai")  # type: ignore[arg-type]
            assert CAL.working_days_between(first, last) >= DAYS

    def teardown(self) -> None:
        self.round.log.verify(heads=self.round.published_heads)
        assert self.round == replay(self.round)
        loaded = io.loads(io.dumps(self.round), Round)
        assert self.round == loaded
        assert self.round.state == loaded.state


RoundMachine.TestCase.settings = settings(stateful_step_count=50)
TestRound = RoundMachine.TestCase
