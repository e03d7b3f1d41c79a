"""Two copydesk source trees side by side, in one run: cold start and throughput, alternating A and B.

    python bench/compare_trees.py TREE_A TREE_B [--files N] [--rounds R] [--starts S]

Each tree is a checkout of copydesk (for example a `git worktree` of an older commit) run with the same Python
and installed dependencies, by importing `linter.cli` from that folder. Rounds alternate which tree goes first,
so a drift in the machine's speed weighs on both alike; the table gives the medians. On a shared machine compare
the two columns of one run: the ratio holds, absolute times drift.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "bbc"
RUN = "import sys; from linter.cli import main; sys.argv[0] = 'copydesk'; main()"


def timed(tree: str, *args: str) -> float:
    """Wall seconds of `copydesk ARGS` with tree's copydesk."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", RUN, *args], cwd=tree, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs=2)
    parser.add_argument("--files", type=int, default=200, help="BBC files for the throughput rows")
    parser.add_argument("--rounds", type=int, default=2, help="throughput runs per tree")
    parser.add_argument("--starts", type=int, default=5, help="cold starts per tree")
    args = parser.parse_args()
    files = [str(p) for p in sorted(CORPUS.rglob("*.txt"))[:: max(1, 2225 // args.files)][: args.files]]
    words = sum(len(Path(f).read_text(encoding="utf-8", errors="replace").split()) for f in files)
    check = ["check", "--no-cache", "--jobs", "1", "--format", "json", "--fail-on", "never"]
    rows = {
        "cold start, default rules, 1 article (s)": (check + [files[0]], args.starts),
        f"throughput, default rules, {len(files)} files (words/s)": (check + files, args.rounds),
    }
    print(f"| measure | A: {args.trees[0]} | B: {args.trees[1]} | B/A |\n|---|---|---|---|")
    for name, (command, rounds) in rows.items():
        times: dict[str, list[float]] = {tree: [] for tree in args.trees}
        for i in range(rounds):
            for tree in args.trees if i % 2 == 0 else reversed(args.trees):
                times[tree].append(timed(tree, *command))
        a, b = (statistics.median(times[tree]) for tree in args.trees)
        if "throughput" in name:
            a, b = words / a, words / b
        print(f"| {name} | {a:.2f} | {b:.2f} | {b / a:.3f} |")


if __name__ == "__main__":
    main()
