"""One test per fact of the source documents, the expected values written from their text.

The sources: the Xingguo county notice of 2022-11-04 (《关于开展全县“五型”政府建设示范乡镇、
先进集体、先进个人和优秀监督员评选的通知》, 兴国县人民政府办公室); Tongmu town's write-up as an
advanced collective (2021-08-18); the plan 《关于开展新型政府建设活动的实施方案》 (“践五型、
促十进”); a pilot township's report on service capacity; a township's report on building a
service-type government. Every expected value below is quoted or counted from those texts,
never read from the library's data.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import pendulum

from wuxing import Dimension, Route, io, rulesets
from wuxing.model.records import SanctionKind
from wuxing.supervision import InspectionKind, Ledger, Period, RectificationMode
from wuxing.tasks import (
    Bound,
    Cadence,
    Indicator,
    LeadReading,
    ReviewKind,
    TaskList,
    documented_indicators,
)

EXAMPLES = Path(__file__).parents[1] / "examples" / "data"
RULES = rulesets.load("xingguo-2022")
TZ = "Asia/Shanghai"

# 四、评选条件 of the notice, as published.
NOTICE_SECTION_4 = (
    "(一)“五型”政府建设示范乡镇评选条件\n"
    "1.推进乡村振兴。严格落实五年过渡期政策和“四个不摘”要求,健全防返贫动态监"
    "测、遇困即扶机制,对“三类人群”进行精准帮扶、动态清零,坚决守住不发生规模性"
    "返贫底线。坚决遏制耕地“非农化”、防止“非粮化”,落实粮食生产工作责任、高标"
    "准农田建设管护工程。发展“一乡一特”乡村产业,引进培育带动能力强的龙头企业,"
    "推进产业集聚发展,大力培养高素质农民,保护修复乡村生态,增强乡镇统筹协调能力"
    ",逐步完善农村基础设施。\n"
    "2.优化政务服务。深化“放管服”改革,规范化建设乡镇综合便民服务中心、村级便"
    "民服务站,全面推行帮办代办制度,落实延时错时等服务机制,加强老年人等特殊群体"
    "引导服务,用好用活政务服务评价体系。大力推行政府信息公开,深化“互联网+政务"
    "服务”,进一步简化、优化办事流程,提升政务服务水平。\n"
    "3.改善人居环境。统筹推进美丽乡镇、村庄、庭院创建,深入实施农村人居环境整治"
    "提升行动,加强农村公路管理养护,加快打造“四好农村路”。坚持“两山”理念,坚"
    "决打好蓝天、碧水、净土保卫战,筑牢绿色生态屏障。充分发挥乡镇生态环境保护委员"
    "会职能作用,完善环保工作机制,抓好中央、省环保督察及“回头看”反馈问题整改。\n"
    "4.加强社会治理。健全乡村治理体系,完善网格化管理服务,构建共建共治共享的乡"
    "村治理格局,提升乡村治理能力现代化水平。建设法治乡村,促进自治法治德治有机结"
    "合,创新乡村治理方式,应用数字化技术提升乡村治理效能,推进农村基层治理服务精"
    "细化。\n"
    "5.增进民生福祉。投入真金白银,拿出真招实策,办好民生实事,提高人民生活品质"
    "。延续实施减负稳岗扩就业政策,实施全民参保计划,健全多层次社会保障体系。持续"
    "开展根治欠薪专项行动,捂紧农民工的“钱袋子”。扎实做好困难群众解困脱困工作,"
    "确保共同富裕路上“一个不掉队”。抓好常态化疫情防控,坚决筑牢“外防输入”防线"
    "。着力做好“一老一小”工作,加快农村居家养老服务站点建设,持续关爱留守儿童,"
    "落实全民健身计划,建设一批群众身边的健身运动场所,让群众参与体育运动、乐享健"
    "康生活。\n"
    "(二)“五型”政府建设先进集体评选条件\n"
    "1.持续深入学习贯彻习近平新时代中国特色社会主义思想、党的二十大精神,牢牢把"
    "握正确政治方向,坚决捍卫“两个确立”,牢固树立“四个意识”、坚定“四个自信”"
    "、做到“两个维护”,不断提高政治判断力、政治领悟力、政治执行力,始终在思想上"
    "、政治上、行动上同以习近平同志为核心的党中央保持高度一致。\n"
    "2.务实担当作为,强化自上而下和自下而上的层级担当,一级解决一级的问题。自觉"
    "把“五型”政府建设与日常工作一起谋划、一同部署、一体落实,让“五型”政府建设"
    "更加贴近实际,更为群众理解、接受和认可,在本单位打造了亮点、形成了品牌、作出"
    "了示范。\n"
    "3.聚焦加快推进高质量跨越式发展,坚持“项目为王”的发展理念,全力服务项目建"
    "设,以大项目引领大投资、支撑大发展。围绕双“一号工程”、“六个江西”建设、“"
    "三大战略、八大行动”实施、破解发展难题、优化政务服务、增进民生福祉、提升治理"
    "能力,在推动高质量跨越式发展方面举措有力、成效显著。\n"
    "4.把“五型”政府建设要求贯穿于政府工作的全过程、各方面,真正成为领导班子和"
    "干部队伍的思想自觉和行动自觉,讲政治、守纪律、负责任、敢担当,牢固树立“不为"
    "不办找理由、只为办好想办法”的工作理念,大力弘扬“事事马上办、人人钉钉子、个"
    "个敢担当”的工作作风,本单位政风、行风发生深刻变化,工作人员服务理念、办事效"
    "率、工作作风有明显转变,各类市场主体和广大群众的认同感、获得感、满意度大幅提"
    "升。\n"
    "(三)“五型”政府建设先进个人评选条件\n"
    "1.政治过硬。矢志不渝坚定理想信念,牢牢把握政治方向,树牢“四个意识”,坚定"
    "“四个自信”,坚决做到“两个维护”,学以致用、学以践行,坚决贯彻执行党的路线"
    "方针政策,真正在学懂弄通做实习近平新时代中国特色社会主义思想上下功夫、走前列"
    "、作表率。\n"
    "2.担当实干。始终胸怀“国之大者”、心系“两个大局”,正确认识大局、自觉服从"
    "大局、坚决维护大局,自觉践行“五型”标准,落实“五型”要求,以“作示范”的担"
    "当、“勇争先”的气魄在本职岗位和重点工作中取得突出成效,在广大干部群众中充分"
    "发挥了模范带头和激励导向作用。\n"
    "3.勤勉奉献。以爱岗敬业为荣,恪尽职守、真抓实干,知重负重、攻坚克难,时刻以"
    "极端负责的优良作风、精益求精的工作态度履职尽责,勇于直面矛盾,敢于较真碰硬,"
    "善于破解难题,真正做到守土有责、守土负责、守土尽责,在服务企业、服务基层、服"
    "务群众中口碑好、满意度高。\n"
    "4.清正廉洁。坚持把清廉当作底色,始终保持忠诚、干净、担当的政治本色,始终做"
    "到秉公用权、廉洁用权、依法依规用权。坚持从自身做起,严格遵守中央八项规定及其"
    "实施细则精神,严谨务实、严于律己,品行端正、作风优良。\n"
    "(四)“五型”政府建设优秀监督员评选条件\n"
    "1.严格按照《兴国县“五型”政府建设监督员选聘管理办法》,聚焦重点领域、重要"
    "工作和关键环节,有的放矢、精准监督,真正“监”在要害处、“督”到关键点,确保"
    "“监”而有力、“督”而有效。\n"
    "2.尽心尽力当好“五型”政府建设“联络员”。了解社情民意、倾听群众诉求、体察"
    "施政得失,帮助政府掌握更多接地气的第一手资料,为政府评价自身工作、科学决策施"
    "政提供有益参考。\n"
    "3.尽心尽力当好“五型”政府建设“参谋员”。对掌握的情况、发现的问题,进行了"
    "深研细究,并提出了针对性的意见建议、可操作性的具体办法,帮助政府解决问题、改"
    "进工作,推动兴国高质量跨越式可持续发展。\n"
    "4.尽心尽力当好“五型”政府建设“宣传员”。学习习近平新时代中国特色社会主义"
    "思想,特别是习近平总书记视察江西和赣州重要讲话精神,了解省委省政府、市委市政"
    "府、县委县政府推出的新政策新举措,了解省、市、县“五型”政府建设的新进展新成"
    "效,并向社会各界特别是基层群众和企业多宣传、多介绍,做到广而告之、解疑释惑,"
    "影响和带动社会各界更为广泛地支持、监督和助力“五型”政府建设。\n"
)


def notice_items() -> dict[str, str]:
    """The items of 四 by section reference, e.g. ``{"四(一)1": "推进乡村振兴。…"}``."""
    items, part = {}, ""
    for line in NOTICE_SECTION_4.splitlines():
        if heading := re.match(r"^\((.)\)", line):
            part = heading.group(1)
        elif item := re.match(r"^(\d)\.(.+)$", line):
            items[f"四({part}){item.group(1)}"] = item.group(2)
    return items


class TestNotice:
    """The Xingguo notice of 2022-11-04."""

    def test_title_issuer_date(self) -> None:
        """The notice's title, issuer and date."""
        assert (
            "关于开展全县“五型”政府建设示范乡镇、先进集体、先进个人和优秀监督员评选的通知",
            "兴国县人民政府办公室",
            dt.date(2022, 11, 4),
        ) == (RULES.source.title, RULES.source.issuer, RULES.source.date)

    def test_quotas(self) -> None:
        """三: 示范乡镇5个、先进集体10个、先进个人10名、优秀监督员2名."""
        assert [5, 10, 10, 2] == [c.quota for c in RULES.categories]

    def test_scopes_verbatim(self) -> None:
        """二: each category's scope in the notice's words."""
        assert [
            "全县各乡镇。",
            "经济开发区、城市社区管委会,县政府各部门,县直(驻县)各单位。",
            "全县政府系统工作人员。",
            "县“五型”政府建设监督员。",
        ] == [c.scope.description_zh for c in RULES.categories]

    def test_criteria_counts(self) -> None:
        """四: 5, 4, 4 and 4 criteria."""
        assert [5, 4, 4, 4] == [len(c.criteria) for c in RULES.categories]

    def test_every_criterion_text_verbatim(self) -> None:
        """四: every criterion carries its item's full text, under its section reference."""
        items = notice_items()
        assert 17 == len(items)
        carried = {k.source: k.text_zh for c in RULES.categories for k in c.criteria}
        assert items == carried

    def test_headings_and_coined_labels(self) -> None:
        """四(一) and 四(三) head their items; 四(二) and 四(四) do not, so labels are coined."""
        headings = {
            "T1": "推进乡村振兴",
            "T2": "优化政务服务",
            "T3": "改善人居环境",
            "T4": "加强社会治理",
            "T5": "增进民生福祉",
            "I1": "政治过硬",
            "I2": "担当实干",
            "I3": "勤勉奉献",
            "I4": "清正廉洁",
        }
        for cat in RULES.categories:
            for k in cat.criteria:
                if k.code in headings:
                    assert (headings[k.code], False) == (k.label_zh, k.label_coined)
                else:
                    assert k.label_coined, k.code

    def test_routes(self) -> None:
        """五(一): units apply, units recommend individuals, the office assesses supervisors."""
        assert [
            Route.SELF_DECLARED,
            Route.SELF_DECLARED,
            Route.RECOMMENDED,
            Route.OFFICE_ASSESSED,
        ] == [c.route for c in RULES.categories]

    def test_on_site_verification(self) -> None:
        """五(二): 实地核查 of the 示范乡镇、先进集体、先进个人 applied or recommended."""
        assert [True, True, True, False] == [c.verified_on_site for c in RULES.categories]

    def test_forms(self) -> None:
        """五(一): the three forms, 纸质版(一式两份)盖章, 电子版; supervisors file none."""
        forms = [c.forms for c in RULES.categories]
        assert forms[3] is None
        assert [
            "《“五型”政府建设示范乡镇申报表》",
            "《“五型”政府建设先进集体申报表》",
            "《“五型”政府建设先进个人推荐表》",
        ] == [f.title_zh for f in forms[:3] if f is not None]
        assert all(
            (f.paper_copies, f.stamped, f.electronic) == (2, True, True) for f in forms[:3] if f
        )

    def test_use_of_results(self) -> None:
        """六(三): the results count in the annual assessment and recommendations upward."""
        statement = next(s for s in RULES.statements if s.key == "use_of_results")
        assert (
            "六(三)",
            "将评选结果作为兴国县“五型”政府建设年度考核以及向省市“五型”政府建设示范乡镇、"
            "先进集体、先进个人推荐的重要依据。",
        ) == (statement.source, statement.text_zh)

    def test_contact_guidance(self) -> None:
        """六(三): 联系指导 for the township and collective selection only."""
        statement = next(s for s in RULES.statements if s.key == "contact_guidance")
        assert "县“五型”办建立全县“五型”政府建设示范乡镇、先进集体评选联系指导制度" in (
            statement.text_zh
        )
        assert ("demonstration-township", "advanced-collective") == statement.categories

    def test_no_notice_period_in_the_notice(self) -> None:
        """六(一) asks for 接受社会监督、公开透明 and sets no 公示: the period is a default."""
        openness = next(s for s in RULES.statements if s.key == "openness")
        assert "接受社会监督,做到公开透明" in openness.text_zh
        assert RULES.declared("periods.notice_working_days") is not None

    def test_readings_are_declared(self) -> None:
        """The notice assigns no criterion to a type, names no veto, gives no scoring model,
        no tie-break and no rule on who recommends whom: each is a declared default."""
        for path in (
            "categories[0].criteria[0].dimensions",
            "categories[3].criteria[3].dimensions",
            "vetoes",
            "scoring.verification_weight",
            "ranking.tie_breaks",
            "categories[2].recommender",
            "categories[1].criteria[0].weight",
        ):
            assert RULES.declared(path) is not None, path
        for path in ("categories[0].quota", "categories[0].scope.description_zh", "source"):
            assert RULES.declared(path) is None, path


class TestTongmuWriteUp:
    """Tongmu town's write-up as an advanced collective, published 2021-08-18."""

    ledger = io.read(EXAMPLES / "tongmu-2021-ledger.json", Ledger)
    as_of = Period(dt.date(2021, 1, 1), dt.date(2021, 8, 18))

    def test_inspections(self) -> None:
        """集中督查32次, 不定期督查41次, 深入企业和便民中心督查90余次, 专项整治督查18次."""
        kinds = self.ledger.inspections_by_kind(self.as_of)
        assert (32, 41, 90, 18) == (
            kinds[InspectionKind.CENTRALIZED],
            kinds[InspectionKind.UNSCHEDULED],
            kinds[InspectionKind.FIELD_ENTERPRISE] + kinds[InspectionKind.FIELD_SERVICE_CENTRE],
            kinds[InspectionKind.SPECIAL_REMEDIATION],
        )

    def test_rectifications(self) -> None:
        """现场要求整改45人次, 责令限期整改16人次."""
        modes = self.ledger.rectifications_by_mode(self.as_of)
        assert (45, 16) == (
            modes[RectificationMode.ON_THE_SPOT],
            modes[RectificationMode.WITHIN_DEADLINE],
        )

    def test_sanctions(self) -> None:
        """处理干部13人、问责7人."""
        sanctions = self.ledger.sanctions_by_kind(self.as_of)
        assert (13, 7) == (
            sanctions[SanctionKind.DEALT_WITH],
            sanctions[SanctionKind.HELD_ACCOUNTABLE],
        )

    def test_nothing_after_the_write_up(self) -> None:
        """Every record is dated on or before 2021-08-18, the write-up's date."""
        day = dt.date(2021, 8, 18)
        assert all(i.on <= day for i in self.ledger.inspections)
        assert all(s.decided_on <= day for s in self.ledger.sanctions)
        end = pendulum.datetime(2021, 8, 18, 23, 59, 59, tz=TZ)
        assert all(s.at <= end for r in self.ledger.rectifications for s in r.steps)
        assert all(r.ordered_at <= end for r in self.ledger.rectifications)

    def test_findings_are_work_style_problems(self) -> None:
        """对镇村干部在工作作风方面存在的问题, under 打造过硬型政府."""
        assert {("镇村干部在工作作风方面存在的问题", Dimension.COMPETENT)} == {
            (f.description, f.dimension) for f in self.ledger.findings
        }

    def test_synthetic_labelled(self) -> None:
        """The ledger says which of its details are synthetic."""
        assert any("synthetic" in note for note in self.ledger.notes)

    def test_service_centre_figures_are_reported(self) -> None:
        """共办理相关事项13000余件, 累计接待群众18000余人次, 按时办结率98.9%: reported, not
        targets."""
        by_name = {i.name: i for i in documented_indicators()}
        expected = {
            "按时办结率": (Decimal("98.9"), Bound.EXACT),
            "政务服务中心办理事项": (Decimal(13000), Bound.OVER),
            "政务服务中心接待群众": (Decimal(18000), Bound.OVER),
        }
        for name, (value, bound) in expected.items():
            indicator = by_name[name]
            assert indicator.target is None
            assert [(value, bound, dt.date(2021, 8, 18))] == [
                (r.value, r.bound, r.on) for r in indicator.readings
            ]

    def test_study_standards_are_targets(self) -> None:
        """每年组织集中学习不少于12次，邀请专家授课2次以上，主要领导讲课4次以上."""
        by_name = {i.name: i for i in documented_indicators()}
        assert [Decimal(12), Decimal(2), Decimal(4)] == [
            by_name[n].target for n in ("集中学习", "邀请专家授课", "主要领导讲课")
        ]


class TestPlan:
    """The “践五型、促十进” plan."""

    tasks = io.read(EXAMPLES / "city-2023-key-tasks.json", TaskList)
    at = pendulum.datetime(2023, 6, 30, tz=TZ)

    def test_areas(self) -> None:
        """三: the ten areas."""
        assert [
            "促进项目建设提速提质提效",
            "促进招商引资上新水平",
            "促进产业做大做强",
            "促进商贸消费升级大提升",
            "促进实体经济平稳健康发展",
            "促进政府治理能力和服务水平提高",
            "促进城乡环境全面优化",
            "促进三大攻坚战打好打赢",
            "促进民生福祉不断改善",
            "促进常态化疫情防控抓实抓细",
        ] == [a.title_zh for a in self.tasks.areas]

    def test_thirty_tasks(self) -> None:
        """三: 30 tasks, numbered 1 to 30."""
        assert list(range(1, 31)) == [t.number for t in self.tasks.tasks]

    def test_task_titles(self) -> None:
        """Some task titles in the plan's words and punctuation."""
        assert "推进老旧小区改造" == self.tasks.task(24).title_zh
        assert "推进市城市功能与品质提升(一期)工程" == self.tasks.task(20).title_zh
        assert "推动铜产业稳定发展,铜产业主营业务收入突破4000亿元" == self.tasks.task(6).title_zh

    def test_lead_counts_where_the_plan_is_clear(self) -> None:
        """市城管局 leads 11, 20, 21, 22; 市住建局 21; 市双创办 none; 25 and 24 apart."""
        load = self.tasks.load(self.at)
        assert (4, 1, 0) == tuple(load[u]["leads"] for u in ("市城管局", "市住建局", "市双创办"))
        assert (1, 1, 1) == tuple(load[u]["unclear"] for u in ("市城管局", "市住建局", "市双创办"))

    def test_tasks_24_and_25_as_written(self) -> None:
        """24: 责任单位:市住建局,责任单位:各区(市)政府; 25: 责任单位:市双创办、市城管局,
        责任单位:各区(市)政府."""
        lists = {t.number: t.unclear_lead for t in self.tasks.unclear()}
        assert [24, 25] == sorted(lists)
        assert (("市住建局",), ("各区(市)政府",), "责任单位") == (
            lists[24].first,  # type: ignore[union-attr]
            lists[24].second,  # type: ignore[union-attr]
            lists[24].label_zh,  # type: ignore[union-attr]
        )
        assert (("市双创办", "市城管局"), ("各区(市)政府",)) == (
            lists[25].first,  # type: ignore[union-attr]
            lists[25].second,  # type: ignore[union-attr]
        )
        assert LeadReading.AS_WRITTEN == self.tasks.lead_reading
        assert self.tasks.task(24).notes

    def test_task_29_has_no_lead(self) -> None:
        """29: 牵头单位:按58件民生实事责任分工对应落实 — a rule, not a unit."""
        task = self.tasks.task(29)
        assert ((), (), "按58件民生实事责任分工对应落实") == (
            task.lead_units,
            task.responsible_units,
            task.allocation_zh,
        )

    def test_task_30(self) -> None:
        """30: 市疫情防控指挥部 leads; six named units and 等指挥部成员单位 share it."""
        task = self.tasks.task(30)
        assert ("市疫情防控指挥部",) == task.lead_units
        assert (
            "市卫健委",
            "市教育局",
            "市民政局",
            "市公安局",
            "市市场监管局",
            "市政府外事办",
        ) == task.responsible_units
        assert any("等指挥部成员单位" in n for n in task.notes)

    def test_targets(self) -> None:
        """5: 8个“5020”项目, 其中入统3个; 6: 4000亿元; 26: 2187人; 29: 58项."""
        assert [Decimal(8), Decimal(3)] == [t.value for t in self.tasks.task(5).targets]
        assert (Decimal(4000), "亿元") == (
            self.tasks.task(6).targets[0].value,
            self.tasks.task(6).targets[0].unit,
        )
        assert Decimal(2187) == self.tasks.task(26).targets[0].value
        assert Decimal(58) == self.tasks.task(29).targets[0].value

    def test_cadences(self) -> None:
        """四(二): 挂点领导 quarterly, 副秘书长 monthly; 四(四): 分管副市长 monthly, 常务副市长
        every two months, 市长 quarterly, 按季督查; 四(六): 每季通报, 半年推进会, 年终考核."""
        assert [
            ("四(二)", Cadence.QUARTERLY, ReviewKind.DISPATCH),
            ("四(二)", Cadence.MONTHLY, ReviewKind.DISPATCH),
            ("四(四)", Cadence.MONTHLY, ReviewKind.DISPATCH),
            ("四(四)", Cadence.BIMONTHLY, ReviewKind.DISPATCH),
            ("四(四)", Cadence.QUARTERLY, ReviewKind.DISPATCH),
            ("四(四)", Cadence.QUARTERLY, ReviewKind.INSPECTION),
            ("四(六)", Cadence.QUARTERLY, ReviewKind.REPORT),
            ("四(六)", Cadence.HALF_YEARLY, ReviewKind.SITE_MEETING),
            ("四(六)", Cadence.YEAR_END, ReviewKind.ASSESSMENT),
        ] == [(r.source, r.cadence, r.kind) for r in self.tasks.dispatch]
        assert ["挂点市政府领导", "对口市政府副秘书长", "市政府各分管副市长"] == [
            r.role for r in self.tasks.dispatch[:3]
        ]

    def test_three_looks_three_comparisons(self) -> None:
        """四(六): 看大不看小、看新不看旧、看特不看平,比变化、比后劲、比民生改善."""
        assessment = self.tasks.dispatch[-1]
        assert (
            "看大不看小",
            "看新不看旧",
            "看特不看平",
            "比变化",
            "比后劲",
            "比民生改善",
        ) == assessment.terms_zh

    def test_project_dispatch_concerns_project_tasks_only(self) -> None:
        """四(四)'s schedule concerns project construction, not all 30 tasks."""
        for rule in self.tasks.dispatch:
            if rule.source == "四(四)":
                assert (1, 2, 3, 4) == rule.tasks
            if rule.source == "四(二)":
                assert () == rule.tasks
        assert self.tasks.declared_defaults


class TestTownshipReports:
    """The pilot township's report (截至目前) and the service-type township's report (目前)."""

    by_name: ClassVar[dict[str, Indicator]] = {i.name: i for i in documented_indicators()}

    def figures(self, name: str) -> list[tuple[Decimal, Bound, str]]:
        return [(r.value, r.bound, r.as_of_zh) for r in self.by_name[name].readings]

    def test_pilot_township(self) -> None:
        """主要道路硬化率95%以上, 自来水普及率98%, 4G网络覆盖率100%: 截至目前."""
        assert [(Decimal(95), Bound.AT_LEAST, "截至目前")] == self.figures("主要道路硬化率")
        assert [(Decimal(98), Bound.EXACT, "截至目前")] == self.figures("自来水普及率")
        assert [(Decimal(100), Bound.EXACT, "截至目前")] == self.figures("4G网络覆盖率")

    def test_pilot_township_insurance(self) -> None:
        """城乡居民基本医疗保险参保率达到了99%以上."""
        assert [(Decimal(99), Bound.AT_LEAST, "")] == self.figures("城乡居民基本医疗保险参保率")

    def test_reported_not_targets(self) -> None:
        """The reports set no target: their indicators have none."""
        for name in ("主要道路硬化率", "自来水普及率", "4G网络覆盖率", "喝上自来水的村民"):
            assert self.by_name[name].target is None

    def test_service_township(self) -> None:
        """70%以上的村民喝上了自来水, 95%的零就业家庭得到安置, 97%的农民参加了农村合作医疗,
        80%以上的机关干部掌握了1—2门实用技能."""
        assert [(Decimal(70), Bound.AT_LEAST, "目前")] == self.figures("喝上自来水的村民")
        assert [(Decimal(95), Bound.EXACT, "目前")] == self.figures("得到安置的零就业家庭")
        assert [(Decimal(97), Bound.EXACT, "目前")] == self.figures("参加农村合作医疗的农民")
        assert [(Decimal(80), Bound.AT_LEAST, "目前")] == self.figures(
            "掌握1—2门实用技能的机关干部"
        )

    def test_damaged_figures_not_guessed(self) -> None:
        """The copy's “20230%” figures are kept without a value."""
        for name in ("消灭了危房的中小学", "实现应保尽保的困难家庭"):
            assert () == self.by_name[name].readings
            assert "20230%" in self.by_name[name].note
