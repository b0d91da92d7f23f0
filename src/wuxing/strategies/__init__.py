"""Hypothesis strategies for every :mod:`wuxing` entity, valid by construction.

One module per stage: :mod:`~wuxing.strategies.values` (who is who),
:mod:`~wuxing.strategies.rules` (criteria to rulesets), :mod:`~wuxing.strategies.bundles`
(applications and whole campaigns), :mod:`~wuxing.strategies.rounds` (applications and rounds
under a real ruleset), :mod:`~wuxing.strategies.registers` (ledgers and task lists) and
:mod:`~wuxing.strategies.invalid` (documents that must be refused, with the code expected).

They are public so that a county system can property-test its own code against the same
shapes the library tests itself with::

    from hypothesis import given
    from wuxing import strategies as wst

    @given(wst.applications())
    def test_my_importer_accepts_every_application(application): ...

    rules = wuxing.rulesets.load("xingguo-2022")

    @given(wst.bundles(ruleset=rules))
    def test_my_system_takes_every_round(bundle): ...

Requires the ``hypothesis`` package (the ``test`` extra).
"""

from __future__ import annotations

from wuxing.strategies.bundles import SELECTION_AT, applications, bundles, evidence
from wuxing.strategies.invalid import invalid_documents
from wuxing.strategies.registers import ledgers, task_lists
from wuxing.strategies.rounds import admitted, round_bundles
from wuxing.strategies.rules import (
    campaigns,
    categories,
    criteria,
    rulesets,
    scorings,
    weights,
)
from wuxing.strategies.values import (
    aware_datetimes,
    credit_codes,
    decimals,
    dimensions,
    division_codes,
    identifiers,
    names,
    people,
    resident_ids,
    supervisors,
    time_zones,
    units,
)

__all__ = [
    "SELECTION_AT",
    "admitted",
    "applications",
    "aware_datetimes",
    "bundles",
    "campaigns",
    "categories",
    "credit_codes",
    "criteria",
    "decimals",
    "dimensions",
    "division_codes",
    "evidence",
    "identifiers",
    "invalid_documents",
    "ledgers",
    "names",
    "people",
    "resident_ids",
    "round_bundles",
    "rulesets",
    "scorings",
    "supervisors",
    "task_lists",
    "time_zones",
    "units",
    "weights",
]
