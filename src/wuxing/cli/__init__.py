"""The ``wuxing`` command line: one module per group of commands, each registering its own
sub-command; :func:`~wuxing.cli.main.main` builds the parser and maps errors to exit codes."""

from __future__ import annotations

from wuxing.cli.main import main

__all__ = ["main"]
