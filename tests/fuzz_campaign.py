"""A long fuzzing campaign: ``make fuzz N=20000`` (or ``python tests/fuzz_campaign.py N``).

Runs the checks of ``tests/test_fuzz.py`` on N broken documents and prints the figures: the
documents of each kind, how many were accepted, refused (by code), refused by the gate,
evaluated, and every failure (a promise broken), with the document that broke it.
"""

from __future__ import annotations

import sys
import time
import traceback

from hypothesis import HealthCheck, given, settings

from fuzzing import Figures, documents, run_one


def campaign(count: int) -> Figures:
    """Run ``count`` documents and return the figures (failures recorded, not raised)."""
    figures = Figures()

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(documents())
    def one(document: tuple[str, str, list[str]]) -> None:
        kind, text, made = document
        try:
            run_one(kind, text, figures)
        except Exception as exc:
            lines = traceback.format_exception_only(exc)[-1].strip()
            figures.failures.append(f"{kind} after {made}: {lines}\n    {text[:300]!r}")

    one()
    return figures


def main(argv: list[str]) -> int:
    """Run the campaign; exit 1 when any promise was broken."""
    count = int(argv[0]) if argv else 20_000
    start = time.perf_counter()
    figures = campaign(count)
    seconds = time.perf_counter() - start
    print(f"documents          {figures.documents:>8,}  ({seconds:,.0f} s)")
    print(f"kinds              {len(figures.kinds):>8,}")
    print(f"refused on load    {sum(figures.refused.values()):>8,}")
    print(f"accepted           {figures.accepted:>8,}  (each dumped, reloaded and compared)")
    print(f"refused by gate    {figures.gate_refused:>8,}")
    print(f"bundles evaluated  {figures.evaluated:>8,}  (and printed)")
    print(f"failures           {len(figures.failures):>8,}")
    print("most frequent refusal codes:")
    for code, n in figures.refused.most_common(12):
        print(f"  {code:24} {n:>8,}")
    for failure in figures.failures[:20]:
        print(f"FAILURE {failure}")
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
