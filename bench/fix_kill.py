"""SIGKILL during `copydesk check --fix`: every file afterwards is byte-identical to its original or to its fully
fixed version.

    python bench/fix_kill.py [--files 200] [--rounds 20] [--seed 22]

Writes --files articles with doubled words (the safe fix of repeated-word), fixes a copy of them once to learn the
fully fixed versions, then --rounds times: copies the originals, starts `copydesk check --fix --no-cache` on them,
kills it with SIGKILL at a random moment of its run and compares every file. Prints one line a round (when it was
killed, how many files were original, fixed, or neither, and the `.copydesk-*.tmp` files left) and a total.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
SENTENCES = [
    "The council voted on Tuesday to close the library for the winter.",
    "Residents said they had not been told of the plan until the meeting.",
    "A spokesman said the the building needed a new roof before the spring.",
    "The work is expected to cost about two million pounds over three years.",
    "Ms Patel said she would write to the mayor and and ask for a delay.",
]


def write_articles(folder: Path, count: int, rng: random.Random) -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        paragraphs = [" ".join(rng.choice(SENTENCES) for _ in range(3)) for _ in range(2)]
        (folder / f"{i:03d}.md").write_text(f"# Story {i}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def fix(folder: Path) -> subprocess.Popen:
    command = [str(BIN / "copydesk"), "check", "--fix", "--no-cache", "--quiet", str(folder)]
    env = dict(os.environ, COPYDESK_PARSE_CACHE="")
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        write_articles(root / "original", args.files, rng)
        shutil.copytree(root / "original", root / "fixed")
        started = time.monotonic()
        fix(root / "fixed").wait()
        full_run = time.monotonic() - started
        names = sorted(p.name for p in (root / "original").iterdir())
        original = {n: (root / "original" / n).read_bytes() for n in names}
        fixed = {n: (root / "fixed" / n).read_bytes() for n in names}
        changed = sum(original[n] != fixed[n] for n in names)
        print(f"{args.files} files; a whole --fix run takes {full_run:.1f} s; {changed} files change", flush=True)
        bad_total = 0
        for round_number in range(1, args.rounds + 1):
            work = root / f"round{round_number}"
            shutil.copytree(root / "original", work)
            moment = rng.uniform(0.5, full_run)
            process = fix(work)
            time.sleep(moment)
            process.send_signal(signal.SIGKILL)
            process.wait()
            counts = {"original": 0, "fixed": 0, "neither": 0}
            for name in names:
                data = (work / name).read_bytes()
                counts["original" if data == original[name] else "fixed" if data == fixed[name] else "neither"] += 1
            left = len(list(work.glob(".copydesk-*.tmp")))
            bad_total += counts["neither"]
            print(
                f"round {round_number:2d}: killed at {moment:5.1f} s: {counts['original']:3d} original, "
                f"{counts['fixed']:3d} fixed, {counts['neither']} neither; {left} temporary files left",
                flush=True,
            )
            shutil.rmtree(work)
        print(f"total: {bad_total} files neither original nor fixed in {args.rounds} rounds")


if __name__ == "__main__":
    main()
