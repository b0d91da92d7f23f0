"""A stateful test of the selection process: random actions by random actors.

Checks after every step: refused actions change nothing; every state is one the transition
table can reach; the log verifies, replays to the live round and survives JSON; and any single
edit of the serialized log is detected.
"""

from __future__ import annotations

import datetime as dt
import json

import pendulum
import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from wuxing import FormsFiled, Unit, UnitKind, WuxingError, io, rulesets
from wuxing.calendar import ChinaCalendar
from wuxing.model.applications import Application
from wuxing.model.campaigns import Campaign
from wuxing.process import TRANSITIONS, Actor, Round, State, replay
from wuxing.process.audit import AuditLog, Role, TamperError

RULES = rulesets.load("xingguo-2022")
CATEGORY = RULES.category("demonstration-township")
CAMPAIGN = Campaign("xg-2022", RULES.id, 2022, dt.date(2022, 12, 31))
UNITS = [Unit(f"u{i}", f"第{i}镇", UnitKind.TOWN, "360732") for i in range(4)]
UNITS.append(Unit("dept", "县财政局", UnitKind.GOVERNMENT_DEPARTMENT, "360732"))
DIRECTORY = {u.id: u for u in UNITS}
CAL = ChinaCalendar()
ACTORS = [
    Actor("office", Role.OFFICE, "office-unit"),
    Actor("sup-a", Role.SUPERVISOR, None),
    Actor("sup-u0", Role.SUPERVISOR, "u0"),
    Actor("gov", Role.COUNTY_GOVERNMENT),
    Actor("citizen", Role.PUBLIC),
    *[Actor(f"clerk-{u.id}", Role.APPLICANT_UNIT, u.id) for u in UNITS],
]
REACHABLE = {State.SUBMITTED} | {target for target, _ in TRANSITIONS.values()}
SIMPLE = [
    "accept",
    "reject",
    "withdraw",
    "verify",
    "select",
    "place_on_reserve",
    "not_select",
    "approve",
    "not_approve",
]


class ProcessMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.round = Round.start(CAMPAIGN, CATEGORY)
        self.now = pendulum.datetime(2022, 12, 1, 9, tz="Asia/Shanghai")

    def attempt(self, action: object) -> None:
        before = self.round
        try:
            self.round = action()  # type: ignore[operator]
        except WuxingError:
            assert before == self.round  # refused: nothing changed

    @initialize()
    def three_applications(self) -> None:
        for unit in UNITS[:3]:
            clerk = Actor(f"clerk-{unit.id}", Role.APPLICANT_UNIT, unit.id)
            app = Application(
                f"a-{unit.id}", CATEGORY.id, unit.id, self.now, forms=FormsFiled(2, True, True)
            )
            self.round = self.round.submit(clerk, app, self.now, DIRECTORY)

    @rule(reserve=st.booleans())
    def advance(self, reserve: bool) -> None:
        """The next step of the usual path, by the right actor."""
        office, supervisor, gov = ACTORS[0], ACTORS[1], ACTORS[3]
        steps = {
            State.SUBMITTED: lambda r, a: r.accept(office, a, self.now),
            State.UNDER_VERIFICATION: lambda r, a: r.verify(supervisor, a, self.now),
            State.VERIFIED: (lambda r, a: r.place_on_reserve(office, a, self.now))
            if reserve
            else (lambda r, a: r.select(office, a, self.now)),
            State.CANDIDATE: lambda r, a: r.approve(gov, a, self.now),
        }
        ready = next((r for r in self.round.records if r.state in steps), None)
        if ready is not None:
            self.attempt(lambda: steps[ready.state](self.round, ready.id))
            return
        if self.round.notice is None:
            self.attempt(lambda: self.round.open_notice(office, self.now, CAL, 5))
        else:
            self.now = max(self.now, self.round.notice.closes_at.add(hours=1))
            self.attempt(lambda: self.round.close_notice(office, self.now))

    @rule(hours=st.sampled_from([0, 1, 24, 72, 240]))
    def time_passes(self, hours: int) -> None:
        self.now = self.now.add(hours=hours)

    def fitting(self, action: str, app_id: str, honest: int, fallback: Actor) -> Actor:
        """Mostly an actor the table allows for the action; sometimes anyone."""
        if not honest:
            return fallback
        record = self.round.record(app_id)
        if action in ("withdraw", "resubmit"):
            return Actor(f"clerk-{record.owner}", Role.APPLICANT_UNIT, record.owner)
        if action == "verify":
            return ACTORS[1]
        if action in ("approve", "not_approve"):
            return ACTORS[3]
        return ACTORS[0]

    @rule(
        unit=st.sampled_from(UNITS),
        actor=st.sampled_from(ACTORS),
        honest=st.integers(0, 3),
        stamped=st.sampled_from([True, True, True, False]),
        copies=st.sampled_from([2, 2, 1]),
    )
    def submit(self, unit: Unit, actor: Actor, honest: int, stamped: bool, copies: int) -> None:
        if honest:
            actor = Actor(f"clerk-{unit.id}", Role.APPLICANT_UNIT, unit.id)
        application = Application(
            f"a-{unit.id}-{len(self.round.records)}",
            CATEGORY.id,
            unit.id,
            self.now,
            forms=FormsFiled(copies, stamped, True),
        )
        self.attempt(lambda: self.round.submit(actor, application, self.now, DIRECTORY))

    @rule(
        action=st.sampled_from(SIMPLE),
        actor=st.sampled_from(ACTORS),
        pick=st.integers(0, 9),
        honest=st.integers(0, 3),
    )
    def act(self, action: str, actor: Actor, pick: int, honest: int) -> None:
        if not self.round.records:
            return
        app_id = self.round.records[pick % len(self.round.records)].id
        actor = self.fitting(action, app_id, honest, actor)
        method = getattr(self.round, action)
        if action in ("reject", "not_select", "not_approve"):
            self.attempt(lambda: method(actor, app_id, self.now, "理由"))
        else:
            self.attempt(lambda: method(actor, app_id, self.now))

    @rule(actor=st.sampled_from(ACTORS), pick=st.integers(0, 9), honest=st.integers(0, 3))
    def return_and_resubmit(self, actor: Actor, pick: int, honest: int) -> None:
        if not self.round.records:
            return
        record = self.round.records[pick % len(self.round.records)]
        actor = self.fitting(
            "resubmit" if record.state is State.RETURNED else "return", record.id, honest, actor
        )
        if record.state is State.RETURNED:
            self.attempt(
                lambda: self.round.resubmit(actor, record.application, self.now, DIRECTORY)
            )
        else:
            self.attempt(
                lambda: self.round.return_for_correction(
                    actor, record.id, self.now, "补充材料", self.now.date() + dt.timedelta(days=3)
                )
            )

    @rule(actor=st.sampled_from([ACTORS[0], ACTORS[0], *ACTORS]))
    def open_notice(self, actor: Actor) -> None:
        self.attempt(lambda: self.round.open_notice(actor, self.now, CAL, 5))

    @rule(actor=st.sampled_from(ACTORS), pick=st.integers(0, 9))
    def object_to(self, actor: Actor, pick: int) -> None:
        if not self.round.records:
            return
        app_id = self.round.records[pick % len(self.round.records)].id
        self.attempt(lambda: self.round.lodge_objection(actor, app_id, self.now, "有异议"))

    @rule(
        actor=st.sampled_from([ACTORS[0], ACTORS[0], *ACTORS]),
        upheld=st.booleans(),
        pick=st.integers(1, 3),
    )
    def rule_on(self, actor: Actor, upheld: bool, pick: int) -> None:
        self.attempt(
            lambda: self.round.rule_objection(actor, f"O{pick}", self.now, upheld, "经核实")
        )

    @rule(actor=st.sampled_from([ACTORS[0], ACTORS[0], *ACTORS]))
    def close(self, actor: Actor) -> None:
        self.attempt(lambda: self.round.close_notice(actor, self.now))

    @invariant()
    def states_are_reachable(self) -> None:
        for record in self.round.records:
            assert record.state in REACHABLE
            event(f"reached {record.state.value}")

    @invariant()
    def transitions_follow_the_table(self) -> None:
        states: dict[str, State] = {}
        for entry in self.round.log.events:
            if entry.action == "submit":
                states[entry.subject] = State.SUBMITTED
            elif (states.get(entry.subject), entry.action) in TRANSITIONS:
                target, roles = TRANSITIONS[(states[entry.subject], entry.action)]
                assert entry.role in roles
                states[entry.subject] = target
        in_notice = {
            r.id for r in self.round.records if r.state in (State.IN_NOTICE, State.COMMENDED)
        }
        for app_id, state in states.items():
            if app_id not in in_notice:
                assert state is self.round.state_of(app_id)

    def teardown(self) -> None:
        self.replay_equals_live()
        self.round_survives_json()

    @rule()
    def replay_equals_live(self) -> None:
        self.round.log.verify()
        assert self.round == replay(self.round.log, CAMPAIGN, CATEGORY, DIRECTORY, CAL)

    def round_survives_json(self) -> None:
        assert self.round == io.loads(io.dumps(self.round), Round)

    @rule(index=st.integers(0, 200), field=st.sampled_from(["reason", "actor_id", "subject"]))
    def tampering_is_detected(self, index: int, field: str) -> None:
        events = self.round.log.events
        if not events:
            return
        data = json.loads(io.dumps(self.round.log))
        i = index % len(events)
        data["data"]["events"][i][field] += "x"
        with pytest.raises(TamperError) as info:
            io.loads(json.dumps(data), AuditLog).verify()
        assert i == info.value.index


ProcessMachine.TestCase.settings = settings(stateful_step_count=60)
TestProcess = ProcessMachine.TestCase
