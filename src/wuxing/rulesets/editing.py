"""Editing a ruleset layer's TOML text in place: setting quotas, comments and order kept.

:func:`set_quotas` is how an apportionment is written into each county's layer: the
``quota`` line of each named category is rewritten, added after its ``id`` line, or, for a
category the layer does not name yet, a ``[[categories]]`` table is appended.

>>> text = 'extends = "base.toml"\\nid = "yudu-2023"\\n\\n[[categories]]\\n'
>>> text += 'id = "advanced-collective"  # 先进集体\\nquota = 9\\n'
>>> print(set_quotas(text, {"advanced-collective": 4, "advanced-individual": 3}))
extends = "base.toml"
id = "yudu-2023"
<BLANKLINE>
[[categories]]
id = "advanced-collective"  # 先进集体
quota = 4
<BLANKLINE>
[[categories]]
id = "advanced-individual"
quota = 3
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from wuxing.errors import Problem, RulesetError
from wuxing.rulesets.parsing import parse_toml
from wuxing.rulesets.positions import key_lines

__all__ = ["set_quotas"]

_QUOTA_LINE = re.compile(r"^(\s*quota\s*=\s*)([0-9_+-]+)(\s*(?:#.*)?)$")
_ID_LINE = re.compile(r"^\s*id\s*=")


def set_quotas(text: str, quotas: Mapping[str, int], *, name: str = "ruleset") -> str:
    """``text`` with the quota of each category in ``quotas`` set.

    Raises:
        RulesetError: code ``cannot_edit`` when a category is written in a form this edit
            does not rewrite (an inline table); the problem names the line.
    """
    data = parse_toml(text, name)
    lines = text.split("\n")
    where = key_lines(text)
    cats = data.get("categories", [])
    ids = [c.get("id") if isinstance(c, dict) else None for c in cats]
    inserts: list[tuple[int, str]] = []
    appended = []
    for category_id, quota in quotas.items():
        if category_id not in ids:
            appended.append(f'\n[[categories]]\nid = "{category_id}"\nquota = {quota}\n')
            continue
        i = ids.index(category_id)
        at = where.get(f"categories[{i}].quota")
        if at is not None and _QUOTA_LINE.match(lines[at - 1]):
            lines[at - 1] = _QUOTA_LINE.sub(rf"\g<1>{quota}\g<3>", lines[at - 1])
            continue
        id_line = where.get(f"categories[{i}].id")
        if at is None and id_line is not None and _ID_LINE.match(lines[id_line - 1]):
            inserts.append((id_line, f"quota = {quota}"))
            continue
        line = at or id_line
        raise RulesetError(
            [
                Problem(
                    f"categories[{i}].quota",
                    "cannot_edit",
                    f"line {line}: write the category as a [[categories]] table with its "
                    "id and quota on lines of their own to have its quota set",
                )
            ],
            subject=name,
        )
    for after, line_text in sorted(inserts, reverse=True):
        lines.insert(after, line_text)
    result = "\n".join(lines)
    if appended:
        result = result.rstrip("\n") + "\n" + "".join(appended)
    return result
