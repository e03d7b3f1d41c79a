"""The client side of `copydesk archive`: plan the partitions, skip the finished ones, start (or join) the Dask
cluster, submit one task per partition and show the progress. Results go from the workers to RESULTS_DIR; the
client receives only each partition's counts."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field

from linter import __version__
from linter.archive.sources import MAX_BLOCK_BYTES, Columns, plan
from linter.archive.tables import ResultsFolder
from linter.errors import CopydeskError
from linter.run.config import find_config, load_config

RETRIES = 2  # for a task that raises (a source that could not be read); a killed worker's task is retried anyway
# Dask settings for the LocalCluster's processes: no statistical profiler (it samples the task thread's stack every
# 10 ms, CPU taken from the linting); glibc's own malloc tuning, not the MALLOC_TRIM_THRESHOLD_=65536 that the
# nanny sets by default (which also fixes the mmap threshold at 128 KB, so that spaCy's larger arrays are mapped
# and page-faulted afresh on every call: 29 times the page faults and 19% more CPU in the linting); and the
# event-loop health check and the dashboard's system monitor at a pace that costs nothing measurable. Memory limits
# and the nanny's restart of a killed worker are unchanged.
LOCAL_CLUSTER_SETTINGS = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}


@dataclass
class ArchiveOptions:
    source: str
    out: str
    scheduler: str | None = None
    workers: int | None = None
    config_path: str | None = None
    columns: Columns = field(default_factory=Columns)
    force: bool = False
    partition_size: int | None = None  # articles per partition of files (default: chosen from the worker count)
    block_size: int | None = None  # bytes per partition of a JSON Lines file
    progress: bool = True


@dataclass
class ArchiveSummary:
    partitions: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)  # "partition id: reason"
    removed: int = 0
    articles: int = 0
    article_errors: int = 0
    findings: int = 0
    words: int = 0
    words_linted: int = 0  # by this run (not the skipped partitions)
    seconds: float = 0.0
    peak_memory_mb: dict = field(default_factory=dict)  # worker address -> MB
    dashboard: str | None = None


class Progress:
    """One line on standard error: partitions and articles done, articles/s, ETA (from the partitions left)."""

    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.total, self.done, self.articles = total, 0, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.started = time.perf_counter()
        self.last = 0.0

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = self.articles / elapsed
        left = elapsed / self.done * (self.total - self.done) if self.done else None
        eta = time.strftime("%H:%M:%S", time.gmtime(left)) if left is not None else "--:--:--"
        return f"partitions {self.done}/{self.total}  articles {self.articles}  {rate:.1f} articles/s  ETA {eta}"

    def advance(self, articles: int) -> None:
        self.done += 1
        self.articles += articles
        now = time.perf_counter()
        if self.enabled and (now - self.last > 0.5 or self.done == self.total):
            self.last = now
            self.stream.write("\r" + self.line() + " " * 4)
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")


def _run_record(options: ArchiveOptions, config_path, config_data) -> dict:
    settings = json.dumps([config_path and os.path.abspath(config_path), config_data], sort_keys=True, default=str)
    return {
        "source": options.source,
        "text_column": options.columns.text,
        "id_column": options.columns.id,
        "configuration": hashlib.sha1(settings.encode()).hexdigest()[:16],
        "copydesk": __version__,
    }


def _prepare(results: ResultsFolder, record: dict, wanted: set[str], force: bool, summary: ArchiveSummary) -> set:
    """The partitions already finished (none with force); results of another run are refused, and partitions no
    longer in the plan (files since removed) are deleted so that the tables hold each article once."""
    previous = results.run_record()
    if previous is not None and previous != record and not force:
        changed = ", ".join(k for k in record if previous.get(k) != record[k])
        raise CopydeskError(
            f"{results.url}: holds the results of another run (its {changed} differ); use --force to redo them "
            "or choose another folder"
        )
    results.clear_temporary()
    finished = results.finished()
    for partition_id in finished - wanted if not force else finished:
        results.remove_partition(partition_id)
        summary.removed += partition_id not in wanted
    results.write_run_record(record)
    return set() if force else finished & wanted


def _cluster(options: ArchiveOptions):
    """A client of the named scheduler, or of a LocalCluster of worker processes with one thread each."""
    from distributed import Client

    if options.scheduler:
        return Client(options.scheduler, timeout="30s"), None
    return local_cluster(options.workers or os.cpu_count() or 1)


def local_cluster(workers: int):
    """(client, cluster) of a new LocalCluster of `workers` processes with one thread each, on 127.0.0.1."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(LOCAL_CLUSTER_SETTINGS):  # the nannies pass the settings on to their workers
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # loopback; the dashboard itself needs bokeh
            silence_logs=logging.ERROR,
        )
    return Client(cluster), cluster


def _dashboard(client, local: bool) -> str | None:
    """The dashboard's address: always for a cluster of the user's, for a LocalCluster when bokeh is installed."""
    if local and importlib.util.find_spec("bokeh") is None:
        return None
    return client.dashboard_link


def run_archive(options: ArchiveOptions, echo=print) -> ArchiveSummary:
    """Lint every article of options.source into options.out; echo(message) for what the user should see."""
    from distributed import as_completed

    from linter.archive.worker import ArchivePlugin, lint_partition

    config_path = options.config_path or find_config(".")
    config = load_config(config_path)
    summary = ArchiveSummary()
    started = time.perf_counter()
    if "://" not in options.out:  # the workers' working folder may not be the client's
        options.out = os.path.abspath(options.out)
    results = ResultsFolder(options.out)
    record = _run_record(options, config_path, config.raw)

    partitions = plan(
        options.source, config, options.columns, options.partition_size, options.block_size or MAX_BLOCK_BYTES
    )
    summary.partitions = len(partitions)
    finished = _prepare(results, record, {p.id for p in partitions}, options.force, summary)
    todo = [p for p in partitions if p.id not in finished]
    summary.skipped = len(partitions) - len(todo)
    if summary.removed:
        echo(f"removed {summary.removed} finished partitions of articles no longer in {options.source}")
    if summary.skipped:
        echo(f"{summary.skipped} of {len(partitions)} partitions already finished in {options.out}; skipped")
    if todo:
        client, cluster = _cluster(options)
        try:
            summary.dashboard = _dashboard(client, cluster is not None)
            if summary.dashboard:
                echo(f"dashboard: {summary.dashboard}")
            plugin_name = f"copydesk-archive-{record['configuration']}"
            client.register_plugin(ArchivePlugin(plugin_name, config_path, config.raw))
            futures = [
                client.submit(
                    lint_partition,
                    p,
                    options.out,
                    options.columns,
                    plugin_name,
                    key=f"copydesk-partition-{p.id}",
                    pure=False,
                    retries=RETRIES,
                )
                for p in todo
            ]
            progress = Progress(len(todo), enabled=options.progress)
            for future in as_completed(futures):
                _collect(future, summary, progress)
            progress.finish()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    for manifest in results.manifests():
        summary.articles += manifest["articles"]
        summary.article_errors += manifest["article_errors"]
        summary.findings += manifest["findings"]
        summary.words += manifest["words"]
    summary.seconds = time.perf_counter() - started
    return summary


def _collect(future, summary: ArchiveSummary, progress: Progress) -> None:
    """Take one finished task's counts (or its failure) and release it."""
    try:
        done = future.result()
    except Exception as exc:
        summary.failed.append(f"{future.key.removeprefix('copydesk-partition-')}: {type(exc).__name__}: {exc}")
        progress.advance(0)
        return
    finally:
        future.release()
    worker = done["worker"]
    summary.peak_memory_mb[worker] = max(summary.peak_memory_mb.get(worker, 0.0), done["peak_memory_mb"])
    summary.words_linted += done["words"]
    progress.advance(done["articles"])
