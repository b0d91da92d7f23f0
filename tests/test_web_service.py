"""The embedding how-to's web service (examples/web_service.py), started in-process on
127.0.0.1 and called over loopback only."""

from __future__ import annotations

import importlib.util
import io as stdio
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from wuxing import io
from wuxing import strategies as wst
from wuxing.interchange.spreadsheets import workbook
from wuxing.samples import demo_bundle

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "web_service.py"
AT = "?at=2023-01-10T17:00:00%2B08:00"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("web_service", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SERVICE = _load()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server, thread = SERVICE.serve()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def post(url: str, body: bytes) -> tuple[int, Any]:
    status, answer = SERVICE.post(url, body)
    return status, answer


def test_evaluates_a_bundle(base: str) -> None:
    """A bundle in, the result document out, equal to evaluating it here."""
    status, answer = post(f"{base}/evaluate{AT}", io.dumps(demo_bundle()).encode())
    assert 200 == status
    result = json.loads(answer)
    assert "result" == result["kind"]
    selected = {c["category_id"]: len(c["selected"]) for c in result["data"]["categories"]}
    assert {
        "demonstration-township": 4,
        "advanced-collective": 10,
        "advanced-individual": 10,
        "outstanding-supervisor": 2,
    } == selected


def test_evaluates_a_workbook(base: str) -> None:
    """A workbook posted as it is gives the same result as its bundle."""
    from_json = post(f"{base}/evaluate{AT}", io.dumps(demo_bundle()).encode())
    from_xlsx = post(f"{base}/evaluate{AT}", workbook(demo_bundle()))
    assert from_json == from_xlsx


def test_candidate_list(base: str) -> None:
    """The candidate list comes back as the printable page."""
    status, answer = post(f"{base}/candidates{AT}", io.dumps(demo_bundle()).encode())
    assert 200 == status
    assert '<html lang="zh-CN">' in answer.decode()


def test_workbook_problems_name_their_cells(base: str) -> None:
    """A bad workbook gets 422 and every problem at its cell."""
    book = openpyxl.load_workbook(stdio.BytesIO(workbook(demo_bundle())))
    book["申报表"]["C3"] = "nobody"
    out = stdio.BytesIO()
    book.save(out)
    status, answer = post(f"{base}/evaluate{AT}", out.getvalue())
    assert 422 == status
    assert [{"code": "unknown_applicant", "path": "申报表!C3"}] == [
        {k: p[k] for k in ("code", "path")} for p in json.loads(answer)["problems"]
    ]


def test_bad_cut_off(base: str) -> None:
    """A cut-off without an offset is a 400 that says what to give."""
    status, answer = post(f"{base}/evaluate?at=2023-01-10", b"{}")
    assert 400 == status
    assert "bad_datetime" == json.loads(answer)["problems"][0]["code"]


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wst.invalid_documents(wst.bundles(max_applicants=2)))
def test_invalid_documents_are_refused_with_their_code(base: str, case: tuple[str, str]) -> None:
    """Whatever is wrong with a document, the service answers 422 with the library's code."""
    text, code = case
    status, answer = post(f"{base}/evaluate{AT}", text.encode())
    assert 422 == status
    assert code in {p["code"] for p in json.loads(answer)["problems"]}
