"""Writing an apportionment into each county's ruleset layer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from wuxing._core.files import read_text, write_text
from wuxing.apportion.methods import Apportionment, ApportionmentError
from wuxing.errors import Problem
from wuxing.rulesets.editing import set_quotas

__all__ = ["write_quotas"]


def write_quotas(
    apportionment: Apportionment, category_id: str, layers: Mapping[str, str | Path]
) -> None:
    """Set each county's quota of ``category_id`` to its seats, in its layer file.

    Args:
        apportionment: The result; a tie must be settled first.
        category_id: The category whose quota the seats are.
        layers: Each claimant's ruleset layer (a TOML file), by claimant id.

    Raises:
        ApportionmentError: an open tie, or claimants without a layer (or layers without a
            claimant); nothing is written then.
        RulesetError: a layer whose category this edit cannot rewrite.
    """
    problems = []
    if apportionment.open_seats:
        assert apportionment.tie is not None
        problems.append(
            Problem(
                "tie",
                "tie_open",
                f"{apportionment.open_seats} seat(s) are tied between "
                f"{', '.join(apportionment.tie.claimant_ids)}; settle the tie first",
            )
        )
    seats = apportionment.seats
    problems += [
        Problem(f"layers.{c}", "missing_layer", f"no ruleset layer for {c!r}")
        for c in seats
        if c not in layers
    ]
    problems += [
        Problem(f"layers.{c}", "unknown_claimant", f"{c!r} is not a claimant")
        for c in layers
        if c not in seats
    ]
    if problems:
        raise ApportionmentError(problems, subject="quotas")
    texts = {
        c: set_quotas(read_text(layers[c]), {category_id: seats[c]}, name=str(layers[c]))
        for c in seats
    }
    for claimant, text in texts.items():
        write_text(layers[claimant], text)
