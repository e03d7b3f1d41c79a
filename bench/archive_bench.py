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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = str(ROOT.parent / "shared" / "corpora" / "bbc")
PARSE_CACHE_VARIABLE = "COPYDESK_PARSE_CACHE"
COPYDESK = str(Path(sys.executable).parent / "copydesk")
# Runs a command and prints the peak resident memory (MB) of its largest process and the CPU seconds (user and
# system) of all its processes, as the last line of stderr.
PEAK = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "use = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(use.ru_maxrss / 1024, use.ru_utime + use.ru_stime, file=sys.stderr); sys.exit(code)"
)


def sample(corpus: str, limit: int | None, folder: str) -> list[str]:
    files = sorted(str(p) for p in Path(corpus).rglob("*.txt") if p.name != "README.TXT")
    if limit:
        step = max(1, len(files) // limit)
        files = files[::step][:limit]
    for i, path in enumerate(files):
        os.symlink(path, os.path.join(folder, f"{i:05d}-{os.path.basename(path)}"))
    return files


@dataclass
class Row:
    wall: float  # seconds, everything the user waits for
    cpu: float  # user + system seconds of every process of the run
    peak: float  # MB of the largest process
    started: float  # time.time() when the command was started
    ended: float


def timed(command: list[str], cwd: str) -> Row:
    started, clock = time.time(), time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - clock
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    peak, cpu = done.stderr.strip().splitlines()[-1].split()
    return Row(wall, float(cpu), float(peak), started, started + wall)


def manifests(out: str) -> list[dict]:
    found = []
    for name in sorted(os.listdir(os.path.join(out, "manifest"))):
        with open(os.path.join(out, "manifest", name), encoding="utf-8") as f:
            found.append(json.load(f))
    return found


def worker_peaks(out: str) -> dict[str, float]:
    peaks: dict[str, float] = {}
    for manifest in manifests(out):
        peaks[manifest["worker"]] = max(peaks.get(manifest["worker"], 0.0), manifest["peak_memory_mb"])
    return peaks


def breakdown(out: str, row: Row) -> str:
    """Where an archive run's time went, from its manifests: wall seconds from the command's start until every
    worker was ready (client start, cluster start, worker imports, model load), the workers' first task, the last
    task's end and the command's end; the tail (seconds a worker sat idle while another finished the last
    partitions, summed over workers); the task threads' CPU per phase and the worker processes' CPU around their
    tasks beyond the task threads' own (event loop, heartbeats, monitors)."""
    found = manifests(out)
    workers: dict[str, dict] = {}
    for m in found:
        w = workers.setdefault(m["worker"], {"startup": m["worker_startup"], "finished": 0.0})
        w["finished"] = max(w["finished"], m["finished"])
    ready = max(w["startup"]["ready"] for w in workers.values())
    first = min(m["started"] for m in found)
    last = max(m["finished"] for m in found)
    tail = sum(last - w["finished"] for w in workers.values())
    phases: dict[str, float] = {}
    for m in found:
        for phase, seconds in m["cpu_seconds"].items():
            phases[phase] = phases.get(phase, 0.0) + seconds
    threads = sum(phases.values())
    process = sum(m["process_cpu_seconds"] for m in found)
    startup_cpu = sum(w["startup"]["start_cpu_seconds"] + w["startup"]["setup_cpu_seconds"] for w in workers.values())
    setup = max(w["startup"]["setup_seconds"] for w in workers.values())
    return (
        f"  {len(workers)} workers, {len(found)} partitions; wall: workers ready at {ready - row.started:.1f} s "
        f"(model load {setup:.1f} s of it), first task {first - row.started:.1f} s, last task done "
        f"{last - row.started:.1f} s, command done {row.ended - row.started:.1f} s; tail idle {tail:.1f} "
        f"worker-s\n  CPU s: workers' start-up and imports {startup_cpu:.1f}, task threads "
        + ", ".join(f"{phase} {seconds:.1f}" for phase, seconds in phases.items())
        + f" (total {threads:.1f}), rest of the worker processes during tasks {process - threads:.1f}; "
        f"all processes {row.cpu:.1f}"
    )


def folder_bytes(folder: str) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*.parquet"))


ROWS = {
    "check1": ("check --jobs 1", ["check", "articles", "--no-cache", "--jobs", "1", "--format", "json"]),
    "check2": ("check --jobs 2", ["check", "articles", "--no-cache", "--jobs", "2", "--format", "json"]),
    "archive1": ("archive --workers 1", ["archive", "articles", "--out", "out1", "--workers", "1"]),
    "archive2": ("archive --workers 2", ["archive", "articles", "--out", "out2", "--workers", "2"]),
}


def ratios(rates: dict[str, float]) -> str:
    parts = []
    if "archive2" in rates and "check2" in rates:
        parts.append(f"archive --workers 2 / check --jobs 2: {rates['archive2'] / rates['check2']:.2f} (target 0.9)")
    if "archive2" in rates and "archive1" in rates:
        parts.append(f"archive --workers 2 / --workers 1: {rates['archive2'] / rates['archive1']:.2f} (target 1.7)")
    if "archive1" in rates and "check1" in rates:
        parts.append(f"archive --workers 1 / check --jobs 1: {rates['archive1'] / rates['check1']:.2f}")
    return "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="Take this many files, spread over the corpus.")
    parser.add_argument(
        "--rows", default=",".join(ROWS), help=f"Comma-separated rows to run (default: all of {','.join(ROWS)})."
    )
    args = parser.parse_args()
    rows = args.rows.split(",")
    if unknown := set(rows) - set(ROWS):
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}")
    os.environ.pop(PARSE_CACHE_VARIABLE, None)  # parse every article: a benchmark, not a corpus run
    with tempfile.TemporaryDirectory() as work:
        articles = os.path.join(work, "articles")
        os.mkdir(articles)
        files = sample(args.corpus, args.limit, articles)
        words = sum(len(Path(p).read_text(encoding="utf-8", errors="replace").split()) for p in files)
        print(f"{len(files)} files, {words} words ({args.corpus}{f', --limit {args.limit}' if args.limit else ''})\n")
        print("| run | wall s | CPU s | words/s | words per CPU s | peak MB per worker |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        rates, notes = {}, []
        for key in rows:
            name, command = ROWS[key]
            output = ["--output", os.devnull] if name.startswith("check") else []
            row = timed([COPYDESK, *command, *output], work)
            peak = row.peak
            if name.startswith("archive"):
                peak = max(worker_peaks(os.path.join(work, command[3])).values())
                notes.append(f"`{name}`:\n" + breakdown(os.path.join(work, command[3]), row))
            rates[key] = words / row.wall
            print(
                f"| `copydesk {name}` | {row.wall:.1f} | {row.cpu:.1f} | {words / row.wall:.0f} | "
                f"{words / row.cpu:.0f} | {peak:.0f} |",
                flush=True,
            )
        print("\n" + "\n".join(notes))
        print("\n" + ratios(rates))
        for out in (os.path.join(work, name) for name in ("out2", "out1")):
            if os.path.isdir(out):
                per_million = folder_bytes(out) / len(files) * 1e6 / 1e9
                findings_kb = folder_bytes(os.path.join(out, "findings")) / 1024
                articles_kb = folder_bytes(os.path.join(out, "articles")) / 1024
                print(
                    f"results ({os.path.basename(out)}): findings {findings_kb:.0f} KB, articles {articles_kb:.0f} KB "
                    f"for {len(files)} articles: {per_million:.2f} GB per million articles"
                )
                break


if __name__ == "__main__":
    main()
