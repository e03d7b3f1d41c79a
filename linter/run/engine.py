"""Running rules over documents and collecting findings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from linter.analysis.nlp import components_for, load_model, needs_model, parse_together
from linter.checks.base import MIN_CONFIDENCE
from linter.errors import CopydeskError, RuleError
from linter.model.budget import TimeBudget, TimeBudgetExceeded
from linter.model.document import Document
from linter.model.findings import Finding
from linter.readers import parse
from linter.readers.files import FileStatus, UnreadableFile, decode_article, discover, read_bytes
from linter.run.cache import ResultCache, settings_digest
from linter.run.config import Config, RuleSetting, vale_config_path
from linter.run.options import RunOptions
from linter.run.rules import builtin_rule
from linter.run.suppression import filter_suppressed

RESIDUE_RULE = "scrape-residue"  # the readability rules leave out what it finds, with its options in force


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    files: list[FileStatus] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rules: dict = field(default_factory=dict)  # every known rule by id, for reports that describe rules (SARIF)
    config: Config | None = None  # the configuration in force, for reports that re-read the articles (HTML)
    sources: dict[str, str] = field(default_factory=dict)  # text that was not read from a file (standard input)

    @property
    def failed_files(self) -> list[FileStatus]:
        return [f for f in self.files if not f.linted]

    def replace_findings(self, findings: list[Finding]) -> None:
        """Report these findings instead (after fixes or a baseline), with each file's count updated."""
        self.findings = sorted(findings, key=Finding.sort_key)
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.path] = counts.get(f.path, 0) + 1
        for status in self.files:
            status.findings = counts.get(status.path, 0)

    @property
    def rule_errors(self) -> dict[str, list[str]]:
        """Each distinct message of a rule that could not run, with the files it happened on."""
        errors: dict[str, list[str]] = {}
        for status in self.files:
            for message in status.errors:
                errors.setdefault(message, []).append(status.path)
        return errors

    def summary(self) -> dict:
        counts = {s: sum(1 for f in self.findings if f.severity == s) for s in ("error", "warning", "info")}
        return {
            "files": len(self.files),
            "files_linted": sum(1 for f in self.files if f.linted),
            "files_failed": len(self.failed_files),
            "findings": len(self.findings),
            **counts,
        }


def line_context(doc: Document, start: int, end: int, contexts: dict | None = None) -> str:
    """The source lines that a [start, end) span is on, without the final line break. Found from the document's
    line starts, not by scanning the line; with `contexts` (kept by the caller), one string per distinct span of
    lines, so that the findings on a 10 MB line share it instead of each copying it."""
    first = doc.position(start)[0] - 1
    last = doc.position(max(start, end - 1))[0]
    lines = (first, last)
    contexts = {} if contexts is None else contexts
    if lines not in contexts:
        line_end = doc.line_starts[last] if last < len(doc.line_starts) else len(doc.source)
        contexts[lines] = doc.source[doc.line_starts[first] : line_end].rstrip("\r\n")
    return contexts[lines]


def related_span(doc: Document, start: int, end: int, message: str) -> dict:
    """A related span of a finding, with its positions and text."""
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return {
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "excerpt": doc.source[start:end],
        "message": message,
    }


def same_span(a: Finding, b: Finding) -> bool:
    """True when the two spans overlap by at least half of each."""
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return overlap > 0 and 2 * overlap >= a.end - a.start and 2 * overlap >= b.end - b.start


def drop_duplicates(findings: list[Finding], secondary: set[str]) -> list[Finding]:
    """Leave out a secondary rule's finding (an outside tool's) where another rule reports the same span in the
    same category: the problem is reported once, as copydesk's own."""
    primary = [f for f in findings if f.rule not in secondary]
    return [
        f
        for f in findings
        if f.rule not in secondary or not any(p.category == f.category and same_span(p, f) for p in primary)
    ]


def lint_document(doc: Document, settings: list[RuleSetting]) -> list[Finding]:
    """Run each rule setting on a parsed document; findings sorted by position. A rule that raises RuleError
    adds its message to `doc.errors` and the other rules still run. With a time budget on the document, it is
    checked before each rule (TimeBudgetExceeded)."""
    doc.nlp_components = components_for(settings)
    findings, contexts = [], {}
    for setting in settings:
        if doc.budget is not None:
            doc.budget.check()
        rule = setting.rule
        try:
            hits = list(rule.check_module.check(doc, setting.options))
        except RuleError as exc:
            doc.errors.append(f"rule {rule.id} did not run: {exc}")
            continue
        for hit in hits:
            if hit.confidence < setting.options.get(MIN_CONFIDENCE, 0.0):
                continue
            line, column = doc.position(hit.start)
            end_line, end_column = doc.position(hit.end)
            findings.append(
                Finding(
                    path=doc.path,
                    line=line,
                    column=column,
                    end_line=end_line,
                    end_column=end_column,
                    rule=rule.id,
                    category=hit.category or rule.category,
                    severity=hit.severity or setting.level,
                    message=rule.message.format(**hit.params),
                    excerpt=doc.source[hit.start : hit.end],
                    suggestion=hit.suggestion,
                    start=hit.start,
                    end=hit.end,
                    context=line_context(doc, hit.start, hit.end, contexts),
                    confidence=round(hit.confidence, 2),
                    related=[related_span(doc, *span) for span in hit.related],
                )
            )
    secondary = {s.rule.id for s in settings if getattr(s.rule.check_module, "SECONDARY", False)}
    return sorted(drop_duplicates(findings, secondary), key=Finding.sort_key)


def lint_text(
    path: str, source: str, settings: list[RuleSetting], residue_options: dict | None = None
) -> tuple[list[Finding], list[str]]:
    """Parse source as the format of path and lint it: (findings, notices from parsing). The readability rules
    leave out the residue found with residue_options (default: the built-in scrape-residue rule's)."""
    doc = parse(path, source)
    doc.residue_options = residue_options if residue_options is not None else builtin_rule(RESIDUE_RULE).options
    return lint_document(doc, settings), doc.notices


FILES_PER_BATCH = 16  # files read before their rules run, so that their prose fills the parser's minibatches


@dataclass
class _FileJob:
    """One file on its way through lint_files: read, parsed into a Document, then linted (or done early)."""

    status: FileStatus
    settings: list[RuleSetting]
    findings: list[Finding] = field(default_factory=list)
    source: str | None = None
    doc: Document | None = None  # None when the file is done already: unreadable, or found in the cache
    cache_key: str | None = None
    budget: TimeBudget | None = None  # limits: max_file_seconds, spent from the file's reading to its last rule


def _start(path: str, options: RunOptions, source: str | None = None, notices=()) -> _FileJob:
    """Read, check the cache, decode and parse one file (or the given source text under that name)."""
    job = _FileJob(FileStatus(path, notices=list(notices)), options.settings(path))
    job.budget = TimeBudget(options.config.max_seconds)
    with job.budget.running():
        return _read_and_parse(job, options, source)


def _read_and_parse(job: _FileJob, options: RunOptions, source: str | None) -> _FileJob:
    path, cache = job.status.path, options.cache
    if source is None:
        try:
            data = read_bytes(path, options.config.max_bytes)
            job.status.digest = hashlib.sha256(data).hexdigest()
            if cache is not None:
                reading = "" if options.extract else "whole-page"
                job.cache_key = cache.key(data, settings_digest(job.settings) + reading, path)
                hit = cache.get(job.cache_key, path) if job.cache_key is not None else None
                if hit is not None:
                    job.findings = hit[0]
                    job.status.notices.extend(hit[1])
                    return job
            source, read_notices = decode_article(path, data)
        except UnreadableFile as exc:
            job.status.linted, job.status.error = False, str(exc)
            return job
        job.status.notices.extend(read_notices)
    job.source = source
    job.doc = parse(path, source, extract=options.extract)
    job.doc.budget = job.budget
    job.doc.residue_options = options.config.options(RESIDUE_RULE, path)
    job.doc.nlp_components = components_for(job.settings)
    return job


def _finish(job: _FileJob, options: RunOptions) -> tuple[list[Finding], FileStatus]:
    """Run the rules on a started file, apply its suppression comments and store the result in the cache. A file
    over its time budget gets no findings and an error, and nothing is cached."""
    doc, status = job.doc, job.status
    if doc is None:
        return job.findings, status
    if job.budget.seconds is not None and needs_model(job.settings):
        load_model()  # once per process: never a file's time
    try:
        with job.budget.running():
            job.budget.check()
            findings = lint_document(doc, job.settings)
            findings += _vale_findings(doc.path, job.source, options.config, status)
    except TimeBudgetExceeded:
        status.linted, status.error = False, _over_budget_message(job.budget)
        return [], status
    status.notices.extend(doc.notices)
    status.errors.extend(doc.errors)
    findings, suppression_notices = filter_suppressed(doc.path, job.source, findings, options.config.rules)
    status.notices.extend(suppression_notices)
    if job.cache_key is not None and not status.errors:  # a rule that could not run must run again next time
        options.cache.put(job.cache_key, findings, status.notices)
    return findings, status


def _over_budget_message(budget: TimeBudget) -> str:
    return (
        f"stopped after {budget.elapsed:.1f} s, over the {budget.seconds:g} s time limit "
        "(limits: max_file_seconds in the configuration); not linted"
    )


def _vale_findings(path: str, source: str, config: Config, status: FileStatus) -> list[Finding]:
    """Alerts of the Vale styles that `vale:` in the configuration names; a broken style or a `.vale.ini` that Vale
    would refuse (a style missing from StylesPath) is a file error, on one line."""
    from linter.vale.config import ConfigError

    try:
        ini = vale_config_path(config)
        if ini is None or source is None:
            return []
        from linter.vale.findings import vale_findings

        return sorted(vale_findings(path, source, ini), key=Finding.sort_key)
    except (ConfigError, CopydeskError, ValueError, OSError) as error:
        status.errors.append("vale: " + " ".join(str(error).split()))
        return []


def lint_file(
    path: str,
    config: Config,
    select=(),
    ignore=(),
    source: str | None = None,
    notices=(),
    cache: ResultCache | None = None,
) -> tuple[list[Finding], FileStatus]:
    """Lint one file (or the given source text under that name); never raises for bad input."""
    options = RunOptions(config, tuple(select), tuple(ignore), cache=cache)
    return _finish(_start(path, options, source, notices), options)


def lint_files(paths, options: RunOptions, keep_documents: bool = False) -> list:
    """(findings, status) for each of several files, linted as lint_file does, with the prose of all the files
    that need the model going through the parser together. With keep_documents, (findings, status, document):
    the parsed Document that the rules read, with their analyses (None for a file that was not parsed:
    unreadable, or found in the cache), for a caller that reports more of them (the archive's statistics)."""
    return _lint_jobs([_start(path, options) for path in paths], options, keep_documents)


def lint_texts(texts, options: RunOptions, keep_documents: bool = False) -> list:
    """(findings, status) for each (path, source, notices) of several texts (an archive's rows), as lint_files
    does for files: their prose goes through the parser together. keep_documents: as for lint_files."""
    jobs = [_start(path, options, source, notices) for path, source, notices in texts]
    return _lint_jobs(jobs, options, keep_documents)


def _lint_jobs(jobs: list[_FileJob], options: RunOptions, keep_documents: bool = False) -> list:
    parse_together([job.doc for job in jobs if job.doc is not None and needs_model(job.settings)])
    results = [_finish(job, options) for job in jobs]
    if keep_documents:
        return [(findings, status, job.doc) for (findings, status), job in zip(results, jobs)]
    return results


_worker_options: RunOptions | None = None


def _init_worker(options: RunOptions) -> None:
    """A worker process: Ctrl-C is the main process's to handle (it then ends the pool), SIGTERM ends the worker."""
    import signal

    global _worker_options
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_options = options


def _lint_in_worker(paths: list[str]):
    return lint_files(paths, _worker_options)


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self) -> None:
        pass

    def finish(self) -> None:
        pass


def _lint_batches(batches, options: RunOptions):
    """lint_files' result for each batch of files, in order; in `options.jobs` processes, each loading the model
    at most once."""
    if options.jobs <= 1 or len(batches) <= 1:
        for batch in batches:
            yield lint_files(batch, options)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with context.Pool(min(options.jobs, len(batches)), _init_worker, (options,)) as pool:
        yield from pool.imap(_lint_in_worker, batches)


def _lint_all(files, options: RunOptions, progress):
    """(findings, status) per file, in order. Files go in batches of up to FILES_PER_BATCH, fewer when that would
    leave a process idle."""
    size = max(1, min(FILES_PER_BATCH, -(-len(files) // max(1, options.jobs))))
    batches = [files[i : i + size] for i in range(0, len(files), size)]
    outcomes = _lint_batches(batches, options)
    try:
        for outcome in outcomes:
            for item in outcome:
                yield item
                progress.advance()
    finally:
        outcomes.close()  # on Ctrl-C, ends the worker processes at once


def run(paths, options: RunOptions, progress=None) -> RunResult:
    """Lint every article under paths, and `options.stdin` = (name, source, notices) when given."""
    progress = progress or NoProgress()
    config = options.config
    files, failures, warnings = discover(paths, config)
    result = RunResult(files=list(failures), warnings=warnings, rules=config.rules, config=config)
    progress.start(len(files))
    if options.cache is not None:
        options.cache.inputs  # noqa: B018 - hashed once here, before --jobs forks its workers
    outcomes = list(_lint_all(files, options, progress))
    progress.finish()
    if options.stdin:
        name, source, notices = options.stdin
        result.sources[name] = source
        stdin_options = RunOptions(config, options.select, options.ignore)
        outcomes.append(_finish(_start(name, stdin_options, source, notices), stdin_options))
    for findings, status in outcomes:
        kept = [f for f in findings if options.shows(f)]
        status.findings = len(kept)
        result.findings.extend(kept)
        result.files.append(status)
    result.findings.sort(key=Finding.sort_key)
    result.files.sort(key=lambda f: f.path)
    return result
