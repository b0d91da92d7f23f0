"""A quick evaluation: read a campaign bundle, select within each quota, print the result.

Run: python examples/quick_evaluation.py [BUNDLE.json] [--at 2023-01-10T17:00+08:00]

The bundle in examples/data/ is a synthetic Xingguo 2022 campaign (the county's township
names, invented applications and scores). The same is available as `wuxing evaluate`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pendulum

from wuxing import io
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.reports import names_of, render_result

HERE = Path(__file__).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bundle", nargs="?", default=HERE / "data" / "xingguo-2022-bundle.json")
    parser.add_argument("--at", default="2023-01-10T17:00:00+08:00")
    args = parser.parse_args()

    bundle = io.read(args.bundle, Bundle)
    ruleset = bundle.resolve_ruleset()
    result = evaluate(bundle, pendulum.parse(args.at), ruleset=ruleset)  # type: ignore[arg-type]
    print(render_result(result, ruleset, names_of(bundle)))

    for category in result.categories:
        print(f"{category.category_id}: selected {', '.join(category.selected) or 'none'}")


if __name__ == "__main__":
    main()
