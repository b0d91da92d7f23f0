"""The staff registry of a round: who holds which role, for which unit, from when to when.

A round never believes an actor's claim. Every action names an actor id; the round looks the
id up in its :class:`StaffRegistry` for a role the action allows, valid on the day of the
action, and takes the unit from the registry and the directory. An id nobody appointed, or an
appointment without the role, is refused with an :class:`~wuxing.errors.AuthorizationError`
naming both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping

import attrs

from wuxing._core.checks import Checks, as_tuple
from wuxing._core.convert import dump
from wuxing.errors import AuthorizationError, Problem
from wuxing.model.rulesets import Procedure
from wuxing.model.units import Person, Supervisor, Unit
from wuxing.process.audit import Role

__all__ = ["Appointment", "StaffRegistry"]


@attrs.frozen
class Appointment:
    """One person's role in a round (任职), for a unit, over a period.

    Args:
        actor_id: The person's id; the same id as in the directory when they are listed
            there (so that their own candidacy and unit are known).
        role: The :class:`~wuxing.process.audit.Role` held.
        unit_id: The unit they act for (an applicant or recommending unit's clerk) or belong
            to (an office member seconded from a township); ``None`` for none.
        valid_from: The first day the appointment holds; ``None`` for always.
        valid_until: The last day it holds (inclusive); ``None`` for always.
        name: The person's name, for printouts.

    >>> Appointment("office-1", Role.OFFICE, "five-type-office").valid_on(dt.date(2023, 1, 5))
    True
    """

    actor_id: str
    role: Role
    unit_id: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    name: str = ""

    def __attrs_post_init__(self) -> None:
        c = Checks("Appointment")
        c.ident("actor_id", self.actor_id)
        c.enum("role", self.role, Role)
        if self.unit_id is not None:
            c.ident("unit_id", self.unit_id)
        ok = True
        if self.valid_from is not None:
            ok = c.date("valid_from", self.valid_from)
        if self.valid_until is not None:
            ok = c.date("valid_until", self.valid_until) and ok
        if ok and self.valid_from is not None and self.valid_until is not None:
            c.that(
                self.valid_from <= self.valid_until,
                "valid_until",
                "period_reversed",
                f"ends ({self.valid_until}) before it starts ({self.valid_from})",
            )
        c.of_type("name", self.name, str)
        if self.role in (Role.APPLICANT_UNIT, Role.RECOMMENDING_UNIT):
            c.that(
                self.unit_id is not None,
                "unit_id",
                "missing",
                f"a {self.role.value} acts for a unit: name it",
            )
        c.done()

    def valid_on(self, day: dt.date) -> bool:
        """Whether the appointment holds on ``day``."""
        after = self.valid_from is None or self.valid_from <= day
        return after and (self.valid_until is None or day <= self.valid_until)

    def describe(self) -> str:
        """``office for five-type-office, from 2022-11-01 until 2023-03-31``."""
        unit = f" for {self.unit_id}" if self.unit_id else ""
        start = f", from {self.valid_from.isoformat()}" if self.valid_from else ""
        end = f", until {self.valid_until.isoformat()}" if self.valid_until else ""
        return f"{self.role.value}{unit}{start}{end}"


@attrs.frozen
class StaffRegistry:
    """Who holds which role in a round: its :class:`Appointment`\\ s.

    One person may hold several roles (an office member who also verifies as a supervisor),
    except pairs the ruleset's :class:`~wuxing.model.rulesets.Procedure` separates (by
    default the office and the county government), which :meth:`problems` reports.

    >>> staff = StaffRegistry([Appointment("gov-1", Role.COUNTY_GOVERNMENT)])
    >>> staff.holding("gov-1", {Role.COUNTY_GOVERNMENT}, dt.date(2023, 1, 12), "approve").role
    <Role.COUNTY_GOVERNMENT: 'county_government'>
    >>> staff.holding("office-1", {Role.OFFICE}, dt.date(2023, 1, 12), "select")
    Traceback (most recent call last):
    ...
    wuxing.errors.AuthorizationError: 'office-1' is not in the round's staff registry: ...
    """

    appointments: tuple[Appointment, ...] = attrs.field(converter=as_tuple, default=())

    def __attrs_post_init__(self) -> None:
        c = Checks("StaffRegistry")
        if c.of_type("appointments", self.appointments, tuple):
            c.items("appointments", self.appointments, Appointment)
        c.done()

    def of(self, actor_id: str) -> tuple[Appointment, ...]:
        """Every appointment of ``actor_id``."""
        return tuple(a for a in self.appointments if a.actor_id == actor_id)

    def holding(
        self,
        actor_id: str,
        roles: Iterable[Role],
        day: dt.date,
        action: str,
        *,
        unit_id: str | None = None,
    ) -> Appointment:
        """The appointment by which ``actor_id`` may take ``action`` on ``day``: one of
        ``roles``, valid that day (and for ``unit_id``, when given).

        Raises:
            AuthorizationError: code ``unknown_actor`` (not in the registry),
                ``role_not_held`` (no appointment with an allowed role, or none for that
                unit) or ``appointment_not_valid`` (not on that day), naming the actor and
                the roles.
        """
        allowed = frozenset(roles)
        names = ", ".join(sorted(r.value for r in allowed))
        mine = self.of(actor_id)
        if not mine:
            raise AuthorizationError(
                f"{actor_id!r} is not in the round's staff registry: only {names} may "
                f"{action}, and the registry says who holds a role",
                code="unknown_actor",
            )
        fitting = [a for a in mine if a.role in allowed]
        if unit_id is not None:
            fitting = [a for a in fitting if a.unit_id == unit_id]
        if not fitting:
            held = "; ".join(a.describe() for a in mine)
            unit = f" for {unit_id!r}" if unit_id is not None else ""
            raise AuthorizationError(
                f"{actor_id!r} holds {held}, not {names}{unit}: only {names}{unit} may {action}",
                code="role_not_held",
            )
        valid = [a for a in fitting if a.valid_on(day)]
        if not valid:
            periods = "; ".join(a.describe() for a in fitting)
            raise AuthorizationError(
                f"{actor_id!r} is appointed {periods}, not on {day.isoformat()}: nobody "
                f"may {action} outside their appointment",
                code="appointment_not_valid",
            )
        return valid[0]

    def units_of(
        self, actor_id: str, directory: Mapping[str, Unit | Person | Supervisor]
    ) -> set[str]:
        """Every unit ``actor_id`` acts for or belongs to: their appointments' units and
        their unit in the directory."""
        units = {a.unit_id for a in self.of(actor_id) if a.unit_id is not None}
        entry = directory.get(actor_id)
        if isinstance(entry, Person | Supervisor) and entry.unit_id is not None:
            units.add(entry.unit_id)
        return units

    def problems(
        self, procedure: Procedure, directory: Mapping[str, Unit | Person | Supervisor]
    ) -> list[Problem]:
        """What is wrong with the registry for a round: roles the procedure separates held by
        one person, units the directory does not know, a unit appointed as a person."""
        found: list[Problem] = []
        for i, a in enumerate(self.appointments):
            path = f"appointments[{i}]"
            if a.unit_id is not None and not isinstance(directory.get(a.unit_id), Unit):
                found.append(Problem(f"{path}.unit_id", "unknown_unit", f"no unit {a.unit_id!r}"))
            if isinstance(directory.get(a.actor_id), Unit):
                found.append(
                    Problem(
                        f"{path}.actor_id",
                        "not_a_person",
                        f"{a.actor_id!r} is a unit; a unit acts through its people",
                    )
                )
            for j, b in enumerate(self.appointments[:i]):
                if b.actor_id == a.actor_id and procedure.separated(a.role.value, b.role.value):
                    found.append(
                        Problem(
                            f"{path}.role",
                            "roles_separated",
                            f"{a.actor_id!r} is also {b.role.value} (appointments[{j}]): "
                            f"nobody holds both {b.role.value} and {a.role.value} "
                            "(ruleset procedure.separate_roles)",
                        )
                    )
        return found

    @property
    def digest(self) -> str:
        """SHA-256 of the registry's canonical JSON: its name in a round's log."""
        text = json.dumps(dump(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()
