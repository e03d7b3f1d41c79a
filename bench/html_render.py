"""What the HTML report costs on top of linting: the lint and the rendering of `--format html`, timed apart.

    python bench/html_render.py FOLDER [-o /tmp/report.html] [--all-rules]

Lints FOLDER in one process (`--jobs 1`, no cache) with the default rules that need no spaCy model (or, with
--all-rules, every default rule), then renders the result as HTML, and prints the wall and CPU seconds of each
step and the size of the report, which it writes to -o for `bench/html_report.py` to open in Chromium.
"""

from __future__ import annotations

import argparse
import time

from linter.reporters import render
from linter.run.config import load_config
from linter.run.engine import run
from linter.run.options import RunOptions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("-o", "--output", default="/tmp/report.html")
    parser.add_argument("--all-rules", action="store_true")
    args = parser.parse_args()
    config = load_config(None)
    rules = [r for r in config.rules.values() if r.enabled]
    if not args.all_rules:
        rules = [r for r in rules if not r.check_module.NEEDS]
    print("rules:", ", ".join(sorted(r.id for r in rules)))
    wall, cpu = time.perf_counter(), time.process_time()
    result = run([args.folder], RunOptions(config, select=tuple(r.id for r in rules), jobs=1))
    lint_wall, lint_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    html = render("html", result)
    render_wall, render_cpu = time.perf_counter() - wall, time.process_time() - cpu
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(html)
    print(f"{len(result.files)} files, {len(result.findings)} findings")
    print(f"lint: {lint_wall:.1f} s wall, {lint_cpu:.1f} s CPU")
    print(f"render: {render_wall:.1f} s wall, {render_cpu:.1f} s CPU")
    print(f"{args.output}: {len(html.encode()) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
