"""A year's State Council holiday arrangement (部分节假日安排), supplied as data.

Each year the General Office of the State Council publishes the next year's holidays and the
adjusted working days (调休上班) in a notice (《国务院办公厅关于20XX年部分节假日安排的通知》).
The ``holidays`` package carries the notices up to the year it was released for; a round whose
public notice runs into a later year needs that year's arrangement, which a county supplies as
a small TOML file::

    year = 2027
    notice = "国办发明电〔2026〕X号"
    holidays = [2027-01-01, 2027-02-06, 2027-02-07]
    working_days = [2027-02-20]

``holidays`` are the days off (放假), weekend days inside a holiday included; ``working_days``
are the weekend days worked instead (调休上班). Every date lies in ``year``; no date is both;
an adjusted working day is a Saturday or a Sunday (a weekday is a working day anyway). The
arrangement's :attr:`~Arrangement.digest` names it in a round's log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from pathlib import Path

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing._core.convert import dump
from wuxing._core.convert import load as load_data
from wuxing._core.files import read_text
from wuxing.errors import Problem, ValidationError

__all__ = ["Arrangement", "loads_arrangement", "read_arrangement"]


@attrs.frozen
class Arrangement:
    """One year's holidays and adjusted working days, as the State Council's notice gives them.

    Args:
        year: The year arranged.
        notice: The notice's number (文号), e.g. ``"国办发明电〔2026〕X号"``.
        holidays: The days off (放假), weekend days within a holiday included.
        working_days: The weekend days worked instead (调休上班).
        title: The notice's title, optional.

    >>> a = Arrangement(2027, "国办发明电〔2026〕X号", [dt.date(2027, 1, 1)], [])
    >>> a.is_working_day(dt.date(2027, 1, 1)), a.is_working_day(dt.date(2027, 1, 4))
    (False, True)

    Raises:
        ValidationError: every problem at once (a date outside the year, a date listed twice
            or as both, an adjusted working day on a weekday), each with its path.
    """

    year: int
    notice: str
    holidays: tuple[dt.date, ...] = attrs.field(converter=as_tuple)
    working_days: tuple[dt.date, ...] = attrs.field(converter=as_tuple, default=())
    title: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Arrangement")
        year_ok = c.integer("year", self.year, minimum=1949) and c.that(
            self.year <= 9999, "year", "too_large", f"{self.year} is not a year"
        )
        c.text("notice", self.notice)
        c.of_type("title", self.title, str)
        seen: dict[dt.date, str] = {}
        for name in ("holidays", "working_days"):
            days = getattr(self, name)
            if not c.of_type(name, days, tuple):
                continue
            for i, day in enumerate(days):
                path = f"{name}[{i}]"
                if not c.date(path, day):
                    continue
                if year_ok:
                    c.that(
                        day.year == self.year,
                        path,
                        "outside_year",
                        f"{day.isoformat()} is not in {self.year}",
                    )
                if day in seen:
                    both = not seen[day].startswith(name)
                    c.add(
                        path,
                        "overlap" if both else "duplicate",
                        f"{day.isoformat()} is also at {seen[day]}"
                        + (": a day is either off or worked" if both else ""),
                    )
                else:
                    seen[day] = path
                if name == "working_days":
                    c.that(
                        day.weekday() >= 5,
                        path,
                        "not_weekend",
                        f"{day.isoformat()} is a weekday, a working day anyway: an adjusted "
                        "working day (调休上班) is a Saturday or a Sunday",
                    )
        if isinstance(self.holidays, tuple):
            c.that(bool(self.holidays), "holidays", "empty", "name the year's days off")
        c.done()

    @property
    def digest(self) -> str:
        """SHA-256 of the arrangement's canonical JSON (dates sorted): its name in a log."""
        data = dump(self)
        data["holidays"] = sorted(data["holidays"])
        data["working_days"] = sorted(data["working_days"])
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` (in :attr:`year`) is a working day under this arrangement."""
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.holidays


def loads_arrangement(text: str, *, name: str = "arrangement") -> Arrangement:
    """An :class:`Arrangement` from its TOML text.

    Raises:
        ValidationError: the TOML does not parse, or every problem of the arrangement.

    >>> arr = loads_arrangement('''
    ... year = 2027
    ... notice = "国办发明电〔2026〕X号"
    ... holidays = [2027-01-01]
    ... working_days = [2027-01-02]
    ... ''')
    >>> arr.year, arr.working_days
    (2027, (datetime.date(2027, 1, 2),))
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError([Problem("", "toml_syntax", str(exc))], subject=name) from None
    return load_data(data, Arrangement, subject=name)


def read_arrangement(path: str | Path) -> Arrangement:
    """An :class:`Arrangement` from a TOML file (see :func:`loads_arrangement`)."""
    return loads_arrangement(read_text(path), name=str(path))
