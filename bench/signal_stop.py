"""Time from Ctrl-C (SIGINT to the process group) or SIGTERM to the exit of `copydesk check`, mid-parse.

    python bench/signal_stop.py [--files 60] [--rounds 5] [--delay 1]

Writes --files articles, then for each of --jobs 1 and 2 and each signal, --rounds times: starts
`copydesk check --no-cache` on them in a new session, waits until the parsing processes hold the model (the main
process with --jobs 1, both workers with --jobs 2) and --delay seconds more (the parser is at work), sends the
signal (SIGINT to the process group, as a terminal's Ctrl-C does; SIGTERM to the main process) and measures the
time until the process has exited, its exit code, and how many of its worker processes are still alive half a
second later. Prints one line per (jobs, signal): median and worst.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
MODEL_MB = 150  # a process holding the spaCy model (about 230 MB at its peak) is past loading it
SENTENCES = [
    "The council voted on Tuesday to close the library for the winter.",
    "Residents said they had not been told of the plan until the meeting.",
    "A spokesman for the council said the building needed a new roof.",
    "The work is expected to cost about two million pounds over three years.",
]


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def resident_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0.0)


def one_stop(folder: Path, jobs: int, signum: int, delay: float) -> tuple[float, int, int]:
    command = [str(BIN / "copydesk"), "check", "--no-cache", "--jobs", str(jobs), str(folder)]
    env = dict(os.environ, COPYDESK_PARSE_CACHE="")
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    workers: set[int] = set()
    while process.poll() is None:
        time.sleep(0.1)
        workers = children(process.pid) if jobs > 1 else set()
        parsers = workers if jobs > 1 else {process.pid}
        if len(parsers) == jobs and all(resident_mb(pid) > MODEL_MB for pid in parsers):
            break
    time.sleep(delay)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # what a terminal's Ctrl-C does
    else:
        process.send_signal(signum)
    sent = time.monotonic()
    process.wait()
    stopped = time.monotonic() - sent
    time.sleep(0.5)
    return stopped, process.returncode, sum(alive(pid) for pid in workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--delay", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for i in range(args.files):
            body = "\n\n".join(" ".join(SENTENCES[(i + j + k) % 4] for k in range(8)) for j in range(6))
            (folder / f"{i:03d}.md").write_text(f"# Story {i}\n\n{body}\n", encoding="utf-8")
        for jobs in (1, 2):
            for signum in (signal.SIGINT, signal.SIGTERM):
                results = [one_stop(folder, jobs, signum, args.delay) for _ in range(args.rounds)]
                times = [r[0] for r in results]
                print(
                    f"--jobs {jobs} {signal.Signals(signum).name}: median {statistics.median(times):.2f} s, worst "
                    f"{max(times):.2f} s; exit codes {sorted({r[1] for r in results})}; "
                    f"workers left {sum(r[2] for r in results)}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
