"""Interchange under its short public name: JSON documents, plain data and files.

``wuxing.io`` is :mod:`wuxing.interchange.documents` re-exported, so that callers write
``wuxing.io.read(path)`` and ``wuxing.io.dumps(value)``; see that module for the rules.
"""

from __future__ import annotations

from wuxing.interchange import documents as _documents
from wuxing.interchange.documents import *  # noqa: F403

__all__ = _documents.__all__
