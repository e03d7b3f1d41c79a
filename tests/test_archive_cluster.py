"""`copydesk archive --scheduler` on a cluster of the user's: a `dask scheduler` and `dask worker` started from the
command line as docs/archive.md says, the same findings as `copydesk check`, a rerun that redoes only what is
missing, and the nanny's malloc setting (undone by copydesk's worker plugin, or unset as the docs say)."""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import cloudpickle
import dask
import distributed
import pytest
from test_archive import ARTICLES, archived_findings, check_findings, table

from linter.archive.malloc import undo_nanny_trim_threshold

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"]), pytest.mark.timeout(600)]

BIN = Path(sys.executable).parent  # the dask and copydesk commands of this environment
UNSET_TRIM = '{"MALLOC_TRIM_THRESHOLD_": None}'  # the docs' DASK_DISTRIBUTED__NANNY__PRE_SPAWN_ENVIRON
MiB = 1024 * 1024
cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import the tests' functions


@contextlib.contextmanager
def dask_cluster(folder: Path, environ: dict | None = None, workers: int = 2):
    """The address of a `dask scheduler` and `dask worker --nworkers N --nthreads 1` started as processes with the
    user's environment plus `environ` (no MALLOC_ variable of this shell), stopped at the end even on failure."""
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")} | (environ or {})
    scheduler = ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
    scheduler += ["--scheduler-file", scheduler_file]
    worker = ["worker", "--scheduler-file", scheduler_file, "--nworkers", str(workers), "--nthreads", "1"]
    worker += ["--host", "127.0.0.1", "--no-dashboard", "--memory-limit", "1GiB"]
    processes = []
    with open(folder / "dask.log", "w") as log:

        def start(command):  # in its own process group, so that it can be killed whole
            options = {"env": env, "stdout": log, "stderr": subprocess.STDOUT, "start_new_session": True}
            processes.append(subprocess.Popen([BIN / "dask", *map(str, command)], **options))

        try:
            start(scheduler)
            address = scheduler_address(scheduler_file, processes[0])
            start(worker)
            with distributed.Client(address, timeout="30s") as client:
                client.wait_for_workers(workers, timeout=120)
            yield address
        finally:
            for process in reversed(processes):
                process.send_signal(signal.SIGTERM)
            for process in reversed(processes):
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def scheduler_address(scheduler_file: Path, scheduler: subprocess.Popen) -> str:
    """The address in the file that the scheduler writes once it listens (waited for, a minute at most)."""
    deadline = time.monotonic() + 60
    while True:
        with contextlib.suppress(FileNotFoundError, json.JSONDecodeError, KeyError):
            return json.loads(scheduler_file.read_text())["address"]
        log = scheduler_file.with_name("dask.log")
        assert scheduler.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two workers started with Dask's defaults: the nanny sets MALLOC_TRIM_THRESHOLD_=65536 in them."""
    with dask_cluster(tmp_path_factory.mktemp("dask")) as address:
        yield address


@pytest.fixture
def desk(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def copydesk(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([BIN / "copydesk", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def on_workers(address: str, function, *args) -> list:
    with distributed.Client(address, timeout="30s") as client:
        return list(client.run(function, *args).values())


def environment_variable(name: str) -> str | None:
    return os.environ.get(name)


def mmapped(size: int) -> bool:
    """Whether glibc's malloc serves a block of this size by mmap (the IS_MMAPPED bit of the chunk's size field)."""
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype, libc.malloc.argtypes, libc.free.argtypes = (
        ctypes.c_void_p,
        [ctypes.c_size_t],
        [ctypes.c_void_p],
    )
    block = libc.malloc(size)
    try:
        return bool(ctypes.c_size_t.from_address(block - ctypes.sizeof(ctypes.c_size_t)).value & 2)
    finally:
        libc.free(block)


def test_archive_on_a_dask_scheduler_and_workers_gets_the_findings_of_check(cluster, desk, monkeypatch):
    assert on_workers(cluster, environment_variable, "MALLOC_TRIM_THRESHOLD_") == ["65536", "65536"]
    assert on_workers(cluster, mmapped, MiB) == [True, True]  # the nanny's setting fixes the threshold at 128 KB
    result = copydesk("archive", "desk", "--out", "out", "--scheduler", cluster, "--partition-size", "2", cwd=desk)
    assert result.returncode == 0, result.stderr
    assert "6 articles (0 with errors)" in result.stderr
    monkeypatch.chdir(desk)
    expected = check_findings("desk")
    assert {f["rule"] for f in expected} & {"echo-word", "repeated-phrase", "repeated-word"}
    assert archived_findings(desk / "out") == expected
    manifests = [json.loads(p.read_text()) for p in sorted((desk / "out" / "manifest").iterdir())]
    assert len(manifests) == 3 and {m["worker"] for m in manifests} <= set(workers_of(cluster))
    assert {m["worker_startup"]["malloc"] for m in manifests} == {
        "MALLOC_TRIM_THRESHOLD_=65536 undone: mmap threshold 32 MiB, trim 64 MiB"
    }
    assert on_workers(cluster, mmapped, MiB) == [False, False]  # the plugin raised it for the linting

    first = sorted(table(desk / "out", "articles"), key=lambda row: row["article_id"])
    (desk / "out" / "manifest" / sorted(os.listdir(desk / "out" / "manifest"))[1]).unlink()
    again = copydesk("archive", "desk", "--out", "out", "--scheduler", cluster, "--partition-size", "2", cwd=desk)
    assert again.returncode == 0, again.stderr
    assert "2 of 3 partitions already finished" in again.stderr
    redone = [json.loads(p.read_text()) for p in sorted((desk / "out" / "manifest").iterdir())]
    assert [m["finished"] == n["finished"] for m, n in zip(manifests, redone)] == [True, False, True]
    assert sorted(table(desk / "out", "articles"), key=lambda row: row["article_id"]) == first
    assert archived_findings(desk / "out") == expected


def workers_of(address: str) -> list[str]:
    with distributed.Client(address, timeout="30s") as client:
        return list(client.scheduler_info()["workers"])


@pytest.mark.parametrize(
    "environ,done",
    [
        ({"MALLOC_TRIM_THRESHOLD_": "65536", "COPYDESK_ARCHIVE_MALLOC": "keep"}, "kept MALLOC_TRIM_THRESHOLD_"),
        (
            {"MALLOC_TRIM_THRESHOLD_": "65536", "MALLOC_ARENA_MAX": "2"},
            "kept the user's malloc tuning (MALLOC_ARENA_MAX)",
        ),
        ({"MALLOC_TRIM_THRESHOLD_": "65536", "GLIBC_TUNABLES": "glibc.malloc.top_pad=0"}, "kept the user's malloc"),
        ({"MALLOC_TRIM_THRESHOLD_": "1000000"}, "glibc's own thresholds (no MALLOC_TRIM_THRESHOLD_=65536)"),
        ({}, "glibc's own thresholds (no MALLOC_TRIM_THRESHOLD_=65536)"),
    ],
)
def test_the_plugin_leaves_other_malloc_settings_alone(environ, done):
    assert undo_nanny_trim_threshold(environ).startswith(done)


def test_the_documented_environment_unsets_the_trim_threshold_and_the_profiler(tmp_path):
    environ = {"DASK_DISTRIBUTED__NANNY__PRE_SPAWN_ENVIRON": UNSET_TRIM}
    environ["DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED"] = "False"
    with dask_cluster(tmp_path, environ, workers=1) as address:
        assert on_workers(address, environment_variable, "MALLOC_TRIM_THRESHOLD_") == [None]
        assert on_workers(address, dask.config.get, "distributed.worker.profile.enabled") == [False]
        assert on_workers(address, environment_variable, "OMP_NUM_THREADS") == ["1"]  # the nanny's other settings stay
