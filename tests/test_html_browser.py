"""The HTML report in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, cli_json, run_cli

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HARBOUR = str(ROOT / "examples" / "harbour-deal.txt")
HOSTILE = str(FIXTURES / "html-report" / "hostile.txt")
ECHO = str(FIXTURES / "html-report" / "echo.md")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip("Chromium is not installed: apt-get install -y chromium (Debian) to run the browser tests")
    if os.environ.get("CI"):
        from playwright import sync_api
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_report(browser, tmp_path, *paths):
    out = tmp_path / "report.html"
    result = run_cli("check", "--no-cache", "--format", "html", "-o", str(out), *paths)
    assert result.exit_code in (0, 1), result.stderr
    page = browser.new_page(viewport={"width": 1100, "height": 1200})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(out.as_uri())
    return page, errors


def test_marks_panel_and_category_filter(browser, tmp_path):
    findings = cli_json("check", "--no-cache", HARBOUR)["findings"]
    page, errors = open_report(browser, tmp_path, HARBOUR)
    marks = page.locator("mark.hl[id]")
    assert marks.count() == len(findings) == 10
    page.locator("mark.hl[data-rule='person-shift']").click()
    assert page.locator("#panel").is_visible()
    assert page.locator("#panel .message").first.inner_text() == next(
        f["message"] for f in findings if f["rule"] == "person-shift"
    )
    assert page.locator("#panel a.rule-link").first.get_attribute("href") == "#rule-person-shift"
    assert page.locator("#rule-person-shift h1").inner_text() == "person-shift"
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "a0f9"  # the finding after person-shift's (a0f8)
    page.locator("input[data-filter='cat'][value='boilerplate']").uncheck()
    hidden = page.locator("mark.hl.off")
    assert hidden.count() == page.locator("mark.hl.c-boilerplate").count() == 5  # 3 findings, one over three blocks
    assert page.locator("mark.hl[id]:not(.off)").count() == 10 - 3
    background = page.locator("mark.hl.c-boilerplate").first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background == "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(tmp_path / "harbour.png"), full_page=True)
    assert (tmp_path / "harbour.png").stat().st_size > 10_000
    assert errors == []


def test_a_finding_with_several_uses_marks_and_links_each(browser, tmp_path):
    (finding,) = cli_json("check", "--no-cache", ECHO)["findings"]
    assert finding["rule"] == "echo-word" and len(finding["related"]) == 3
    page, errors = open_report(browser, tmp_path, ECHO)
    marks = page.locator("mark.hl[data-rule='echo-word']")
    assert [marks.nth(i).inner_text() for i in range(marks.count())] == [use["excerpt"] for use in finding["related"]]
    marks.nth(1).click()
    assert page.locator("#panel .message").inner_text() == finding["message"]
    assert page.locator("#panel .links").inner_text().startswith("3 marks:")
    assert page.locator("mark.hl.related").count() == 3
    assert errors == []


def test_injected_script_does_not_run(browser, tmp_path):
    page, errors = open_report(browser, tmp_path, HOSTILE)
    assert page.evaluate("window.injected") is None
    assert "<script>window.injected = 1</script>" in page.locator("main h2").nth(1).inner_text()
    page.locator("mark.hl").first.hover()
    assert page.evaluate("window.injected") is None
    assert errors == []


def test_many_files_render_sections_on_demand_and_sort(browser, tmp_path):
    page, errors = open_report(browser, tmp_path, HOSTILE, HARBOUR)
    page.evaluate("window.scrollTo(0, 0)")
    assert page.locator("table.articles tbody tr").count() == 2
    page.locator("table.articles a", has_text="hostile.txt").click()
    assert page.locator("#a1 mark.hl[id]").count() == 1
    assert page.evaluate("window.injected") is None
    page.locator("table.articles th", has_text="findings").click()  # ascending
    first = page.locator("table.articles tbody tr").first.locator("td").first.inner_text()
    assert first.endswith("hostile.txt")
    assert errors == []
