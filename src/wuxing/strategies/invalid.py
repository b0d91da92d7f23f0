"""Documents that must be refused, each with the problem code the library gives.

A county system that accepts wuxing documents (an upload form, a message queue) can check
that it passes the library's refusals on, instead of storing a broken document::

    @given(wst.invalid_documents())
    def test_upload_refuses(case):
        text, code = case
        response = client.post("/bundles", data=text)
        assert response.status_code == 422 and code in response.text
"""

from __future__ import annotations

import json
from typing import Any

import attrs
from hypothesis import strategies as st

from wuxing.interchange.documents import FORMAT, FORMAT_VERSION, dump, kind_of
from wuxing.strategies.values import people, supervisors, units

__all__ = ["invalid_documents"]

_MUTATIONS = ("unknown_field", "missing_field", "wrong_type", "unknown_kind", "not_wuxing")


@st.composite
def invalid_documents(
    draw: st.DrawFn, values: st.SearchStrategy[Any] | None = None
) -> tuple[str, str]:
    """``(JSON text, expected code)``: a valid document of a drawn value, broken one way.

    The ways: a field the class does not have (``unknown_field``), a required field left out
    (``missing_field``), a number where text belongs (``wrong_type``), an unknown kind in the
    envelope (``unknown_kind``), a foreign format (``not_wuxing``).

    Args:
        values: The valid values to break (attrs entities); units, people and supervisors by
            default.

    >>> import pytest, wuxing
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, deadline=None)
    ... @given(invalid_documents())
    ... def test_refused_with_the_code(case):
    ...     text, code = case
    ...     with pytest.raises(wuxing.ValidationError) as info:
    ...         wuxing.io.loads(text)
    ...     assert code in {p.code for p in info.value.problems}
    >>> test_refused_with_the_code()
    """
    value = draw(values if values is not None else units() | people() | supervisors())
    data: dict[str, Any] = dump(value)
    fields = attrs.fields(type(value))
    text_fields = [f.name for f in fields if f.type in (str, "str")]
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    choices = [m for m in _MUTATIONS if (m != "wrong_type" or text_fields)]
    if not required:
        choices.remove("missing_field")
    mutation = draw(st.sampled_from(choices))
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "kind": kind_of(type(value)),
        "data": data,
    }
    if mutation == "unknown_field":
        data["not_a_field"] = draw(st.text(max_size=5))
    elif mutation == "missing_field":
        del data[draw(st.sampled_from(required))]
    elif mutation == "wrong_type":
        data[draw(st.sampled_from(text_fields))] = draw(st.integers())
    elif mutation == "unknown_kind":
        document["kind"] = "no-such-kind"
    else:
        document["format"] = "something-else"
    return json.dumps(document, ensure_ascii=False), mutation
