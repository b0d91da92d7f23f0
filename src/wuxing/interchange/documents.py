"""Documents: every entity to and from JSON text, in a versioned envelope.

:func:`dump` and :func:`load` work on plain data (dicts, lists, strings, numbers) through the
converter (:func:`make_converter`, which knows no document kind); :func:`dumps` and
:func:`loads` on JSON documents, which wrap the data in an envelope with the format version and
the kind of entity::

    {"format": "wuxing", "version": 1, "kind": "application", "data": {...}}

The kinds are registered here, in :data:`KINDS`, the one module that knows them all.

Loading never drops or coerces a field: an unknown field, a missing one, a wrong type, a
naive datetime are all problems, and :func:`load` reports *every* problem of a document at
once in one :class:`~wuxing.errors.ValidationError`, each with the path of its field
(``applications[3].submitted_at``). ``dump`` then ``load`` is the identity.

Files are read and written only through :func:`read`, :func:`read_text` and :func:`write`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, TypeVar, cast

from wuxing._core.collector import paused_collector
from wuxing._core.convert import (
    _CONVERTER,
    _key_path,
    dump,
    load,
    make_converter,
    problems_of,
)
from wuxing._core.fastload import (
    Doubt,
    clean_text,
    decode_json,
    fast_converter,
)
from wuxing._core.files import decode, read_bytes, read_text, write_text
from wuxing._core.jsontext import MAX_DEPTH, MAX_DOCUMENT_BYTES, depth_of, parse, repeated_keys
from wuxing._core.shapes import static_depth
from wuxing._core.text import a_kind, describe
from wuxing.errors import PROBLEM_LIMIT, Problem, ValidationError
from wuxing.evaluation.bundle import Bundle, DeadlineExtension
from wuxing.evaluation.outcomes import SelectionResult
from wuxing.interchange.hints import with_category_hints
from wuxing.model.applications import Application, Evidence, FormsFiled
from wuxing.model.campaigns import Campaign
from wuxing.model.categories import Category, FormRequirement, Scope
from wuxing.model.criteria import Criterion
from wuxing.model.records import (
    AnnualScore,
    FindingRecord,
    OfficeFlag,
    RectificationRecord,
    SanctionRecord,
    ScoreSheet,
)
from wuxing.model.rulesets import Periods, Ranking, Ruleset, Scoring, Source, VetoRule
from wuxing.model.settlements import Settlement
from wuxing.model.units import Person, Supervisor, Unit
from wuxing.process.audit import AuditLog
from wuxing.process.round import Round
from wuxing.supervision import Finding, Inspection, Ledger, Rectification, Sanction
from wuxing.tasks import EnterpriseIssue, Indicator, KeyTask, TaskList

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "KINDS",
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "dump",
    "dumps",
    "kind_of",
    "load",
    "loads",
    "make_converter",
    "problems_of",
    "read",
    "read_text",
    "write",
]

T = TypeVar("T")

FORMAT: Final = "wuxing"
"""The ``format`` field of every JSON document."""
FORMAT_VERSION: Final = 1
"""The ``version`` field of JSON documents this release writes and reads (an integer)."""

KINDS: Mapping[str, type[Any]] = MappingProxyType(
    {
        "unit": Unit,
        "person": Person,
        "supervisor": Supervisor,
        "criterion": Criterion,
        "category": Category,
        "scope": Scope,
        "form_requirement": FormRequirement,
        "ruleset": Ruleset,
        "source": Source,
        "scoring": Scoring,
        "ranking": Ranking,
        "veto_rule": VetoRule,
        "periods": Periods,
        "campaign": Campaign,
        "application": Application,
        "forms_filed": FormsFiled,
        "evidence": Evidence,
        "score_sheet": ScoreSheet,
        "annual_score": AnnualScore,
        "rectification_record": RectificationRecord,
        "sanction_record": SanctionRecord,
        "finding_record": FindingRecord,
        "office_flag": OfficeFlag,
        "deadline_extension": DeadlineExtension,
        "settlement": Settlement,
        "bundle": Bundle,
        "result": SelectionResult,
        "audit_log": AuditLog,
        "round": Round,
        "ledger": Ledger,
        "task_list": TaskList,
        "key_task": KeyTask,
        "enterprise_issue": EnterpriseIssue,
        "indicator": Indicator,
        "inspection": Inspection,
        "finding": Finding,
        "rectification": Rectification,
        "sanction": Sanction,
    }
)
"""The kinds of JSON document, by the ``kind`` field of the envelope (read-only)."""


def kind_of(cls: type[Any]) -> str:
    """The envelope ``kind`` of a class (``"application"`` for :class:`~wuxing.Application`)."""
    for kind, known in KINDS.items():
        if known is cls:
            return kind
    raise KeyError(f"{cls.__name__} has no document kind")


def dumps(value: object, *, indent: int | None = 2) -> str:
    """A JSON document (with its envelope) for an entity.

    Non-ASCII text is written as it is (UTF-8), so Chinese names stay readable.
    """
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "kind": kind_of(type(value)),
        "data": dump(value),
    }
    return json.dumps(document, ensure_ascii=False, indent=indent) + "\n"


def _envelope(document: object, cls: type[T] | None) -> tuple[type[T], object]:
    problems: list[Problem] = []
    if not isinstance(document, dict):
        raise ValidationError(
            [Problem("", "wrong_type", "a wuxing document is a JSON object")], subject="document"
        )
    if not {"format", "kind", "data"} & set(document):
        raise ValidationError([_unwrapped(cls)], subject="document")
    unknown = sorted(set(document) - {"format", "version", "kind", "data"})
    problems.extend(
        Problem(_key_path(k), "unknown_field", "is not a field of the envelope") for k in unknown
    )
    if document.get("format") != FORMAT:
        problems.append(
            Problem(
                "format",
                "not_wuxing",
                f"must be {FORMAT!r}, got {describe(document.get('format'))}",
            )
        )
    version = document.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        problems.append(
            Problem(
                "version",
                "unsupported_version",
                f"this release reads version {FORMAT_VERSION} (an integer), "
                f"got {describe(version)}",
            )
        )
    kind = document.get("kind")
    target: type[Any] | None = KINDS.get(kind) if isinstance(kind, str) else None
    if target is None:
        problems.append(
            Problem(
                "kind", "unknown_kind", f"must be one of {', '.join(KINDS)}, got {describe(kind)}"
            )
        )
    elif cls is not None and target is not cls:
        problems.append(Problem("kind", "wrong_kind", f"expected {kind_of(cls)!r}, got {kind!r}"))
    if "data" not in document:
        problems.append(Problem("data", "missing_field", "is required"))
    if problems:
        raise ValidationError(problems, subject="document")
    assert target is not None
    return cast(type[T], target), document["data"]


def _unwrapped(cls: type[Any] | None) -> Problem:
    """The one problem of a document that is its data without the envelope."""
    kind = kind_of(cls) if cls is not None and cls in KINDS.values() else "bundle"
    wrapped = f'{{"format": "{FORMAT}", "version": {FORMAT_VERSION}, "kind": "{kind}", "data": …}}'
    return Problem(
        "",
        "no_envelope",
        f"has no envelope: wrap the data as {wrapped}, the data as it is in place of …",
        args={"kind": kind, "format": FORMAT, "version": FORMAT_VERSION},
    )


def loads(text: str | bytes, cls: type[T] | None = None, *, encoding: str = "utf-8") -> T:
    """Read a JSON document written by :func:`dumps`.

    The text is bounded: at most :data:`MAX_DOCUMENT_BYTES` long, arrays and objects nested
    at most :data:`MAX_DEPTH` deep, integers of at most
    :data:`~wuxing._core.convert.MAX_DIGITS` digits; a key repeated in an object is refused
    (JSON readers disagree on which value wins), and so are ``NaN`` and ``Infinity``.

    A valid document is read by a fast path (:mod:`wuxing._core.fastload`), with the cyclic
    garbage collector paused while it runs and restored on every way out
    (:func:`~wuxing._core.collector.paused_collector`); at its first doubt the document is
    read again by the detailed path, which reports every problem with its path.

    Args:
        text: The document, as text or as bytes in ``encoding`` (a byte-order mark is
            dropped).
        cls: The class expected; ``None`` to take the kind the envelope names.
        encoding: The encoding of ``text`` when it is bytes.

    Raises:
        ValidationError: every problem of the document, paths relative to ``data`` (the
            first :data:`~wuxing.errors.PROBLEM_LIMIT` of them, and how many more).
    """
    if not isinstance(text, str | bytes | bytearray):
        raise ValidationError(
            [Problem("", "wrong_type", f"a document is JSON text, got {a_kind(text)}")],
            subject="document",
        )
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_DOCUMENT_BYTES:
            raise ValidationError(
                [
                    Problem(
                        "",
                        "too_large",
                        f"has {len(text):,} bytes; at most {MAX_DOCUMENT_BYTES:,} are read",
                    )
                ],
                subject="document",
            )
        text = decode(bytes(text), encoding=encoding, source="document")
    held = [text.removeprefix("\ufeff")]
    del text  # a caller that passed the text along holds it no longer than the reading
    return _read(held, cls)


def _read(held: list[str], cls: type[T] | None) -> T:
    """The fast path (:mod:`wuxing._core.fastload`) for a valid document; on any doubt, the
    detailed path, which reports every problem with its path. ``held`` is the text, in a
    list that is emptied once the text is parsed, so that nothing holds it any longer."""
    try:
        return _fast(held[0], cls)
    except Doubt:
        pass
    parsed = _parse(held.pop())
    return _load(*parsed, cls)


def _fast(text: str, cls: type[T] | None) -> T:
    if len(text) > MAX_DOCUMENT_BYTES:
        raise Doubt
    roots = (cls,) if cls is not None else _ALL_KINDS
    clean = clean_text(text)
    conv = fast_converter(_CONVERTER, clean)
    with paused_collector():
        document = decode_json(text, conv, roots, clean=clean)
        if type(document) is not dict or document.keys() != _ENVELOPE:
            raise Doubt
        kind, version = document["kind"], document["version"]
        target: Any = KINDS.get(kind) if type(kind) is str else None
        if (
            document["format"] != FORMAT
            or type(version) is not int
            or version != FORMAT_VERSION
            or target is None
            or (cls is not None and target is not cls)
        ):
            raise Doubt
        deepest = static_depth(target)
        if (deepest is None or deepest + 1 > MAX_DEPTH) and depth_of(document) > MAX_DEPTH:
            raise Doubt
        try:
            return cast(T, conv.structure(document["data"], target))
        except Exception as exc:
            raise Doubt from exc


_ENVELOPE: Final = frozenset({"format", "version", "kind", "data"})
_ALL_KINDS: Final = tuple(KINDS.values())


def _parse(text: str) -> tuple[object, list[Problem], list[Problem]]:
    document, repeated = parse(text)
    return document, *repeated_keys(document, repeated, envelope=True)


def _load(
    document: object, envelope_keys: list[Problem], repeated: list[Problem], cls: type[T] | None
) -> T:
    try:
        target, data = _envelope(document, cls)
    except ValidationError as exc:
        raise ValidationError([*envelope_keys, *exc.problems], subject="document") from None
    if envelope_keys:
        raise ValidationError(envelope_keys, subject="document")
    if not repeated:
        try:
            return load(data, target, subject=target.__name__)
        except ValidationError as exc:
            if target is Bundle:  # the error path only: name the nearest category
                raise with_category_hints(exc, data) from None
            raise
    try:
        load(data, target, subject=target.__name__)
    except ValidationError as exc:
        raise ValidationError(
            [*repeated, *exc.problems][:PROBLEM_LIMIT],
            subject=exc.subject,
            more=exc.more + max(0, len(repeated) + len(exc.problems) - PROBLEM_LIMIT),
        ) from None
    raise ValidationError(repeated, subject=target.__name__)


def read(path: str | Path, cls: type[T] | None = None, *, encoding: str = "utf-8") -> T:
    """Read a JSON document from a file (see :func:`loads`); the file is UTF-8 (with or
    without a byte-order mark) unless ``encoding`` names another, e.g. ``"gb18030"``."""
    # No name holds the bytes, so they are freed as soon as they are decoded.
    held = [
        decode(read_bytes(path, limit=MAX_DOCUMENT_BYTES), encoding=encoding, source=str(path))
    ]
    return _read(held, cls)


def write(path: str | Path, value: object) -> None:
    """Write an entity as a JSON document (see :func:`dumps`) to a UTF-8 file."""
    write_text(path, dumps(value))
