"""How heavy an HTML report is in a browser: its size, and how long headless Chromium takes to show it.

    python bench/html_report.py REPORT.html [--runs 3]

Opens the report (file://) in Debian's Chromium (/usr/bin/chromium, driven by Playwright, with the flags of the
browser test) in a fresh page per run and prints, per run: the time from navigation to the first contentful
paint, to the DOMContentLoaded event and to the load event (the browser's own Navigation and Paint Timing), the
wall time of `page.goto` until load, and the number of article sections rendered at that point. Make the report
first, e.g. `/usr/bin/time -v copydesk check --no-cache --jobs 1 --format html -o /tmp/bbc.html FOLDER`.
"""

from __future__ import annotations

import argparse
import os
import time

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMINGS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {fcp: paint ? paint.startTime : null, dom: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          sections: document.querySelectorAll("section.article").length,
          rendered: document.querySelectorAll("section.article:not(:has(script.article-data))").length};
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = os.path.abspath(args.report)
    print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        print(
            "| run | goto until load (s) | first contentful paint (ms) | DOMContentLoaded (ms) | load (ms) | rendered |"
        )
        print("| --- | --- | --- | --- | --- | --- |")
        for run in range(1, args.runs + 1):
            page = browser.new_page(viewport={"width": 1100, "height": 1200})
            started = time.perf_counter()
            page.goto("file://" + path, wait_until="load", timeout=300_000)
            wall = time.perf_counter() - started
            page.wait_for_timeout(500)  # lets the first paint entry and the lazy sections in view settle
            t = page.evaluate(TIMINGS)
            fcp = f"{t['fcp']:.0f}" if t["fcp"] is not None else "-"
            print(
                f"| {run} | {wall:.2f} | {fcp} | {t['dom']:.0f} | {t['load']:.0f} "
                f"| {t['rendered']} of {t['sections']} sections |"
            )
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
