"""Rulesets: the built-in Xingguo 2022 ruleset, loading, extending, and malformed TOML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

import wuxing
from wuxing import (
    Criterion,
    DeclaredDefault,
    Dimension,
    LabelOrigin,
    Route,
    Ruleset,
    RulesetError,
    Scoring,
    UnitKind,
    ValidationError,
    rulesets,
)
from wuxing import strategies as wst
from wuxing._core.exact import exact_sum


def problems(exc: RulesetError) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in exc.problems]


class TestXingguo2022:
    rules = rulesets.load("xingguo-2022")

    def test_available(self) -> None:
        """The built-in ruleset is listed."""
        assert "xingguo-2022" in rulesets.available()

    def test_categories_quotas_criteria(self) -> None:
        """Four categories, quotas 5/10/10/2, criteria 5/4/4/4 (seed 001, 二 三 四)."""
        assert [
            ("demonstration-township", 5, 5),
            ("advanced-collective", 10, 4),
            ("advanced-individual", 10, 4),
            ("outstanding-supervisor", 2, 4),
        ] == [(c.id, c.quota, len(c.criteria)) for c in self.rules.categories]

    def test_titles_and_scopes_as_the_notice_states_them(self) -> None:
        """Category titles, scopes and criteria titles are the notice's words (seed 001)."""
        # Quoted from the notice of 2022-11-04, sections 二 and 四.
        notice = {
            "demonstration-township": (
                "“五型”政府建设示范乡镇",
                "全县各乡镇。",
                ["推进乡村振兴", "优化政务服务", "改善人居环境", "加强社会治理", "增进民生福祉"],
            ),
            "advanced-collective": (
                "“五型”政府建设先进集体",
                "经济开发区、城市社区管委会,县政府各部门,县直(驻县)各单位。",
                None,
            ),
            "advanced-individual": (
                "“五型”政府建设先进个人",
                "全县政府系统工作人员。",
                ["政治过硬", "担当实干", "勤勉奉献", "清正廉洁"],
            ),
            "outstanding-supervisor": (
                "“五型”政府建设优秀监督员",
                "县“五型”政府建设监督员。",
                None,
            ),
        }
        for cat in self.rules.categories:
            title, scope, criteria = notice[cat.id]
            assert (title, scope) == (cat.title_zh, cat.scope.description_zh)
            if criteria is not None:
                assert criteria == [k.label_zh for k in cat.criteria]

    def test_scopes(self) -> None:
        """Townships for 示范乡镇; zones, committees, departments, county units for 先进集体."""
        assert {UnitKind.TOWNSHIP, UnitKind.TOWN} == set(
            self.rules.category("demonstration-township").scope.unit_kinds
        )
        assert {
            UnitKind.DEVELOPMENT_ZONE,
            UnitKind.MANAGEMENT_COMMITTEE,
            UnitKind.GOVERNMENT_DEPARTMENT,
            UnitKind.COUNTY_UNIT,
            UnitKind.STATIONED_UNIT,
        } == set(self.rules.category("advanced-collective").scope.unit_kinds)

    def test_routes_and_forms(self) -> None:
        """Supervisors are office-assessed with no form; the others file two stamped copies."""
        cats = {c.id: c for c in self.rules.categories}
        assert Route.OFFICE_ASSESSED == cats["outstanding-supervisor"].route
        assert cats["outstanding-supervisor"].forms is None
        assert Route.RECOMMENDED == cats["advanced-individual"].route
        for cid in ("demonstration-township", "advanced-collective", "advanced-individual"):
            forms = cats[cid].forms
            assert forms is not None
            assert (2, True, True) == (forms.paper_copies, forms.stamped, forms.electronic)

    def test_source(self) -> None:
        """The source is the county government office's notice of 2022-11-04."""
        assert "2022-11-04" == self.rules.source.date.isoformat()
        assert "兴国县人民政府办公室" == self.rules.source.issuer

    def test_every_dimension_covered(self) -> None:
        """Across the categories, every one of the five types is borne on by some criterion."""
        covered = {d for c in self.rules.categories for k in c.criteria for d in k.dimensions}
        assert set(Dimension) == covered

    def test_declared_defaults_listed(self) -> None:
        """What the notice leaves open is declared as a default, each with a reason."""
        keys = [d.key for d in self.rules.declared_defaults]
        for key in (
            "categories[*].criteria[*].dimensions",  # the five-type mapping
            "categories[*].criteria[*].weight",
            "categories[*].criteria[*].maximum",
            "categories[2].recommender",  # the recommender must be the person's own unit
            "scoring",
            "ranking",
            "vetoes",
            "periods.notice_working_days",  # 公示 and objections
        ):
            assert key in keys
        assert all(d.reason.strip() for d in self.rules.declared_defaults)

    def test_declared_paths(self) -> None:
        """A weight is a declared default, a quota is the notice's own."""
        assert self.rules.declared("categories[1].criteria[3].weight") is not None
        assert self.rules.declared("scoring.pass_mark") is not None
        assert self.rules.declared("categories[1].quota") is None
        assert self.rules.declared("categories[0].criteria[0].text_zh") is None

    def test_toml_round_trip(self) -> None:
        """Writing the ruleset as TOML and reading it back gives the same ruleset."""
        assert self.rules == rulesets.loads(rulesets.dumps_toml(self.rules))


MINIMAL = """
id = "test"
title = "测试"
jurisdiction = "360732"
year = 2022
[source]
title = "通知"
issuer = "县政府办"
date = 2022-11-04
[[categories]]
id = "township"
title_zh = "示范乡镇"
title_en = "Township"
quota = 1
route = "self_declared"
[categories.scope]
entrant = "unit"
unit_kinds = ["town"]
[[categories.criteria]]
code = "T1"
label_zh = "条件"
summary = "A condition."
dimensions = ["loyal"]
weight = 1
maximum = 20
"""


class TestMalformed:
    def test_minimal_loads(self) -> None:
        """The minimal fixture is itself valid."""
        assert "test" == rulesets.loads(MINIMAL).id

    def test_every_problem_by_toml_key(self) -> None:
        """Duplicate code, unknown key, unknown unit kind, negative quota: all listed, each with
        its line."""
        bad = MINIMAL.replace("quota = 1", "quota = -3\nsurprise = true").replace(
            'unit_kinds = ["town"]', 'unit_kinds = ["town", "village"]'
        ) + (
            '[[categories.criteria]]\ncode = "T1"\nlabel_zh = "重复"\nsummary = "Again."\n'
            'dimensions = ["loyal"]\nweight = 0.5\nmaximum = 20\n'
        )
        with pytest.raises(RulesetError) as info:
            rulesets.loads(bad, name="test.toml")
        assert [
            "test.toml:28: categories[0].criteria[1].code: criterion code 'T1' is also given at "
            "categories[0].criteria[0] of this file; give each once [duplicate]",
            "test.toml:15: categories[0].surprise: is not a field of Category [unknown_field]",
            "test.toml:19: categories[0].scope.unit_kinds[1]: must be one of 'township', 'town', "
            "'subdistrict', 'development_zone', 'management_committee', "
            "'government_department', 'county_unit', 'stationed_unit' (or '乡', '镇', '街道', "
            "'经济开发区', '管委会', '县政府部门', '县直单位', '驻县单位'), got 'village' "
            "[unknown_value]",
            "test.toml:14: categories[0].quota: must be at least 0, got -3 [negative]",
        ] == [str(p) for p in info.value.problems]

    def test_weights_almost_one(self) -> None:
        """Weight sums are exact within a weight's six places; more places are refused
        before any sum is taken (28 significant digits would round these to 1)."""
        with pytest.raises(ValidationError) as info:
            Scoring(verification_weight=Decimal("0.6"), annual_weight=Decimal("0.399999"))
        assert (
            "annual_weight: verification_weight + annual_weight is 0.999999, not 1 [weights_sum]"
        ) == str(info.value.problems[0])
        with pytest.raises(ValidationError) as info:
            Scoring(
                verification_weight=Decimal("0.6"),
                annual_weight=Decimal("0.39999999999999999999999999999"),
            )
        assert ["too_many_places"] == [p.code for p in info.value.problems]
        text = MINIMAL.replace("weight = 1\n", "weight = 1e-99999\n")
        with pytest.raises(RulesetError) as info:
            rulesets.loads(text, name="t.toml")
        assert ["too_large"] == [p.code for p in info.value.problems]
        # a sum that would need a billion digits is not computed, only found not to be 1
        assert exact_sum([Decimal("0.5"), Decimal("1e-999999999")]) is None

    def test_syntax_error(self) -> None:
        """A TOML syntax error is a ruleset error, not a bare TOMLDecodeError."""
        with pytest.raises(RulesetError) as info:
            rulesets.loads("id = ")
        assert "toml_syntax" == info.value.code

    def test_unknown_ruleset(self) -> None:
        """Loading an unknown id names the known ones."""
        with pytest.raises(RulesetError) as info:
            rulesets.load("nowhere-2099")
        assert "unknown_ruleset" == info.value.code
        assert "xingguo-2022" in str(info.value)

    def test_tie_break_names_a_criterion(self) -> None:
        """A tie-break on a criterion must name one the ruleset has."""
        text = MINIMAL + '[ranking]\ntie_breaks = ["criterion:T9"]\n'
        with pytest.raises(RulesetError) as info:
            rulesets.loads(text)
        assert [("ranking.tie_breaks[0]", "unknown_criterion")] == problems(info.value)


class TestExtends:
    def test_override_quota_and_add_criterion(self, tmp_path: Path) -> None:
        """A ruleset built on xingguo-2022 changes what it names and keeps the rest."""
        path = tmp_path / "other.toml"
        path.write_text(
            'extends = "xingguo-2022"\nid = "other-2023"\nyear = 2023\n'
            "[scoring]\npass_mark = 75\n"
            '[[categories]]\nid = "demonstration-township"\nquota = 3\n'
            '[[vetoes]]\nname = "office_flag"\ndescription_zh = "重大安全事故"\n',
            encoding="utf-8",
        )
        base = rulesets.load("xingguo-2022")
        other = rulesets.load_file(path)
        assert ("other-2023", 2023, "xingguo-2022") == (other.id, other.year, other.extended_from)
        assert Decimal(75) == other.scoring.pass_mark
        assert base.scoring.min_sheets == other.scoring.min_sheets
        assert 3 == other.category("demonstration-township").quota
        assert (
            base.category("demonstration-township").criteria
            == other.category("demonstration-township").criteria
        )
        assert [v.name for v in base.vetoes] == [v.name for v in other.vetoes]
        assert "重大安全事故" == other.vetoes[-1].description_zh

    def test_cycle(self, tmp_path: Path) -> None:
        """A ruleset that extends itself is refused."""
        with pytest.raises(RulesetError) as info:
            rulesets.loads('id = "xingguo-2022"\nextends = "xingguo-2022"\n')
        assert "extends_cycle" == info.value.code


class TestGenerated:
    @given(wst.rulesets())
    def test_toml_round_trip(self, ruleset: Ruleset) -> None:
        """Any valid ruleset survives TOML out and back."""
        assert ruleset == rulesets.loads(rulesets.dumps_toml(ruleset))


def test_public_names_exported() -> None:
    """Everything in wuxing.__all__ exists."""
    for name in wuxing.__all__:
        assert hasattr(wuxing, name), name


class TestDeclaredDefault:
    def test_covers(self) -> None:
        """A key covers itself and what lies under it; [*] matches any index."""
        d = DeclaredDefault("categories[*].criteria[*].weight", "No weights in the notice.")
        assert d.covers("categories[0].criteria[4].weight")
        assert not d.covers("categories[0].criteria[4].weights")
        assert not d.covers("categories[0].criteria[4].maximum")
        assert DeclaredDefault("scoring", "r").covers("scoring.pass_mark")
        assert not DeclaredDefault("scoring", "r").covers("scoring_extra")

    def test_bad_key_and_blank_reason(self) -> None:
        """A key that is no path and a blank reason are both reported."""
        with pytest.raises(ValidationError) as info:
            DeclaredDefault("Scoring pass mark", " ")
        assert [("key", "bad_key"), ("reason", "blank")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_plain_string_refused_in_toml(self) -> None:
        """A declared default without a reason is refused with its TOML key."""
        with pytest.raises(RulesetError) as info:
            rulesets.loads('declared_defaults = ["scoring"]\n' + MINIMAL)
        assert "declared_defaults[0]" == info.value.problems[0].path

    def test_statement_names_a_known_category(self) -> None:
        """A statement that concerns an unknown category is refused."""
        text = MINIMAL + (
            '[[statements]]\nkey = "guidance"\ntext_zh = "联系指导"\nsource = "六(三)"\n'
            'categories = ["nowhere"]\n'
        )
        with pytest.raises(RulesetError) as info:
            rulesets.loads(text)
        assert [("statements[0].categories[0]", "unknown_category")] == problems(info.value)


def collective_c4(origin: LabelOrigin) -> Criterion:
    """四(二)4 under the ruleset's label 政风行风深刻变化, which does not open its text."""
    return Criterion(
        "C4",
        "政风行风深刻变化",
        "Conduct changes.",
        {Dimension.COMPETENT},
        Decimal(1),
        Decimal(25),
        text_zh="把“五型”政府建设要求贯穿于政府工作的全过程、各方面",
        label_origin=origin,
    )


class TestCriterionLabel:
    def test_heading_must_open_the_text(self) -> None:
        """A label claimed as the notice's heading that does not open the text is refused."""
        with pytest.raises(ValidationError) as info:
            collective_c4(LabelOrigin.HEADING)
        assert [("label_origin", "label_not_heading")] == [
            (p.path, p.code) for p in info.value.problems
        ]

    def test_coined_label_allowed(self) -> None:
        """The same label marked coined is accepted and reported as coined."""
        k = collective_c4(LabelOrigin.COINED)
        assert k.label_coined
        assert "政风行风深刻变化" == k.title_zh


class TestShowMarks:
    @staticmethod
    def show() -> str:
        from io import StringIO

        from wuxing.cli import main

        out = StringIO()
        assert 0 == main(["show", "xingguo-2022"], out)
        return out.getvalue()

    def test_every_criterion_text_printed(self) -> None:
        """`wuxing show` prints each criterion's full text after its code and section."""
        out = self.show()
        for cat in rulesets.load("xingguo-2022").categories:
            for k in cat.criteria:
                assert f"{k.code} ({k.source}) {k.text_zh}" in out

    def test_coined_labels_and_defaults_marked(self) -> None:
        """Coined labels carry “(coined)”; the scoring model, tie-breaks, vetoes and notice
        period are marked as declared defaults and their reasons listed."""
        out = self.show()
        assert "政风行风深刻变化 (coined)" in out
        assert "推进乡村振兴 (coined)" not in out
        for line in ("scoring *:", "tie-breaks *:", "vetoes *:", "public notice * 5"):
            assert line in out
        assert "categories[*].criteria[*].dimensions: 一 names the five types" in out
        assert "use_of_results (六(三)): 将评选结果作为" in out
