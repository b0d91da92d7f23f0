"""Embed wuxing in a web service: a minimal WSGI application (standard library only).

Run: python examples/web_service.py [--serve PORT]

Without --serve the script starts the service on a free port of 127.0.0.1, posts the sample
round to it, prints what came back and stops. With --serve it keeps serving on that port of
127.0.0.1 until interrupted.

The service:

    POST /evaluate?at=2023-01-10T17:00:00+08:00     body: a bundle (JSON) or a workbook (.xlsx)
         → 200 the result document (JSON)
    POST /candidates?at=2023-01-10T17:00:00+08:00   body: the same
         → 200 the candidate list (HTML, prints on A4)
    anything wrong with the input
         → 422 {"problems": [{"code": ..., "path": ..., "message": ...}, ...]}

Every problem keeps the library's stable code and the place it was found (a JSON path, or a
cell such as 申报表!C7 for a workbook), so a client can show it beside the field.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

import wuxing
from wuxing.evaluation.bundle import Bundle
from wuxing.interchange.spreadsheets import read_workbook_bundle
from wuxing.reports.candidates import candidates_html

HERE = Path(__file__).parent
MAX_BODY = 20 * 1024 * 1024

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def _problems(exc: wuxing.WuxingError) -> list[dict[str, str]]:
    if isinstance(exc, wuxing.ValidationError):
        return [{"code": p.code, "path": p.path, "message": p.message} for p in exc.problems]
    return [{"code": exc.code, "path": exc.path, "message": exc.message}]


def _reply(start: StartResponse, status: str, body: bytes, kind: str) -> list[bytes]:
    start(status, [("Content-Type", kind), ("Content-Length", str(len(body)))])
    return [body]


def _json(start: StartResponse, status: str, value: object) -> list[bytes]:
    body = json.dumps(value, ensure_ascii=False).encode()
    return _reply(start, status, body, "application/json; charset=utf-8")


def _read_bundle(body: bytes) -> Bundle:
    if body.startswith(b"PK"):  # a zip archive: a workbook
        return read_workbook_bundle(body)
    bundle = wuxing.io.loads(body, Bundle)
    bundle.check(bundle.resolve_ruleset())
    return bundle


def application(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
    """The WSGI application."""
    path = environ.get("PATH_INFO", "")
    if environ.get("REQUEST_METHOD") != "POST" or path not in ("/evaluate", "/candidates"):
        return _json(
            start,
            "404 Not Found",
            {"problems": [{"code": "not_found", "path": path, "message": "no such resource"}]},
        )
    size = int(environ.get("CONTENT_LENGTH") or 0)
    if size > MAX_BODY:
        return _json(
            start,
            "413 Content Too Large",
            {
                "problems": [
                    {"code": "too_large", "path": "", "message": f"at most {MAX_BODY} bytes"}
                ]
            },
        )
    body = environ["wsgi.input"].read(size)
    query = parse_qs(environ.get("QUERY_STRING", ""))
    try:
        at = dt.datetime.fromisoformat(query.get("at", [""])[0])
        if at.tzinfo is None:
            raise ValueError("no UTC offset")
    except ValueError:
        return _json(
            start,
            "400 Bad Request",
            {
                "problems": [
                    {
                        "code": "bad_datetime",
                        "path": "at",
                        "message": "give ?at= as ISO 8601 with its offset",
                    }
                ]
            },
        )
    try:
        bundle = _read_bundle(body)
        ruleset = bundle.resolve_ruleset()
        result = wuxing.evaluate(bundle, at, ruleset=ruleset)
    except wuxing.WuxingError as exc:
        return _json(start, "422 Unprocessable Content", {"problems": _problems(exc)})
    if path == "/candidates":
        page = candidates_html(result, bundle, ruleset).encode()
        return _reply(start, "200 OK", page, "text/html; charset=utf-8")
    return _reply(
        start, "200 OK", wuxing.io.dumps(result).encode(), "application/json; charset=utf-8"
    )


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(port: int = 0) -> tuple[Any, threading.Thread]:
    """Start the service on 127.0.0.1 (a free port when 0) in a thread; return the server
    (``server.server_port``, ``server.shutdown()``) and the thread."""
    server = make_server("127.0.0.1", port, application, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def post(url: str, body: bytes) -> tuple[int, bytes]:
    """POST ``body``; the status and the answer (also for 4xx answers)."""
    request = urllib.request.Request(url, data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--serve", type=int, help="keep serving on this port of 127.0.0.1")
    args = parser.parse_args()
    if args.serve is not None:
        server, thread = serve(args.serve)
        print(f"serving on http://127.0.0.1:{server.server_port}/ (Ctrl-C stops)")
        try:
            thread.join()
        except KeyboardInterrupt:
            server.shutdown()
        return
    server, thread = serve()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        bundle = (HERE / "data" / "xingguo-2022-bundle.json").read_bytes()
        status, answer = post(f"{base}/evaluate?at=2023-01-10T17:00:00%2B08:00", bundle)
        result = json.loads(answer)
        selected = sum(len(c["selected"]) for c in result["data"]["categories"])
        print(f"POST /evaluate → {status}: {selected} selected")
        status, answer = post(f"{base}/evaluate?at=2023-01-10T17:00:00%2B08:00", b"{}")
        codes = [p["code"] for p in json.loads(answer)["problems"]]
        print(f"POST /evaluate with {{}} → {status}: {', '.join(codes)}")
    finally:
        server.shutdown()
        thread.join(timeout=10)


if __name__ == "__main__":
    main()
