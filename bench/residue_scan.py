"""How fast the scrape-residue classifier scores the lines of a corpus, parsing excluded.

    python bench/residue_scan.py [--corpus DIR] [--repeat N]

Reads and parses every article under DIR (default: the BBC folder beside the project) once, then times
`linter.analysis.residue.scan_residue` over all of them with the built-in options, N times (default 3), fresh
quotation spans each time, and prints the best time, articles and words per second, and the findings.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from linter.analysis.residue import scan_residue
from linter.readers import parse
from linter.readers.files import is_article, read_article
from linter.run.rules import builtin_rule

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(p for p in args.corpus.rglob("*") if is_article(p.name) and not p.name.upper().startswith("README"))
    docs = [parse(str(p), read_article(str(p))[0]) for p in paths]
    words = sum(len(doc.source.split()) for doc in docs)
    options = builtin_rule("scrape-residue").options
    times = []
    for _ in range(args.repeat):
        for block in (block for doc in docs for block in doc.blocks):
            block.__dict__.pop("quotes", None)  # quotation spans are computed afresh, as in a real run
            block.__dict__.pop("_quote_reach", None)
        start = time.perf_counter()
        findings = sum(len(list(scan_residue(doc, options))) for doc in docs)
        times.append(time.perf_counter() - start)
    best = min(times)
    print(f"{len(docs)} articles, {words:,} words: best of {args.repeat} {best:.2f} s")
    print(f"{len(docs) / best:,.0f} articles/s, {words / best:,.0f} words/s, {findings} findings")


if __name__ == "__main__":
    main()
