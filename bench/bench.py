"""Throughput of copydesk against the raw spaCy parse it is built on, in one run.

    python bench/bench.py [--corpus DIR] [--limit N] [--rule incomplete-sentence]

Each row is one small function that returns a Row; add a function to ROWS to add a row (another linter, --jobs,
a cache). Words are counted once, as white-space separated words of the article files, so that the rates of all
rows compare. The model is loaded before the timed rows (its load is in the cold-start rows). Each row gives wall
time and CPU time (of this process, or of the child process it ran): on a shared machine the CPU figures are the
ones to compare, and the overhead is computed from them.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.config import load_config  # noqa: E402
from linter.engine import run  # noqa: E402
from linter.formats import parse  # noqa: E402
from linter.nlp import PARSED_KINDS, disabled_components, load_model  # noqa: E402

DEFAULT_CORPUS = "/work/shared/corpora/bbc"


@dataclass
class Row:
    name: str
    seconds: float  # wall time
    cpu: float      # CPU time, user + system
    words: int | None = None  # None for rows that time something other than throughput

    @property
    def rate(self) -> str:
        """Words per CPU second."""
        return f"{self.words / self.cpu:,.0f}" if self.words else "-"


class Timer:
    """Wall and CPU time of a block, for this process or (children=True) for the processes it waits for."""

    def __init__(self, children: bool = False):
        self.who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF

    def _cpu(self) -> float:
        usage = resource.getrusage(self.who)
        return usage.ru_utime + usage.ru_stime

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, self._cpu() - self.cpu


@dataclass
class Setup:
    files: list[str]
    words: int
    rule: str


def article_files(corpus: str, limit: int | None) -> list[str]:
    files = sorted(str(p) for p in Path(corpus).rglob("*") if p.suffix in (".txt", ".md", ".html", ".htm")
                   and p.name.lower() not in ("readme.txt", "readme.md"))
    return files[:limit] if limit else files


def read(path: str) -> str:
    with open(path, "rb") as f:
        data = f.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def raw_spacy(setup: Setup) -> Row:
    """spaCy alone: nlp.pipe over the same prose blocks that copydesk parses, with the same components."""
    nlp = load_model()
    texts = [b.text for path in setup.files for b in parse(path, read(path)).prose(PARSED_KINDS)]
    disable = disabled_components(nlp, {"parser"})
    with Timer() as t:
        for _ in nlp.pipe(texts, disable=disable):
            pass
    return Row("raw spaCy nlp.pipe (tagger + parser)", t.wall, t.cpu, setup.words)


def copydesk_rule(setup: Setup) -> Row:
    """copydesk with one rule on, in process: reading, parsing, the rule, findings."""
    config = load_config(None, start=str(ROOT))
    with Timer() as t:
        result = run(setup.files, config, select=[setup.rule])
    return Row(f"copydesk --select {setup.rule} ({len(result.findings)} findings)", t.wall, t.cpu, setup.words)


def _copydesk_run(name: str, *args: str) -> Row:
    copydesk = Path(sys.executable).with_name("copydesk")
    with Timer(children=True) as t:
        subprocess.run([str(copydesk) if copydesk.exists() else "copydesk", *args], cwd=ROOT, capture_output=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    return Row(name, t.wall, t.cpu)


def cold_start_rule(setup: Setup) -> Row:
    """`copydesk check` on one article from a cold start: Python, spaCy and the model load, one file."""
    return _copydesk_run(f"cold start: copydesk check --select {setup.rule} (1 file)",
                         "check", "--select", setup.rule, setup.files[0])


def cold_start_without_nlp(setup: Setup) -> Row:
    """The same without NLP rules: the model must not load."""
    return _copydesk_run("cold start: copydesk check --select sentence-length (1 file)",
                         "check", "--select", "sentence-length", setup.files[0])


def warm_up(setup: Setup) -> None:
    """Load the model and parse a few articles, so that the first timed row pays no first-use costs."""
    config = load_config(None, start=str(ROOT))
    run(setup.files[:20], config, select=[setup.rule])


ROWS = [raw_spacy, copydesk_rule, cold_start_rule, cold_start_without_nlp]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N files (sorted by path)")
    parser.add_argument("--rule", default="incomplete-sentence")
    args = parser.parse_args()
    files = article_files(args.corpus, args.limit)
    setup = Setup(files, sum(len(read(p).split()) for p in files), args.rule)
    warm_up(setup)
    print(f"{len(files)} files, {setup.words:,} words from {args.corpus}\n")
    print(f"| {'what':<66} | {'wall s':>7} | {'CPU s':>7} | {'words per CPU s':>15} |\n"
          f"| {'-' * 66} | {'-' * 6}: | {'-' * 6}: | {'-' * 14}: |")
    rows = []
    for make_row in ROWS:
        row = make_row(setup)
        rows.append(row)
        print(f"| {row.name:<66} | {row.seconds:>7.2f} | {row.cpu:>7.2f} | {row.rate:>15} |", flush=True)
    raw, linted = rows[0], rows[1]
    print(f"\ncopydesk overhead over the raw parse (CPU time): {100 * (linted.cpu / raw.cpu - 1):+.0f}%")


if __name__ == "__main__":
    main()
