"""A small WebDriver client (the W3C protocol over HTTP, standard library only) for Debian's
headless Chromium and ChromeDriver, as the browser tests use them.

Everything stays on this machine: ChromeDriver listens on a loopback port, Chromium loads
local files only and starts without background networking.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("WUXING_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("WUXING_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


def require_browser() -> None:
    """Skip on a developer's machine without the browser; fail under CI or when ``make test``
    could install it (it runs as root with apt-get and sets ``WUXING_REQUIRE_BROWSER``)."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    if not missing:
        return
    message = f"headless Chromium is needed: {', '.join(missing)} not found (make browser)"
    if os.environ.get("CI") or os.environ.get("WUXING_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """One WebDriver session."""

    def __init__(self, base: str, session: str) -> None:
        self.base = f"{base}/session/{session}"

    def call(self, method: str, path: str, body: object | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())["value"]

    def open(self, path: Path, width: int, height: int) -> None:
        """Size the window's viewport to ``width`` × ``height`` CSS pixels and load a file."""
        self.call("POST", "/window/rect", {"width": width, "height": height})
        inner = self.script("return [window.innerWidth, window.innerHeight];")
        self.call(
            "POST",
            "/window/rect",
            {"width": 2 * width - inner[0], "height": 2 * height - inner[1]},
        )
        self.call("POST", "/url", {"url": path.resolve().as_uri()})

    def script(self, source: str) -> Any:
        return self.call("POST", "/execute/sync", {"script": source, "args": []})

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("GET", "/screenshot"))

    def pdf(self) -> bytes:
        """The page printed on A4 (the page's own ``@page`` rules apply)."""
        body = {"page": {"width": 21.0, "height": 29.7}, "background": True}
        return base64.b64decode(self.call("POST", "/print", body))


@contextmanager
def browser() -> Iterator[Browser]:
    """A headless Chromium driven through ChromeDriver on a loopback port."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as profile:
        driver = subprocess.Popen(
            [CHROMEDRIVER, f"--port={port}", "--allowed-ips=127.0.0.1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"{base}/status", timeout=2) as r:
                        if json.loads(r.read())["value"]["ready"]:
                            break
                except OSError:
                    time.sleep(0.1)
            capabilities = {
                "capabilities": {
                    "alwaysMatch": {
                        "goog:chromeOptions": {
                            "binary": CHROMIUM,
                            "args": [*FLAGS, f"--user-data-dir={profile}"],
                        }
                    }
                }
            }
            request = urllib.request.Request(
                f"{base}/session",
                data=json.dumps(capabilities).encode(),
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=60) as response:
                session = json.loads(response.read())["value"]["sessionId"]
            client = Browser(base, session)
            try:
                yield client
            finally:
                urllib.request.urlopen(
                    urllib.request.Request(f"{base}/session/{session}", method="DELETE"),
                    timeout=30,
                ).close()
        finally:
            driver.terminate()
            driver.wait(timeout=30)
