"""The office's settlement of a tie (集体研究确定): which tied applications take the seats.

A tie that the ruleset's tie-breaks cannot break and its final rule leaves to the office is
reported by the evaluation as pending. The office decides it collectively and records the
decision as a :class:`Settlement`; given back to :func:`~wuxing.evaluate`, the settlement makes
the result recomputable: the same bundle and the same settlements give the same selection.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs

from wuxing._core.checks import Checks, as_frozenset, as_tuple
from wuxing._core.time import as_pendulum
from wuxing.model.bounds import LONG_TEXT

__all__ = ["Settlement", "TieKind"]


class TieKind(StrEnum):
    """What a tie is about.

    * ``seats``: more tied applications than seats left; the settlement names who takes them.
    * ``reserve``: tied applications on the reserve list; the settlement gives their order.
    """

    SEATS = "seats"
    RESERVE = "reserve"


@attrs.frozen
class Settlement:
    """The office's recorded decision on one tie.

    Args:
        id: The identifier, named in the reasons of the applications it decides.
        category_id: The category of the tie.
        tied: The tied applications, exactly as the evaluation reported them.
        chosen: For a ``seats`` tie, the applications that take the seats, as many as there
            are seats; for a ``reserve`` tie, all the tied applications in their order.
        decided_by: Everyone who took part in the decision (集体研究), at least one.
        grounds: Why, in words the office can publish.
        decided_at: When it was decided, aware.
        kind: :class:`TieKind`, ``seats`` unless given.

    >>> import pendulum
    >>> s = Settlement("S1", "demonstration-township", {"dt-t03", "dt-t04"}, ["dt-t04"],
    ...                ["office-1", "office-2"], "实地核查中群众满意度较高",
    ...                pendulum.datetime(2023, 1, 11, 9, tz="Asia/Shanghai"))
    >>> s.chosen, s.kind.value
    (('dt-t04',), 'seats')
    """

    id: str
    category_id: str
    tied: frozenset[str] = attrs.field(converter=as_frozenset)
    chosen: tuple[str, ...] = attrs.field(converter=as_tuple)
    decided_by: tuple[str, ...] = attrs.field(converter=as_tuple)
    grounds: str
    decided_at: dt.datetime = attrs.field(converter=as_pendulum)
    kind: TieKind = TieKind.SEATS

    def __attrs_post_init__(self) -> None:
        c = Checks("Settlement")
        c.ident("id", self.id)
        c.ident("category_id", self.category_id)
        if c.of_type("tied", self.tied, frozenset):
            for app_id in sorted(self.tied, key=str):
                c.ident("tied", app_id)
            c.that(len(self.tied) >= 2, "tied", "too_few", "a tie has at least two applications")
        if c.of_type("chosen", self.chosen, tuple) and c.items("chosen", self.chosen, str):
            c.unique("chosen", self.chosen, lambda a: a, "application")
            c.that(bool(self.chosen), "chosen", "empty", "name at least one application")
            if isinstance(self.tied, frozenset):
                for i, app_id in enumerate(self.chosen):
                    c.that(
                        app_id in self.tied,
                        f"chosen[{i}]",
                        "not_tied",
                        f"{app_id!r} is not one of the tied applications",
                    )
        if c.of_type("decided_by", self.decided_by, tuple):
            c.that(bool(self.decided_by), "decided_by", "empty", "name who decided")
            for i, actor in enumerate(self.decided_by):
                c.ident(f"decided_by[{i}]", actor)
            c.unique("decided_by", self.decided_by, lambda a: a, "participant")
        c.text("grounds", self.grounds, max_length=LONG_TEXT)
        c.aware("decided_at", self.decided_at)
        if c.enum("kind", self.kind, TieKind) and isinstance(self.tied, frozenset):
            c.that(
                self.kind is not TieKind.RESERVE or set(self.chosen) == self.tied,
                "chosen",
                "incomplete_order",
                "a reserve settlement orders every tied application",
            )
        c.done()
