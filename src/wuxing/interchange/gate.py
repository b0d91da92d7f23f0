"""The gate: everything the library will refuse about a document, checked before it is used.

Loading a document (:func:`wuxing.io.loads`) checks each value and the document's own
cross-references. :func:`check` goes on to what ``evaluate``, ``ledger`` and ``tasks`` check
when they run: a bundle's references against its ruleset, the ruleset's vetoes known to the
registry, an audit log's hash chain, and, given a cut-off, the whole evaluation (so that a
settlement that decides no tie is found too). What it passes, they accept.

It also warns of what is valid but will make an application ineligible, with the codes the
evaluation gives (a warning is not a problem: the data may simply be incomplete yet):

===========================  ==========================================================
``verification_incomplete``  fewer verification sheets than the ruleset's minimum
``assessment_missing``       no assessment by the office, in a category it assesses
``annual_score_missing``     no annual-evaluation score where the ruleset weighs it
``no_recommender``           a nomination of a staff member without the recommending unit
``settlements_unchecked``    settlements that only an evaluation at a cut-off can match
``plugin_failed``            an installed ruleset plugin that fails (and is not used here)
===========================  ==========================================================

>>> import attrs
>>> from wuxing.samples import demo_bundle, DEMO_AT
>>> unassessed = attrs.evolve(demo_bundle(), assessments=())
>>> verdict = check(unassessed, at=DEMO_AT)
>>> verdict.ok, sorted({w.code for w in verdict.warnings})
(True, ['assessment_missing'])
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

import attrs

from wuxing._core.checks import Checks
from wuxing._core.text import describe
from wuxing._core.time import check_instant
from wuxing.errors import Problem, RulesetError, ValidationError, WuxingError, join_path
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.evaluate import evaluate
from wuxing.evaluation.vetoes import VetoRegistry
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Route
from wuxing.model.rulesets import Ruleset
from wuxing.process.audit import AuditLog
from wuxing.rulesets import load as load_ruleset
from wuxing.rulesets.registry import plugin_problems
from wuxing.supervision import Ledger
from wuxing.tasks import TaskList

__all__ = ["Verdict", "check", "ineligibility_warnings"]

_Refused = Callable[[WuxingError, str], None]


@attrs.frozen
class Verdict:
    """What :func:`check` found.

    Attributes:
        problems: What the library will refuse (the first
            :data:`~wuxing.errors.PROBLEM_LIMIT`), each with its path and code.
        more: How many problems were found beyond those listed.
        warnings: What is valid but will make an application ineligible, or could not be
            checked, each with its path and code.
    """

    problems: tuple[Problem, ...] = ()
    more: int = 0
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether there are no problems (warnings do not count)."""
        return not self.problems


def _problems(exc: WuxingError, prefix: str = "") -> tuple[list[Problem], int]:
    if isinstance(exc, ValidationError):
        return [p.at(prefix) for p in exc.problems], exc.more
    return [Problem(join_path(prefix, exc.path), exc.code, exc.message)], 0


def ineligibility_warnings(bundle: Bundle, ruleset: Ruleset) -> tuple[Problem, ...]:
    """The applications of a (checked) bundle that the evaluation will find ineligible for
    missing data: too few sheets, no assessment, no annual score, no recommending unit."""
    categories = {k.id: k for k in ruleset.categories}
    sheets = Counter(s.application_id for s in bundle.sheets)
    assessed = {a.application_id for a in bundle.assessments}
    annual = {a.applicant_id for a in bundle.annual_scores}
    people = {p.id for p in bundle.people}
    found = Checks("bundle")
    for i, app in enumerate(bundle.applications):
        category = categories.get(app.category_id)
        if category is None:
            continue
        scoring = ruleset.scoring_for(category.id)
        where = f"applications[{i}]"
        if not category.verified_on_site:
            if app.id not in assessed and (
                app.proposed_by_office or category.route is not Route.OFFICE_ASSESSED
            ):
                found.add(
                    where,
                    "assessment_missing",
                    f"{app.id!r} has no assessment by the office (缺少“五型”办综合评估)",
                )
        elif sheets[app.id] < scoring.min_sheets:
            found.add(
                where,
                "verification_incomplete",
                f"{app.id!r} has {sheets[app.id]} verification sheet(s); "
                f"{scoring.min_sheets} needed (实地核查未完成)",
            )
        if scoring.annual_weight and app.applicant_id not in annual:
            found.add(
                f"{where}.applicant_id",
                "annual_score_missing",
                f"{app.applicant_id!r} of {app.id!r} has no annual-evaluation score "
                "(缺少年度考评成绩)",
            )
        if (
            category.route is Route.RECOMMENDED
            and app.applicant_id in people
            and app.recommended_by is None
        ):
            found.add(
                f"{where}.recommended_by",
                "no_recommender",
                f"{app.id!r} nominates a staff member without the recommending unit",
            )
    return tuple(found.problems)


def _plugin_warnings(used: str | None) -> tuple[list[Problem], list[Problem]]:
    broken = plugin_problems()
    mine = [p for p in broken if used is not None and p.path == f"plugins.{used}"]
    return mine, [p for p in broken if p not in mine]


def check(
    value: object,
    *,
    at: dt.datetime | None = None,
    vetoes: VetoRegistry | None = None,
    ruleset: Ruleset | None = None,
) -> Verdict:
    """Check a loaded document as the commands that use it would.

    Args:
        value: What :func:`wuxing.io.loads` gave: a bundle, a ruleset, a ledger, a task list,
            an audit log, a campaign, or any other kind (already checked by loading).
        at: A cut-off: a bundle is then evaluated at it, a ledger and a task list read at it.
        vetoes: The veto registry; by default :meth:`VetoRegistry.default`.
        ruleset: The rules a bundle is checked against, when they are not the ones it names
            or carries (a ruleset file given on the command line); its id must be the
            campaign's.

    Returns:
        The problems (empty: the commands will accept it) and the warnings.

    Raises:
        ValidationError: ``at`` is not an aware datetime within the library's bounds.
    """
    if at is not None:
        check_instant(at)
    registry = vetoes if vetoes is not None else VetoRegistry.default()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    more = 0

    def refused(exc: WuxingError, prefix: str) -> None:
        nonlocal more
        found, extra = _problems(exc, prefix)
        problems.extend(found)
        more += extra

    used: str | None = None
    try:
        if isinstance(value, Bundle):
            given = ruleset is not None or value.ruleset is not None
            used = None if given else value.campaign.ruleset_id
            _check_bundle(value, at, registry, refused, warnings, ruleset)
        elif isinstance(value, Ruleset):
            registry.check(value)
        elif isinstance(value, Campaign):
            used = value.ruleset_id
            registry.check(load_ruleset(value.ruleset_id))
        elif isinstance(value, AuditLog):
            value.verify()
        elif isinstance(value, Ledger) and at is not None:
            value.overdue_at(at)
            value.veto_records(at)
        elif isinstance(value, TaskList) and at is not None:
            value.load(at)
            value.by_area(at)
        log = getattr(value, "log", None)
        if isinstance(log, AuditLog):
            log.verify()
    except WuxingError as exc:
        refused(exc, "log" if isinstance(getattr(value, "log", None), AuditLog) else "")
    mine, others = _plugin_warnings(used)
    if not any(p.code == "plugin_failed" for p in problems):
        problems.extend(mine)
    warnings.extend(others)
    return Verdict(tuple(problems), more, tuple(warnings))


def _check_bundle(
    bundle: Bundle,
    at: dt.datetime | None,
    registry: VetoRegistry,
    refused: _Refused,
    warnings: list[Problem],
    given: Ruleset | None = None,
) -> None:
    if given is not None and given.id != bundle.campaign.ruleset_id:
        problem = Problem(
            "campaign.ruleset_id",
            "ruleset_mismatch",
            f"the campaign's rules are {describe(bundle.campaign.ruleset_id)}, not "
            f"{describe(given.id)}",
        )
        refused(ValidationError([problem]), "")
        return
    try:
        ruleset = given if given is not None else bundle.resolve_ruleset()
    except RulesetError as exc:
        refused(exc, "campaign.ruleset_id")
        return
    clean = True
    try:
        registry.check(ruleset)
    except RulesetError as exc:
        refused(exc, "ruleset" if bundle.ruleset is not None else "")
        clean = False
    try:
        bundle.check(ruleset)
    except ValidationError as exc:
        refused(exc, "")
        return
    warnings.extend(ineligibility_warnings(bundle, ruleset))
    if at is None:
        if bundle.settlements:
            warnings.append(
                Problem(
                    "settlements",
                    "settlements_unchecked",
                    "settlements are matched against the ties of an evaluation: give a cut-off "
                    "(--at) to check them",
                )
            )
        return
    if clean:
        try:
            evaluate(bundle, at, ruleset=ruleset, vetoes=registry)
        except WuxingError as exc:
            refused(exc, "")
