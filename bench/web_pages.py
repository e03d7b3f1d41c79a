"""`copydesk check` on saved web pages with and without article extraction, side by side.

    python bench/web_pages.py [--corpus DIR] [--repeat N] [--findings]

DIR is a folder of .html pages (default: ../shared/corpora/web-pages/pages). Prints one Markdown table: the wall
and CPU time of `copydesk check --no-cache --jobs 1` over the folder as it is by default (the article extracted)
and with `--whole-page` (the page's first article, main or body, as before extraction), each run --repeat times
in mirrored order (A B B A ...) so that a drift in the machine's speed slows both alike, and then, in one process,
the CPU time of reading every page both ways (the extraction's own cost, without the rules).

--findings also prints, per page, the boilerplate findings (`--select boilerplate`) of both runs and how many of
them lie outside the extracted article body.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "web-pages" / "pages"
COPYDESK = [sys.executable, "-m", "linter"]
MODES = {"extract": [], "whole-page": ["--whole-page"]}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_check(corpus: Path, flags: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one `copydesk check` over the folder."""
    cpu, wall = children_cpu(), time.perf_counter()
    subprocess.run(
        COPYDESK + ["check", "--no-cache", "--jobs", "1", "--quiet", *flags, str(corpus)],
        stdout=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - wall, children_cpu() - cpu


def reading_times(pages: list[Path]) -> dict[str, float]:
    """CPU seconds to read (parse) every page, per mode, in this process."""
    from linter.readers import parse
    from linter.readers.files import read_article

    sources = [(str(p), read_article(str(p))[0]) for p in pages]
    parse(*sources[0])  # imports
    times = {}
    for mode in MODES:
        started = time.process_time()
        for path, source in sources:
            parse(path, source, extract=mode == "extract")
        times[mode] = time.process_time() - started
    return times


def boilerplate(corpus: Path, flags: list[str]) -> dict[str, list[dict]]:
    """The boilerplate findings of each page."""
    proc = subprocess.run(
        COPYDESK + ["check", "--no-cache", "--select", "boilerplate", "--format", "json", *flags, str(corpus)],
        capture_output=True,
        check=False,
    )
    found: dict[str, list[dict]] = {}
    for finding in json.loads(proc.stdout)["findings"]:
        found.setdefault(Path(finding["path"]).name, []).append(finding)
    return found


def outside_body(page: Path, findings: list[dict]) -> int:
    """How many findings lie outside every block of the page's extracted article."""
    from linter.readers import parse
    from linter.readers.files import read_article

    doc = parse(str(page), read_article(str(page))[0])
    spans = [(b.source_start, b.source_end) for b in doc.blocks]
    offset = lambda line, column: doc.line_starts[line - 1] + column - 1  # noqa: E731
    return sum(
        not any(s <= offset(f["line"], f["column"]) and offset(f["end_line"], f["end_column"]) <= e for s, e in spans)
        for f in findings
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each mode (mirrored order)")
    ap.add_argument("--findings", action="store_true", help="also list boilerplate findings per page")
    args = ap.parse_args()
    pages = sorted(args.corpus.glob("*.htm*"))
    totals = {mode: [0.0, 0.0] for mode in MODES}
    order = list(MODES)
    for i in range(args.repeat):
        for mode in order if i % 2 == 0 else order[::-1]:
            wall, cpu = timed_check(args.corpus, MODES[mode])
            totals[mode][0] += wall / args.repeat
            totals[mode][1] += cpu / args.repeat
    reading = reading_times(pages)
    base_wall, base_cpu = totals["whole-page"]
    print(f"{len(pages)} pages in {args.corpus}, {args.repeat} runs of each mode\n")
    print("| run | wall s | CPU s | CPU vs whole page | reading, CPU s |\n| --- | ---: | ---: | ---: | ---: |")
    for mode, (wall, cpu) in totals.items():
        print(f"| check ({mode}) | {wall:.2f} | {cpu:.2f} | {cpu / base_cpu - 1:+.1%} | {reading[mode]:.2f} |")
    extra = reading["extract"] - reading["whole-page"]
    print(f"\nextraction's own cost: {extra:.2f} s, {extra / totals['extract'][1]:.1%} of the extracting check's CPU")
    if args.findings:
        before, after = boilerplate(args.corpus, MODES["whole-page"]), boilerplate(args.corpus, [])
        print("\n| page | boilerplate, whole page | of which outside the article | with extraction | outside |")
        print("| --- | ---: | ---: | ---: | ---: |")
        sums = [0, 0, 0, 0]
        for page in pages:
            old, new = before.get(page.name, []), after.get(page.name, [])
            row = [len(old), outside_body(page, old), len(new), outside_body(page, new)]
            sums = [a + b for a, b in zip(sums, row)]
            if any(row):
                print(f"| {page.name} | " + " | ".join(map(str, row)) + " |")
        print("| all pages | " + " | ".join(map(str, sums)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
