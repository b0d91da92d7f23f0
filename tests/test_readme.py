"""The README's Python examples run as written, from the repository's root."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_has_examples() -> None:
    """The README shows Python code (so that the test below runs something)."""
    assert len(BLOCKS) >= 2


def test_readme_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```python block runs, in order, in one namespace, as a newcomer would paste it."""
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    for block in BLOCKS:
        exec(compile(block, "README.md", "exec"), namespace)
