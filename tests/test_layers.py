"""Rulesets by file and by layer: the Yudu example, extends by path, merge rules, provenance,
abstract bases, and every problem located by file, line and key."""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import Ruleset, RulesetError, rulesets
from wuxing import strategies as wst
from wuxing.cli import main
from wuxing.rulesets import LocatedProblem
from wuxing.rulesets.positions import key_lines
from wuxing.rulesets.trace import trace

EXAMPLE = Path(__file__).parent.parent / "examples" / "rulesets" / "yudu-2023.toml"
YUDU = EXAMPLE.read_text(encoding="utf-8")


def lines_of(exc: RulesetError) -> list[str]:
    return [str(p) for p in exc.problems]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, **kwargs: object) -> RulesetError:
    with pytest.raises(RulesetError) as info:
        rulesets.load_file(path, **kwargs)  # type: ignore[arg-type]
    return info.value


class TestYudu:
    """The 于都县 2023 example: quotas 6/12/12/3, a fifth 先进集体 criterion, pass mark 75."""

    rules = rulesets.load_file(EXAMPLE)

    def test_what_it_sets(self) -> None:
        """Its quotas, the new criterion and the pass mark; the rest as Xingguo has it."""
        assert [6, 12, 12, 3] == [c.quota for c in self.rules.categories]
        collective = self.rules.category("advanced-collective")
        assert ["C1", "C2", "C3", "C4", "C5"] == [k.code for k in collective.criteria]
        assert "优化营商环境" == collective.criterion("C5").label_zh
        assert Decimal(75) == self.rules.scoring.pass_mark
        assert Decimal("0.6") == self.rules.scoring.verification_weight
        assert ("yudu-2023", "xingguo-2022") == self.rules.chain

    def test_provenance_belongs_to_the_layer(self) -> None:
        """Yudu cites no document: it is shown as inheriting Xingguo's; its declared defaults
        are its own and Xingguo's stay with Xingguo's layer."""
        top, base = self.rules.layers
        assert (None, "兴国县人民政府办公室") == (top.source, self.rules.source.issuer)
        assert base.source is not None
        assert "scoring.pass_mark" in [d.key for d in self.rules.declared_defaults]
        assert "scoring" not in [d.key for d in self.rules.declared_defaults]
        assert "scoring" in [d.key for d in base.declared_defaults]
        traced = {t.path: t for t in trace(self.rules)}
        assert ("xingguo-2022", True) == (
            traced["categories[1].criteria[0].source"].layer,
            traced["categories[1].criteria[0].source"].inherited,
        )
        assert ("yudu-2023", False) == (
            traced["categories[1].criteria[0].weight"].layer,
            traced["categories[1].criteria[0].weight"].inherited,
        )

    def test_round_trip_keeps_the_layers(self) -> None:
        """Flattened to TOML and read back, the ruleset (its layers included) is the same."""
        assert self.rules == rulesets.loads(rulesets.dumps_toml(self.rules))

    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            (
                "quota = 6",
                "quota = -6",
                ["38: categories[0].quota: must be at least 0, got -6 [negative]"],
            ),
            (
                "pass_mark = 75",
                "pass_mrk = 75",
                ["34: scoring.pass_mrk: is not a field of Scoring [unknown_field]"],
            ),
            (
                'summary = "Improve the business',
                'summry = "Improve the business',
                [
                    "70: categories[1].criteria[4].summry: is not a field of Criterion "
                    "[unknown_field]",
                    "66: categories[1].criteria[4].summary: is required (a new criterion; to "
                    "change one of the layers below, use its code: C1, C2, C3, C4) "
                    "[missing_field]",
                ],
            ),
            (
                '"service_oriented", "innovative"',
                '"service", "innovative"',
                [
                    "71: categories[1].criteria[4].dimensions[0]: must be one of 'loyal', "
                    "'innovative', 'accountable', 'service_oriented', 'competent' (or '忠诚', "
                    "'创新', '担当', '服务', '过硬'), got 'service' [unknown_value]"
                ],
            ),
            (
                'code = "C1"\nweight = 0.2',
                'code = "C1"\nweight = 0.25',
                [
                    "46: categories[1].criteria: the weights of the scored criteria add up to "
                    "1.05, not 1; the weights in force: C1 0.25 (yudu-2023), C2 0.2 "
                    "(yudu-2023), C3 0.2 (yudu-2023), C4 0.2 (yudu-2023), C5 0.2 (yudu-2023) "
                    "[weights_sum]"
                ],
            ),
            (
                'code = "C1"\nweight = 0.2',
                'code = "C1"\nweight = 0.19999999999999999999999999999999',
                [
                    "48: categories[1].criteria[0].weight: "
                    "Decimal('0.19999999999999999999999999999999') is out of range: at most 30 "
                    "digits, 20 places [too_large]"
                ],
            ),
            (
                '"xingguo-2022"',
                '"xingguo-2021"',
                ["11: extends: no ruleset 'xingguo-2021'; known: xingguo-2022 [unknown_ruleset]"],
            ),
            (
                '"360731"',
                '"990731"',
                [
                    "14: jurisdiction: '990731' names no province-level division "
                    "[bad_division_code]"
                ],
            ),
            (
                "pass_mark = 75",
                "pass_mark = ",
                ["34: (document): Invalid value (at line 34, column 13) [toml_syntax]"],
            ),
            (
                'id = "outstanding-supervisor"\nquota = 3',
                'id = "advanced-individual"\nquota = 3',
                [
                    "80: categories[3].id: category id 'advanced-individual' is also given at "
                    "categories[2] of this file; give each once [duplicate]"
                ],
            ),
        ],
    )
    def test_every_mistake_by_file_and_line(
        self, tmp_path: Path, old: str, new: str, expected: list[str]
    ) -> None:
        """Each mistake in the Yudu file is reported with the file, the line and the key."""
        assert old in YUDU
        path = write(tmp_path, "yudu-2023.toml", YUDU.replace(old, new, 1))
        assert [f"{path}:{e}" for e in expected] == lines_of(refused(path))

    def test_all_mistakes_at_once(self, tmp_path: Path) -> None:
        """Three mistakes in three places give three problems, each with its own line."""
        text = YUDU.replace("quota = 6", "quota = -6").replace("quota = 3", "quota = 3.5")
        text = text.replace("year = 2023", 'year = "2023"')
        path = write(tmp_path, "yudu-2023.toml", text)
        assert [15, 38, 81] == sorted(
            p.line for p in refused(path).problems if isinstance(p, LocatedProblem)
        )

    def test_a_new_id_is_not_a_silent_fifth_category(self, tmp_path: Path) -> None:
        """A category id the layers below do not have is a new category, and the message says
        which ids exist, since a misspelt id is the likelier mistake."""
        path = write(
            tmp_path, "y.toml", YUDU.replace('"advanced-individual"', '"advanced-indivdual"')
        )
        first = refused(path).problems[0]
        assert "categories[2].title_zh" == first.path
        assert "is required (a new category; to change one of the layers below, use its id: " in (
            first.message
        )
        assert "advanced-individual" in first.message


BASE = """
id = "base"
title = "基础"
jurisdiction = "360700"
year = 2023
[source]
title = "通知"
issuer = "市政府办"
date = 2023-03-01
[[categories]]
id = "collective"
title_zh = "先进集体"
title_en = "Collective"
quota = 4
route = "self_declared"
[categories.scope]
entrant = "unit"
unit_kinds = ["county_unit"]
[[categories.criteria]]
code = "A"
label_zh = "甲"
summary = "A."
dimensions = ["loyal"]
weight = 0.5
maximum = 50
[[categories.criteria]]
code = "B"
label_zh = "乙"
summary = "B."
dimensions = ["competent"]
weight = 0.5
maximum = 50
[[categories]]
id = "individual"
title_zh = "先进个人"
title_en = "Individual"
quota = 3
route = "recommended"
[categories.scope]
entrant = "staff"
[[categories.criteria]]
code = "P"
label_zh = "丙"
summary = "P."
dimensions = ["loyal"]
weight = 1
maximum = 100
[ranking]
tie_breaks = ["criterion:A", "annual_score"]
[[vetoes]]
name = "sanction_in_year"
categories = ["individual"]
"""


class TestExtendsByFile:
    def test_relative_path(self, tmp_path: Path) -> None:
        """A file extends another by a path relative to itself; the layer records the file."""
        write(tmp_path, "base.toml", BASE)
        child = write(tmp_path, "child.toml", 'extends = "base.toml"\nid = "child"\n')
        rules = rulesets.load_file(child)
        assert ("child", "base") == rules.chain
        assert [str(child), str(tmp_path / "base.toml")] == [la.origin for la in rules.layers]

    def test_path_outside_the_search_path(self, tmp_path: Path) -> None:
        """``..`` out of the search path is refused; declaring the directory allows it."""
        write(tmp_path, "base.toml", BASE)
        child = write(tmp_path, "county/child.toml", 'extends = "../base.toml"\nid = "child"\n')
        exc = refused(child)
        assert ["extends_outside"] == [p.code for p in exc.problems]
        assert f"{child}:1: extends: '../base.toml' lies outside the search path" in str(exc)
        assert "base" == rulesets.load_file(child, search_path=[tmp_path]).extended_from

    def test_climbing_far_out(self, tmp_path: Path) -> None:
        """A path climbing to the file system's root is refused like any other."""
        child = write(tmp_path, "c.toml", 'extends = "../../../../../../../etc/passwd.toml"\n')
        assert "extends_outside" == refused(child).code

    def test_symbolic_link_out(self, tmp_path: Path) -> None:
        """A link inside the search path to a file outside it does not open the way."""
        write(tmp_path, "outside/base.toml", BASE)
        (tmp_path / "rules").mkdir()
        os.symlink(tmp_path / "outside" / "base.toml", tmp_path / "rules" / "base.toml")
        child = write(tmp_path, "rules/child.toml", 'extends = "base.toml"\nid = "child"\n')
        assert "extends_outside" == refused(child).code

    def test_absolute_path(self, tmp_path: Path) -> None:
        """An absolute path is refused: a chain must move with its files."""
        base = write(tmp_path, "base.toml", BASE)
        child = write(tmp_path, "child.toml", f'extends = "{base}"\nid = "child"\n')
        assert "extends_absolute" == refused(child).code

    def test_cycle_through_files(self, tmp_path: Path) -> None:
        """a → b → a is refused with the whole loop."""
        write(tmp_path, "a.toml", 'extends = "b.toml"\nid = "a"\n')
        write(tmp_path, "b.toml", 'extends = "a.toml"\nid = "b"\n')
        exc = refused(tmp_path / "a.toml")
        assert "extends_cycle" == exc.code
        assert (
            f"cycle: a ({tmp_path / 'a.toml'}) → b ({tmp_path / 'b.toml'}) → a.toml"
            in exc.problems[0].message
        )

    def test_file_extends_itself(self, tmp_path: Path) -> None:
        """A file naming itself is a cycle of one."""
        path = write(tmp_path, "a.toml", 'extends = "a.toml"\nid = "a"\n')
        assert "extends_cycle" == refused(path).code

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that is not there is reported at the extends line."""
        path = write(tmp_path, "a.toml", '\nid = "a"\nextends = "nowhere.toml"\n')
        exc = refused(path)
        assert ("extends_unreadable", 3) == (exc.code, exc.problems[0].line)  # type: ignore[attr-defined]

    def test_text_without_a_file(self) -> None:
        """Text given without its file cannot extend a file: there is nothing to be relative
        to."""
        with pytest.raises(RulesetError) as info:
            rulesets.loads('extends = "base.toml"\nid = "x"\n')
        assert "extends_needs_file" == info.value.code

    def test_base_mistake_is_reported_in_the_base(self, tmp_path: Path) -> None:
        """A mistake the base wrote is reported in the base's file and line."""
        write(tmp_path, "base.toml", BASE.replace("quota = 3", "quota = -3"))
        child = write(tmp_path, "child.toml", 'extends = "base.toml"\nid = "child"\n')
        assert [
            f"{tmp_path / 'base.toml'}:37: categories[1].quota: must be at least 0, got -3 "
            "[negative]"
        ] == lines_of(refused(child))

    def test_long_chain(self, tmp_path: Path) -> None:
        """A chain of 10,000 files loads without a deep stack; the top wins."""
        write(tmp_path, "l0.toml", BASE.replace('id = "base"', 'id = "l0"'))
        for i in range(1, 10_000):
            write(
                tmp_path,
                f"l{i}.toml",
                f'extends = "l{i - 1}.toml"\nid = "l{i}"\n[[categories]]\n'
                f'id = "collective"\nquota = {i}\n',
            )
        rules = rulesets.load_file(tmp_path / "l9999.toml")
        assert (10_000, 9999, "l9999") == (
            len(rules.chain),
            rules.category("collective").quota,
            rules.layer_of("categories[0].quota").id,  # type: ignore[union-attr]
        )


def child_of_base(tmp_path: Path, text: str) -> Path:
    write(tmp_path, "base.toml", BASE)
    return write(tmp_path, "child.toml", 'extends = "base.toml"\nid = "child"\n' + text)


class TestMerge:
    def test_remove_category(self, tmp_path: Path) -> None:
        """``remove = true`` takes a category out; a veto limited to it must go too."""
        path = child_of_base(tmp_path, '[[categories]]\nid = "individual"\nremove = true\n')
        assert [
            f"{path}:5: categories[0].remove: the veto 'sanction_in_year' applies only to "
            "categories removed here (individual); remove the veto too (name = "
            "'sanction_in_year', remove = true) or give it categories [veto_left_without_category]"
        ] == lines_of(refused(path))
        path.write_text(
            path.read_text() + '[[vetoes]]\nname = "sanction_in_year"\nremove = true\n'
        )
        rules = rulesets.load_file(path)
        assert (["collective"], []) == ([c.id for c in rules.categories], list(rules.vetoes))

    def test_remove_and_rename_criteria(self, tmp_path: Path) -> None:
        """A criterion removed, another renamed: the tie-break follows the new code."""
        path = child_of_base(
            tmp_path,
            '[[categories]]\nid = "collective"\n'
            '[[categories.criteria]]\ncode = "B"\nremove = true\n'
            '[[categories.criteria]]\ncode = "A"\nrename_to = "A1"\nweight = 1\nmaximum = 100\n',
        )
        rules = rulesets.load_file(path)
        assert ["A1"] == [k.code for k in rules.category("collective").criteria]
        assert ("criterion:A1", "annual_score") == rules.ranking.tie_breaks
        assert "child" == rules.layer_of("categories[0].criteria[0].code").id  # type: ignore[union-attr]
        assert "base" == rules.layer_of("categories[0].criteria[0].label_zh").id  # type: ignore[union-attr]

    def test_statements_follow_renames_and_removals(self, tmp_path: Path) -> None:
        """A statement limited to a renamed category names the new id; one limited only to
        removed categories no longer concerns the ruleset and is left out; a child replaces a
        statement by its key."""
        statements = (
            '[[statements]]\nkey = "guidance"\ntext_zh = "联系指导"\nsource = "六(三)"\n'
            'summary = "Guidance."\ncategories = ["collective"]\n'
            '[[statements]]\nkey = "results"\ntext_zh = "评选结果"\nsource = "六(三)"\n'
            'summary = "Results."\ncategories = ["individual"]\n'
        )
        write(tmp_path, "base.toml", BASE + statements)
        renamed = write(
            tmp_path,
            "renamed.toml",
            'extends = "base.toml"\nid = "renamed"\n'
            '[[categories]]\nid = "collective"\nrename_to = "team"\n'
            '[[statements]]\nkey = "results"\ntext_zh = "评选结果作为考核依据"\n',
        )
        rules = rulesets.load_file(renamed)
        assert [
            ("guidance", ("team",), "联系指导"),
            ("results", ("individual",), "评选结果作为考核依据"),
        ] == [(st.key, st.categories, st.text_zh) for st in rules.statements]
        removed = write(
            tmp_path,
            "removed.toml",
            'extends = "base.toml"\nid = "removed"\n'
            '[[categories]]\nid = "individual"\nremove = true\n'
            '[[vetoes]]\nname = "sanction_in_year"\nremove = true\n',
        )
        assert ["guidance"] == [st.key for st in rulesets.load_file(removed).statements]

    def test_rename_category(self, tmp_path: Path) -> None:
        """A renamed category keeps its criteria; a veto limited to it names the new id."""
        path = child_of_base(tmp_path, '[[categories]]\nid = "individual"\nrename_to = "person"\n')
        rules = rulesets.load_file(path)
        assert ["collective", "person"] == [c.id for c in rules.categories]
        assert ("person",) == rules.vetoes[0].categories

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                '[[categories]]\nid = "nobody"\nremove = true\n',
                "5: categories[0].remove: no category id 'nobody' in the layers below to remove "
                "[remove_unknown]",
            ),
            (
                '[[categories]]\nid = "collective"\nremove = true\nquota = 2\n',
                "6: categories[0].quota: a removed category takes no other keys (here: quota) "
                "[remove_with_fields]",
            ),
            (
                '[[categories]]\nid = "collective"\nremove = "yes"\n',
                "5: categories[0].remove: write remove = true or leave it out [wrong_type]",
            ),
            (
                '[[categories]]\nid = "nobody"\nrename_to = "x"\n',
                "5: categories[0].rename_to: no category id 'nobody' in the layers below to "
                "rename [rename_unknown]",
            ),
            (
                '[[categories]]\nid = "collective"\nrename_to = "individual"\n',
                "5: categories[0].rename_to: category id 'individual' is already taken "
                "[rename_clash]",
            ),
            (
                '[[categories]]\nid = "collective"\n[[categories.criteria]]\ncode = "A"\n'
                'weight = 0.5\n[[categories.criteria]]\ncode = "A"\nweight = 0.5\n',
                "9: categories[0].criteria[1].code: criterion code 'A' is also given at "
                "categories[0].criteria[0] of this file; give each once [duplicate]",
            ),
            (
                "layers = []\n",
                "3: layers: layers is written by the loader when it flattens a chain; a layer "
                "of a chain does not set it (to build on a flattened ruleset, remove its layers "
                "and extended_from) [loader_key]",
            ),
        ],
    )
    def test_refused(self, tmp_path: Path, text: str, expected: str) -> None:
        """Each wrong use of remove, rename_to and ids is refused at its own line."""
        path = child_of_base(tmp_path, text)
        assert [f"{path}:{expected}"] == lines_of(refused(path))

    def test_own_source_checked_once(self, tmp_path: Path) -> None:
        """A layer's own document is checked where it was written, each problem once."""
        path = child_of_base(tmp_path, '[source]\ntitle = "x"\ndate = "soon"\n')
        assert [
            f"{path}:3: source.issuer: is required [missing_field]",
            f"{path}:5: source.date: must be an ISO 8601 date (YYYY-MM-DD), got 'soon' [bad_date]",
        ] == lines_of(refused(path))

    def test_weights_name_their_layers(self, tmp_path: Path) -> None:
        """Adding a criterion without rebalancing lists the weights in force and whose each
        is."""
        path = child_of_base(
            tmp_path,
            '[[categories]]\nid = "collective"\n[[categories.criteria]]\ncode = "C"\n'
            'label_zh = "丁"\nsummary = "C."\ndimensions = ["loyal"]\nweight = 0.2\n'
            "maximum = 20\n",
        )
        assert [
            f"{path}:5: categories[0].criteria: the weights of the scored criteria add up to "
            "1.2, not 1; the weights in force: A 0.5 (base), B 0.5 (base), C 0.2 (child) "
            "[weights_sum]"
        ] == lines_of(refused(path))

    def test_duplicate_in_a_single_file(self) -> None:
        """A file that extends nothing may not repeat an id either."""
        text = BASE + '[[categories]]\nid = "collective"\nquota = 9\n'
        with pytest.raises(RulesetError) as info:
            rulesets.loads(text, name="base.toml")
        assert [
            "base.toml:54: categories[2].id: category id 'collective' is also given at "
            "categories[0] of this file; give each once [duplicate]"
        ] == lines_of(info.value)


ABSTRACT = (
    BASE.replace('id = "base"', 'id = "base"\nabstract = true')
    .replace("quota = 4\n", "")
    .replace("year = 2023\n", "")
)


class TestAbstract:
    def test_cannot_be_loaded(self, tmp_path: Path) -> None:
        """An abstract base is refused as rules, naming what it leaves open."""
        path = write(tmp_path, "base.toml", ABSTRACT)
        assert [
            f"{path}:3: abstract: base is abstract: a base to extend, not rules to evaluate; it "
            "leaves open: year, categories[0].quota [abstract_ruleset]"
        ] == lines_of(refused(path))
        found = rulesets.resolve(path)
        assert (True, ("year", "categories[0].quota")) == (found.abstract, found.open)

    def test_child_must_supply_what_is_open(self, tmp_path: Path) -> None:
        """A child that leaves the quota open is told in its own file, at its extends line."""
        write(tmp_path, "base.toml", ABSTRACT)
        path = write(tmp_path, "c.toml", 'id = "c"\nextends = "base.toml"\nyear = 2024\n')
        assert [
            f"{path}:2: categories[0].quota: is required: the abstract base base "
            f"({tmp_path / 'base.toml'}) leaves it open; give it here [missing_field]"
        ] == lines_of(refused(path))
        path.write_text(path.read_text() + '[[categories]]\nid = "collective"\nquota = 2\n')
        rules = rulesets.load_file(path)
        assert (2, False, True) == (
            rules.category("collective").quota,
            rules.layers[0].abstract,
            rules.layers[1].abstract,
        )

    def test_a_concrete_base_is_blamed_for_its_own_gap(self, tmp_path: Path) -> None:
        """A base that is not abstract and lacks a key is reported in its own file."""
        write(tmp_path, "base.toml", BASE.replace('summary = "B."\n', ""))
        path = write(tmp_path, "c.toml", 'extends = "base.toml"\nid = "c"\n')
        assert [
            f"{tmp_path / 'base.toml'}:26: categories[0].criteria[1].summary: is required "
            "[missing_field]"
        ] == lines_of(refused(path))

    def test_abstract_flag_must_be_a_boolean(self, tmp_path: Path) -> None:
        """``abstract = "yes"`` is refused."""
        path = write(tmp_path, "b.toml", BASE.replace('id = "base"', 'id = "base"\nabstract = 1'))
        assert "wrong_type" == refused(path).code


class TestPositions:
    @given(wst.rulesets())
    def test_every_key_of_a_written_ruleset_has_its_line(self, ruleset: Ruleset) -> None:
        """In any ruleset written as TOML, every table and key is found on a line that names
        it."""
        text = rulesets.dumps_toml(ruleset)
        lines = key_lines(text)
        source = text.splitlines()
        for path, line in lines.items():
            last = path.rsplit(".", 1)[-1].split("[")[0]
            assert last in source[line - 1] or "[" in path.rsplit(".", 1)[-1], (path, line)
        for name in ("id", "title", "jurisdiction", "source.date", "categories[0].criteria[0]"):
            assert name in lines

    def test_strings_with_brackets_and_quotes(self) -> None:
        """Brackets, quotes and ``#`` inside strings do not open tables or comments."""
        text = (
            "a = \"[x] # no \\\" comment\"\nb = '''\n[[not.a.table]]\n'''\n"
            'c = """\nq = 1\n"""\n[t]\nd = [1, # one\n  2]\n'
        )
        assert {"a": 1, "b": 2, "c": 5, "t": 8, "t.d": 9, "t.d[0]": 9, "t.d[1]": 10} == (
            key_lines(text)
        )

    def test_quotes_ending_a_multi_line_string(self) -> None:
        """Up to two quotes may end a multi-line string's content before its delimiter."""
        text = 'x = """a""""\ny = \'\'\'b\'\'\'\'\'\nz = 1979-05-27 07:32:00Z\n"k.1" = 2\n'
        assert {"x": 1, "y": 2, "z": 3, "k.1": 4} == key_lines(text)


class TestGeneratedLayers:
    @given(wst.rulesets(), st.data())
    def test_child_overrides_only_what_it_names(
        self, tmp_path_factory: pytest.TempPathFactory, base: Ruleset, data: st.DataObject
    ) -> None:
        """A child naming some categories' quotas changes those and nothing else, says so in
        its trace, and survives TOML out and back."""
        folder = tmp_path_factory.mktemp("gen")
        base = attrs.evolve(base, extended_from=None)
        write(
            folder,
            "base.toml",
            rulesets.dumps_toml(base).replace(f'id = "{base.id}"', 'id = "b"', 1),
        )
        named = data.draw(st.sets(st.sampled_from([c.id for c in base.categories])))
        least = {c.id: sum(r.seats for r in c.reserved) for c in base.categories}
        # a quota below the seats the category reserves is refused (too_many_seats)
        changed = {cid: data.draw(st.integers(least[cid], max(least[cid], 50))) for cid in named}
        text = 'extends = "base.toml"\nid = "kid"\n' + "".join(
            f'[[categories]]\nid = "{cid}"\nquota = {q}\n' for cid, q in changed.items()
        )
        rules = rulesets.load_file(write(folder, "kid.toml", text))
        for i, cat in enumerate(base.categories):
            assert changed.get(cat.id, cat.quota) == rules.categories[i].quota
            setter = rules.layer_of(f"categories[{i}].quota")
            assert ("kid" if cat.id in changed else "b") == (setter.id if setter else None)
            assert cat.criteria == rules.categories[i].criteria
        assert rules == rulesets.loads(rulesets.dumps_toml(rules))

    @given(wst.rulesets(), st.data())
    def test_remove_and_rename_generated(
        self, tmp_path_factory: pytest.TempPathFactory, base: Ruleset, data: st.DataObject
    ) -> None:
        """Removing some categories and renaming others leaves the rest in order, renames
        the veto scopes that named them, and refuses a veto left with no category."""
        folder = tmp_path_factory.mktemp("gen")
        base = attrs.evolve(base, extended_from=None)
        write(folder, "base.toml", rulesets.dumps_toml(base))
        ids = [c.id for c in base.categories]
        gone = data.draw(st.sets(st.sampled_from(ids), max_size=len(ids) - 1))
        kept = [i for i in ids if i not in gone]
        renamed = {i: f"new-{n}" for n, i in enumerate(kept) if data.draw(st.booleans())}
        text = (
            'extends = "base.toml"\nid = "kid-x"\n'
            + "".join(f'[[categories]]\nid = "{i}"\nremove = true\n' for i in sorted(gone))
            + "".join(
                f'[[categories]]\nid = "{old}"\nrename_to = "{new}"\n'
                for old, new in renamed.items()
            )
        )
        path = write(folder, "kid.toml", text)
        orphaned = [v.name for v in base.vetoes if v.categories and set(v.categories) <= gone]
        if orphaned:
            exc = refused(path)
            assert ["veto_left_without_category"] * len(orphaned) == [p.code for p in exc.problems]
            return
        rules = rulesets.load_file(path)
        assert [renamed.get(i, i) for i in kept] == [c.id for c in rules.categories]
        for v_base, v in zip(base.vetoes, rules.vetoes, strict=True):
            assert tuple(renamed.get(c, c) for c in v_base.categories if c not in gone) == (
                v.categories
            )


def test_three_layers_files_and_ids(tmp_path: Path) -> None:
    """A county file extends a city file that extends a built-in id: the chain has all three,
    each value the layer that set it, and `wuxing show` prints the chain."""
    write(
        tmp_path,
        "ganzhou-2023.toml",
        'extends = "xingguo-2022"\nid = "ganzhou-2023"\njurisdiction = "360700"\nyear = 2023\n'
        "[scoring]\npass_mark = 78\n",
    )
    county_file = write(
        tmp_path,
        "yudu-2023.toml",
        'extends = "ganzhou-2023.toml"\nid = "yudu-2023"\njurisdiction = "360731"\n'
        '[[categories]]\nid = "advanced-collective"\nquota = 12\n',
    )
    rules = rulesets.load_file(county_file)
    assert ("yudu-2023", "ganzhou-2023", "xingguo-2022") == rules.chain
    assert [str(county_file), str(tmp_path / "ganzhou-2023.toml"), None] == [
        la.origin for la in rules.layers
    ]
    setter = {p: rules.layer_of(p) for p in ("categories[1].quota", "scoring.pass_mark", "year")}
    assert {"categories[1].quota": "yudu-2023", "scoring.pass_mark": "ganzhou-2023"} == {
        p: la.id for p, la in setter.items() if la is not None and p != "year"
    }
    assert "ganzhou-2023" == setter["year"].id  # type: ignore[union-attr]
    out = io.StringIO()
    assert 0 == main(["show", "--ruleset", str(county_file)], out)
    assert "chain: yudu-2023 → ganzhou-2023 → xingguo-2022" in out.getvalue()
