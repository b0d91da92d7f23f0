"""The command line with rulesets by file: --ruleset, the chain, --trace, abstract bases."""

from __future__ import annotations

import io as stdio
from pathlib import Path

import attrs
import pytest

from wuxing import io
from wuxing.cli import main
from wuxing.samples import demo_bundle

EXAMPLES = Path(__file__).parent.parent / "examples"
YUDU = str(EXAMPLES / "rulesets" / "yudu-2023.toml")


def run(*argv: str) -> tuple[int, str]:
    out = stdio.StringIO()
    return main(list(argv), out), out.getvalue()


class TestShow:
    def test_chain_and_inherited_source(self) -> None:
        """`show --ruleset FILE` prints the chain and says the source is inherited."""
        status, out = run("show", "--ruleset", YUDU)
        assert 0 == status
        assert "chain: yudu-2023 → xingguo-2022" in out
        assert "inherited from xingguo-2022: yudu-2023 cites no document of its own" in out
        assert "四(二)1 (xingguo-2022)" in out
        assert "declared defaults of xingguo-2022, inherited" in out

    def test_trace(self) -> None:
        """`--trace` prints the layer that set each value."""
        status, out = run("show", YUDU, "--trace")
        assert 0 == status
        rows = {line.split()[0]: line for line in out.splitlines() if line.strip()}
        assert rows["categories[1].quota"].rstrip().endswith("yudu-2023 · declared default")
        assert "xingguo-2022 (inherited)" in rows["categories[1].criteria[0].label_zh"]
        assert "yudu-2023 · declared default" in rows["scoring.pass_mark"]

    def test_abstract_base(self) -> None:
        """An abstract base is shown with what it leaves open, and validates as such."""
        base = str(EXAMPLES / "province" / "province-base.toml")
        status, out = run("show", base)
        assert 0 == status
        assert "left open for the rulesets extending it: year, categories[0].quota" in out
        assert (
            0,
            f"{base}: valid abstract ruleset 'example-province-2023'; leaves open: year, "
            "categories[0].quota, categories[1].quota\n",
        ) == run("validate", base)

    def test_nothing_named(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`show` without a ruleset is a clear error."""
        assert (1, "") == run("show")
        assert "ruleset: name a ruleset id or give --ruleset FILE [missing]" in (
            capsys.readouterr().err
        )


class TestRulesetOption:
    def test_validate_reports_file_and_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A mistake in a ruleset file is printed with its file and line, exit 1."""
        path = tmp_path / "yudu.toml"
        path.write_text(Path(YUDU).read_text(encoding="utf-8").replace("quota = 6", "quota = -6"))
        assert (1, "") == run("validate", str(path))
        assert f"{path}:38: categories[0].quota: must be at least 0, got -6 [negative]" in (
            capsys.readouterr().err
        )

    def test_evaluate_with_a_ruleset_file(self, tmp_path: Path) -> None:
        """`evaluate --ruleset FILE` uses the file's rules for a campaign that names them."""
        rules = tmp_path / "rules.toml"
        rules.write_text(
            'extends = "xingguo-2022"\nid = "xingguo-2022b"\n[scoring]\npass_mark = 99\n',
            encoding="utf-8",
        )
        bundle = demo_bundle()
        campaign = bundle.campaign.__class__(
            bundle.campaign.id, "xingguo-2022b", bundle.campaign.year, bundle.campaign.deadline
        )
        path = tmp_path / "b.json"
        io.write(
            path,
            bundle.__class__(
                campaign,
                **{
                    k: getattr(bundle, k)
                    for k in (
                        "units",
                        "people",
                        "supervisors",
                        "applications",
                        "sheets",
                        "annual_scores",
                        "ledger",
                    )
                },
            ),
        )
        status, out = run(
            "evaluate",
            str(path),
            "--at",
            "2023-01-10T17:00+08:00",
            "--ruleset",
            str(rules),
            "--format",
            "json",
        )
        assert 0 == status
        result = io.loads(out)
        assert "xingguo-2022b" == result.ruleset_id
        assert all(not c.selected for c in result.categories)  # nobody reaches 99

    def test_evaluate_refuses_other_rules(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Rules whose id is not the campaign's are refused."""
        path = tmp_path / "b.json"
        io.write(path, demo_bundle())
        status, _ = run("evaluate", str(path), "--at", "2023-01-10T17:00+08:00", "--ruleset", YUDU)
        assert 1 == status
        assert "--ruleset: the campaign's rules are 'xingguo-2022', not 'yudu-2023'" in (
            capsys.readouterr().err
        )

    def test_validate_bundle_against_a_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`validate BUNDLE --ruleset FILE` checks the bundle against the file's rules: the
        Xingguo sheets lack marks for Yudu's fifth criterion."""
        demo = demo_bundle()

        def bundle_for(ruleset_id: str) -> Path:
            path = tmp_path / f"{ruleset_id}.json"
            io.write(
                path,
                attrs.evolve(demo, campaign=attrs.evolve(demo.campaign, ruleset_id=ruleset_id)),
            )
            return path

        same = tmp_path / "same.toml"
        same.write_text('extends = "xingguo-2022"\nid = "same"\n', encoding="utf-8")
        path = bundle_for("same")
        assert (0, f"{path}: valid bundle\n") == run("validate", str(path), "--ruleset", str(same))
        assert 1 == run("validate", str(bundle_for("yudu-2023")), "--ruleset", YUDU)[0]
        assert "criterion 'C5'" in capsys.readouterr().err
        assert 1 == run("validate", str(bundle_for("other")), "--ruleset", YUDU)[0]
        assert "[ruleset_mismatch]" in capsys.readouterr().err


def test_rulesets_lists_the_chain() -> None:
    """`wuxing rulesets` has a chain column."""
    status, out = run("rulesets")
    assert 0 == status
    assert "chain" in out.splitlines()[0]
