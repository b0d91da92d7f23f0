"""What the printable reports share: the A4 page, escaping, Chinese dates, who is who.

Every page declares ``lang="zh-CN"``, prints on A4 (portrait, 15 mm margins) and keeps table
rows whole across pages. Text is escaped for HTML, and control characters, which a page cannot
show, are written as their visible pictures (U+2400…), so a name is never silently changed
into something else.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import attrs

from wuxing.evaluation.bundle import Bundle
from wuxing.model.rulesets import Ruleset

__all__ = [
    "Applicant",
    "applicants",
    "escape",
    "page",
    "source_line",
    "steps_line",
    "visible",
    "zh_date",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CSS = """
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
       font-size: 11pt; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 180mm; padding: 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; font-weight: bold; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; }
p { margin: 1.5mm 0; line-height: 1.6; }
p.sub { text-align: center; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 2mm 0; }
th, td { border: 0.4pt solid #000; padding: 1.2mm 1.5mm; vertical-align: middle;
         overflow-wrap: anywhere; word-break: break-all; }
th { background: #eee; font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.radar { text-align: center; padding: 0.5mm; }
svg.radar { width: 24mm; height: 24mm; display: block; margin: 0 auto; }
p.note { font-size: 9.5pt; color: #333; }
p.names { text-indent: 0; line-height: 2; }
p.names span { display: inline-block; white-space: nowrap; margin-right: 1em; }
p.sign { text-align: right; margin-top: 8mm; }
section.sheet { break-after: page; page-break-after: always; }
section.sheet:last-child { break-after: auto; page-break-after: auto; }
@media screen { body { padding: 10mm 0; } }
"""


def visible(text: str) -> str:
    """``text`` with control characters replaced by their visible pictures (``\\x07`` → ␇)."""
    return _CONTROL.sub(lambda m: chr(0x2400 + (ord(m.group()) % 0x80 or 0x21)), text)


def escape(text: object) -> str:
    """Text for HTML: control characters made visible, markup escaped."""
    return html.escape(visible(str(text)), quote=True)


def zh_date(day: dt.date) -> str:
    """``2023年1月10日``.

    >>> zh_date(dt.date(2023, 1, 10))
    '2023年1月10日'
    """
    return f"{day.year}年{day.month}月{day.day}日"


def source_line(ruleset: Ruleset) -> str:
    """The notice the rules come from, by title, issuer and date (for printed pages)."""
    source = ruleset.source
    return f"《{source.title}》（{source.issuer}，{zh_date(source.date)}）"


def steps_line(ruleset: Ruleset) -> str:
    """How entrants were examined, for printed pages: declared and verified on site, and
    which categories the office assessed instead.

    >>> from wuxing import rulesets
    >>> steps_line(rulesets.load("xingguo-2022"))
    '自主申报、实地核查（“五型”政府建设优秀监督员由县“五型”办综合评估）'
    """
    assessed = "、".join(k.title_zh for k in ruleset.categories if not k.verified_on_site)
    return "自主申报、实地核查" + (f"（{assessed}由县“五型”办综合评估）" if assessed else "")


def page(title: str, body: str) -> str:
    """A complete A4 page (HTML) in Chinese."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


@attrs.frozen
class Applicant:
    """Who an applicant is, for a printed list.

    Attributes:
        id: The applicant's id.
        name: The unit's or person's name.
        unit: The unit a person works in (its name); ``""`` for a unit.
        kind: ``"unit"``, ``"person"`` or ``"supervisor"``.
    """

    id: str
    name: str
    unit: str
    kind: str


def applicants(bundle: Bundle) -> dict[str, Applicant]:
    """Every unit, person and supervisor of the bundle, by id."""
    units = {u.id: u.name for u in bundle.units}
    found = {u.id: Applicant(u.id, u.name, "", "unit") for u in bundle.units}
    for p in bundle.people:
        found[p.id] = Applicant(p.id, p.name, units.get(p.unit_id, p.unit_id), "person")
    for s in bundle.supervisors:
        where = units.get(s.unit_id, s.unit_id) if s.unit_id else (s.affiliation or "")
        found[s.id] = Applicant(s.id, s.name, where, "supervisor")
    return found
