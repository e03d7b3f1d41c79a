"""Concurrent runs sharing one result cache: no crash, and the output of each is identical to a cold single run.

    python bench/concurrent_cache.py [--corpus DIR] [--files 40] [--rounds 50] [--runs 2 4]

Copies --files articles of --corpus (default: the BBC business articles beside the project) into a temporary
folder with a `.copydesk.yml` (so that the cache is `.copydesk_cache/` there), makes the reference output with a
cold `--no-cache` run, then for each count of --runs, --rounds times: empties the cache, starts that many
`copydesk check --format json --jobs 1` at once over the folder, and compares each one's exit code, standard
output and standard error with the reference. A third of the rounds leave the cache warm and corrupt some of its
entries first (cut short, or not JSON) instead of emptying it. Prints one line per count of runs: rounds, rounds
in which some output differed, crashes, wall time (total, median and slowest round) and the load average (1 min)
at the start of the rounds, from least to most.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "bbc" / "business"


def check(folder: Path, *flags: str) -> subprocess.Popen:
    command = [str(BIN / "copydesk"), "check", "--format", "json", "--jobs", "1", *flags, "desk"]
    env = dict(os.environ, COPYDESK_PARSE_CACHE="")
    return subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def corrupt(cache: Path, rng: random.Random) -> int:
    entries = sorted(cache.glob("*/*.json"))
    chosen = rng.sample(entries, min(len(entries), 5))
    for entry in chosen:
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if rng.random() < 0.5 else b"\x00not json")
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--runs", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "desk").mkdir()
        for path in sorted(args.corpus.glob("*.txt"))[: args.files]:
            shutil.copy(path, folder / "desk" / path.name)
        (folder / ".copydesk.yml").write_text("rules: {}\n", encoding="utf-8")
        cold = check(folder, "--no-cache")
        out, err = cold.communicate()
        reference = (cold.returncode, out, err)
        findings = out.count(b'"rule":')
        print(f"{args.files} files; reference: exit {cold.returncode}, {findings} findings", flush=True)
        cache = folder / ".copydesk_cache"
        for runs in args.runs:
            differing, crashes, corrupted, bad_rounds = 0, 0, 0, 0
            walls, loads = [], []
            for round_number in range(args.rounds):
                if round_number % 3 == 2 and cache.exists():
                    corrupted += corrupt(cache, rng)
                else:
                    shutil.rmtree(cache, ignore_errors=True)
                loads.append(os.getloadavg()[0])
                started = time.monotonic()
                processes = [check(folder) for _ in range(runs)]
                outputs = [(process.communicate(), process.returncode) for process in processes]
                walls.append(time.monotonic() - started)
                round_differs = 0
                for (out, err), code in outputs:
                    crashes += b"Traceback" in err or code not in (0, 1)
                    round_differs += (code, out, err) != reference
                differing += round_differs
                bad_rounds += round_differs > 0
            print(
                f"{runs} concurrent runs x {args.rounds} rounds ({corrupted} entries corrupted first): "
                f"{crashes} crashes, {differing} outputs that differ from the cold run "
                f"({bad_rounds} rounds with any); wall {sum(walls):.0f} s (round median "
                f"{statistics.median(walls):.1f} s, slowest {max(walls):.1f} s); "
                f"load {min(loads):.1f}-{max(loads):.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
