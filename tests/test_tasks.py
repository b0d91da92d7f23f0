"""Key-task lists (seed 002), dispatch schedules, enterprise issues and indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import TransitionError, ValidationError, io
from wuxing import strategies as wst
from wuxing.calendar import ChinaCalendar
from wuxing.tasks import (
    Area,
    Cadence,
    Direction,
    DispatchRule,
    EnterpriseIssue,
    HandlingMode,
    Indicator,
    KeyTask,
    LeadReading,
    Reading,
    Response,
    TaskList,
    UnclearLead,
    schedule,
)

TZ = "Asia/Shanghai"
SEED_002 = Path(__file__).parents[1] / "examples" / "data" / "city-2023-key-tasks.json"
AT = pendulum.datetime(2023, 6, 30, tz=TZ)


class TestSeed002:
    tasks = io.read(SEED_002, TaskList)

    def test_ten_areas_thirty_tasks(self) -> None:
        """The plan's ten areas and thirty tasks."""
        assert (10, list(range(1, 31))) == (
            len(self.tasks.areas),
            [t.number for t in self.tasks.tasks],
        )

    def test_lead_counts_match_the_plan(self) -> None:
        """How many tasks each unit leads where the plan writes 牵头单位, counted by hand."""
        expected = {
            "市行政审批局": 5,  # tasks 15, 16, 17, 18, 19
            "市城管局": 4,  # 11, 20, 21, 22 (25 is unclear)
            "市工信局": 3,  # 6, 12, 14
            "市商务局": 3,  # 5, 10, 11
            "市信息办": 2,  # 16, 19
            "市发改委": 2,  # 4, 27
            "市国控集团": 2,  # 9, 23
            "市政府金融办": 2,  # 13, 28
            "市住建局": 1,  # 21 (24 is unclear)
            "市双创办": 0,  # only in 25
        }
        load = self.tasks.load(AT)
        assert expected == {u: load[u]["leads"] for u in expected}
        others = {u: c["leads"] for u, c in load.items() if u not in expected and c["leads"]}
        assert set(others.values()) == {1}
        # 27 tasks name 牵头单位 (not 24, 25, 29); 4, 11, 14, 16, 18, 19 and 27 name two, 21
        # three: 27 + 7 + 2 = 36.
        assert 36 == sum(c["leads"] for c in load.values())
        assert {"市住建局": 1, "市双创办": 1, "市城管局": 1} == {
            u: c["unclear"] for u, c in load.items() if c["unclear"]
        }

    def test_no_deadlines_invented(self) -> None:
        """The plan sets no completion dates; none are recorded, so nothing is overdue."""
        assert all(t.deadline is None for t in self.tasks.tasks)
        assert () == self.tasks.overdue_at(pendulum.datetime(2030, 1, 1, tz=TZ))

    def test_targets(self) -> None:
        """Task 5: 8 new 5020 projects; task 26: 2187 people out of poverty."""
        assert Decimal(8) == self.tasks.task(5).targets[0].value
        assert Decimal(2187) == self.tasks.task(26).targets[0].value


class TestKeyTask:
    def test_lead_required_and_distinct(self) -> None:
        """No lead unit, or a unit both lead and responsible: both reported."""
        with pytest.raises(ValidationError) as info:
            KeyTask(1, 1, "任务", [], ["市商务局"])
        assert [("lead_units", "no_lead_unit")] == [(p.path, p.code) for p in info.value.problems]
        with pytest.raises(ValidationError) as info:
            KeyTask(1, 1, "任务", ["市商务局"], ["市商务局"])
        assert "lead_and_responsible" == info.value.code

    def test_report_after_acceptance(self) -> None:
        """A report after acceptance is refused."""
        task = KeyTask(1, 1, "任务", ["市商务局"]).accept(AT)
        with pytest.raises(TransitionError) as info:
            task.report(AT.add(days=1), "迟到的进展")
        assert "task_accepted" == info.value.code

    @given(wst.task_lists(), st.dates(dt.date(2023, 1, 1), dt.date(2024, 6, 30)))
    def test_per_unit_counts_sum_to_task_counts(self, tasks: TaskList, day: dt.date) -> None:
        """Leads and shares over all units add up to the units named by all tasks."""
        at = pendulum.datetime(day.year, day.month, day.day, 12, tz=TZ)
        load = tasks.load(at)
        assert sum(len(t.units()) for t in tasks.tasks) == sum(
            c["leads"] + c["shares"] + c["unclear"] for c in load.values()
        )
        clear = [t for t in tasks.tasks if t.unclear_lead is None]
        assert sum(len(t.lead_units) for t in clear) == sum(c["leads"] for c in load.values())
        by_area = tasks.by_area(at)
        assert len(tasks.tasks) == sum(sum(c.values()) for c in by_area.values())

    @given(wst.task_lists(), st.integers(0, 800))
    def test_acceptance_is_final(self, tasks: TaskList, hours: int) -> None:
        """Once accepted, a task stays accepted and never overdue."""
        for t in tasks.tasks:
            if t.accepted_at is not None:
                later = t.accepted_at.add(hours=hours)
                assert "accepted" == tasks.status(t, later)
                assert not t.overdue_at(later)
                with pytest.raises(TransitionError):
                    t.accept(later)

    @given(wst.task_lists())
    def test_dump_load_identity(self, tasks: TaskList) -> None:
        """A task list survives JSON."""
        assert tasks == io.loads(io.dumps(tasks), TaskList)


CADENCES = {"副市长": Cadence.MONTHLY, "常务副市长": Cadence.BIMONTHLY, "市长": Cadence.QUARTERLY}


class TestSchedule:
    def test_counts_and_working_days(self) -> None:
        """12 monthly, 6 bi-monthly and 4 quarterly reviews, none on a non-working day."""
        cal = ChinaCalendar()
        reviews = schedule(2023, CADENCES, calendar=cal)
        counts = {c: sum(1 for r in reviews if r.cadence is c) for c in Cadence}
        assert (12, 6, 4) == (
            counts[Cadence.MONTHLY],
            counts[Cadence.BIMONTHLY],
            counts[Cadence.QUARTERLY],
        )
        assert all(cal.is_working_day(r.on) for r in reviews)

    def test_moves_off_the_spring_festival(self) -> None:
        """2023-01-25 is in the Spring Festival holiday: the review moves to 01-28 (调休)."""
        reviews = schedule(2023, {"副市长": Cadence.MONTHLY}, calendar=ChinaCalendar())
        assert dt.date(2023, 1, 28) == reviews[0].on

    @given(
        st.integers(2020, 2026),
        st.lists(st.sampled_from(list(Cadence)), min_size=1, max_size=5, unique=True),
        st.integers(1, 28),
    )
    def test_expected_numbers_on_working_days(
        self, year: int, cadences: list[Cadence], day: int
    ) -> None:
        """Each cadence gives 12 / its months reviews, all on working days of the year."""
        cal = ChinaCalendar()
        reviews = schedule(year, {c.value: c for c in cadences}, calendar=cal, day=day)
        for c in cadences:
            assert 12 // c.months == sum(1 for r in reviews if r.cadence is c)
        assert all(cal.is_working_day(r.on) and r.on.year == year for r in reviews)


class TestEnterpriseIssues:
    def test_figures_and_overdue(self) -> None:
        """Per department: assigned, responded, overdue."""
        raised = pendulum.datetime(2023, 3, 1, 9, tz=TZ)
        issue = EnterpriseIssue(
            "E1",
            "某铜业公司",
            raised,
            "用电报装慢",
            ("市供电公司", "市行政审批局"),
            HandlingMode.WITHIN_DEADLINE,
            dt.date(2023, 3, 10),
            (Response("市行政审批局", raised.add(days=1), "已对接"),),
        )
        figures = EnterpriseIssue.figures((issue,), pendulum.datetime(2023, 3, 20, tz=TZ))
        assert (1, 0, 1) == (
            figures["市供电公司"]["assigned"],
            figures["市供电公司"]["responded"],
            figures["市供电公司"]["overdue"],
        )
        assert 1 == figures["市行政审批局"]["responded"]

    def test_json_round_trip(self) -> None:
        """An issue and an indicator with readings survive JSON documents."""
        raised = pendulum.datetime(2023, 3, 1, 9, tz=TZ)
        issue = EnterpriseIssue(
            "E1",
            "某企业",
            raised,
            "问题",
            ("市商务局",),
            HandlingMode.ON_THE_SPOT,
            responses=(Response("市商务局", raised.add(hours=2)),),
            closed_at=raised.add(hours=3),
        )
        ind = Indicator(
            "4G覆盖率",
            "%",
            Decimal(100),
            readings=(Reading(dt.date(2023, 1, 1), Decimal("99.5")),),
        )
        assert issue == io.loads(io.dumps(issue))
        assert ind == io.loads(io.dumps(ind))

    def test_deadline_needed(self) -> None:
        """A deadline-handled issue without a deadline is refused."""
        with pytest.raises(ValidationError) as info:
            EnterpriseIssue("E1", "企业", AT, "问题", ("部门",), HandlingMode.PRIORITY)
        assert "deadline" == info.value.path


class TestIndicator:
    @given(
        st.decimals(1, 200, places=1),
        st.decimals(1, 200, places=1),
        st.sampled_from(list(Direction)),
    )
    def test_attainment_monotone(self, a: Decimal, b: Decimal, direction: Direction) -> None:
        """Attainment rises with the reading for higher-is-better, falls for lower."""
        ind = Indicator("指标", "%", Decimal(98), direction)
        lo, hi = min(a, b), max(a, b)
        if direction is Direction.HIGHER:
            assert ind.attainment(lo) <= ind.attainment(hi)
        else:
            assert ind.attainment(lo) >= ind.attainment(hi)

    @given(st.decimals(0, 120, places=1), st.decimals(0, 120, places=1))
    def test_points_monotone_and_capped(self, a: Decimal, b: Decimal) -> None:
        """Points from a reading are monotone, 0 at or below the floor, the maximum from the
        target on."""
        ind = Indicator("自来水普及率", "%", Decimal(98))
        lo, hi = min(a, b), max(a, b)
        p_lo = ind.points(lo, floor=Decimal(60), maximum=Decimal(20))
        p_hi = ind.points(hi, floor=Decimal(60), maximum=Decimal(20))
        assert 0 <= p_lo <= p_hi <= 20
        if hi >= 98:
            assert 20 == p_hi

    def test_no_target_no_score(self) -> None:
        """A reported value without a target cannot be scored: no_target, a WuxingError."""
        ind = Indicator("按时办结率", "%", readings=(Reading(None, Decimal("98.9")),))
        with pytest.raises(ValidationError) as info:
            ind.attainment(Decimal("98.9"))
        assert ("target", "no_target") == (info.value.path, info.value.code)

    def test_source_names_a_target(self) -> None:
        """A source is who sets the target: refused on an indicator without one."""
        with pytest.raises(ValidationError) as info:
            Indicator("自来水普及率", "%", source="《乡镇政府服务能力建设工作进展情况报告》")
        assert ("source", "no_target") == (info.value.path, info.value.code)

    def test_latest_ignores_undated_readings(self) -> None:
        """An undated reported figure is never the latest reading of a day."""
        ind = Indicator(
            "自来水普及率",
            "%",
            readings=(
                Reading(None, Decimal(98), source="《乡镇政府服务能力建设工作进展情况报告》"),
                Reading(dt.date(2023, 3, 1), Decimal(97)),
            ),
        )
        latest = ind.latest(dt.date(2023, 12, 31))
        assert latest is not None
        assert Decimal(97) == latest.value
        assert 1 == len(ind.reported())


class TestUnclearLeads:
    def test_allocation_rule_stands_in_for_a_lead(self) -> None:
        """A task with no lead unit is valid when it keeps the plan's allocation rule."""
        task = KeyTask(29, 9, "办好民生实事", [], allocation_zh="按58件民生实事责任分工对应落实")
        assert () == task.lead_units
        assert "按58件民生实事责任分工对应落实" == task.allocation_zh

    def test_lists_must_be_a_reading(self) -> None:
        """Lead and responsible units that are no reading of the lists as written: refused."""
        lists = UnclearLead(["市住建局"], ["各区(市)政府"])
        with pytest.raises(ValidationError) as info:
            KeyTask(24, 7, "推进老旧小区改造", ["各区(市)政府"], ["市住建局"], unclear_lead=lists)
        assert ("unclear_lead", "reading_mismatch") == (info.value.path, info.value.code)

    def test_list_reading_applies_to_every_unclear_task(self) -> None:
        """A list read as written refuses a task read first-as-lead, naming the task."""
        lists = UnclearLead(["市住建局"], ["各区(市)政府"])
        task = KeyTask(
            24, 1, "推进老旧小区改造", ["市住建局"], ["各区(市)政府"], unclear_lead=lists
        )
        with pytest.raises(ValidationError) as info:
            TaskList("清单", [Area(1, "方面")], [task])
        assert ("tasks[0].lead_units", "reading_mismatch") == (info.value.path, info.value.code)
        read = TaskList("清单", [Area(1, "方面")], [task], lead_reading=LeadReading.FIRST_AS_LEAD)
        assert read.read_as(LeadReading.AS_WRITTEN).task(24).lead_units == ()

    def test_role_is_unclear_whatever_the_reading(self) -> None:
        """The first list's units are 'unclear' under both readings."""
        lists = UnclearLead(["市双创办", "市城管局"], ["各区(市)政府"])
        task = KeyTask(
            25, 1, "整治", [], ["市双创办", "市城管局", "各区(市)政府"], unclear_lead=lists
        )
        for reading in LeadReading:
            assert "unclear" == task.read_as(reading).role_of("市城管局")
            assert "responsible" == task.read_as(reading).role_of("各区(市)政府")


class TestDispatchRules:
    def test_unknown_task_refused(self) -> None:
        """A rule that concerns a task the list does not have is refused with its path."""
        rule = DispatchRule("市政府市长", Cadence.QUARTERLY, tasks=(1, 7))
        with pytest.raises(ValidationError) as info:
            TaskList(
                "清单", [Area(1, "方面")], [KeyTask(1, 1, "任务", ["市商务局"])], dispatch=[rule]
            )
        assert ("dispatch[0].tasks[1]", "unknown_task") == (info.value.path, info.value.code)

    def test_reviews_cover_only_the_tasks_a_rule_concerns(self) -> None:
        """A rule's reviews cover its open tasks; a rule of no task covers none."""
        tasks = TaskList(
            "清单",
            [Area(1, "方面")],
            [KeyTask(n, 1, f"任务{n}", ["市商务局"]) for n in (1, 2, 3)],
        )
        rules = [
            DispatchRule("市政府市长", Cadence.QUARTERLY, tasks=(1, 2)),
            DispatchRule("挂点市政府领导", Cadence.QUARTERLY),
        ]
        reviews = schedule(2023, rules, tasks=tasks)
        assert {("市政府市长", (1, 2)), ("挂点市政府领导", ())} == {
            (r.role, r.covers) for r in reviews
        }
        assert 8 == len(reviews)
