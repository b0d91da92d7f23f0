"""Reports: what the library prints for people, as terminal tables or Markdown.

:func:`render_result` prints a selection, :func:`render_ledger` a ledger's figures and
:func:`render_tasks` a responsibility list; :func:`~wuxing.reports.table.render` lines up
tables that mix Chinese (double-width) and Latin text.
"""

from __future__ import annotations

from wuxing.reports.ledger import render_ledger
from wuxing.reports.results import names_of, render_result
from wuxing.reports.tasks import render_tasks

__all__ = ["names_of", "render_ledger", "render_result", "render_tasks"]
