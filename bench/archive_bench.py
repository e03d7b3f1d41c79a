"""`copydesk archive` against `copydesk check`, in one run, on the same files with the default rules.

    python bench/archive_bench.py [--corpus DIR] [--limit N]

Rows: `check --jobs 1`, `check --jobs 2` (no result cache), `archive --workers 1`, `archive --workers 2` (a fresh
results folder each). Every row runs as its own process and its wall time covers everything the user waits for
(start-up, the cluster, the model loads). Words are the white-space separated words of the files, the same for
every row. Peak memory per worker: for archive, the largest peak resident memory a worker process reported in the
manifests; for check, the peak resident memory of its largest process (the kernel's figure for waited children).
--limit N takes N files spread evenly over the corpus (every k-th of the sorted files), linked into a temporary
folder. Also prints the size of the Parquet results per article.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = str(ROOT.parent / "shared" / "corpora" / "bbc")
COPYDESK = str(Path(sys.executable).parent / "copydesk")
# Runs a command and prints the peak resident memory (MB) of its largest process, as the last line of stderr.
PEAK = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, file=sys.stderr); sys.exit(code)"
)


def sample(corpus: str, limit: int | None, folder: str) -> list[str]:
    files = sorted(str(p) for p in Path(corpus).rglob("*.txt") if p.name != "README.TXT")
    if limit:
        step = max(1, len(files) // limit)
        files = files[::step][:limit]
    for i, path in enumerate(files):
        os.symlink(path, os.path.join(folder, f"{i:05d}-{os.path.basename(path)}"))
    return files


def timed(command: list[str], cwd: str) -> tuple[float, float, str]:
    """(wall seconds, peak MB of the largest process, stderr)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    *rest, peak = done.stderr.strip().splitlines()
    return wall, float(peak), "\n".join(rest)


def worker_peaks(out: str) -> dict[str, float]:
    peaks: dict[str, float] = {}
    for name in os.listdir(os.path.join(out, "manifest")):
        with open(os.path.join(out, "manifest", name), encoding="utf-8") as f:
            manifest = json.load(f)
        peaks[manifest["worker"]] = max(peaks.get(manifest["worker"], 0.0), manifest["peak_memory_mb"])
    return peaks


def folder_bytes(folder: str) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*.parquet"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="Take this many files, spread over the corpus.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        articles = os.path.join(work, "articles")
        os.mkdir(articles)
        files = sample(args.corpus, args.limit, articles)
        words = sum(len(Path(p).read_text(encoding="utf-8", errors="replace").split()) for p in files)
        print(f"{len(files)} files, {words} words ({args.corpus}{f', --limit {args.limit}' if args.limit else ''})\n")
        print("| run | wall s | words/s | peak MB per worker |\n| --- | ---: | ---: | ---: |")
        rates = {}
        for name, command in (
            ("check --jobs 1", ["check", "articles", "--no-cache", "--jobs", "1", "--format", "json"]),
            ("check --jobs 2", ["check", "articles", "--no-cache", "--jobs", "2", "--format", "json"]),
            ("archive --workers 1", ["archive", "articles", "--out", "out1", "--workers", "1"]),
            ("archive --workers 2", ["archive", "articles", "--out", "out2", "--workers", "2"]),
        ):
            output = ["--output", os.devnull] if name.startswith("check") else []
            wall, peak, _ = timed([COPYDESK, *command, *output], work)
            if name.startswith("archive"):
                peak = max(worker_peaks(os.path.join(work, command[3])).values())
            rates[name] = words / wall
            print(f"| `copydesk {name}` | {wall:.1f} | {words / wall:.0f} | {peak:.0f} |", flush=True)
        print(
            f"\narchive --workers 2 / check --jobs 2: {rates['archive --workers 2'] / rates['check --jobs 2']:.2f} "
            f"(target 0.9); archive --workers 2 / --workers 1: "
            f"{rates['archive --workers 2'] / rates['archive --workers 1']:.2f} (target 1.7)"
        )
        out = os.path.join(work, "out2")
        per_million = folder_bytes(out) / len(files) * 1e6 / 1e9
        print(
            f"results: findings {folder_bytes(os.path.join(out, 'findings')) / 1024:.0f} KB, articles "
            f"{folder_bytes(os.path.join(out, 'articles')) / 1024:.0f} KB for {len(files)} articles: "
            f"{per_million:.2f} GB per million articles"
        )


if __name__ == "__main__":
    main()
