"""Structure-aware fuzzing: valid documents of every kind, broken at random (see
``tests/fuzzing.py``); only a WuxingError may escape, and what is accepted round-trips and
evaluates. ``make fuzz N=20000`` runs a long campaign with the same checks."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from fuzzing import KINDS, documents, run_one
from wuxing import io

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
