"""The office's assessment (综合评估) of an entrant of a category it does not verify on site.

The Xingguo notice verifies the first three categories on site (五(二)) and has the county's
Five-Type office assess outstanding supervisors itself, from their day-to-day performance of
their duties and their part in special supervision activities (结合监督员日常履职表现、参与专题
监督活动等情况进行综合评估, 五(一)). A category that is not verified on site
(:attr:`~wuxing.model.categories.Category.verified_on_site` false) is scored from one
:class:`Assessment` per entrant, never from score sheets; the category names what the
assessment rests on (:attr:`~wuxing.model.categories.Category.assessed_on`), and every
assessment notes each of those aspects.
"""

from __future__ import annotations

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing.model.bounds import LONG_TEXT, MAX_CRITERIA
from wuxing.model.records import Mark, ScoreSheet

__all__ = ["Assessment", "AssessmentNote"]


@attrs.frozen
class AssessmentNote:
    """What an assessment found on one aspect the category names.

    Args:
        aspect: The aspect, as the category names it (``"日常履职表现"``).
        text: What the office found.
    """

    aspect: str
    text: str

    def __attrs_post_init__(self) -> None:
        c = Checks("AssessmentNote")
        c.text("aspect", self.aspect)
        c.text("text", self.text, max_length=LONG_TEXT)
        c.done()


@attrs.frozen
class Assessment:
    """The office's assessment of one entrant: its marks and what it rests on.

    Args:
        application_id: The application (for supervisors: the office's proposal) assessed.
        assessor_id: The office member who signs the assessment; never the entrant nor a
            member of the entrant's unit.
        marks: One :class:`~wuxing.model.records.Mark` per criterion of the category, as on a
            score sheet.
        notes: One :class:`AssessmentNote` per aspect the category names.

    >>> from decimal import Decimal
    >>> note = AssessmentNote("日常履职表现", "全年按时参加监督活动")
    >>> a = Assessment("os-s01", "o01", [Mark("S1", Decimal(22))], [note])
    >>> a.as_sheet().inspector_id
    'o01'
    """

    application_id: str
    assessor_id: str
    marks: tuple[Mark, ...] = attrs.field(converter=as_tuple)
    notes: tuple[AssessmentNote, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("Assessment")
        c.ident("application_id", self.application_id)
        c.ident("assessor_id", self.assessor_id)
        if c.of_type("marks", self.marks, tuple) and c.items(
            "marks", self.marks, Mark, max_items=MAX_CRITERIA
        ):
            c.unique("marks", self.marks, lambda m: m.code, "criterion")
        if c.of_type("notes", self.notes, tuple) and c.items(
            "notes", self.notes, AssessmentNote, max_items=MAX_CRITERIA
        ):
            c.unique("notes", self.notes, lambda n: n.aspect, "aspect")
        c.done()

    def as_sheet(self) -> ScoreSheet:
        """The assessment's marks as the one sheet the category is scored from."""
        return ScoreSheet(self.application_id, self.assessor_id, self.marks)
