"""The built-in demonstration bundle: a synthetic Xingguo 2022 campaign.

The module is longer than the others because it is data: the county's units and the invented
scores that show every outcome.

The townships are Xingguo county's (兴国县); departments are typical county departments. The
applications, scores, records and people are invented, deterministically, to show every
outcome: selections, a reserve list, a veto of each kind, an ineligible application, one below
the pass mark, and a tie at the quota boundary.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pendulum

from wuxing.evaluation.bundle import Bundle
from wuxing.model.applications import Application, Evidence, FormsFiled
from wuxing.model.assessments import Assessment, AssessmentNote
from wuxing.model.campaigns import Campaign
from wuxing.model.dimensions import Dimension
from wuxing.model.records import AnnualScore, Mark, OfficeFlag, SanctionKind, ScoreSheet
from wuxing.model.settlements import Settlement
from wuxing.model.units import Person, Supervisor, Unit, UnitKind
from wuxing.rulesets import load
from wuxing.supervision import (
    Finding,
    Inspection,
    InspectionKind,
    Ledger,
    Rectification,
    Sanction,
    Severity,
)

__all__ = ["DEMO_AT", "demo_bundle", "settled_bundle", "starter_bundle"]

TZ = "Asia/Shanghai"
DEMO_AT = pendulum.datetime(2023, 1, 10, 17, 0, tz=TZ)
"""The cut-off of the demonstration: 2023-01-10 17:00 in Xingguo."""

COUNTY = "360732"
TOWNSHIPS = [
    "潋江镇",
    "江背镇",
    "古龙岗镇",
    "梅窖镇",
    "高兴镇",
    "良村镇",
    "龙口镇",
    "长冈乡",
    "东村乡",
    "兴莲乡",
    "杰村乡",
    "社富乡",
    "埠头乡",
    "永丰乡",
    "隆坪乡",
    "均村乡",
    "茶园乡",
    "崇贤乡",
    "枫边乡",
    "南坑乡",
    "城岗乡",
    "方太乡",
    "鼎龙乡",
    "樟木乡",
    "兴江乡",
]
DEPARTMENTS = [
    ("dev-zone", "兴国经济开发区", UnitKind.DEVELOPMENT_ZONE),
    ("community-committee", "城市社区管委会", UnitKind.MANAGEMENT_COMMITTEE),
    ("finance", "县财政局", UnitKind.GOVERNMENT_DEPARTMENT),
    ("development-reform", "县发改委", UnitKind.GOVERNMENT_DEPARTMENT),
    ("education", "县教育科技体育局", UnitKind.GOVERNMENT_DEPARTMENT),
    ("health", "县卫生健康委", UnitKind.GOVERNMENT_DEPARTMENT),
    ("natural-resources", "县自然资源局", UnitKind.GOVERNMENT_DEPARTMENT),
    ("transport", "县交通运输局", UnitKind.GOVERNMENT_DEPARTMENT),
    ("administrative-approval", "县行政审批局", UnitKind.GOVERNMENT_DEPARTMENT),
    ("human-resources", "县人力资源和社会保障局", UnitKind.GOVERNMENT_DEPARTMENT),
    ("agriculture", "县农业农村局", UnitKind.GOVERNMENT_DEPARTMENT),
    ("emergency", "县应急管理局", UnitKind.GOVERNMENT_DEPARTMENT),
    ("market-regulation", "县市场监督管理局", UnitKind.GOVERNMENT_DEPARTMENT),
    ("archives", "县档案馆", UnitKind.COUNTY_UNIT),
    ("tax", "国家税务总局兴国县税务局", UnitKind.STATIONED_UNIT),
    ("power-supply", "兴国县供电公司", UnitKind.STATIONED_UNIT),
    ("five-type-office", "县“五型”政府建设办公室", UnitKind.GOVERNMENT_DEPARTMENT),
]
INSPECTORS = [f"s{i:02d}" for i in range(1, 9)]
SURNAMES = "李王张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗"
GIVEN = ["明", "芳", "伟", "静", "强", "敏", "军", "丽", "勇", "艳", "杰", "娟", "涛", "霞"]


def _township_id(name: str) -> str:
    return "t" + str(TOWNSHIPS.index(name) + 1).zfill(2)


def _kind(name: str) -> UnitKind:
    return UnitKind.TOWN if name.endswith("镇") else UnitKind.TOWNSHIP


def _points(level: int, maximum: int, inspector: int, criterion: int) -> Decimal:
    """Points on a 0.5 grid, near ``level`` % of the maximum, varying by inspector."""
    wobble = ((inspector * 7 + criterion * 3) % 5 - 2) / 2  # -1, -0.5, 0, 0.5, 1
    raw = Decimal(level) * maximum / 100 + Decimal(str(wobble))
    halves = (raw * 2).to_integral_value()
    return max(Decimal(0), min(Decimal(maximum), halves / 2))


def _sheets(
    app_id: str,
    codes: list[tuple[str, int, bool]],
    level: int,
    *,
    first: int = 0,
    unmet: str | None = None,
    identical: bool = False,
) -> list[ScoreSheet]:
    sheets = []
    for n in range(5):
        inspector = INSPECTORS[(first + n) % len(INSPECTORS)]
        marks = []
        for k, (code, maximum, required) in enumerate(codes):
            if required:
                marks.append(Mark(code, met=not (unmet == code and n == 2)))
            else:
                marks.append(Mark(code, points=_points(level, maximum, 0 if identical else n, k)))
        sheets.append(ScoreSheet(app_id, inspector, marks, inspector_unit_id="five-type-office"))
    return sheets


def demo_bundle() -> Bundle:
    """The demonstration bundle (deterministic: the same value every time)."""
    rules = load("xingguo-2022")
    criteria = {
        c.id: [(k.code, int(k.maximum), k.required) for k in c.criteria] for c in rules.categories
    }
    at = pendulum.datetime
    units = [Unit(_township_id(n), n, _kind(n), COUNTY) for n in TOWNSHIPS]
    units += [Unit(i, n, k, COUNTY) for i, n, k in DEPARTMENTS]
    supervisors = [
        Supervisor(
            s,
            SURNAMES[i] + GIVEN[i],
            dt.date(2021, 3, 1),
            dt.date(2023, 12, 31),
            affiliation="县人大代表" if i % 2 else "社区居民",
        )
        for i, s in enumerate(INSPECTORS)
    ]
    applications: list[Application] = []
    sheets: list[ScoreSheet] = []
    assessments: list[Assessment] = []
    annual: list[AnnualScore] = []
    filed = FormsFiled(2, True, True)

    # Demonstration townships: (township, level, annual, day of December submitted)
    townships = [
        ("潋江镇", 95, 94, 20),
        ("江背镇", 90, 93, 21),
        ("高兴镇", 86, 90, 22),
        ("长冈乡", 82, 89, 23),
        ("龙口镇", 97, 95, 19),
        ("古龙岗镇", 84, 89, 26),
        ("梅窖镇", 84, 89, 26),
        ("良村镇", 74, 84, 27),
        ("杰村乡", 70, 80, 28),
        ("社富乡", 52, 60, 28),
        ("东村乡", 92, 91, 30),
        ("埠头乡", 88, 88, 31),
    ]
    for name, level, yearly, day in townships:
        tid = _township_id(name)
        app_id = f"dt-{tid}"
        hour = 10 if name not in ("古龙岗镇", "梅窖镇") else 9
        submitted = at(2022, 12, day, hour, 0, tz=TZ)
        if name == "东村乡":  # late: the evening after the deadline
            submitted = at(2023, 1, 1, 9, 30, tz=TZ)
        applications.append(
            Application(
                app_id,
                "demonstration-township",
                tid,
                submitted,
                forms=filed,
                evidence=[
                    Evidence(
                        "按时办结率",
                        Dimension.SERVICE_ORIENTED,
                        "按时办结率",
                        Decimal("98.9"),
                        "%",
                    )
                ]
                if name == "潋江镇"
                else (),
            )
        )
        identical = name in ("古龙岗镇", "梅窖镇")
        sheets += _sheets(app_id, criteria["demonstration-township"], level, identical=identical)
        annual.append(AnnualScore(tid, Decimal(yearly)))

    # Advanced collectives: (unit id, level, annual)
    collectives = [
        ("administrative-approval", 94, 95),
        ("finance", 90, 92),
        ("development-reform", 88, 90),
        ("education", 86, 88),
        ("health", 85, 88),
        ("natural-resources", 84, 86),
        ("transport", 83, 86),
        ("human-resources", 82, 85),
        ("agriculture", 81, 85),
        ("tax", 80, 84),
        ("power-supply", 79, 83),
        ("emergency", 93, 90),
        ("market-regulation", 87, 87),
        ("archives", 72, 78),
    ]
    for uid, level, yearly in collectives:
        app_id = f"ac-{uid}"
        forms = FormsFiled(2, False, True) if uid == "market-regulation" else filed
        applications.append(
            Application(
                app_id, "advanced-collective", uid, at(2022, 12, 25, 15, tz=TZ), forms=forms
            )
        )
        sheets += _sheets(app_id, criteria["advanced-collective"], level, first=3)
        annual.append(AnnualScore(uid, Decimal(yearly)))
    # A township entered as a collective: outside the scope.
    applications.append(
        Application(
            "ac-t05",
            "advanced-collective",
            _township_id("高兴镇"),
            at(2022, 12, 25, 16, tz=TZ),
            forms=filed,
        )
    )
    sheets += _sheets("ac-t05", criteria["advanced-collective"], 85, first=3)

    # Advanced individuals, recommended by their units: (unit, level, annual)
    people: list[Person] = []
    nominees = [
        ("t01", 95),
        ("t02", 92),
        ("finance", 91),
        ("health", 90),
        ("t03", 89),
        ("education", 88),
        ("t08", 87),
        ("transport", 86),
        ("administrative-approval", 85),
        ("agriculture", 84),
        ("t11", 83),
        ("tax", 82),
        ("t04", 93),
    ]
    for i, (unit_id, level) in enumerate(nominees):
        pid = f"p{i + 1:02d}"
        people.append(
            Person(
                pid,
                SURNAMES[(i + 5) % 20] + GIVEN[i % 14] + GIVEN[(i + 3) % 14],
                unit_id,
                "科员" if i % 3 else "副主任",
            )
        )
        recommender = "finance" if pid == "p12" else unit_id  # p12 recommended by another unit
        app_id = f"ai-{pid}"
        applications.append(
            Application(
                app_id,
                "advanced-individual",
                pid,
                at(2022, 12, 27, 11, tz=TZ),
                recommended_by=recommender,
                forms=filed,
            )
        )
        sheets += _sheets(
            app_id,
            criteria["advanced-individual"],
            level,
            first=5,
            unmet="I4" if pid == "p05" else None,
        )
        annual.append(AnnualScore(pid, Decimal(level - 2)))

    # Outstanding supervisors: proposed by the office from their duty records.
    for i, sid in enumerate(INSPECTORS[:5]):
        app_id = f"os-{sid}"
        applications.append(
            Application(
                app_id,
                "outstanding-supervisor",
                sid,
                at(2023, 1, 5, 9, tz=TZ),
                proposed_by_office=True,
            )
        )
        assessments.append(
            Assessment(
                app_id,
                "office-0",
                [
                    Mark(code, points=_points(90 - 4 * i, m, 0, k))
                    for k, (code, m, _) in enumerate(criteria["outstanding-supervisor"])
                ],
                [
                    AssessmentNote(
                        "日常履职表现", f"全年参加监督活动{12 - i}次，按时报送监督意见"
                    ),
                    AssessmentNote("参与专题监督活动", f"参与专题监督{4 - i // 2}次"),
                ],
            )
        )
    # A supervisor who applied on their own: the route is office-assessed.
    applications.append(
        Application(
            "os-s08-self", "outstanding-supervisor", "s08", at(2022, 12, 20, 9, tz=TZ), forms=filed
        )
    )

    inspections = [
        Inspection(
            "I-2022-11",
            InspectionKind.CENTRALIZED,
            dt.date(2022, 11, 2),
            ("s01", "s02"),
            (_township_id("龙口镇"), _township_id("潋江镇")),
            "便民服务",
        ),
        Inspection(
            "I-2022-06",
            InspectionKind.UNSCHEDULED,
            dt.date(2022, 6, 3),
            ("s03",),
            (_township_id("良村镇"),),
            "工作作风",
        ),
        Inspection(
            "I-2022-09",
            InspectionKind.SPECIAL_REMEDIATION,
            dt.date(2022, 9, 1),
            ("s04",),
            ("transport",),
            "项目推进",
        ),
    ]
    findings = [
        Finding(
            "F-2022-031",
            "I-2022-11",
            _township_id("龙口镇"),
            Dimension.SERVICE_ORIENTED,
            "便民服务中心窗口超时办件",
            Severity.MODERATE,
        ),
        Finding(
            "F-2022-044",
            "I-2022-11",
            _township_id("潋江镇"),
            Dimension.ACCOUNTABLE,
            "农村人居环境整治问题",
        ),
        Finding(
            "F-2022-101",
            "I-2022-06",
            _township_id("良村镇"),
            Dimension.COMPETENT,
            "集中督查发现问题",
        ),
        Finding(
            "F-2022-077",
            "I-2022-09",
            "p13",
            Dimension.ACCOUNTABLE,
            "项目推进不力",
            Severity.SERIOUS,
        ),
    ]
    rectifications = [
        Rectification.order(
            "R-2022-031", "F-2022-031", _township_id("龙口镇"), at(2022, 11, 2, 10, tz=TZ), days=30
        ),
        Rectification.order(
            "R-2022-044",
            "F-2022-044",
            _township_id("潋江镇"),
            at(2022, 11, 20, 10, tz=TZ),
            deadline=dt.date(2022, 12, 20),
        )
        .report(at(2022, 12, 18, 9, tz=TZ), "已完成整治")
        .send_back(at(2022, 12, 19, 9, tz=TZ), "台账资料不全", dt.date(2023, 1, 8))
        .report(at(2023, 1, 8, 9, tz=TZ), "补齐资料")
        .accept(at(2023, 1, 9, 16, tz=TZ), "验收销号"),
    ]
    sanctions = [
        Sanction(
            "S-2022-007",
            "p13",
            SanctionKind.HELD_ACCOUNTABLE,
            dt.date(2022, 9, 14),
            ("F-2022-077",),
            "项目推进不力被问责",
        ),
    ]
    ledger = Ledger(inspections, findings, rectifications, sanctions, TZ)
    flags = [OfficeFlag("emergency", "major-safety-incident", "年内发生较大安全生产事故")]

    return Bundle(
        campaign=Campaign(
            "xingguo-2022",
            "xingguo-2022",
            2022,
            dt.date(2022, 12, 31),
            TZ,
            "兴国县2022年度“五型”政府建设评选（演示数据）",
        ),
        units=units,
        people=people,
        supervisors=supervisors,
        applications=applications,
        sheets=sheets,
        assessments=assessments,
        annual_scores=annual,
        flags=flags,
        ledger=ledger,
    )


def settled_bundle() -> Bundle:
    """The demonstration bundle after the office settled its one boundary tie.

    The demonstration's townships 古龙岗镇 (``dt-t03``) and 梅窖镇 (``dt-t04``) tie at 86.60
    for the last seat; here the office's collective decision (集体研究确定) gives it to 梅窖镇,
    so every seat is filled and the public notice can be published. The office how-to starts
    from this round.

    >>> from wuxing import evaluate
    >>> evaluate(settled_bundle(), DEMO_AT).category("demonstration-township").ties
    ()
    """
    decision = Settlement(
        "S-2023-01",
        "demonstration-township",
        {"dt-t03", "dt-t04"},
        ["dt-t04"],
        ["office-1", "office-2", "office-3"],
        "县“五型”办集体研究：实地核查中群众满意度较高",
        pendulum.datetime(2023, 1, 11, 9, tz=TZ),
    )
    return attrs.evolve(demo_bundle(), settlements=(decision,))


def starter_bundle() -> Bundle:
    """A small round to start from (``wuxing init``): two townships, a collective and a staff
    member, each with three score sheets and an annual score, and a supervisor with the
    office's assessment, taken from the demonstration so that every table of the workbook
    shows a filled-in row.

    >>> bundle = starter_bundle()
    >>> len(bundle.applications), len(bundle.sheets), len(bundle.assessments)
    (5, 12, 1)
    """
    demo = demo_bundle()
    keep = {"dt-t01", "dt-t02", "ac-finance", "ai-p03", "os-s01"}
    apps = [a for a in demo.applications if a.id in keep]
    applicants = {a.applicant_id for a in apps}
    people = [p for p in demo.people if p.id in applicants]
    units = {a.applicant_id for a in apps} | {p.unit_id for p in people} | {"five-type-office"}
    units |= {a.recommended_by for a in apps if a.recommended_by}
    first_three: list[ScoreSheet] = []
    for sheet in demo.sheets:
        done = sum(1 for s in first_three if s.application_id == sheet.application_id)
        if sheet.application_id in keep and done < 3:
            first_three.append(sheet)
    return attrs.evolve(
        demo,
        campaign=attrs.evolve(demo.campaign, title="兴国县2022年度“五型”政府建设评选（示例）"),
        units=[u for u in demo.units if u.id in units],
        people=people,
        supervisors=[s for s in demo.supervisors if s.id in applicants or s.id == "s01"],
        applications=apps,
        sheets=first_three,
        assessments=[a for a in demo.assessments if a.application_id in keep],
        annual_scores=[a for a in demo.annual_scores if a.applicant_id in applicants],
        flags=(),
        ledger=None,
    )
