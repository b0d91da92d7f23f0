"""The indicators the source documents state, each figure with the document that states it.

Three write-ups give figures: Tongmu town's write-up as an advanced collective (2021-08-18),
a pilot township's progress report on service capacity, and a township's report on building a
service-type government (a copy whose OCR reads 效劳 for 服务 and garbles some figures). They
report achievements; only the Tongmu write-up also sets itself standards (“不少于12次”), which
are kept as targets. Figures the damaged copy does not show are kept as indicators without a
reading, with a note.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wuxing.tasks.indicators import Bound, Indicator, Reading

__all__ = ["PILOT_REPORT", "SERVICE_REPORT", "TONGMU_2021", "documented_indicators"]

TONGMU_2021 = "“五型”政府建设先进集体事迹（桐木镇人民政府）"
"""Tongmu town's write-up as a Five-Type advanced collective, published 2021-08-18."""
PILOT_REPORT = "《乡镇政府服务能力建设工作进展情况报告》"
"""A pilot township's report on its service capacity; undated."""
SERVICE_REPORT = "《乡镇打造服务型政府经验汇报材料》"
"""A township's report on building a service-type government (the copy reads 效劳型)."""

_TONGMU_DAY = dt.date(2021, 8, 18)


def _tongmu(value: str, bound: Bound, quote: str) -> Reading:
    return Reading(_TONGMU_DAY, Decimal(value), bound, TONGMU_2021, "建成使用以来", quote)


def _pilot(value: str, bound: Bound, quote: str, as_of: str = "截至目前") -> Reading:
    return Reading(None, Decimal(value), bound, PILOT_REPORT, as_of, quote)


def _service(value: str, bound: Bound, quote: str, as_of: str = "目前") -> Reading:
    return Reading(None, Decimal(value), bound, SERVICE_REPORT, as_of, quote)


_DAMAGED = "the copy reads “20230%”, a damaged figure: no value is recorded"


def documented_indicators() -> tuple[Indicator, ...]:
    """Every indicator the three write-ups state, targets and reported values kept apart.

    >>> by_name = {i.name: i for i in documented_indicators()}
    >>> on_time = by_name["按时办结率"]
    >>> reading = on_time.readings[0]
    >>> on_time.target is None, reading.value, reading.source == TONGMU_2021
    (True, Decimal('98.9'), True)
    >>> roads = by_name["主要道路硬化率"].readings[0]
    >>> roads.value, roads.bound.value, roads.as_of_zh
    (Decimal('95'), 'at_least', '截至目前')
    """
    at_least, over, exact = Bound.AT_LEAST, Bound.OVER, Bound.EXACT
    return (
        # Tongmu town, 2021-08-18: the service centre's figures since it opened (三).
        Indicator("按时办结率", "%", readings=(_tongmu("98.9", exact, "按时办结率98.9%"),)),
        Indicator(
            "政务服务中心办理事项",
            "件",
            readings=(_tongmu("13000", over, "共办理相关事项13000余件"),),
        ),
        Indicator(
            "政务服务中心接待群众",
            "人次",
            readings=(_tongmu("18000", over, "累计接待群众18000余人次"),),
        ),
        # Tongmu town's own standards for study (一): targets it sets, not reported counts.
        Indicator(
            "集中学习", "次/年", Decimal(12), source=TONGMU_2021, note="每年组织集中学习不少于12次"
        ),
        Indicator(
            "邀请专家授课", "次/年", Decimal(2), source=TONGMU_2021, note="邀请专家授课2次以上"
        ),
        Indicator(
            "主要领导讲课", "次/年", Decimal(4), source=TONGMU_2021, note="主要领导讲课4次以上"
        ),
        # The pilot township's report (二): achievements 截至目前, no targets.
        Indicator(
            "主要道路硬化率",
            "%",
            readings=(_pilot("95", at_least, "全镇主要道路硬化率达到了95%以上"),),
        ),
        Indicator("自来水普及率", "%", readings=(_pilot("98", exact, "自来水普及率达到了98%"),)),
        Indicator("4G网络覆盖率", "%", readings=(_pilot("100", exact, "4G网络覆盖率达到100%"),)),
        Indicator(
            "城乡居民基本医疗保险参保率",
            "%",
            readings=(
                _pilot("99", at_least, "城乡居民基本医疗保险参保率达到了99%以上", as_of=""),
            ),
        ),
        # The service-type township's report: achievements 目前 (一 and 二).
        Indicator(
            "喝上自来水的村民",
            "%",
            readings=(_service("70", at_least, "全乡70%以上的村民喝上了自来水"),),
        ),
        Indicator(
            "得到安置的零就业家庭",
            "%",
            readings=(_service("95", exact, "95%的零就业家庭得到安置"),),
        ),
        Indicator(
            "参加农村合作医疗的农民",
            "%",
            readings=(_service("97", exact, "97%的农民参加了农村合作医疗"),),
        ),
        Indicator("消灭了危房的中小学", "%", note=_DAMAGED),
        Indicator("实现应保尽保的困难家庭", "%", note=_DAMAGED),
        Indicator(
            "掌握1—2门实用技能的机关干部",
            "%",
            readings=(_service("80", at_least, "全乡80%以上的机关干部掌握了1—2门实用技能"),),
        ),
        Indicator(
            "地方收入",
            "万元",
            readings=(_service("450.5", exact, "其中地方收入完成450.5万元", as_of="1—6月"),),
        ),
        Indicator(
            "地方收入占计划任务",
            "%",
            readings=(_service("126.4", exact, "126.4%,顺利实现了“双过半〞", as_of="1—6月"),),
            note="the copy reads 方案任务 for 计划任务; the share of 财政总收入 is damaged",
        ),
        Indicator("财政总收入", "万元", note="the copy reads “202327.1万元”, a damaged figure"),
        Indicator(
            "引进项目", "个", readings=(_service("3", exact, "引进工程3个", as_of="1—6月"),)
        ),
        Indicator(
            "签约资金",
            "万元",
            readings=(_service("5000", exact, "签约资金5000万元", as_of="1—6月"),),
        ),
        Indicator(
            "干部学院等远程教育投入",
            "万元",
            readings=(_service("30", over, "投入30多万元", as_of=""),),
        ),
    )
