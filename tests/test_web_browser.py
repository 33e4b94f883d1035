"""The page in a real browser: Debian's Chromium driven by Playwright (no browser download), over a real ``dateline
serve`` on 127.0.0.1 and a store built from the example articles. Any request that leaves 127.0.0.1 and any console
error fails the test; screenshots go to ``artifacts/web/`` (ignored by git)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts" / "web"
TOKEN = "browser-test-token"
# the page's first render (outlines, markers and list drawn), measured by the page itself from navigation start
FIRST_RENDER_MS = 2000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("web")
    db = str(folder / "examples.sqlite")
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.txt"))
    done = subprocess.run([sys.executable, "-m", "dateline.cli", "ingest", *examples, "--db", db],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    port = _free_port()
    env = {**os.environ, "DATELINE_API_TOKEN": TOKEN}
    log = open(folder / "serve.log", "wb")  # noqa: SIM115 (closed below, after the server)
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--db", db, "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/api/v1/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("dateline serve did not answer")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Watched:
    """A page whose console errors and requests to other hosts are recorded (and the requests refused)."""

    def __init__(self, browser: Any, base: str) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        prefix = base + "/"

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(prefix) or url.startswith("data:"):
                r.continue_()
            else:
                self.outside.append(url)
                r.abort()

        self.context.route("**/*", route)

    def check(self) -> None:
        assert not self.outside, f"requests that left 127.0.0.1: {self.outside}"
        assert not self.errors, f"console errors: {self.errors}"
        self.context.close()


@pytest.fixture
def watched(browser: Any, server: str) -> Iterator[Watched]:
    w = Watched(browser, server)
    yield w
    w.check()


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_the_map_draws_the_example_incidents_fast(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/")
    page.wait_for_function("() => document.documentElement.dataset.firstRender", timeout=10_000)
    first = int(page.evaluate("document.documentElement.dataset.firstRender"))
    assert first < FIRST_RENDER_MS, first
    (ARTIFACTS / "first-render-ms.txt").parent.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "first-render-ms.txt").write_text(f"{first}\n")
    assert page.locator("path.incident-marker").count() >= 2      # Gao and Mombasa (Karvan is not on the map)
    assert page.locator("#incidents li").count() == 3
    assert page.locator("svg path").count() > 100                 # the country outlines
    _shot(page, "map.png")


def test_an_incident_shows_its_claims_and_the_evidence_of_a_clicked_claim(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/")
    page.wait_for_function("() => document.documentElement.dataset.firstRender", timeout=10_000)
    page.locator("#incidents li", has_text="Gao").click()
    page.wait_for_selector("#claims tbody tr")
    assert "2 report(s)" in page.locator("#incident-meta").text_content()
    rows = page.locator("#claims tbody tr")
    assert rows.count() >= 4
    estimates = page.locator("#estimates tbody tr", has_text="killed").locator("td").all_text_contents()
    assert len(estimates) == 4 and int(estimates[1]) <= int(estimates[2]) <= int(estimates[3])
    sources = set(page.locator("#claims tbody tr td:first-child").all_text_contents())
    assert len(sources) >= 2        # the army and the armed group side by side
    row = rows.nth(1)
    row.click()
    page.wait_for_selector("#article-text mark")
    assert page.locator("#article-text mark").text_content() in page.locator("#article-text").text_content()
    assert "selected" in (row.get_attribute("class") or "")
    _shot(page, "incident.png")
    # a marker opens an incident too
    page.locator("#close-incident").click()
    # the map moved to the incident: its markers are redrawn for the new view before one is clicked
    page.wait_for_function("() => document.documentElement.dataset.mapBusy === '0'", timeout=10_000)
    page.locator("path.incident-marker:not(.incident-cell)").first.click(force=True)
    page.wait_for_selector("#incident:not([hidden])")


def test_a_pasted_article_is_coded_and_its_text_stays_inert(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/")
    page.wait_for_function("() => document.documentElement.dataset.firstRender", timeout=10_000)
    text = ("Gunmen attacked a police station in Kaduna on Monday, killing four officers, the police said. "
            "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">")
    page.fill("#code-text", text)
    page.fill("#code-published", "2024-08-06")
    page.click("#code-submit")
    page.wait_for_selector("#coding-events tbody tr", timeout=30_000)
    assert page.locator("#coding-claims tbody tr").count() >= 1
    page.locator("#coding-claims tbody tr").first.click()
    page.wait_for_selector("#coding-text mark")
    assert "four officers" in page.locator("#coding-text mark").text_content()
    assert "<script>window.__pwned = 1</script>" in page.locator("#coding-text").text_content()
    assert page.locator("#coding-text script, #coding-text img").count() == 0
    assert page.evaluate("window.__pwned") is None
    _shot(page, "coding.png")


def test_storing_a_pasted_article_needs_the_token(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/")
    page.wait_for_function("() => document.documentElement.dataset.firstRender", timeout=10_000)
    before = page.locator("#total").text_content()
    page.fill("#code-text", "Police fired on protesters in Lagos on Tuesday, killing three people, witnesses said.")
    page.fill("#code-published", "2024-08-07")
    page.check("#code-store")
    page.click("#code-submit")
    page.wait_for_function("() => document.getElementById('status').textContent.length > 0", timeout=30_000)
    assert "Authorization" in page.locator("#status").text_content()
    page.fill("#code-token", TOKEN)
    page.click("#code-submit")
    page.wait_for_function("() => document.getElementById('status').textContent.startsWith('stored')", timeout=30_000)
    page.wait_for_function(f"() => document.getElementById('total').textContent !== {before!r}")
    # the refused write answered 401: Chromium logs a failed resource load, which is expected here
    watched.errors = [e for e in watched.errors if "401" not in e]
