"""Rulesets: a county's selection rules as TOML data.

Built-in rulesets ship with the package; third-party packages add their own through the
``wuxing.rulesets`` entry-point group (the entry point's name is the ruleset id, its object a
callable that returns the TOML text).

>>> import wuxing
>>> wuxing.rulesets.available()
('xingguo-2022',)
>>> r = wuxing.rulesets.load("xingguo-2022")
>>> [(c.id, c.quota, len(c.criteria)) for c in r.categories]
[('demonstration-township', 5, 5), ('advanced-collective', 10, 4),
 ('advanced-individual', 10, 4), ('outstanding-supervisor', 2, 4)]

A ruleset may build on another with ``extends``: its tables are merged into the base's,
categories by ``id``, criteria by ``code`` and vetoes by ``name``; anything it does not name
stays as the base has it.
"""

from __future__ import annotations

from wuxing.model.rulesets import (
    Aggregation,
    FinalTieBreak,
    Layer,
    Periods,
    Ranking,
    Ruleset,
    Scoring,
    Source,
    VetoRule,
    VetoTarget,
)
from wuxing.model.statements import DeclaredDefault, Statement
from wuxing.rulesets.loading import Resolution, load, load_file, loads, resolve
from wuxing.rulesets.located import LocatedProblem
from wuxing.rulesets.registry import ENTRY_POINT_GROUP, available, plugin_problems, text_of
from wuxing.rulesets.toml_writer import dumps_toml

__all__ = [
    "ENTRY_POINT_GROUP",
    "Aggregation",
    "DeclaredDefault",
    "FinalTieBreak",
    "Layer",
    "LocatedProblem",
    "Periods",
    "Ranking",
    "Resolution",
    "Ruleset",
    "Scoring",
    "Source",
    "Statement",
    "VetoRule",
    "VetoTarget",
    "available",
    "dumps_toml",
    "load",
    "load_file",
    "loads",
    "plugin_problems",
    "resolve",
    "text_of",
]
