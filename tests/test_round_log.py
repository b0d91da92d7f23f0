"""The log is the round: tamper evidence (keyed and against published heads), loading that
replays, replay that compares entry by entry and refuses a calendar that answers otherwise."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rounds import at, in_notice, verified
from wuxing import CalendarError, TransitionError, ValidationError, io
from wuxing.calendar import Arrangement, WeekdayCalendar, loads_arrangement
from wuxing.process import AuditLog, Event, Round, RoundLogError, TamperError, replay
from wuxing.process.audit import GENESIS

KEY = b"county-system-key-0123456789abcdef"
ROUND = in_notice(KEY).close_notice("office-1", at(2023, 1, 21)).with_key(KEY)
EVENTS = ROUND.log.events
LAST_HEAD = ROUND.published_heads[-1]


def rechain(events: list[Event], key: bytes | None = None) -> AuditLog:
    """The events renumbered and hashed again (with a key of the forger's, if any)."""
    log = AuditLog()
    for e in events:
        log, _ = log.append(
            e.action,
            e.actor_id,
            e.role,
            e.subject,
            e.at,
            e.reason,
            {p.key: p.value for p in e.payload},
            participants=e.participants,
            key=key,
        )
    return log


def forged(kind: str, i: int) -> list[Event]:
    events = list(EVENTS)
    extra = attrs.evolve(events[i], reason="伪造")
    if kind == "edit":
        events[i] = extra
    elif kind == "drop":
        del events[i]
    elif kind == "swap":
        j = i + 1 if i + 1 < len(events) else i - 1
        events[i], events[j] = events[j], events[i]
    elif kind == "insert":
        events.insert(i, extra)
    else:
        events.append(extra)
    return events


POSITIONS = st.integers(0, len(EVENTS) - 1)
KINDS = st.sampled_from(["edit", "drop", "swap", "insert", "append"])


class TestTamper:
    @given(KINDS, POSITIONS, st.booleans())
    def test_any_single_change_fails_keyed(self, kind: str, i: int, again: bool) -> None:
        """Any entry edited, dropped, swapped, inserted or appended, re-chained or not (with
        a key not the county's), fails verify with the key. Dropping the last entry is a
        truncation: it fails against the last published head, the close of the notice."""
        events = forged(kind, i)
        log = rechain(events, b"forger-key-0123456789") if again else AuditLog(events)
        with pytest.raises(TamperError):
            log.verify(key=KEY, heads=[LAST_HEAD] if kind == "drop" else ())

    @given(st.sampled_from(["edit", "drop", "swap", "insert"]), POSITIONS, st.booleans())
    def test_any_single_change_fails_against_the_last_head(
        self, kind: str, i: int, again: bool
    ) -> None:
        """Without a key, a change before the last published head, re-chained or not,
        fails against it."""
        events = forged(kind, i)
        log = rechain(events) if again else AuditLog(events)
        with pytest.raises(TamperError):
            log.verify(heads=[LAST_HEAD])

    def test_appended_forgery_needs_the_key(self) -> None:
        """An event appended to an unkeyed log after its last published head cannot be told
        from a genuine one; appended to a keyed log it fails with the key."""
        plain = in_notice().close_notice("office-1", at(2023, 1, 21))
        extra = EVENTS[5]
        payload = {p.key: p.value for p in extra.payload}
        args = (extra.action, extra.actor_id, extra.role, "forged", extra.at, "", payload)
        forged_plain, _ = plain.log.append(*args)
        forged_plain.verify(heads=[plain.published_heads[-1]])
        forged_keyed, _ = ROUND.log.append(*args, key=b"forger-key-0123456789")
        with pytest.raises(TamperError) as info:
            forged_keyed.verify(key=KEY)
        assert ("log_forged", len(EVENTS)) == (info.value.code, info.value.index)

    def test_stripped_macs_refused(self) -> None:
        """A keyed log re-chained without MACs fails with the key, at its first entry."""
        with pytest.raises(TamperError) as info:
            rechain(list(EVENTS)).verify(key=KEY)
        assert ("log_forged", 0) == (info.value.code, info.value.index)

    def test_mixed_keyed_and_unkeyed_refused(self) -> None:
        """Some events keyed and others not: refused even without the key."""
        events = list(EVENTS)
        events[5] = attrs.evolve(events[5], mac="")
        with pytest.raises(TamperError) as info:
            AuditLog(events).verify()
        assert ("log_unkeyed", 5) == (info.value.code, info.value.index)

    def test_which_head_is_contradicted(self) -> None:
        """An edit re-chained after the first head contradicts the second head, not the
        first; the error says which."""
        heads = ROUND.published_heads
        first = next(e.seq for e in EVENTS if e.hash == heads[0])
        log = rechain(forged("edit", first + 1))
        with pytest.raises(TamperError) as info:
            log.verify(heads=heads)
        assert ("head_contradicted", 1) == (info.value.code, info.value.head)

    def test_weak_key_refused(self) -> None:
        """A key of fewer than 16 bytes is refused."""
        with pytest.raises(ValidationError) as info:
            AuditLog().verify(key=b"short")
        assert "weak_key" == info.value.code


class TestLoading:
    def test_dump_load_identity(self) -> None:
        """A round survives JSON: the same inputs, the same log, the same state."""
        loaded = io.loads(io.dumps(ROUND), Round)
        assert ROUND == loaded
        assert ROUND.state == loaded.state

    def test_document_is_inputs_and_log(self) -> None:
        """The document holds no state beside the log."""
        assert {
            "campaign",
            "ruleset",
            "category_id",
            "staff",
            "log",
            "units",
            "people",
            "supervisors",
        } == set(io.dump(ROUND))

    def test_stored_state_is_refused(self) -> None:
        """A document with records edited into it does not load: no field holds state."""
        data = io.dump(ROUND)
        data["records"] = [{"id": "dt-longkou", "state": "commended"}]
        with pytest.raises(ValidationError) as info:
            io.load(data, Round)
        assert ("records", "unknown_field") == (info.value.path, info.value.code)

    def test_edited_log_does_not_load(self) -> None:
        """An edited entry: loading fails naming the entry, with a path."""
        data = io.dump(ROUND)
        data["log"]["events"][4]["reason"] = "改"
        with pytest.raises(ValidationError) as info:
            io.load(data, Round)
        assert ("log.events[4]", "log_tampered") == (info.value.path, info.value.code)

    def test_rechained_illegal_step_does_not_load(self) -> None:
        """A log re-chained so that the office approves (it may not) verifies as a chain but
        is refused when replayed."""
        events = list(verified("gaoxing").log.events)
        cand = verified("gaoxing")
        data = io.dump(cand)
        approve = attrs.evolve(events[-1], action="approve", actor_id="office-1")
        data["log"] = io.dump(rechain([*events, approve]))
        with pytest.raises(ValidationError) as info:
            io.load(data, Round)
        assert (f"log.events[{len(events)}]", "replay_refused") == (
            info.value.path,
            info.value.code,
        )

    def test_dropped_derived_entry_does_not_load(self) -> None:
        """Dropping the move_up an upheld objection records, and re-chaining: refused."""
        rnd = in_notice().lodge_objection("citizen", "dt-jiangbei", at(2023, 1, 16), "推诿")
        rnd = rnd.rule_objection("office-2", "O1", at(2023, 1, 17), True, "属实")
        rnd = rnd.close_notice("office-1", at(2023, 1, 21))
        events = [e for e in rnd.log.events if e.action != "move_up"]
        data = io.dump(rnd)
        data["log"] = io.dump(rechain(events))
        with pytest.raises(ValidationError) as info:
            io.load(data, Round)
        assert "replay_mismatch" == info.value.code

    def test_inputs_edited_do_not_load(self) -> None:
        """Adding oneself to the staff registry of a stored round is found at entry 0."""
        data = io.dump(ROUND)
        data["staff"]["appointments"].append(
            {
                "actor_id": "mallory",
                "role": "county_government",
                "unit_id": None,
                "valid_from": None,
                "valid_until": None,
                "name": "",
            }
        )
        with pytest.raises(ValidationError) as info:
            io.load(data, Round)
        assert ("log.events[0]", "inputs_differ") == (info.value.path, info.value.code)
        assert "staff" in str(info.value)

    def test_keyed_round_acts_only_with_its_key(self) -> None:
        """Loaded without its key a keyed round reads but does not act; with the wrong key
        it is refused; with the right one it acts."""
        loaded = io.loads(io.dumps(ROUND), Round)
        with pytest.raises(TransitionError) as info:
            loaded.revoke("gov-1", "dt-gaoxing", at(2023, 3, 1), "理由", "决定")
        assert "key_required" == info.value.code
        with pytest.raises(TamperError):
            loaded.with_key(b"another-key-0123456789")
        loaded.with_key(KEY).revoke("gov-1", "dt-gaoxing", at(2023, 3, 1), "理由", "决定")

    def test_loading_is_quick(self) -> None:
        """The whole round's document is a short JSON text."""
        assert len(json.loads(io.dumps(ROUND))["data"]["log"]["events"]) == len(EVENTS)


class TestReplay:
    def test_replay_equals_the_round(self) -> None:
        """Replaying gives the same round and state; with the key, MACs are checked too."""
        assert ROUND == replay(ROUND, key=KEY)
        assert ROUND.state == replay(ROUND).state

    def test_calendar_that_answers_otherwise_refused(self) -> None:
        """Counting the notice with weekdays only moves nothing here (no holiday), but a
        calendar with 2023-01-16 as a holiday closes it later: refused."""
        assert ROUND.state == replay(ROUND, calendar=WeekdayCalendar()).state

        class Lying(WeekdayCalendar):
            def _working(self, day: dt.date) -> bool:
                return day != dt.date(2023, 1, 16) and super()._working(day)

        with pytest.raises(RoundLogError) as info:
            replay(ROUND, calendar=Lying())
        assert "calendar_disagrees" == info.value.problems[0].code

    def test_log_starts_with_the_opening(self) -> None:
        """A log that does not start with the round's opening is refused."""
        data = io.dump(ROUND)
        data["log"] = io.dump(rechain(list(EVENTS[1:])))
        with pytest.raises(ValidationError) as info:
            io.load(data, Round)
        assert "no_opening" == info.value.code

    def test_direct_construction_raises_the_log_error(self) -> None:
        """Built directly, a round with a bad log raises RoundLogError, also a TamperError."""
        with pytest.raises(RoundLogError) as info:
            attrs.evolve(ROUND, log=AuditLog(EVENTS[:3] + EVENTS[4:]))
        assert isinstance(info.value, TamperError)
        assert (3, "log_reordered") == (info.value.index, info.value.code)

    def test_genesis(self) -> None:
        """The first entry follows GENESIS."""
        assert GENESIS == EVENTS[0].prev_hash


ARR_2027 = loads_arrangement(
    """
year = 2027
notice = "国办发明电〔2026〕示例号"
holidays = [2027-01-01, 2027-01-02, 2027-01-03]
"""
)


class TestCalendarInTheRound:
    def _late_round(self) -> Round:
        """Approved in late December 2026, the notice opening on 2026-12-30."""
        from rounds import CAMPAIGN, PEOPLE, RULES, STAFF, SUPERVISORS, UNITS, app, result

        campaign = attrs.evolve(CAMPAIGN, id="xg-2026", year=2026, deadline=dt.date(2026, 12, 20))
        rnd = Round.start(
            campaign,
            RULES,
            "demonstration-township",
            STAFF,
            by="office-1",
            at=at(2026, 11, 4),
            units=UNITS,
            people=PEOPLE,
            supervisors=SUPERVISORS,
        )
        rnd = rnd.submit("gaoxing-clerk", app("gaoxing", at(2026, 12, 1)), at(2026, 12, 1))
        rnd = rnd.accept("office-1", "dt-gaoxing", at(2026, 12, 2))
        rnd = rnd.verify("s1", "dt-gaoxing", at(2026, 12, 3))
        res = attrs.evolve(result(["dt-gaoxing"], cutoff=at(2026, 12, 28)), campaign_id="xg-2026")
        rnd = rnd.select("office-1", res, at(2026, 12, 28, 11))
        return rnd.approve("gov-1", "dt-gaoxing", at(2026, 12, 29))

    def test_refused_without_the_arrangement(self) -> None:
        """Without 2027's arrangement a notice into January 2027 is refused, naming the year
        and how to supply it."""
        rnd = self._late_round()
        with pytest.raises(CalendarError) as info:
            rnd.open_notice("office-1", at(2026, 12, 30))
        assert "2027" in str(info.value)
        assert "adopt_arrangement" in str(info.value)

    def test_countable_with_it_and_recorded_by_digest(self) -> None:
        """Adopted, it makes the notice countable; the log records its digest; the round
        loads again with it."""
        rnd = self._late_round().adopt_arrangement("office-1", ARR_2027, at(2026, 12, 29, 12))
        assert ARR_2027.digest == rnd.log.events[-1].get("digest")
        rnd = rnd.open_notice("office-1", at(2026, 12, 30))
        # 12-31, then 01-04 to 01-07 (01-01 to 01-03 off)
        assert "2027-01-07T23:59:59.999999+08:00" == rnd.notices[0].closes_at.isoformat()
        assert rnd == io.loads(io.dumps(rnd), Round)

    def test_contradicting_arrangement_refused(self) -> None:
        """An arrangement contradicting the package's data is refused and changes nothing."""
        lie = Arrangement(2026, "forged", [dt.date(2026, 1, 5)])
        rnd = self._late_round()
        with pytest.raises(CalendarError):
            rnd.adopt_arrangement("office-1", lie, at(2026, 12, 29, 12))
