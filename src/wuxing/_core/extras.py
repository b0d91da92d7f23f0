"""Optional extras: importing a package that only an extra installs, with an error that says
which extra to install.

The spreadsheet layer needs ``openpyxl`` (the ``excel`` extra), the stroke order of names needs
``unicodedataplus`` (the ``strokes`` extra); ``office`` installs both.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from wuxing.errors import WuxingError

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(WuxingError, ImportError):  # type: ignore[misc]
    """A feature needs a package that an optional extra of ``wuxing`` installs.

    Attributes:
        extra: The extra to install, e.g. ``"excel"`` (``pip install 'wuxing[excel]'``).
        module: The module that is missing.
    """

    code = "missing_extra"

    def __init__(self, module: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the package {module!r}: install it with "
            f"pip install 'wuxing[{extra}]' (or 'wuxing[office]' for every office feature)"
        )
        self.extra = extra
        self.module = module


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingExtraError` naming ``extra``.

    >>> require("json", "none", "Reading JSON").__name__
    'json'
    >>> require("no_such_module_here", "excel", "Reading a workbook")
    Traceback (most recent call last):
    ...
    wuxing._core.extras.MissingExtraError: Reading a workbook needs the package \
'no_such_module_here': install it with pip install 'wuxing[excel]' (or 'wuxing[office]' for \
every office feature)
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(module, extra, purpose) from None
