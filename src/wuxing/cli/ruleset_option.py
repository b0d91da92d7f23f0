"""The ``--ruleset`` option: rules from a TOML file (or a registered id) for any command.

Every command that takes rules uses the two functions here, so that ``--ruleset`` reads and
reports the same way everywhere: :func:`add_ruleset_option` declares ``--ruleset`` and
``--ruleset-path``, :func:`ruleset_from` loads what they name.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wuxing import rulesets
from wuxing.rulesets import Resolution, Ruleset

__all__ = ["add_ruleset_option", "is_file", "resolve_ref", "ruleset_from"]


def add_ruleset_option(parser: argparse.ArgumentParser, *, what: str = "the rules") -> None:
    """Declare ``--ruleset FILE`` and ``--ruleset-path DIR`` on a command."""
    parser.add_argument(
        "--ruleset",
        metavar="FILE",
        help=f"{what}: a ruleset TOML file, or a registered ruleset id",
    )
    parser.add_argument(
        "--ruleset-path",
        metavar="DIR",
        action="append",
        help="a directory `extends` may reach files in (repeatable; by default the "
        "directory of the --ruleset file)",
    )


def is_file(ref: str) -> bool:
    """Whether a ruleset reference names a file rather than a registered id."""
    return ref.endswith(".toml") or "/" in ref or "\\" in ref


def resolve_ref(ref: str, search_path: list[str] | None = None) -> Resolution:
    """Resolve a file or an id, without refusing an abstract ruleset."""
    return rulesets.resolve(Path(ref) if is_file(ref) else ref, search_path=search_path)


def ruleset_from(args: argparse.Namespace) -> Ruleset | None:
    """The rules ``--ruleset`` names, or ``None`` when it is not given.

    Raises:
        RulesetError: every problem of the file, with its file, line and key.
    """
    ref: str | None = getattr(args, "ruleset", None)
    if ref is None:
        return None
    return resolve_ref(ref, getattr(args, "ruleset_path", None)).require()
