"""What runs on a Dask worker: the configuration and the spaCy model loaded once per worker (a WorkerPlugin), and
the task that lints one partition and writes its tables."""

from __future__ import annotations

import resource
import time
import traceback

from distributed import WorkerPlugin, get_worker

from linter.analysis.nlp import load_model, needs_model
from linter.archive.malloc import undo_nanny_trim_threshold
from linter.archive.sources import Article, Columns, Partition, read_partition
from linter.archive.tables import ResultsFolder
from linter.model.findings import CATEGORIES
from linter.readers.files import FileStatus
from linter.reporters.stats import document_stats
from linter.run.config import parse_config
from linter.run.engine import FILES_PER_BATCH, lint_files, lint_texts
from linter.run.options import RunOptions


class ArchivePlugin(WorkerPlugin):
    """Loads the run's configuration (sent as data, so that the file need not be on the worker) and, when a rule
    needs it, the spaCy model, once when the worker starts (and again when a killed worker is restarted). First, on
    glibc, it undoes the malloc tuning that Dask's nanny sets by default (see linter.archive.malloc)."""

    def __init__(self, name: str, config_path: str | None, config_data: dict | None):
        self.name = name
        self.config_path, self.config_data = config_path, config_data
        self.config = None
        self.startup: dict = {}

    def setup(self, worker):
        imports, started = time.process_time(), time.perf_counter()
        malloc = undo_nanny_trim_threshold()
        self.config = parse_config(self.config_path, self.config_data)
        if needs_model(self.config.effective("article.md")):
            load_model()
        self.startup = {
            "start_cpu_seconds": round(imports, 3),  # the process's CPU before setup: its start and imports
            "setup_cpu_seconds": round(time.process_time() - imports, 3),
            "setup_seconds": round(time.perf_counter() - started, 3),
            "ready": time.time(),
            "malloc": malloc,
        }


def lint_with_engine(articles: list[Article], config) -> list[tuple[list, FileStatus, object]]:
    """(findings, status, document) per readable article, by the engine of `copydesk check`: local files through
    lint_files, a dataset's texts through lint_texts (either way their prose is parsed together). The one place
    that calls the engine."""
    if all(article.local for article in articles):
        results = lint_files([article.location for article in articles], RunOptions(config), keep_documents=True)
        for article, (findings, status, _) in zip(articles, results):
            status.path = article.path
            for finding in findings:
                finding.path = article.path
        return results
    texts = [(a.path, a.text, a.notices) for a in articles]
    return lint_texts(texts, RunOptions(config), keep_documents=True)


def _internal_error(article: Article, exc: Exception) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return f"internal error: {type(exc).__name__}: {exc} ({where.filename.rsplit('/', 1)[-1]}:{where.lineno})"


def lint_articles(articles: list[Article], config) -> list[tuple[list, FileStatus, dict]]:
    """(findings, status, statistics) for every article in order, in batches of the engine's size. A batch that
    raises is linted again article by article, so that only the article at fault is recorded with the error.
    Each batch's documents are dropped once their statistics are taken."""
    results = []
    for i in range(0, len(articles), FILES_PER_BATCH):
        batch = articles[i : i + FILES_PER_BATCH]
        readable = [a for a in batch if a.error is None]
        try:
            linted = iter(lint_with_engine(readable, config) if readable else [])
        except Exception:
            linted = iter([_lint_alone(a, config) for a in readable])
        for article in batch:
            if article.error is not None:
                results.append(([], FileStatus(article.path, linted=False, error=article.error), {}))
            else:
                results.append(_with_stats(article, *next(linted)))
    return results


def _lint_alone(article: Article, config) -> tuple[list, FileStatus, object]:
    try:
        return lint_with_engine([article], config)[0]
    except Exception as exc:
        return [], FileStatus(article.path, linted=False, error=_internal_error(article, exc)), None


def _with_stats(article: Article, findings: list, status: FileStatus, doc) -> tuple[list, FileStatus, dict]:
    """The article's result with the figures of `copydesk stats --format json`, read from the analyses that its
    rules made of the engine's document (the readability rules count the same sentences)."""
    if not status.linted or doc is None:
        return findings, status, {}
    try:
        figures = document_stats(doc).to_dict()
    except Exception as exc:
        status.error = _internal_error(article, exc)
        return findings, status, {}
    return (
        findings,
        status,
        {
            "words": figures["words"],
            "sentences": figures["sentences"],
            "paragraphs": figures["paragraphs"],
            "average_sentence_length": figures["average_sentence_length"],
            **figures["scores"],
        },
    )


def article_row(article: Article, findings: list, status: FileStatus, stats: dict, partition_id: str) -> dict:
    return {
        "article_id": article.id,
        "path": article.path,
        "partition": partition_id,
        "linted": status.linted,
        "error": status.error,
        "rule_errors": list(status.errors),
        "notices": list(status.notices),
        "findings": len(findings),
        **{f"findings_{c}": sum(1 for f in findings if f.category == c) for c in CATEGORIES},
        "errors": sum(1 for f in findings if f.severity == "error"),
        "warnings": sum(1 for f in findings if f.severity == "warning"),
        "infos": sum(1 for f in findings if f.severity == "info"),
        **stats,
    }


def peak_memory_mb() -> float:
    """The worker process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def finding_row(article, finding) -> dict:
    """A row of the findings table: the JSON finding with every column present."""
    return {"article_id": article.id, **finding.to_dict(), "suggestion": finding.suggestion, "related": finding.related}


def thread_page_faults() -> int:
    """Page faults of the calling thread so far (Linux); 0 where the system does not count them per thread."""
    if not hasattr(resource, "RUSAGE_THREAD"):
        return 0
    usage = resource.getrusage(resource.RUSAGE_THREAD)
    return usage.ru_minflt + usage.ru_majflt


class PhaseClock:
    """CPU seconds and page faults of the task's own thread per phase (read, lint, rows, write), and CPU seconds of
    the whole worker process (its event loop and monitors too) from start to end, for the benchmark's breakdown."""

    def __init__(self):
        self.phases: dict[str, float] = {}
        self.faults: dict[str, int] = {}
        self.started, self.process_started = time.time(), time.process_time()
        self.last, self.last_faults = time.thread_time(), thread_page_faults()

    def lap(self, phase: str) -> None:
        now, faults = time.thread_time(), thread_page_faults()
        self.phases[phase] = round(now - self.last, 3)
        self.faults[phase] = faults - self.last_faults
        self.last, self.last_faults = now, faults

    def figures(self) -> dict:
        return {
            "started": self.started,
            "finished": time.time(),
            "cpu_seconds": self.phases,
            "page_faults": self.faults,
            "process_cpu_seconds": round(time.process_time() - self.process_started, 3),
        }


def lint_partition(partition: Partition, out_url: str, columns: Columns, plugin_name: str) -> dict:
    """Lint a partition and write its findings, articles and manifest to the results folder; return only a
    summary (counts, time, memory, CPU per phase) for the client's progress."""
    clock = PhaseClock()
    plugin = get_worker().plugins[plugin_name]
    config = plugin.config
    articles = read_partition(partition, columns)
    clock.lap("read")
    results = lint_articles(articles, config)
    clock.lap("lint")
    findings_rows, article_rows = [], []
    for article, (findings, status, stats) in zip(articles, results):
        findings_rows += [finding_row(article, f) for f in findings]
        article_rows.append(article_row(article, findings, status, stats, partition.id))
    clock.lap("rows")
    summary = {
        "partition": partition.id,
        "kind": partition.kind,
        "items": list(partition.items),
        "articles": len(article_rows),
        "findings": len(findings_rows),
        "words": sum(row.get("words") or 0 for row in article_rows),
        "article_errors": sum(1 for row in article_rows if row["error"] or row["rule_errors"]),
        "worker": get_worker().address,
        "peak_memory_mb": round(peak_memory_mb(), 1),
        "worker_startup": plugin.startup,
    }
    ResultsFolder(out_url).write_partition(partition.id, findings_rows, article_rows, summary, clock)
    return summary
