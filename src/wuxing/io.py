"""Interchange under its short public name: JSON documents, plain data and files.

``wuxing.io`` is :mod:`wuxing.interchange.documents` re-exported, so that callers write
``wuxing.io.read(path)`` and ``wuxing.io.dumps(value)``; see that module for the rules. The
gate, :func:`wuxing.io.check` (:mod:`wuxing.interchange.gate`), checks a loaded document as
the commands that use it would.
"""

from __future__ import annotations

from wuxing.interchange import documents as _documents
from wuxing.interchange.documents import *  # noqa: F403
from wuxing.interchange.gate import Verdict, check

__all__ = [*_documents.__all__, "Verdict", "check"]
