"""Unclear leads: a task whose unit lists do not say which of them leads, and its readings.

The “践五型、促十进” plan writes tasks 24 and 25 with two lists both labelled 责任单位, where
every other task writes 牵头单位 first. The lists are kept as written (:class:`UnclearLead`);
a :class:`LeadReading` turns them into lead and responsible units.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_tuple

__all__ = ["LeadReading", "UnclearLead"]


class LeadReading(StrEnum):
    """How a task whose unit lists are both labelled 责任单位 is read.

    * ``as_written``: as the plan writes it: every unit is responsible, no lead is named.
    * ``first_as_lead``: the first list is read as the lead units (牵头单位), where every
      other task of the plan puts them.
    """

    AS_WRITTEN = "as_written"
    FIRST_AS_LEAD = "first_as_lead"


@attrs.frozen
class UnclearLead:
    """A task's two unit lists as the plan writes them, when it does not say which leads.

    Args:
        first: The first list of units.
        second: The second list.
        label_zh: The label the plan gives both, e.g. ``"责任单位"``.

    >>> u = UnclearLead(("市住建局",), ("各区(市)政府",))
    >>> u.read(LeadReading.AS_WRITTEN), u.read(LeadReading.FIRST_AS_LEAD)
    (((), ('市住建局', '各区(市)政府')), (('市住建局',), ('各区(市)政府',)))
    """

    first: tuple[str, ...] = attrs.field(converter=as_tuple)
    second: tuple[str, ...] = attrs.field(converter=as_tuple)
    label_zh: str = "责任单位"

    def __attrs_post_init__(self) -> None:
        c = Checks("UnclearLead")
        for name in ("first", "second"):
            items = getattr(self, name)
            if c.of_type(name, items, tuple) and c.items(name, items, str):
                c.that(bool(items), name, "empty", "name at least one unit")
        c.text("label_zh", self.label_zh)
        c.done()

    def read(self, reading: LeadReading) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The lead and responsible units under ``reading``."""
        if reading is LeadReading.FIRST_AS_LEAD:
            return self.first, self.second
        return (), (*self.first, *self.second)
