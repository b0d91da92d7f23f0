"""The ruleset's procedure: separation of duties and collective decisions, tighten-only."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuxing import Procedure, RulesetError, ValidationError, io, rulesets
from wuxing.model.rulesets import DUTY_NAMES, ROLE_NAMES
from wuxing.process import Role


class TestProcedure:
    def test_declared_in_the_builtin_ruleset(self) -> None:
        """xingguo-2022 declares the defaults and lists them as declared defaults."""
        rules = rulesets.load("xingguo-2022")
        assert ("verify", "select", "approve") == rules.procedure.exclusive_duties
        assert (("office", "county_government"),) == rules.procedure.separate_roles
        assert ("settle",) == rules.procedure.collective
        assert 2 == rules.procedure.collective_minimum
        assert "procedure" in [d.key for d in rules.declared_defaults]

    def test_role_names_are_the_roles(self) -> None:
        """The model's role names are exactly the process's roles."""
        assert {r.value for r in Role} == set(ROLE_NAMES)

    @pytest.mark.parametrize(
        ("changes", "path"),
        [
            ({"exclusive_duties": ("verify", "approve")}, "exclusive_duties"),
            ({"separate_roles": (("office", "supervisor"),)}, "separate_roles"),
            ({"collective": ("approve",)}, "collective"),
        ],
    )
    def test_loosening_refused(self, changes: dict[str, object], path: str) -> None:
        """Dropping a default is refused with code loosened at its field."""
        with pytest.raises(ValidationError) as info:
            Procedure(**changes)  # type: ignore[arg-type]
        assert [(path, "loosened")] == [(p.path, p.code) for p in info.value.problems]

    def test_collective_minimum_at_least_two(self) -> None:
        """One participant is not a collective decision."""
        with pytest.raises(ValidationError) as info:
            Procedure(collective_minimum=1)
        assert "too_small" == info.value.code

    def test_every_problem_at_once(self) -> None:
        """An unknown duty, a role that is not one, a pair of one role: all reported."""
        with pytest.raises(ValidationError) as info:
            Procedure(
                exclusive_duties=("verify", "select", "approve", "sign"),
                separate_roles=(("office", "county_government"), ("office", "mayor"), ("x",)),
            )
        assert [
            ("exclusive_duties[3]", "unknown_duty"),
            ("separate_roles[1][1]", "unknown_role"),
            ("separate_roles[2]", "not_a_pair"),
            ("separate_roles[2][0]", "unknown_role"),
        ] == [(p.path, p.code) for p in info.value.problems]

    @given(
        st.lists(st.sampled_from(DUTY_NAMES), unique=True),
        st.lists(st.sampled_from(DUTY_NAMES), unique=True),
        st.integers(2, 9),
    )
    def test_tightening_accepted(self, more: list[str], collective: list[str], n: int) -> None:
        """Any addition to the defaults is accepted and survives JSON."""
        duties = ("verify", "select", "approve", *[d for d in more if d not in _MIN])
        procedure = Procedure(
            exclusive_duties=duties,
            separate_roles=(("office", "county_government"), ("supervisor", "county_government")),
            collective=("settle", *[d for d in collective if d != "settle"]),
            collective_minimum=n,
        )
        assert procedure == io.load(io.dump(procedure), Procedure)

    def test_a_layer_may_tighten(self) -> None:
        """A ruleset extending xingguo-2022 adds accept to the exclusive duties."""
        rules = rulesets.loads(
            'extends = "xingguo-2022"\nid = "tight"\n[procedure]\n'
            'exclusive_duties = ["accept", "verify", "select", "approve"]\n'
        )
        assert "accept" in rules.procedure.exclusive_duties
        assert rules.procedure.separated("county_government", "office")

    def test_a_layer_may_not_loosen(self) -> None:
        """A layer that drops select is refused, naming the TOML key."""
        with pytest.raises(RulesetError) as info:
            rulesets.loads(
                'extends = "xingguo-2022"\nid = "loose"\n[procedure]\n'
                'exclusive_duties = ["verify", "approve"]\n'
            )
        assert [("procedure.exclusive_duties", "loosened")] == [
            (p.path, p.code) for p in info.value.problems
        ]


_MIN = ("verify", "select", "approve")
