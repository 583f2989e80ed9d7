"""The pages in a real headless Chromium (Debian's, driven by Playwright; no
browser is ever downloaded) against `onrecord serve` on 127.0.0.1: search,
an article, a speaker's page with its chart, contradictions, and an article
whose quote is a script tag shown as text. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, sync_playwright

from .helpers import DEV_TEXTS, ROOT, SEED, free_port, jsonl_of, run

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip
XSS = "<script>alert(1)</script>"

pytestmark = [pytest.mark.service, pytest.mark.slow]  # a browser and a server process

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI: /usr/bin/chromium is missing (.ci/run installs it)")
    pytest.skip("Debian chromium not installed at /usr/bin/chromium", allow_module_level=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser") / "web.db"


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """`onrecord serve` with two worker processes (each with its own cache)."""
    tmp = db.parent
    src = jsonl_of(DEV_TEXTS[:3], tmp / "dev.jsonl")
    xss = tmp / "xss.jsonl"
    text = (
        f'MOSCOW, Aug 26, 2025\n"We will not accept {XSS} in any form," Sergei Lavrov told'
        ' reporters on Tuesday. "There is no meeting planned," he added.\n'
    )
    rec = {"id": "xss", "text": text, "published": "2025-08-26", "title": f"<b>{XSS}</b>"}
    xss.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    code, _, err = run("ingest", str(SEED), str(src), str(xss), "--db", str(db), "--workers", "1")
    assert code == 0, err
    port = free_port()
    env = {**os.environ, "ONRECORD_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(url + "/api/stats", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "") from None
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []

    def on_dialog(d: Dialog) -> None:
        dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg, dialogs
    context.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_article_speaker_chart(server: str, page: tuple[Page, list[str]]) -> None:
    pg, dialogs = page
    pg.goto(server + "/")
    assert pg.locator("svg.bars rect.bar").count() > 0
    shot(pg, "home")
    pg.fill("header input[name=q]", "meeting")
    pg.press("header input[name=q]", "Enter")
    pg.wait_for_url("**/search?q=meeting")
    assert pg.locator("li.result").count() > 0
    assert pg.locator("li.result mark").count() > 0
    shot(pg, "search")
    pg.locator("li.result a.article-link").first.click()
    pg.wait_for_url("**/articles/*")
    assert pg.locator("article.text mark.content").count() > 0
    shot(pg, "article")
    speaker = pg.locator("article.text a.speaker").first
    name = speaker.get_attribute("title") or ""
    speaker.click()
    pg.wait_for_url("**/actors/*")
    assert pg.locator("h1").inner_text() in name
    chart = pg.locator("svg.timeline.wide")
    chart.wait_for()
    assert chart.locator("rect.point").count() > 0
    box = chart.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 30  # drawn, visible
    shot(pg, "actor")
    assert dialogs == []


def test_event_and_contradictions(server: str, page: tuple[Page, list[str]]) -> None:
    pg, dialogs = page
    pg.goto(server + "/contradictions")
    assert pg.locator("li.contradiction").count() > 0
    shot(pg, "contradictions")
    pg.locator("li.contradiction h2 a").first.click()
    pg.wait_for_url("**/events/*")
    assert pg.locator("svg.story circle.point").count() > 0
    assert pg.locator("table.statuses tbody tr").count() > 0
    shot(pg, "event")
    assert dialogs == []


def test_script_in_an_article_shows_as_text(server: str, page: tuple[Page, list[str]]) -> None:
    pg, dialogs = page
    pg.goto(server + "/search?q=script+alert")
    assert XSS in pg.locator("li.result blockquote").first.inner_text()
    pg.locator("li.result a.article-link").first.click()
    pg.wait_for_url("**/articles/*")
    assert XSS in pg.locator("h1").inner_text()  # the title, as text
    assert XSS in pg.locator("article.text").inner_text()
    assert pg.locator("main script, main b").count() == 0  # no element made from the text
    shot(pg, "xss-article")
    pg.wait_for_timeout(300)
    assert dialogs == []


def test_an_article_ingested_meanwhile_shows(
    server: str, db: Path, page: tuple[Page, list[str]], tmp_path: Path
) -> None:
    """Pages are cached while the store is unchanged; an ingest by another
    process changes it, and every worker then shows the new article."""
    pg, dialogs = page
    pg.goto(server + "/search?q=marmalade")
    assert pg.locator("li.result").count() == 0
    src = tmp_path / "new.jsonl"
    text = "LONDON, Sep 1, 2025\nOlga Brandvik said the marmalade tariff would be lifted.\n"
    src.write_text(json.dumps({"id": "new", "text": text, "published": "2025-09-01"}) + "\n")
    code, _, err = run("ingest", str(src), "--db", str(db), "--workers", "1")
    assert code == 0, err
    time.sleep(0.5)  # past the cache's check interval
    for _ in range(4):  # whichever worker answers
        pg.goto(server + "/search?q=marmalade")
        assert "Olga Brandvik" in pg.locator("li.result").first.inner_text()
    shot(pg, "search-after-ingest")
    assert dialogs == []


@pytest.mark.parametrize("width", [1280, 390])
def test_a_journalists_flows_at_desk_and_phone_width(
    server: str, browser: Browser, width: int
) -> None:
    """search → the quote in its article (scrolled to, outlined); speaker →
    their timeline → a statement; event → each source's words. Nothing runs
    off the screen; a screenshot of each step for a person to look at."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()

    def fits() -> None:
        over = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert over <= 1, (pg.url, over)

    try:
        pg.goto(server + "/search?q=meeting")
        fits()
        assert pg.locator("#total").inner_text().split()[0].isdigit()
        assert pg.locator(".facets .facet-speaker li").count() > 0
        shot(pg, f"flow-{width}-search")
        link = pg.locator("li.result a.article-link").first
        href = link.get_attribute("href") or ""
        assert re.fullmatch(r"/articles/\d+#s\d+", href)
        link.click()
        pg.wait_for_url("**/articles/*#s*")
        target = pg.locator(f"[id='{href.split('#')[1]}']")
        assert target.count() == 1
        outline = target.evaluate("e => getComputedStyle(e).outlineStyle")
        assert outline == "solid"  # :target marks the words
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < 900  # scrolled into view
        fits()
        pg.screenshot(path=str(ARTIFACTS / f"flow-{width}-article.png"))
        pg.locator("article.text a.speaker").first.click()
        pg.wait_for_url("**/actors/*")
        chart = pg.locator("svg.timeline.wide" if width > 640 else "svg.timeline.narrow")
        assert chart.is_visible() and chart.locator("rect.point").count() > 0
        labels = chart.locator("text").all_text_contents()
        assert len(set(labels)) >= 3  # ticks, not one date at both ends
        fits()
        shot(pg, f"flow-{width}-actor")
        pg.locator("ol.statements li a[href*='#s']").first.click()
        pg.wait_for_url("**/articles/*#s*")
        pg.goto(server + "/events")
        fits()
        shot(pg, f"flow-{width}-events")
        pg.locator("table.list tbody a").first.click()
        pg.wait_for_url("**/events/*")
        fits()
        shot(pg, f"flow-{width}-event")
        pg.locator("a[href^='/search?event=']").click()
        pg.wait_for_url("**/search?event=*")
        assert pg.locator("li.result").count() > 0
        assert "event:" in pg.locator(".chips").inner_text()
        fits()
        shot(pg, f"flow-{width}-event-words")
    finally:
        context.close()
