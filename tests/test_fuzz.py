"""Structure-aware fuzzing: valid documents of every kind, broken at random (see
``tests/fuzzing.py``); only a WuxingError may escape, and what is accepted round-trips and
evaluates. ``make fuzz N=20000`` runs a long campaign with the same checks."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import KINDS, documents, run_one
from wuxing import WuxingError, io

EXAMPLES = int(os.environ.get("WUXING_FUZZ_EXAMPLES", "300"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(documents())
def test_only_wuxing_errors_escape(document: tuple[str, str, list[str]]) -> None:
    """A broken document is refused with a WuxingError, or accepted and then round-trips,
    passes or fails the gate cleanly, and evaluates and prints."""
    kind, text, _ = document
    run_one(kind, text)


def test_every_kind_is_fuzzed() -> None:
    """Every document kind the library reads has a valid example to start from."""
    assert set() == set(io.KINDS) - set(KINDS)


ODD_VALUES = [
    None,
    1.5,
    "x",
    "",
    [],
    {},
    object(),
    -1,
    10**50,
    True,
    Decimal("NaN"),
    Decimal("1e-999999"),
    dt.datetime(2022, 1, 1),
    pendulum.datetime(2999, 12, 31, tz="Etc/GMT+12"),
    frozenset({1}),
    ("\x1b",),
    "\ud800",
]


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_constructors_refuse_odd_values(kind: str, data: st.DataObject) -> None:
    """Built in Python, every value refuses any odd field value with a WuxingError."""
    value = data.draw(KINDS[kind])
    for field in attrs.fields(type(value)):
        for odd in ODD_VALUES:
            with contextlib.suppress(WuxingError):
                attrs.evolve(value, **{field.alias: odd})
