"""The layout of a round's workbook: one sheet per table, one column per field.

Every data sheet has two header rows: the Chinese header (row 1) and the field name beneath it
(row 2), which is what the importer reads; data starts on row 3. :func:`layout` gives the
tables for a ruleset: the fixed ones (campaign, units, people, …) and one score-sheet table per
category, with one column per criterion. The same layout serves a folder of CSV files, one file
per sheet, named after it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from wuxing.interchange.cells import Kind, choices_of
from wuxing.model.dimensions import Dimension
from wuxing.model.records import SanctionKind
from wuxing.model.rulesets import Ruleset
from wuxing.model.settlements import TieKind
from wuxing.model.units import UnitKind

__all__ = [
    "ASSESSMENT_PREFIX",
    "EXTRA_SHEET",
    "INSTRUCTIONS_SHEET",
    "NOTE_PREFIX",
    "OPTIONS_SHEET",
    "SCORE_PREFIX",
    "Column",
    "Table",
    "category_choices",
    "layout",
    "other_assessments",
]

INSTRUCTIONS_SHEET = "填写说明"
OPTIONS_SHEET = "选项"
EXTRA_SHEET = "附加数据"
SCORE_PREFIX = "评分表"
ASSESSMENT_PREFIX = "综合评估"
NOTE_PREFIX = "note:"
"""A column of an assessment table whose field starts with this holds the office's note on the
aspect that follows (``note:日常履职表现``)."""
_NO_CHOICES: Mapping[str, str] = MappingProxyType({})


@attrs.frozen
class Column:
    """One column of a table.

    Attributes:
        field: The field's name, written beneath the header (``forms.stamped``); a criterion's
            code in a score sheet.
        header: The Chinese header.
        kind: What the column holds (:class:`~wuxing.interchange.cells.Kind`).
        required: Whether every row must fill it.
        choices: The words a choice column accepts, each mapped to its code.
        note: A hint for the instructions sheet.
    """

    field: str
    header: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: Mapping[str, str] = _NO_CHOICES
    note: str = ""

    def label(self, code: str) -> str:
        """The word written for a choice's ``code``: its Chinese word when it has one."""
        for word, value in self.choices.items():
            if value == code and word != code:
                return word
        return code


@attrs.frozen
class Table:
    """One table of the round: a sheet in a workbook, a file in a CSV folder.

    Attributes:
        key: The bundle field it fills (``units``; ``sheets`` for a score sheet,
            ``assessments`` for the office's assessments of a category).
        sheet: The sheet's name (``单位``).
        columns: The columns, in order.
        about: What the table is, for the instructions sheet.
        category_id: For a score sheet or an assessment table, the category whose criteria
            are its columns.
    """

    key: str
    sheet: str
    columns: tuple[Column, ...]
    about: str
    category_id: str | None = None

    def column(self, field: str) -> Column | None:
        """The column of ``field``, if the table has one."""
        return next((c for c in self.columns if c.field == field), None)


def _c(
    field: str, header: str, kind: Kind = Kind.TEXT, required: bool = False, **kw: object
) -> Column:
    return Column(field, header, kind, required, **kw)  # type: ignore[arg-type]


def category_choices(ruleset: Ruleset | None) -> dict[str, str]:
    """Category title (when titles are unique) or id → id."""
    if ruleset is None:
        return {}
    found = {k.id: k.id for k in ruleset.categories}
    titles = [k.title_zh for k in ruleset.categories]
    if len(set(titles)) == len(titles):
        found.update({k.title_zh: k.id for k in ruleset.categories if k.title_zh not in found})
    return found


_YES_NO = MappingProxyType({"是": "是", "否": "否"})


def _fixed(ruleset: Ruleset | None) -> list[Table]:
    kinds = MappingProxyType(choices_of(UnitKind))
    types = MappingProxyType(choices_of(Dimension))
    categories = MappingProxyType(category_choices(ruleset))
    return [
        Table(
            "campaign",
            "评选活动",
            (
                _c("id", "活动编号", required=True, note="如 xingguo-2023"),
                _c("ruleset_id", "评选规则", required=True, note="如 xingguo-2022"),
                _c("year", "评选年度", Kind.INTEGER, True),
                _c("deadline", "申报截止日期", Kind.DATE, True),
                _c("time_zone", "时区", note="不填为 Asia/Shanghai"),
                _c("title", "活动名称", note="印在名单和公示上"),
            ),
            "本次评选活动（只填一行）",
        ),
        Table(
            "units",
            "单位",
            (
                _c("id", "单位编号", required=True),
                _c("name", "单位名称", required=True),
                _c("kind", "单位类型", Kind.CHOICE, True, choices=kinds),
                _c("division_code", "行政区划代码", required=True, note="6位，如 360732"),
                _c("credit_code", "统一社会信用代码"),
            ),
            "参评和推荐的单位",
        ),
        Table(
            "people",
            "人员",
            (
                _c("id", "人员编号", required=True),
                _c("name", "姓名", required=True),
                _c("unit_id", "所在单位编号", required=True),
                _c("position", "职务", required=True),
                _c("resident_id", "身份证号码"),
            ),
            "被推荐的工作人员",
        ),
        Table(
            "supervisors",
            "监督员",
            (
                _c("id", "监督员编号", required=True),
                _c("name", "姓名", required=True),
                _c("term_start", "聘期开始", Kind.DATE, True),
                _c("term_end", "聘期结束", Kind.DATE, True),
                _c("affiliation", "来源"),
                _c("unit_id", "所在单位编号"),
            ),
            "“五型”政府建设监督员",
        ),
        Table(
            "applications",
            "申报表",
            (
                _c("id", "申报编号", required=True),
                _c("category_id", "评选类别", Kind.CHOICE, True, choices=categories),
                _c("applicant_id", "申报对象编号", required=True, note="单位、人员或监督员编号"),
                _c("submitted_at", "报送时间", Kind.DATETIME, True, note="如 2022-12-28 16:30"),
                _c("recommended_by", "推荐单位编号", note="先进个人填写"),
                _c("forms.paper_copies", "纸质份数", Kind.INTEGER),
                _c("forms.stamped", "盖章", Kind.BOOLEAN),
                _c("forms.electronic", "电子版", Kind.BOOLEAN),
                _c("proposed_by_office", "县“五型”办提名", Kind.BOOLEAN, note="优秀监督员填“是”"),
                _c("groups", "分组", Kind.LIST, note="多个用逗号分隔"),
            ),
            "申报、推荐和县“五型”办提名",
        ),
        Table(
            "evidence",
            "佐证材料",
            (
                _c("application_id", "申报编号", required=True),
                _c("title", "材料名称", required=True),
                _c("dimension", "五型", Kind.CHOICE, choices=types),
                _c("indicator", "指标"),
                _c("value", "数值", Kind.DECIMAL),
                _c("unit", "计量单位"),
            ),
            "申报的佐证材料（每条一行）",
        ),
        Table(
            "annual_scores",
            "年度考评",
            (
                _c("applicant_id", "申报对象编号", required=True),
                _c("score", "年度考评得分", Kind.DECIMAL, True, note="0–100"),
            ),
            "“五型”政府建设年度考评得分",
        ),
        Table(
            "flags",
            "否决情形",
            (
                _c("applicant_id", "申报对象编号", required=True),
                _c("code", "情形代码", required=True, note="如 major-safety-incident"),
                _c("reason_zh", "情形说明", required=True),
            ),
            "县“五型”办认定的一票否决情形",
        ),
        Table(
            "extensions",
            "延期申报",
            (
                _c("application_id", "申报编号", required=True),
                _c("until", "延至日期", Kind.DATE, True),
                _c("reason", "理由", required=True),
            ),
            "县“五型”办准予延期报送的申报",
        ),
        Table(
            "rectifications",
            "整改记录",
            (
                _c("id", "编号", required=True),
                _c("subject_id", "整改对象编号", required=True),
                _c("ordered_at", "下达时间", Kind.DATETIME, True),
                _c("deadline", "整改期限", Kind.DATETIME, True),
                _c("accepted_at", "验收销号时间", Kind.DATETIME),
                _c("description", "整改事项"),
            ),
            "整改（一票否决依据）",
        ),
        Table(
            "sanctions",
            "处理记录",
            (
                _c("id", "编号", required=True),
                _c("person_id", "人员编号", required=True),
                _c("kind", "处理类型", Kind.CHOICE, True, choices=choices_of(SanctionKind)),
                _c("decided_on", "决定日期", Kind.DATE, True),
                _c("description", "事由"),
            ),
            "处理、问责、诫勉谈话",
        ),
        Table(
            "findings",
            "督查问题",
            (
                _c("id", "编号", required=True),
                _c("subject_id", "问题对象编号", required=True),
                _c("found_on", "发现日期", Kind.DATE, True),
                _c("description", "问题描述"),
            ),
            "督查发现的问题（并列时比较）",
        ),
        Table(
            "settlements",
            "并列决定",
            (
                _c("id", "编号", required=True),
                _c("category_id", "评选类别", Kind.CHOICE, True, choices=categories),
                _c("tied", "并列申报编号", Kind.LIST, True),
                _c("chosen", "确定申报编号", Kind.LIST, note="按顺序"),
                _c("decided_by", "参与研究人员", Kind.LIST, True),
                _c("grounds", "依据", required=True),
                _c("decided_at", "决定时间", Kind.DATETIME, True),
                _c("kind", "类型", Kind.CHOICE, choices=choices_of(TieKind)),
            ),
            "县“五型”办集体研究确定的并列名次",
        ),
    ]


_SEQ = Column("seq", "序号", Kind.INTEGER, note="评分表的顺序，可不填（不填按表中顺序）")
_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _score_tables(ruleset: Ruleset) -> list[Table]:
    titles = [k.title_zh for k in ruleset.categories]
    prefix = _common_prefix(titles) if len(titles) > 1 else ""
    tables: list[Table] = []
    used: set[str] = set()
    for category, title in zip(ruleset.categories, titles, strict=True):
        short = _UNSAFE.sub("", title[len(prefix) :] or title).strip("' ") or category.id
        name = f"{SCORE_PREFIX}·{short}"[:31]
        n = 2
        while name in used:
            name = f"{SCORE_PREFIX}·{short}"[: 31 - len(str(n)) - 1] + f"-{n}"
            n += 1
        used.add(name)
        marks = []
        for k in category.criteria:
            if k.required:
                header, note = f"{k.code} {k.title_zh}（是/否）", "必备条件：是 或 否"
            else:
                header, note = f"{k.code} {k.title_zh}（满分{k.maximum}）", f"0–{k.maximum} 分"
            marks.append(_c(k.code, header, Kind.MARK, True, note=note))
        if not category.verified_on_site:
            name = f"{ASSESSMENT_PREFIX}·{name[len(SCORE_PREFIX) + 1 :]}"[:31]
            columns = [*_ASSESSMENT_FIELDS, *marks, *_note_columns(category.assessed_on, True)]
            about = f"{category.title_zh} 县“五型”办综合评估（每人一行）"
            tables.append(Table("assessments", name, tuple(columns), about, category.id))
            continue
        columns = [
            _SEQ,
            _c("application_id", "申报编号", required=True),
            _c("inspector_id", "评分人编号", required=True),
            _c("inspector_unit_id", "评分人单位编号"),
            *marks,
        ]
        tables.append(
            Table("sheets", name, tuple(columns), f"{category.title_zh} 实地核查评分", category.id)
        )
    return tables


_ASSESSMENT_FIELDS = (
    Column("application_id", "申报编号", Kind.TEXT, True),
    Column("assessor_id", "评估人编号", Kind.TEXT, True, note="县“五型”办签署评估的人员"),
)


def _note_columns(aspects: tuple[str, ...] | list[str], required: bool) -> list[Column]:
    return [
        _c(f"{NOTE_PREFIX}{a}", f"{a}（评估情况）", Kind.TEXT, required, note="评估依据")
        for a in aspects
    ]


def other_assessments(codes: list[str], aspects: list[str]) -> Table:
    """The assessment table for assessments of applications whose category the rules do not
    assess: one column per criterion code and per aspect found."""
    columns = [
        *_ASSESSMENT_FIELDS,
        *(_c(code, code, Kind.MARK) for code in codes),
        *_note_columns(aspects, False),
    ]
    return Table("assessments", f"{ASSESSMENT_PREFIX}·其他", tuple(columns), "其他类别的评估")


def _common_prefix(titles: list[str]) -> str:
    shortest = min(titles, key=len)
    for i, ch in enumerate(shortest):
        if any(t[i] != ch for t in titles):
            return shortest[:i]
    return shortest


def other_scores(codes: list[str]) -> Table:
    """The score-sheet table for sheets of applications whose category the rules lack."""
    columns = [
        _SEQ,
        _c("application_id", "申报编号", required=True),
        _c("inspector_id", "评分人编号", required=True),
        _c("inspector_unit_id", "评分人单位编号"),
        *(_c(code, code, Kind.MARK) for code in codes),
    ]
    return Table("sheets", f"{SCORE_PREFIX}·其他", tuple(columns), "其他类别的评分")


def layout(ruleset: Ruleset | None) -> list[Table]:
    """The tables of a round under ``ruleset``, in the order of the workbook's sheets.

    >>> from wuxing import rulesets
    >>> [t.sheet for t in layout(rulesets.load("xingguo-2022"))][:5]
    ['评选活动', '单位', '人员', '监督员', '申报表']
    >>> [t.sheet for t in layout(rulesets.load("xingguo-2022")) if t.category_id]
    ['评分表·示范乡镇', '评分表·先进集体', '评分表·先进个人', '综合评估·优秀监督员']
    """
    fixed = _fixed(ruleset)
    scores = _score_tables(ruleset) if ruleset is not None else []
    # Score sheets follow the applications and their evidence, where the office fills them in.
    return [*fixed[:6], *scores, *fixed[6:]]


YES_NO = _YES_NO
