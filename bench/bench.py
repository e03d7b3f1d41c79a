"""copydesk against the raw spaCy parse it is built on and against proselint, in one run.

    python bench/bench.py [--corpus DIR] [--limit N] [--rows NAME,NAME...]

Prints one Markdown table: copydesk with all default rules at --jobs 1 and --jobs 2 (each with a fresh, cold
result cache), the same run again with the warm cache, raw spaCy `nlp.pipe` over the same prose with the same
components (the parser's own limit), proselint over the same files, and the cold start of `copydesk check` on one
article with and without NLP rules. Every row runs as its own process; wall time, CPU time (of all its processes)
and peak memory (the largest sum over the process and its children, sampled every 20 ms) are
measured from outside (memory as proportional set size, so that pages forked workers share with their parent
count once). Words are counted once, as white-space separated words of the files, so that all rates
compare. On a shared machine compare rows of one run: the ratios hold, absolute times drift. The three rows whose
ratios are targets (--jobs 1, --jobs 2, raw spaCy) run over each half of the files in turn, in mirrored order, so
that a drift in the machine's speed during the run slows them alike.

Each row is one small function that returns a Row (or a dict of Rows, when they must be measured together); add
a function to ROWS to add a row.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = str(ROOT.parent / "shared" / "corpora" / "bbc")
BIN = Path(sys.executable).parent

# Raw spaCy, run in a child process: copydesk's own reader finds the prose blocks (as copydesk parses them), then
# only `nlp.pipe` is timed, with the components that copydesk's default rules use. It prints its timings as JSON.
RAW_SPACY = """
import json, resource, sys, time
from linter.run.config import load_config
from linter.readers.files import read_article
from linter.readers import parse
from linter.analysis.nlp import PARSED_KINDS, components_for, disabled_components, load_model
files = sys.argv[1:]
components = components_for(load_config(None).effective(files[0]))
texts = [b.text for path in files for b in parse(path, read_article(path)[0]).prose(PARSED_KINDS)]
nlp = load_model()
disable = disabled_components(nlp, components)
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
wall, start = time.perf_counter(), cpu()
for _ in nlp.pipe(texts, disable=disable):
    pass
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": cpu() - start,
                  "components": [n for n in nlp.pipe_names if n not in disable]}))
"""

# copydesk's engine (read, parse, rules: what --jobs 1 runs, without the command's start and output) and raw spaCy
# on the same files, one batch of files at a time in turn, in one process: the pair shares every moment of the
# machine's load. Prints CPU seconds of each as JSON.
INTERLEAVED = """
import json, sys, time
from linter.run.config import load_config
from linter.run.engine import FILES_PER_BATCH, lint_files
from linter.run.options import RunOptions
from linter.readers.files import read_article
from linter.readers import parse
from linter.analysis.nlp import PARSED_KINDS, components_for, disabled_components, load_model
files = sys.argv[1:]
config = load_config(None)
options = RunOptions(config)
nlp = load_model()
disable = disabled_components(nlp, components_for(config.effective(files[0])))
lint_files(files[:FILES_PER_BATCH], options)  # first uses (textstat, wordfreq) happen once per run, not per batch
spent = {"engine": 0.0, "raw": 0.0}
for n, start in enumerate(range(0, len(files), FILES_PER_BATCH)):
    batch = files[start:start + FILES_PER_BATCH]
    texts = [b.text for path in batch for b in parse(path, read_article(path)[0]).prose(PARSED_KINDS)]
    for which in (("raw", "engine") if n % 2 else ("engine", "raw")):
        begin = time.process_time()
        if which == "raw":
            for _ in nlp.pipe(texts, disable=disable):
                pass
        else:
            lint_files(batch, options)
        spent[which] += time.process_time() - begin
print(json.dumps(spent))
"""


@dataclass
class Row:
    name: str
    seconds: float  # wall time
    cpu: float  # CPU time of all the row's processes, user + system
    peak_mb: float | None = None  # peak resident memory of the row's processes together
    words: int | None = None  # for throughput rows
    note: str = ""
    raw_cpu: float | None = None  # CPU s of raw nlp.pipe measured in turn with this row (the interleaved row)

    @property
    def rate(self) -> str:
        """Words per wall-clock second."""
        return f"{self.words / self.seconds:,.0f}" if self.words else "-"


@dataclass
class Setup:
    files: list[str]
    words: int
    cache_dirs: dict = field(default_factory=dict)


def _memory_kb(pid: int) -> int:
    """A process's proportional set size (its private memory plus its share of pages shared with others, so that
    forked workers' shared pages count once), or its resident size where the kernel gives no PSS."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path) as f:
                return next(int(line.split()[1]) for line in f if line.startswith(key))
        except (OSError, StopIteration, ValueError):
            continue
    return 0


def _tree_memory_kb(pid: int) -> int:
    """Memory of a process and all its descendants, in KB (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _memory_kb(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as f:
                stack.extend(int(child) for child in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], env: dict | None = None, cwd=ROOT) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak MB of the process tree, stdout) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    peak = [0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_memory_kb(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak[0] / 1024, stdout


def _copydesk_run(files: list[str], jobs: int, cache: str) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MB) of copydesk with all default rules on files, with a result cache in folder cache."""
    wall, cpu, peak, _ = measure(
        [str(BIN / "copydesk"), "check", "-q", "--format", "json", "--fail-on", "never", "--jobs", str(jobs), *files],
        env={"XDG_CACHE_HOME": cache},
    )
    return wall, cpu, peak


def _copydesk(setup: Setup, name: str, jobs: int, cache: str) -> Row:
    return Row(name, *_copydesk_run(setup.files, jobs, cache), setup.words)


def _raw_spacy_run(files: list[str]) -> tuple[float, float, float, list[str]]:
    """(wall s, CPU s of the pipe alone, peak MB of the process, components) of raw spaCy over files' prose."""
    _, _, peak, stdout = measure([sys.executable, "-c", RAW_SPACY, *files], env={"PYTHONPATH": str(ROOT)})
    timing = json.loads(stdout)
    return timing["wall"], timing["cpu"], peak, timing["components"]


def _sum_of_runs(name: str, runs: list[tuple], words: int, note: str) -> Row:
    return Row(name, sum(r[0] for r in runs), sum(r[1] for r in runs), max(r[2] for r in runs), words, note)


def copydesk_and_raw_spacy(setup: Setup) -> dict[str, Row]:
    """copydesk at --jobs 1 and --jobs 2 (cold caches) and spaCy alone (nlp.pipe over the same prose blocks with the
    same components, in one process), each run twice, once per half of the files, in the order --jobs 1, spaCy,
    --jobs 2, --jobs 2, spaCy, --jobs 1. A shared machine's speed drifts over minutes; in this order a steady drift
    slows all three rows alike, so that their ratios hold."""
    half = len(setup.files) // 2
    halves = (setup.files[:half], setup.files[half:])
    one, two = setup.cache_dirs["one"], setup.cache_dirs["two"]
    jobs_1, raw, jobs_2 = [_copydesk_run(halves[0], 1, one)], [_raw_spacy_run(halves[0])], []
    jobs_2 += [_copydesk_run(halves[0], 2, two), _copydesk_run(halves[1], 2, two)]
    raw.append(_raw_spacy_run(halves[1]))
    jobs_1.append(_copydesk_run(halves[1], 1, one))
    note = "two runs, one per half of the files"
    return {
        "copydesk_jobs_1": _sum_of_runs("copydesk, default rules, --jobs 1 (cold cache)", jobs_1, setup.words, note),
        "copydesk_jobs_2": _sum_of_runs("copydesk, default rules, --jobs 2 (cold cache)", jobs_2, setup.words, note),
        "raw_spacy": _sum_of_runs(
            "raw spaCy nlp.pipe, same prose, same components",
            raw,
            setup.words,
            "timed: the pipe alone (" + ", ".join(raw[0][3]) + "), two halves; memory: whole process",
        ),
    }


def interleaved(setup: Setup) -> Row:
    """copydesk's engine against raw spaCy, batch by batch in turn in one process (see INTERLEAVED): the throughput
    ratio least disturbed by a shared machine."""
    _, _, peak, stdout = measure([sys.executable, "-c", INTERLEAVED, *setup.files], env={"PYTHONPATH": str(ROOT)})
    spent = json.loads(stdout)
    return Row(
        "copydesk's engine and raw nlp.pipe, batch by batch in turn, one process",
        spent["engine"],
        spent["engine"],
        peak,
        setup.words,
        f"times are the engine's CPU s; raw nlp.pipe on the same batches took {spent['raw']:.2f} CPU s",
        raw_cpu=spent["raw"],
    )


def copydesk_warm_cache(setup: Setup) -> Row:
    return _copydesk(setup, "copydesk, default rules, --jobs 2, warm cache", 2, setup.cache_dirs["two"])


def copydesk_foundation_rules(setup: Setup) -> Row:
    """The first rules (no model): the like-for-like comparison with proselint, which parses nothing either."""
    rules = ["repeated-word", "sentence-length", "scrape-residue"]
    wall, cpu, peak, _ = measure(
        [
            str(BIN / "copydesk"),
            "check",
            "-q",
            "--no-cache",
            "--jobs",
            "1",
            *[a for r in rules for a in ("--select", r)],
            *setup.files,
        ]
    )
    return Row("copydesk, " + ", ".join(rules) + ", --jobs 1", wall, cpu, peak, setup.words)


def proselint(setup: Setup) -> Row:
    executable = BIN / "proselint"
    if not executable.exists():
        return Row("proselint (not installed: pip install '.[bench]')", 0, 0)
    wall, cpu, peak, _ = measure([str(executable), "check", *setup.files])
    return Row("proselint 0.16, same files", wall, cpu, peak, setup.words)


COLD_STARTS = 5  # cold starts are short and the machine is shared: each row is the median of this many runs


def _cold_start(setup: Setup, name: str, *select: str) -> Row:
    args = [a for rule in select for a in ("--select", rule)]
    runs = sorted(
        (
            measure([str(BIN / "copydesk"), "check", "--no-cache", "--jobs", "1", *args, setup.files[0]])
            for _ in range(COLD_STARTS)
        ),
        key=lambda run: run[0],
    )
    wall, cpu, peak, _ = runs[COLD_STARTS // 2]
    return Row(name, wall, cpu, peak, note=f"median of {COLD_STARTS} runs ({runs[0][0]:.2f}-{runs[-1][0]:.2f} s)")


def cold_start_nlp(setup: Setup) -> Row:
    return _cold_start(setup, "cold start: copydesk check, default rules, 1 article")


def cold_start_without_nlp(setup: Setup) -> Row:
    sys.path.insert(0, str(ROOT))
    from linter.analysis.nlp import needs_model
    from linter.run.config import load_config

    settings = load_config(None).effective(setup.files[0])
    plain = [s.rule.id for s in settings if not needs_model([s])]
    return _cold_start(setup, f"cold start: copydesk check, the {len(plain)} rules without NLP, 1 article", *plain)


ROWS = [
    copydesk_and_raw_spacy,
    copydesk_warm_cache,
    interleaved,
    copydesk_foundation_rules,
    proselint,
    cold_start_nlp,
    cold_start_without_nlp,
]


def article_files(corpus: str, limit: int | None) -> list[str]:
    files = sorted(
        str(p)
        for p in Path(corpus).rglob("*")
        if p.suffix in (".txt", ".md", ".html", ".htm") and p.name.lower() not in ("readme.txt", "readme.md")
    )
    return files[:limit] if limit else files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N files (sorted by path)")
    parser.add_argument("--rows", help="comma-separated row functions to run (default: all)")
    args = parser.parse_args()
    if not Path(args.corpus).is_dir():
        sys.exit(f"bench: corpus folder {args.corpus} not found (the BBC corpus lives in ../shared/corpora/bbc)")
    files = article_files(args.corpus, args.limit)
    # Byte-compile copydesk as pip does when it installs the wheel: an editable install run with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile copydesk's source again at every start.
    compileall.compile_dir(ROOT / "linter", quiet=1)
    words = sum(len(Path(p).read_bytes().split()) for p in files)
    rows = [r for r in ROWS if not args.rows or r.__name__ in args.rows.split(",")]
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        setup = Setup(files, words, {"one": one, "two": two})
        print(
            f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs: {len(files)} files, {words:,} words "
            f"from {args.corpus}\n"
        )
        print(
            "| what | wall s | CPU s | peak MB | words per wall s | note |\n| --- | ---: | ---: | ---: | ---: | --- |"
        )
        results = {}
        for make_rows in rows:
            made = make_rows(setup)
            for key, row in made.items() if isinstance(made, dict) else [(make_rows.__name__, made)]:
                results[key] = row
                peak = f"{row.peak_mb:,.0f}" if row.peak_mb else "-"
                print(
                    f"| {row.name} | {row.seconds:.2f} | {row.cpu:.2f} | {peak} | {row.rate} | {row.note} |", flush=True
                )
    print()

    def ratio(a: str, b: str) -> float:
        return results[a].seconds / results[b].seconds if results[b].seconds else float("nan")

    if {"copydesk_jobs_1", "raw_spacy"} <= results.keys():
        print(
            f"copydesk --jobs 1 throughput / raw nlp.pipe: {ratio('raw_spacy', 'copydesk_jobs_1'):.1%} (wall), "
            f"{results['raw_spacy'].cpu / results['copydesk_jobs_1'].cpu:.1%} (CPU)"
        )
    if "interleaved" in results:
        print(
            f"copydesk's engine throughput / raw nlp.pipe, batch by batch in one process: "
            f"{results['interleaved'].raw_cpu / results['interleaved'].cpu:.1%} (CPU)"
        )
    if {"copydesk_jobs_1", "copydesk_jobs_2"} <= results.keys():
        print(f"--jobs 2 speed-up over --jobs 1: {ratio('copydesk_jobs_1', 'copydesk_jobs_2'):.2f}x")
    if {"copydesk_jobs_2", "copydesk_warm_cache"} <= results.keys():
        print(f"warm cache / cold run: 1/{ratio('copydesk_jobs_2', 'copydesk_warm_cache'):.0f}")
    if {"copydesk_foundation_rules", "proselint"} <= results.keys() and results["proselint"].seconds:
        print(
            f"proselint / copydesk (rules without a model) wall time: "
            f"{ratio('proselint', 'copydesk_foundation_rules'):.2f}x"
        )


if __name__ == "__main__":
    main()
