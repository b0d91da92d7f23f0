"""Test configuration: hypothesis profiles and a pinned, unusual local time zone."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=60,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _pin_local_time_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run every test with a local zone far from Asia/Shanghai: the library must not use it."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def _pin_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in the C locale, so that the command line speaks English unless a test
    asks for Chinese (``--lang zh`` or a zh_CN locale of its own)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
