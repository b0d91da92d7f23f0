"""Print the categories and criteria of the built-in Xingguo 2022 ruleset.

Each criterion is printed with the notice's own text and section; a label the ruleset coins
where the notice has no heading is marked “(coined)”, and the five types and weights, which the
notice does not give, are marked as the ruleset's declared defaults.

Run: python examples/show_rules.py
"""

from __future__ import annotations

import wuxing


def main() -> None:
    rules = wuxing.rulesets.load("xingguo-2022")
    source = rules.source
    print(f"{rules.title}")
    print(f"source: 《{source.title}》 ({source.issuer}, {source.date})")
    for i, category in enumerate(rules.categories):
        print(f"\n{category.title_zh}: quota {category.quota}, route {category.route.value}")
        print(f"  scope: {category.scope.describe()}")
        for j, criterion in enumerate(category.criteria):
            types = "、".join(d.zh for d in criterion.sorted_dimensions())
            coined = " (coined)" if criterion.label_coined else ""
            at = f"categories[{i}].criteria[{j}]"
            declared = [k for k in ("dimensions", "weight") if rules.declared(f"{at}.{k}")]
            mark = f" (declared defaults: {', '.join(declared)})" if declared else ""
            print(
                f"  {criterion.code} {criterion.label_zh}{coined} [{types}] "
                f"weight {criterion.weight}{mark}"
            )
            print(f"    {criterion.source}: {criterion.text_zh}")
    print()
    for statement in rules.statements:
        print(f"{statement.source}: {statement.text_zh}")


if __name__ == "__main__":
    main()
