"""`copydesk archive --scheduler` on a `dask scheduler` and `dask worker` of one thread per worker, in each malloc
setting, on the same files with the default rules.

    python bench/archive_cluster.py [--corpus DIR] [--limit N] [--settings local,nanny,undone,unset] [--workers N]

Settings: `nanny`, the nanny's default MALLOC_TRIM_THRESHOLD_=65536 kept (COPYDESK_ARCHIVE_MALLOC=keep on the
workers); `undone`, the same environment with copydesk's worker plugin raising glibc's thresholds again (what a
user's cluster gets by default); `unset`, the docs' DASK_DISTRIBUTED__NANNY__PRE_SPAWN_ENVIRON without the
variable; `local`, `copydesk archive --workers N` (its own LocalCluster, no scheduler). Every cluster setting runs
with the profiler off (DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False, as the docs say) on a new cluster.
Prints per setting, from the manifests: the task threads' lint CPU seconds and page faults, per article, and the
workers' peak resident memory (the largest, and the first worker's after its first, middle and last partition:
the peak so far, so that growth with the number of partitions shows), with the command's wall time and glibc's
mmap threshold in each worker at the end (probed with malloc: the smallest block it maps).
--limit N takes N files spread evenly over the corpus (as bench/archive_bench.py does); --repeat K links them K
times (the same articles again: memory that grows with the partitions shows as a higher peak in the later passes).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archive_bench import DEFAULT_CORPUS, PARSE_CACHE_VARIABLE, manifests, sample

BIN = Path(sys.executable).parent
NO_PROFILER = {"DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}
SETTINGS = {
    "local": None,
    "nanny": {**NO_PROFILER, "COPYDESK_ARCHIVE_MALLOC": "keep"},
    "undone": NO_PROFILER,
    "unset": {**NO_PROFILER, "DASK_DISTRIBUTED__NANNY__PRE_SPAWN_ENVIRON": '{"MALLOC_TRIM_THRESHOLD_": None}'},
}


def base_environment() -> dict:
    """This shell's environment without malloc tuning and without the parse cache (every article is parsed)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k != PARSE_CACHE_VARIABLE}


class Cluster:
    """A `dask scheduler` and a `dask worker --nworkers N --nthreads 1` on 127.0.0.1, as processes."""

    def __init__(self, folder: str, environ: dict, workers: int):
        self.folder, self.environ, self.workers = folder, environ, workers
        self.processes: list[subprocess.Popen] = []
        self.log = open(os.path.join(folder, "dask.log"), "w")

    def start(self, *command) -> None:
        self.processes.append(
            subprocess.Popen(
                [str(BIN / "dask"), *command],
                env=self.environ,
                stdout=self.log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )

    def __enter__(self) -> str:
        scheduler_file = os.path.join(self.folder, "scheduler.json")
        self.start(
            "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", scheduler_file
        )
        address, deadline = None, time.monotonic() + 120
        while address is None:
            try:
                address = json.loads(Path(scheduler_file).read_text())["address"]
            except (FileNotFoundError, ValueError, KeyError):
                if time.monotonic() > deadline or self.processes[0].poll() is not None:
                    sys.exit(f"the scheduler did not start; see {self.log.name}")
                time.sleep(0.2)
        worker = ["worker", "--scheduler-file", scheduler_file, "--nworkers", str(self.workers), "--nthreads", "1"]
        self.start(*worker, "--host", "127.0.0.1", "--no-dashboard", "--memory-limit", "2GiB")
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(self.workers, timeout=300)
        return address

    def __exit__(self, *exc) -> None:
        for process in reversed(self.processes):
            process.send_signal(signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.log.close()


def mmap_threshold() -> int:
    """The smallest block (to 4 KiB) that glibc's malloc serves by mmap in this process now: its mmap threshold."""
    import ctypes

    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype, libc.malloc.argtypes, libc.free.argtypes = (
        ctypes.c_void_p,
        [ctypes.c_size_t],
        [ctypes.c_void_p],
    )

    def mapped(size: int) -> bool:
        block = libc.malloc(size)
        header = ctypes.c_size_t.from_address(block - ctypes.sizeof(ctypes.c_size_t)).value
        libc.free(block)
        return bool(header & 2)  # the chunk's IS_MMAPPED bit

    size = 4096  # upwards: freeing a mapped block raises glibc's own (dynamic) threshold to its size
    while size < 64 * 1024 * 1024 and not mapped(size):
        size += 4096
    return size


def probe(address: str) -> str:
    from distributed import Client

    with Client(address, timeout="60s") as client:
        thresholds = client.run(mmap_threshold).values()
    return ", ".join(f"{t / 1024 / 1024:.2f} MiB" for t in thresholds)


def run(setting: str, work: str, workers: int) -> str:
    out = os.path.join(work, f"out-{setting}-{len(os.listdir(work))}")  # a setting may be given twice
    command = [str(BIN / "copydesk"), "archive", "articles", "--out", out]
    environ = base_environment()
    started = time.perf_counter()
    if SETTINGS[setting] is None:
        done = subprocess.run([*command, "--workers", str(workers)], cwd=work, env=environ, capture_output=True)
    else:
        folder = tempfile.mkdtemp(prefix=f"dask-{setting}-", dir=work)
        with Cluster(folder, environ | SETTINGS[setting], workers) as address:
            done = subprocess.run([*command, "--scheduler", address], cwd=work, env=environ, capture_output=True)
            wall = time.perf_counter() - started
            threshold = probe(address)
    if SETTINGS[setting] is None:
        wall, threshold = time.perf_counter() - started, "-"
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} ({setting}) failed:\n{done.stderr.decode(errors='replace')}")
    return row(setting, out, wall, threshold)


def row(setting: str, out: str, wall: float, threshold: str) -> str:
    found = sorted(manifests(out), key=lambda m: m["finished"])
    articles = sum(m["articles"] for m in found)
    cpu = sum(m["cpu_seconds"]["lint"] for m in found)
    faults = sum(m["page_faults"]["lint"] for m in found)
    first_worker = [m["peak_memory_mb"] for m in found if m["worker"] == found[0]["worker"]]
    quarters = [first_worker[max(0, len(first_worker) * q // 4 - 1)] for q in (1, 2, 3, 4)]
    growth = " / ".join(f"{peak:.0f}" for peak in quarters)
    malloc = {m["worker_startup"].get("malloc", "") for m in found}
    return (
        f"| {setting} | {articles} | {len(found)} | {cpu:.1f} | {1000 * cpu / articles:.1f} | {faults} | "
        f"{faults / articles:.0f} | {max(m['peak_memory_mb'] for m in found):.0f} | {growth} | {wall:.1f} | "
        f"{threshold} | {'; '.join(sorted(malloc))} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200, help="Take this many files, spread over the corpus.")
    parser.add_argument("--settings", default=",".join(SETTINGS), help=f"Comma-separated, of {','.join(SETTINGS)}.")
    parser.add_argument("--repeat", type=int, default=1, help="Link the sample this many times.")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    settings = args.settings.split(",")
    if unknown := set(settings) - set(SETTINGS):
        parser.error(f"unknown settings: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as work:
        articles = os.path.join(work, "articles")
        os.mkdir(articles)
        for repeat in range(args.repeat):
            os.mkdir(os.path.join(articles, f"pass-{repeat}"))
            files = sample(args.corpus, args.limit, os.path.join(articles, f"pass-{repeat}"))
        print(
            f"{len(files)} files x {args.repeat} ({args.corpus}, --limit {args.limit}), "
            f"{args.workers} worker(s) of one thread\n"
        )
        print(
            "| setting | articles | partitions | lint CPU s | lint CPU ms per article | page faults | per article "
            "| peak MB | first worker's peak MB after 1/4, 1/2, 3/4, all of its partitions | wall s "
            "| mmap threshold after | plugin's malloc |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for setting in settings:
            print(run(setting, work, args.workers), flush=True)


if __name__ == "__main__":
    main()
