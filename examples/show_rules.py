"""Print the categories and criteria of the built-in Xingguo 2022 ruleset.

Run: python examples/show_rules.py
"""

from __future__ import annotations

import wuxing


def main() -> None:
    rules = wuxing.rulesets.load("xingguo-2022")
    print(f"{rules.title} ({rules.source.date})")
    for category in rules.categories:
        print(f"\n{category.title_zh}: quota {category.quota}, route {category.route.value}")
        print(f"  scope: {category.scope.describe()}")
        for criterion in category.criteria:
            types = "、".join(d.zh for d in criterion.sorted_dimensions())
            print(f"  {criterion.code} {criterion.title_zh} [{types}] weight {criterion.weight}")


if __name__ == "__main__":
    main()
