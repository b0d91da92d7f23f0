"""Every bad input gets a clear WuxingError with its path and code, in bounded work: the cases
found by fuzzing, each pinned here."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pendulum
import pytest

from wuxing import (
    AnnualScore,
    Application,
    Campaign,
    Criterion,
    Dimension,
    Person,
    Ranking,
    Unit,
    UnitKind,
    ValidationError,
    WuxingError,
    io,
    rulesets,
)
from wuxing._core.convert import load
from wuxing.errors import PROBLEM_LIMIT
from wuxing.evaluation import evaluate
from wuxing.evaluation.bundle import Bundle
from wuxing.evaluation.outcomes import SelectionResult
from wuxing.model.units import mask_resident_id
from wuxing.supervision import Ledger
from wuxing.tasks import Area, EnterpriseIssue, HandlingMode, KeyTask, Response, TaskList

BUNDLE = json.loads(Path("examples/data/xingguo-2022-bundle.json").read_text("utf-8"))
LEDGER = json.loads(Path("examples/data/tongmu-2021-ledger.json").read_text("utf-8"))
AT = pendulum.datetime(2023, 1, 10, 17, tz="Asia/Shanghai")


def problems(exc: ValidationError) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in exc.problems]


def bundle_with(change: Any) -> dict[str, Any]:
    """The example bundle document, changed in place by ``change(data)``."""
    document = copy.deepcopy(BUNDLE)
    change(document["data"])
    return document


def refused(document: Any) -> ValidationError:
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    with pytest.raises(ValidationError) as info:
        io.loads(text)
    return info.value


class TestHugeExponents:
    def test_annual_score_exponent_refused_on_load(self) -> None:
        """An annual score "1e-99999999" is refused at once, not computed with."""
        doc = bundle_with(lambda d: d["annual_scores"][0].update(score="1e-99999999"))
        assert [("annual_scores[0].score", "bad_decimal")] == problems(refused(doc))

    def test_marks_exponent_refused_on_load(self) -> None:
        """Marks "1e-9999999" are refused with their path."""
        doc = bundle_with(lambda d: d["sheets"][0]["marks"][0].update(points="1e-9999999"))
        assert [("sheets[0].marks[0].points", "bad_decimal")] == problems(refused(doc))

    def test_decimal_values_in_python_refused_by_places(self) -> None:
        """A Decimal built in Python with a huge exponent is refused by its places, naming
        the bound; a zero with a huge exponent too (exact arithmetic would expand it)."""
        for value in (Decimal("1e-99999999"), Decimal("0E-99999999")):
            with pytest.raises(ValidationError) as info:
                AnnualScore("t01", value)
            assert [("score", "too_many_places")] == problems(info.value)
            assert "at most 4 decimal places" in str(info.value)

    def test_inline_ruleset_weight_exponent(self) -> None:
        """A TOML weight 1e-999999999 is refused when the ruleset loads."""
        text = rulesets.text_of("xingguo-2022").replace("weight = 0.2", "weight = 1e-999999999", 1)
        with pytest.raises(WuxingError) as info:
            rulesets.loads(text)
        assert "too_large" == info.value.code
        assert info.value.path.endswith("weight")


class TestRawPythonErrors:
    def test_integer_over_4300_digits(self) -> None:
        """A 5,000-digit integer is refused with its path, never converted."""
        text = json.dumps(BUNDLE).replace('"paper_copies": 2', '"paper_copies": ' + "1" * 5000, 1)
        error = refused(text)
        assert [("applications[0].forms.paper_copies", "too_large")] == problems(error)
        assert "5,000 digits" in str(error)

    def test_integer_over_4300_digits_in_toml(self) -> None:
        """The same in a ruleset's TOML."""
        with pytest.raises(WuxingError) as info:
            rulesets.loads("year = " + "1" * 5000)
        assert "toml_syntax" == info.value.code

    @pytest.mark.parametrize("depth", [33, 1000, 100_000])
    def test_deep_json(self, depth: int) -> None:
        """Arrays nested past the bound are refused, naming it."""
        error = refused("[" * depth + "]" * depth)
        assert [("", "too_deep")] == problems(error)
        assert "more than 32 deep" in str(error)

    def test_depth_within_bound_is_read(self) -> None:
        """31 levels inside the envelope are read (and refused as the wrong type, not as too
        deep)."""
        nested = "[" * 30 + "]" * 30
        text = f'{{"format": "wuxing", "version": 1, "kind": "unit", "data": {nested}}}'
        assert [("", "wrong_type")] == problems(refused(text))

    @pytest.mark.parametrize("depth", [40, 5000])
    def test_deep_toml(self, depth: int) -> None:
        """5,000 nested TOML arrays (and 40) are refused as too deep."""
        with pytest.raises(WuxingError) as info:
            rulesets.loads("a = " + "[" * depth + "]" * depth)
        assert "too_deep" == info.value.code

    def test_lone_surrogate(self) -> None:
        """A lone surrogate is refused on load and in Python, so writing never fails."""
        doc = bundle_with(lambda d: d["units"][0].update(name="\ud800"))
        assert [("units[0].name", "bad_character")] == problems(refused(doc))
        with pytest.raises(ValidationError):
            Unit("u", "高\ud800", UnitKind.TOWN, "360732")

    def test_cut_off_out_of_range(self) -> None:
        """evaluate at 9999-12-31T23:59:59-12:00 is refused, not an OverflowError."""
        bundle = io.read("examples/data/xingguo-2022-bundle.json", Bundle)
        at = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12)))
        with pytest.raises(ValidationError) as info:
            evaluate(bundle, at)
        assert [("at", "out_of_range")] == problems(info.value)


class TestAcceptedThoughWrong:
    def test_identifier_with_trailing_newline(self) -> None:
        """ "t01\\n" is not an identifier; a tie-break "annual_score\\n" is not a tie-break."""
        doc = bundle_with(lambda d: d["units"][0].update(id="t01\n"))
        assert ("units[0].id", "bad_identifier") in problems(refused(doc))
        with pytest.raises(ValidationError) as info:
            Ranking(tie_breaks=("annual_score\n",))
        assert [("tie_breaks[0]", "unknown_tie_break")] == problems(info.value)

    def test_duplicate_keys(self) -> None:
        """A key repeated in an object is refused where it is, in the envelope too."""
        text = json.dumps(BUNDLE, ensure_ascii=False)
        envelope = text.replace('"version": 1', '"version": 1, "version": 1', 1)
        assert [("version", "duplicate_key")] == problems(refused(envelope))
        nested = text.replace('"stamped": true', '"stamped": true, "stamped": false', 1)
        assert [("applications[0].forms.stamped", "duplicate_key")] == problems(refused(nested))

    @pytest.mark.parametrize("version", [True, 1.0, "1"])
    def test_version_is_an_integer(self, version: object) -> None:
        """ "version": true or 1.0 is not version 1."""
        doc = {**BUNDLE, "version": version}
        assert [("version", "unsupported_version")] == problems(refused(doc))

    @pytest.mark.parametrize("written", ["１２", "١٢", "1_0", " 12", "1e1", "+12", ".5", "12."])
    def test_decimals_are_ascii_digits(self, written: str) -> None:
        """Full-width and Arabic-Indic digits, underscores, spaces, exponents are refused."""
        doc = bundle_with(lambda d: d["annual_scores"][0].update(score=written))
        assert [("annual_scores[0].score", "bad_decimal")] == problems(refused(doc))

    @pytest.mark.parametrize(
        "written", ["2022-12-20T10:00:00+08:00:00.5", "2022-12-20T10:00:00+08:00:30"]
    )
    def test_offsets_with_seconds(self, written: str) -> None:
        """A UTC offset with (fractional) seconds is refused, not truncated."""
        doc = bundle_with(lambda d: d["applications"][0].update(submitted_at=written))
        assert [("applications[0].submitted_at", "bad_datetime")] == problems(refused(doc))
        offset = dt.timezone(dt.timedelta(hours=8, seconds=30))
        app = dict(BUNDLE["data"]["applications"][0])
        app["submitted_at"] = dt.datetime(2022, 12, 20, 10, tzinfo=offset)
        with pytest.raises(ValidationError) as error:
            load(app, Application)
        assert [("submitted_at", "bad_offset")] == problems(error.value)

    @pytest.mark.parametrize("name", ["\u200b", "\u3164", " \u3000", "\u0301", "\ufeff\u2060"])
    def test_invisible_names(self, name: str) -> None:
        """A name of only invisible characters is blank."""
        with pytest.raises(ValidationError) as info:
            Unit("u", name, UnitKind.TOWN, "360732")
        assert [("name", "blank")] == problems(info.value)

    def test_weights_adding_to_one_only_at_28_digits(self) -> None:
        """Weights that would add up to 1 only after rounding to 28 digits are refused for
        their places, in a document and in Python; the sum of weights is exact."""
        category = json.loads(io.dumps(rulesets.load("xingguo-2022").categories[0]))["data"]
        category["criteria"][4]["weight"] = "0.2000000000000000000000000001"
        kind = type(rulesets.load("xingguo-2022").categories[0])
        with pytest.raises(ValidationError) as info:
            io.load(category, kind)
        assert [("criteria[4].weight", "bad_decimal")] == problems(info.value)
        with pytest.raises(ValidationError) as info:
            Criterion(
                "K", "条件", "s", {Dimension.LOYAL}, Decimal("0.2000000000000000000000000001"), 20
            )
        assert [("weight", "too_many_places")] == problems(info.value)
        thirds = ["0.333333", "0.333333", "0.333333"]
        category["criteria"] = [
            {**category["criteria"][0], "code": f"K{i}", "weight": w} for i, w in enumerate(thirds)
        ]
        with pytest.raises(ValidationError) as info:
            io.load(category, kind)
        assert [("criteria", "weights_sum")] == problems(info.value)
        category["criteria"][2]["weight"] = "0.333334"
        assert 3 == len(io.load(category, kind).criteria)

    @pytest.mark.parametrize("zone", ["localtime", "posixrules", "Factory", "Mars/Olympus"])
    def test_time_zone_names(self, zone: str) -> None:
        """ "localtime" means the zone of whatever machine runs the code: refused."""
        with pytest.raises(ValidationError) as info:
            Campaign("c", "xingguo-2022", 2022, dt.date(2022, 12, 31), time_zone=zone)
        assert [("time_zone", "unknown_time_zone")] == problems(info.value)

    def test_person_sharing_an_id_with_a_unit(self) -> None:
        """Units, people and supervisors share one namespace of ids."""
        doc = bundle_with(lambda d: d["people"][0].update(id=d["units"][0]["id"]))
        bundle = io.loads(json.dumps(doc, ensure_ascii=False), Bundle)
        with pytest.raises(ValidationError) as info:
            bundle.check(bundle.resolve_ruleset())
        assert ("people[0].id", "duplicate") in problems(info.value)

    def test_every_repeated_id_is_named(self) -> None:
        """An id twice in one list, or in two of units, people and supervisors, is named at
        each place after its first."""

        def repeat(d: dict[str, Any]) -> None:
            d["units"].append(dict(d["units"][0]))
            d["applications"].append(dict(d["applications"][1]))
            d["people"][1]["id"] = d["units"][1]["id"]

        bundle = io.loads(json.dumps(bundle_with(repeat), ensure_ascii=False), Bundle)
        with pytest.raises(ValidationError) as info:
            bundle.check(bundle.resolve_ruleset())
        found = [p for p in problems(info.value) if p[1] == "duplicate"]
        units, apps = len(bundle.units) - 1, len(bundle.applications) - 1
        assert sorted(found) == sorted(
            [
                (f"units[{units}].id", "duplicate"),
                ("people[1].id", "duplicate"),
                (f"applications[{apps}].id", "duplicate"),
            ]
        )


class TestControlCharacters:
    @pytest.mark.parametrize("name", ["\x1b]0;x\x07\x1b[2J", "高兴镇\x00", "镇\u202e", "a\rb"])
    def test_refused_in_names(self, name: str) -> None:
        """ESC, BEL, NUL, CR and bidirectional controls are refused in names."""
        with pytest.raises(ValidationError) as info:
            Unit("u", name, UnitKind.TOWN, "360732")
        assert [("name", "bad_character")] == problems(info.value)

    def test_tab_and_newline_allowed_in_free_text(self) -> None:
        """Tab and newline are text."""
        issue = EnterpriseIssue(
            "E1",
            "某企业",
            pendulum.datetime(2023, 3, 1, 9, tz="Asia/Shanghai"),
            "第一行\n\t第二行",
            ("市商务局",),
            HandlingMode.ON_THE_SPOT,
        )
        assert "\t" in issue.description


class TestBoundsAreNamed:
    @pytest.mark.parametrize(
        ("change", "path", "code", "words"),
        [
            (
                ("annual_scores", 0, "score", "100.5"),
                "annual_scores[0].score",
                "too_large",
                "at most 100",
            ),
            (
                ("annual_scores", 0, "score", "99.12345"),
                "annual_scores[0].score",
                "too_many_places",
                "at most 4 decimal places",
            ),
            (
                ("units", 0, "name", "镇" * 501),
                "units[0].name",
                "too_long",
                "at most 500 characters",
            ),
            (
                (
                    "applications",
                    0,
                    "forms",
                    {"paper_copies": 101, "stamped": True, "electronic": True},
                ),
                "applications[0].forms.paper_copies",
                "too_large",
                "at most 100",
            ),
            (
                ("applications", 0, "submitted_at", "3000-01-01T00:00:00+08:00"),
                "applications[0].submitted_at",
                "out_of_range",
                "2999-12-31",
            ),
        ],
    )
    def test_refusal_names_the_bound(
        self, change: tuple[str, int, str, object], path: str, code: str, words: str
    ) -> None:
        """Outside its bound, a value is refused with a message that says the bound."""
        table, index, field, value = change
        error = refused(bundle_with(lambda d: d[table][index].update({field: value})))
        assert [(path, code)] == problems(error)
        assert words in str(error)

    def test_document_size(self) -> None:
        """A document larger than the bound is refused before it is parsed."""
        with pytest.raises(ValidationError) as info:
            io.loads(b" " * (io.MAX_DOCUMENT_BYTES + 1))
        assert "too_large" == info.value.code


class TestResults:
    result: ClassVar[dict[str, Any]] = json.loads(
        io.dumps(evaluate(io.read("examples/data/xingguo-2022-bundle.json", Bundle), AT))
    )

    def change(self, edit: Any) -> ValidationError:
        document = copy.deepcopy(self.result)
        edit(document["data"]["categories"][0])
        with pytest.raises(ValidationError) as info:
            io.loads(json.dumps(document, ensure_ascii=False), SelectionResult)
        return info.value

    def test_negative_quota(self) -> None:
        """A result with quota -5 is refused."""
        error = self.change(lambda c: c.update(quota=-5))
        assert ("categories[0].quota", "negative") in problems(error)

    def test_blank_ids(self) -> None:
        """A blank application id in an outcome is refused."""
        error = self.change(lambda c: c["outcomes"][0].update(application_id=" "))
        assert ("categories[0].outcomes[0].application_id", "bad_identifier") in problems(error)

    def test_selected_without_an_outcome(self) -> None:
        """A selected id that no outcome carries is refused."""
        selected = len(self.result["data"]["categories"][0]["selected"])
        error = self.change(lambda c: c["selected"].append(c["outcomes"][-1]["application_id"]))
        assert (f"categories[0].selected[{selected}]", "inconsistent") in problems(error)


class TestLedger:
    @staticmethod
    def sent_back(ordered_at: str, new_deadline: str) -> ValidationError:
        document = copy.deepcopy(LEDGER)
        rectification = document["data"]["rectifications"][0]
        rectification.update(ordered_at=ordered_at, deadline=ordered_at[:10])
        rectification["steps"] = [
            {
                "kind": "reported",
                "at": "2021-06-03T09:00:00+08:00",
                "note": "",
                "new_deadline": None,
            },
            {
                "kind": "sent_back",
                "at": "2021-06-03T10:00:00+08:00",
                "note": "不合格",
                "new_deadline": new_deadline,
            },
        ]
        with pytest.raises(ValidationError) as info:
            io.loads(json.dumps(document, ensure_ascii=False), Ledger)
        return info.value

    def test_new_deadline_before_the_order(self) -> None:
        """A rectification sent back with a new deadline before its order is refused on
        load, with its path (evaluate would otherwise fail later without one)."""
        error = self.sent_back("2021-06-01T10:00:00+08:00", "2021-05-01")
        assert [("rectifications[0].steps[1].new_deadline", "deadline_before_order")] == problems(
            error
        )

    def test_new_deadline_ending_before_the_order_in_the_ledgers_zone(self) -> None:
        """Ordered at 23:30 on 1 June at UTC-12 (19:30 on 2 June in Xingguo), a new deadline of
        1 June ends before the order in the ledger's zone: refused, with its path."""
        error = self.sent_back("2021-06-01T23:30:00-12:00", "2021-06-01")
        assert ("rectifications[0].steps[1].new_deadline", "deadline_before_order") in problems(
            error
        )


@attrs.frozen(eq=False)
class Token:
    """An element that counts how often it is compared for equality."""

    n: int
    compared: ClassVar[int] = 0

    def __eq__(self, other: object) -> bool:
        Token.compared += 1
        return isinstance(other, Token) and self.n == other.n

    def __hash__(self) -> int:
        return hash(self.n)


@attrs.frozen
class Bag:
    """A value holding a set, read through the converter."""

    items: frozenset[Token]


class CountingStr(str):
    """A string that counts how often it is compared for equality."""

    compared: ClassVar[int] = 0

    def __eq__(self, other: object) -> bool:
        CountingStr.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


class TestLinearChecks:
    """The checks that compared every element with every other now compare each a bounded
    number of times: counted, not timed."""

    def units(self, prefix: str, n: int) -> tuple[CountingStr, ...]:
        return tuple(CountingStr(f"{prefix}{i}") for i in range(n))

    def test_key_task_lead_and_responsible_units(self) -> None:
        """Lead × responsible units: each responsible unit is looked up once."""
        n = 2000
        CountingStr.compared = 0
        KeyTask(1, 1, "任务", self.units("lead", n), self.units("resp", n))
        assert CountingStr.compared < 4 * n

    def test_enterprise_responses_and_departments(self) -> None:
        """Responses × departments: each response is looked up once."""
        n = 2000
        raised = pendulum.datetime(2023, 3, 1, 9, tz="Asia/Shanghai")
        departments = self.units("dept", n)
        responses = tuple(Response(d, raised) for d in departments)
        CountingStr.compared = 0
        EnterpriseIssue(
            "E1", "企业", raised, "问题", departments, HandlingMode.ON_THE_SPOT, None, responses
        )
        assert CountingStr.compared < 4 * n

    def test_set_duplicates(self) -> None:
        """The duplicate check of a JSON array read as a set (an application's groups)
        compares each element a bounded number of times."""
        n = 2000
        Token.compared = 0
        bag = load({"items": [{"n": i} for i in range(n)]}, Bag)
        assert n == len(bag.items)
        assert Token.compared < n
        doc = bundle_with(lambda d: d["applications"][0].update(groups=["a", "b", "a"]))
        assert [("applications[0].groups[2]", "duplicate")] == problems(refused(doc))

    def test_task_list_load_table(self) -> None:
        """The per-unit load table looks each unit up in a set of the task's lead units."""
        n = 2000
        task = KeyTask(1, 1, "任务", self.units("lead", n), self.units("resp", n))
        tasks = TaskList("清单", [Area(1, "方面")], [task])
        CountingStr.compared = 0
        tasks.load(pendulum.datetime(2023, 1, 1, tz="UTC"))
        assert CountingStr.compared < 8 * n


class TestVolume:
    def test_problems_beyond_the_limit_are_counted(self) -> None:
        """A document with more problems than the limit lists the limit and counts the rest
        exactly."""
        n = 3 * PROBLEM_LIMIT
        doc = bundle_with(
            lambda d: d.update(
                annual_scores=[{"applicant_id": f"u{i}", "score": "１"} for i in range(n)]
            )
        )
        error = refused(doc)
        assert PROBLEM_LIMIT == len(error.problems)
        assert n == error.count
        assert n - PROBLEM_LIMIT == error.more
        assert str(error).endswith(f"… and {n - PROBLEM_LIMIT:,} more problems")


class TestResidentIds:
    NUMBER = "360732198501010010"  # Xingguo's code, given in 1998, on someone born in 1985

    def test_region_code_of_any_year(self) -> None:
        """A number whose county code was assigned after the holder's birth is valid: it is
        issued where the holder lives when it is issued."""
        assert self.NUMBER == Person("p", "李明", "u", "科员", self.NUMBER).resident_id

    def test_never_assigned_region(self) -> None:
        """A region code GB/T 2260 never assigned is refused, masked."""
        with pytest.raises(ValidationError) as info:
            Person("p", "李明", "u", "科员", "999999198501010017")
        assert [("resident_id", "bad_format")] == problems(info.value)
        assert "19850101" not in str(info.value)

    def test_wrong_type_not_echoed(self) -> None:
        """A resident ID number given as a JSON number is refused without showing it."""
        data = {
            "id": "p",
            "name": "李明",
            "unit_id": "u",
            "position": "科员",
            "resident_id": int(self.NUMBER),
        }
        with pytest.raises(ValidationError) as info:
            io.load(data, Person)
        assert [("resident_id", "wrong_type")] == problems(info.value)
        assert "19850101" not in str(info.value)
        assert "19850101" not in repr(info.value.problems)

    @pytest.mark.parametrize("number", ["3607321985010100", "36073219850101001X9", None])
    def test_masked_form(self, number: str | None) -> None:
        """The masked form of anything shows at most the region code and the last four."""
        masked = mask_resident_id(number)
        assert masked is None or "19850101" not in masked

    def test_misplaced_record_not_echoed(self) -> None:
        """A person's record put where a string belongs is described by its size, so the
        number inside it is not shown."""
        record = {"resident_id": self.NUMBER, "id": "p"}
        doc = bundle_with(lambda d: d["applications"][0].update(applicant_id=record))
        error = refused(doc)
        assert [("applications[0].applicant_id", "wrong_type")] == problems(error)
        assert "an object of 2 fields" in str(error)
        assert "19850101" not in str(error)
