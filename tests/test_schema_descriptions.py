"""The JSON Schema as a guide: each field's description from the model's docstrings."""

from __future__ import annotations

import attrs
import pytest

from wuxing import Application, Campaign, Unit, io
from wuxing.interchange.schema import document_schema, field_descriptions

MODEL_MODULES = ("wuxing.model.", "wuxing.evaluation.bundle")


class _Documented:
    """A class whose docstring uses every layout the reader knows.

    Args:
        plain: One line.
        typed (int): A type in parentheses,
            and a continuation line.
        first, second: Two fields at once.
        marked: A :class:`~wuxing.model.units.Unit` and ``code`` markup.

    Returns:
        nothing: Not a field.
    """


class TestReader:
    def test_layouts(self) -> None:
        assert {
            "plain": "One line.",
            "typed": "A type in parentheses, and a continuation line.",
            "first": "Two fields at once.",
            "second": "Two fields at once.",
            "marked": "A Unit and code markup.",
        } == field_descriptions(_Documented)

    def test_no_docstring(self) -> None:
        class Bare:
            pass

        assert {} == field_descriptions(Bare)

    def test_written_from_the_model(self) -> None:
        """Hand-picked fields, as their classes' docstrings say them."""
        assert 'The Chinese name, e.g. "高兴镇".' == field_descriptions(Unit)["name"]
        assert field_descriptions(Campaign)["deadline"].startswith(
            "The last day for applications (申报截止日)"
        )
        assert "The category entered." == field_descriptions(Application)["category_id"]


class TestSchema:
    def test_bundle_fields_described(self) -> None:
        """Every field of the model's classes in the bundle schema has a description."""
        schema = document_schema("bundle")
        undescribed = []
        for kind, cls in io.KINDS.items():
            if not attrs.has(cls) or not cls.__module__.startswith(MODEL_MODULES):
                continue
            definition = schema["$defs"].get(cls.__name__)
            if definition is None:
                continue
            undescribed += [
                f"{kind}.{name}"
                for name, field in definition["properties"].items()
                if not field.get("description")
            ]
        assert [] == undescribed

    @pytest.mark.parametrize("kind", sorted(io.KINDS))
    def test_every_kind_is_mostly_described(self, kind: str) -> None:
        """Across every document kind, nearly every field says what it is."""
        schema = document_schema(kind)
        fields = [f for d in schema["$defs"].values() for f in d["properties"].values()]
        described = [f for f in fields if f.get("description")]
        assert len(described) >= 0.8 * len(fields), kind

    def test_description_beside_a_reference(self) -> None:
        """A field whose type is a class keeps its $ref and gains a description."""
        forms = document_schema("application")["$defs"]["Application"]["properties"]["forms"]
        assert "#/$defs/FormsFiled" == forms["$ref"]
        assert "What was filed (FormsFiled)." == forms["description"]
