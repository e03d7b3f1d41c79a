"""The `copydesk` command line."""

from __future__ import annotations

import os
import sys

import click

from linter import __version__
from linter.errors import CopydeskError, RuleError, did_you_mean
from linter.reporters import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE, as a shell reports them
FAIL_LEVELS = ("error", "warning", "info", "never")


def _fail(message: str) -> None:
    click.echo(f"copydesk: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _load_config(config_path):
    from linter.run.config import load_config

    try:
        return load_config(config_path)
    except CopydeskError as exc:
        _fail(str(exc))


def _check_rule_names(names, config, option) -> None:
    from linter.model.findings import CATEGORIES

    known = set(config.rules) | set(CATEGORIES)
    for name in names:
        if name not in known:
            _fail(f"{option}: unknown rule '{name}'{did_you_mean(name, known)}")


class ProgressBar:
    """A one-line progress bar on standard error, shown only for runs of many files."""

    MIN_FILES = 50

    def start(self, total: int) -> None:
        self.total, self.done = total, 0

    def advance(self) -> None:
        self.done += 1
        if self.total >= self.MIN_FILES and (self.done % 10 == 0 or self.done == self.total):
            filled = 30 * self.done // self.total
            click.echo(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} files", err=True, nl=False)

    def finish(self) -> None:
        if self.total >= self.MIN_FILES:
            click.echo("\r" + " " * 60 + "\r", err=True, nl=False)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt


class CopydeskGroup(click.Group):
    """The command group: SIGTERM stops a command as Ctrl-C does, and either ends it with one line on standard
    error and exit 130, worker processes gone (see `linter.run.engine`); a closed output pipe (`| head -1`) ends it
    quietly with exit 141. No traceback in either case."""

    def invoke(self, ctx):
        import signal

        signal.signal(signal.SIGTERM, _terminated)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _stop(EXIT_INTERRUPTED, "copydesk: interrupted; stopped without finishing\n")
        except BrokenPipeError:
            _stop(EXIT_BROKEN_PIPE, "")


def _stop(code: int, message: str) -> None:
    """Leave at once: say why on standard error, send nothing more down standard output (it may be a closed pipe),
    and skip the interpreter's slow clean-up of the model."""
    try:
        sys.stderr.write(message)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


@click.group(cls=CopydeskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copydesk")
def main():
    """copydesk: an editorial linter for news articles."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: the nearest .copydesk.yml).",
)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--output", "-o", "output_path", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules or categories (repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules or categories (repeatable).")
@click.option(
    "--min-severity",
    type=click.Choice(["info", "warning", "error"]),
    default="info",
    show_default=True,
    help="Leave out findings below this severity.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_LEVELS),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option("--stdin-filename", help="Name (and so format) of the text read from '-'.")
@click.option("--color/--no-color", default=None, help="Colour the severities (default: when stdout is a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no notices or summary.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Lint files in this many processes (default: the number of CPUs).",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse results for unchanged files (.copydesk_cache/ beside the configuration).",
)
@click.option("--fix", is_flag=True, help="Apply the safe fixes (rules with `fix: safe`), then report what is left.")
@click.option(
    "--diff",
    is_flag=True,
    help="Print the safe fixes as a unified diff instead of writing them; exit 1 when there is one.",
)
@click.option(
    "--baseline",
    "baseline",
    type=click.Path(dir_okay=False),
    help="Report only the findings that this baseline file does not record.",
)
@click.option(
    "--write-baseline",
    "write_baseline",
    type=click.Path(dir_okay=False),
    help="Record the findings in this baseline file (and report nothing).",
)
@click.option(
    "--extract/--whole-page",
    default=True,
    show_default=True,
    help="Web pages: lint the extracted article, or the whole page's first article, main or body element.",
)
def check(paths, config_path, stdin_filename, **flags):
    """Lint article files and folders (default: the current folder); '-' reads standard input."""
    from linter.run.engine import NoProgress, run

    options = _run_options(_load_config(config_path), paths, stdin_filename, flags)
    paths = list(paths) or ["."]
    if "-" in paths:
        paths.remove("-")
    progress = ProgressBar() if sys.stderr.isatty() and not options.quiet else NoProgress()
    try:
        result = run(paths, options, progress)
    except CopydeskError as exc:
        _fail(str(exc))
    if options.fix or options.diff:
        _fix(result, options)
    if options.write_baseline:
        _write_baseline(options.write_baseline, result, options.quiet)
    if options.baseline:
        _apply_baseline(options.baseline, result, options.quiet)
    _report(result, options)
    if result.failed_files or result.rule_errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if any(options.fails(f) for f in result.findings) else EXIT_CLEAN)


def _run_options(config, paths, stdin_filename, flags):
    """The run's options from the configuration and the flags, after checking that they go together; reads
    standard input when '-' is one of the paths."""
    from linter.readers.files import UnreadableFile, decode_article
    from linter.run.options import RunOptions

    _check_rule_names(flags["select"], config, "--select")
    _check_rule_names(flags["ignore"], config, "--ignore")
    if (flags["fix"] or flags["diff"]) and "-" in paths:
        _fail("--fix and --diff work on files, not on standard input")
    if flags["baseline"] and flags["write_baseline"]:
        _fail("--baseline and --write-baseline cannot be used together")
    stdin = None
    if "-" in paths:
        name = stdin_filename or "stdin.txt"
        try:
            stdin = (name, *decode_article(name, sys.stdin.buffer.read()))
        except UnreadableFile as exc:
            _fail(f"{name}: {exc}")
    return RunOptions.from_flags(config, stdin=stdin, **flags)


def _report(result, options) -> None:
    """Write the report, then the errors, notices, warnings and summary on standard error."""
    from linter.reporters import render

    report = render(options.output_format, result, color=options.color)
    if options.output_path:
        with open(options.output_path, "w", encoding="utf-8") as f:
            f.write(report)
    elif report:
        click.echo(report, nl=False)

    for message, paths in result.rule_errors.items():
        more = len(paths) - 1
        where = paths[0] + (f" and {more} more file{'s' if more > 1 else ''}" if more else "")
        click.echo(f"copydesk: {where}: {message}", err=True)
    for status in result.files:
        if status.error:
            click.echo(f"copydesk: {status.path}: {status.error}", err=True)
        elif not options.quiet:
            for notice in status.notices:
                click.echo(f"copydesk: {status.path}: {notice}", err=True)
    if not options.quiet:
        for warning in result.warnings:
            click.echo(f"copydesk: {warning}", err=True)
        if result.findings and options.output_format == "text":
            s = result.summary()
            click.echo(
                f"{s['findings']} findings ({s['error']} errors, {s['warning']} warnings, {s['info']} info) "
                f"in {s['files_linted']} files",
                err=True,
            )


def _fix(result, options) -> None:
    """--fix: write the fixes and go on to report what is left; --diff: print them and exit (1 if any)."""
    from linter.run.fixes import fix_files, unified_diff

    fixes = fix_files(result, options, write=not options.diff)
    statuses = {status.path: status for status in result.files}
    for fix in fixes:
        if fix.error:  # reported with the file's other errors; the run exits 2
            statuses[fix.path].errors.append(fix.error)
    changed = [fix for fix in fixes if fix.fixed != fix.original]
    if options.diff:
        click.echo("".join(unified_diff(fix) for fix in changed), nl=False)
        for status in result.files:
            for message in ([status.error] if status.error else []) + status.errors:
                click.echo(f"copydesk: {status.path}: {message}", err=True)
        failed = result.failed_files or result.rule_errors
        sys.exit(EXIT_ERROR if failed else EXIT_FINDINGS if changed else EXIT_CLEAN)
    if changed and not options.quiet:
        click.echo(f"copydesk: fixed {sum(fix.applied for fix in changed)} findings in {len(changed)} files", err=True)


def _write_baseline(baseline_path, result, quiet) -> None:
    """--write-baseline: record the findings; the run then reports none."""
    from linter.run.baseline import write_baseline

    try:
        write_baseline(baseline_path, result.findings)
    except OSError as exc:
        _fail(f"{baseline_path}: cannot write baseline: {exc.strerror or exc}")
    if not quiet:
        click.echo(f"copydesk: wrote {len(result.findings)} findings to the baseline {baseline_path}", err=True)
    result.replace_findings([])  # recorded, so nothing is new


def _apply_baseline(baseline_path, result, quiet) -> None:
    """--baseline: report only the findings that the baseline does not record."""
    from linter.run.baseline import load_baseline, new_findings

    try:
        entries = load_baseline(baseline_path)
    except CopydeskError as exc:
        _fail(str(exc))
    before = len(result.findings)
    result.replace_findings(new_findings(result.findings, entries))
    if not quiet and before > len(result.findings):
        click.echo(
            f"copydesk: {before - len(result.findings)} findings recorded in {baseline_path} not shown", err=True
        )


@main.command("rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="A plain list, or a Markdown table for documentation.",
)
def list_rules(config_path, output_format):
    """List every rule: id, category, default level and what it flags."""
    config = _load_config(config_path)
    rules = sorted(config.rules.values(), key=lambda r: r.id)
    if output_format == "markdown":
        click.echo("| rule | category | level | what it flags |\n| --- | --- | --- | --- |")
    for rule in rules:
        level = rule.level if rule.enabled else "off"
        if output_format == "markdown":
            click.echo(f"| `{rule.id}` | {rule.category} | {level} | {rule.summary} |")
        else:
            click.echo(f"{rule.id:<24} {rule.category:<12} {level:<8} {rule.summary}")


@main.command()
@click.argument("rule_id", required=False)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option(
    "--entities",
    "entities_path",
    type=click.Path(dir_okay=False),
    help="Print the discourse model of this article instead: entities, mentions, evidence, pronouns.",
)
def explain(rule_id, config_path, entities_path):
    """Explain a rule: what it flags, examples, and its options with types, defaults and meanings (Markdown).
    With --entities FILE, show what the pronoun rules saw in an article."""
    if entities_path is not None:
        _explain_entities(entities_path)
        return
    if rule_id is None:
        _fail("explain needs a rule id or --entities FILE")
    from linter.reporters.rule_doc import rule_doc

    config = _load_config(config_path)
    if rule_id not in config.rules:
        _fail(f"unknown rule '{rule_id}'{did_you_mean(rule_id, config.rules)}")
    click.echo(rule_doc(config.rules[rule_id]), nl=False)


def _explain_entities(path: str) -> None:
    from linter.readers.files import UnreadableFile
    from linter.reporters.entities_format import explain_entities

    try:
        click.echo(explain_entities(path), nl=False)
    except UnreadableFile as exc:
        _fail(f"{path}: {exc}")
    except CopydeskError as exc:
        _fail(str(exc))


@main.command()
def lsp():
    """Start the Language Server over stdio (needs the extra: pip install 'copydesk[lsp]')."""
    try:
        from linter.lsp.server import main as serve
    except ImportError as exc:
        _fail(f"the language server needs the lsp extra ({exc}): pip install 'copydesk[lsp]'")
    serve()


STARTER_CONFIG = """\
# copydesk configuration: https://pypi.org/project/copydesk/ (see `copydesk rules` and `copydesk explain RULE`)

# Per rule: a level (error, warning, info, off), or a mapping of level and options.
rules:
  sentence-length:
    level: warning
    max_words: 40
  # repeated-word: off

# Which files to lint, as globs relative to this file (default: every .md .markdown .txt .html .htm file).
# include: ["articles/**"]
exclude: ["drafts/**"]

# Rule settings for some paths only.
# overrides:
#   - files: ["opinion/**"]
#     rules:
#       sentence-length: off

# A folder of your own YAML rule modules (checks `existence` and `substitution`).
# rules-dir: house-rules
"""


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .copydesk.yml.")
def init(force):
    """Write a commented starter .copydesk.yml in the current folder."""
    path = ".copydesk.yml"
    if os.path.exists(path) and not force:
        _fail(f"{path} already exists (use --force to overwrite it)")
    with open(path, "w", encoding="utf-8") as f:
        f.write(STARTER_CONFIG)
    click.echo(f"wrote {path}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (for include and exclude)."
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(paths, config_path, output_format):
    """Readability figures of each article: words, sentences, paragraphs, scores, hardest sentences."""
    from linter.reporters.stats import article_stats, render_json, render_text

    config = _load_config(config_path)
    texts, errors, warnings = _read_articles(paths, config)
    articles = [article_stats(path, source, config.options("scrape-residue", path)) for path, source, _ in texts]
    click.echo(render_json(articles, errors) if output_format == "json" else render_text(articles), nl=False)
    for message in warnings + [f"{path}: {error}" for path, error in errors.items()]:
        click.echo(f"copydesk: {message}", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


def _read_articles(paths, config) -> tuple[list, dict, list]:
    """([(path, text, notices)] of the article files under paths, {path: error} for those that cannot be read,
    warnings about paths with no articles); the configuration's include, exclude and size limit apply."""
    from linter.readers.files import UnreadableFile, discover, read_article

    files, failures, warnings = discover(paths, config)
    errors = {status.path: status.error for status in failures}
    texts = []
    for path in files:
        try:
            texts.append((path, *read_article(path, config.max_bytes)))
        except UnreadableFile as exc:
            errors[path] = str(exc)
    return texts, errors, warnings


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (for the residue options)."
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--extract/--whole-page",
    default=True,
    show_default=True,
    help="Web pages: extract the article, or read the whole page's first article, main or body element.",
)
def text(paths, config_path, output_format, extract):
    """Print the clean article text of each file: no page furniture, no scraped residue, paragraphs separated by
    blank lines (JSON: the blocks with their kinds and source spans)."""
    from linter.readers import parse
    from linter.reporters.article_text import article_pieces, render_json, render_text

    config = _load_config(config_path)
    texts, errors, warnings = _read_articles(paths, config)
    articles = []
    for path, source, notices in texts:
        doc = parse(path, source, extract=extract)
        doc.notices[:0] = notices
        try:
            articles.append((doc, article_pieces(doc, config.options("scrape-residue", path))))
        except RuleError as exc:  # a residue pattern of the user's stopped by its time budget
            errors[path] = str(exc)
    click.echo(render_json(articles, errors) if output_format == "json" else render_text(articles), nl=False)
    for message in warnings + [f"{path}: {error}" for path, error in errors.items()]:
        click.echo(f"copydesk: {message}", err=True)
    if output_format == "text":
        for doc, _ in articles:
            for notice in doc.notices:
                click.echo(f"copydesk: {doc.path}: {notice}", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


@main.command(
    "vale",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
    add_help_option=False,
)
@click.argument("vale_args", nargs=-1, type=click.UNPROCESSED)
def vale(vale_args):
    """Lint with a Vale configuration and styles, taking Vale's own flags and printing Vale's output."""
    from linter.vale.command import main as vale_main

    sys.exit(vale_main(list(vale_args)))


ARCHIVE_HINT = "copydesk archive needs the archive extra: pip install 'copydesk[archive]'"


@main.command()
@click.argument("source")
@click.option("--out", "out", required=True, help="Results folder (or fsspec URL) that every worker can write to.")
@click.option("--scheduler", metavar="ADDRESS", help="Run on this Dask scheduler (tcp://HOST:PORT).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Without --scheduler: worker processes of the local cluster (default: the number of CPUs).",
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--text-column", default="text", show_default=True, help="Datasets: the column of the article text.")
@click.option("--id-column", default="id", show_default=True, help="Datasets: the column of the article id.")
@click.option("--force", is_flag=True, help="Redo the partitions already finished in the results folder.")
@click.option(
    "--partition-size", type=click.IntRange(min=1), default=None, help="Article files per partition (default: auto)."
)
@click.option(
    "--block-size", type=click.IntRange(min=1), default=None, help="Bytes of a JSON Lines file per partition (16 MB)."
)
def archive(source, out, scheduler, workers, config_path, text_column, id_column, force, partition_size, block_size):
    """Lint an archive on a Dask cluster: SOURCE (a folder, glob or URL of articles, or JSON Lines / Parquet
    datasets) into Parquet tables under --out; a rerun skips the partitions already finished."""
    if scheduler and workers:
        _fail("--scheduler and --workers cannot be used together (the cluster has its own workers)")
    try:
        from linter.archive.runner import ArchiveOptions, run_archive
        from linter.archive.sources import Columns
    except ImportError as exc:
        _fail(f"{ARCHIVE_HINT} ({exc})")
    options = ArchiveOptions(
        source,
        out,
        scheduler=scheduler,
        workers=workers,
        config_path=config_path,
        columns=Columns(text_column, id_column),
        force=force,
        partition_size=partition_size,
        block_size=block_size,
        progress=sys.stderr.isatty(),
    )
    try:
        summary = run_archive(options, echo=lambda message: click.echo(f"copydesk: {message}", err=True))
    except CopydeskError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or source}: {exc.strerror or exc}")
    words_per_second = summary.words_linted / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"copydesk: {summary.articles} articles ({summary.article_errors} with errors), {summary.findings} findings, "
        f"{summary.words} words in {out}; {summary.partitions - summary.skipped - len(summary.failed)} partitions "
        f"linted, {summary.skipped} skipped, {len(summary.failed)} failed in {summary.seconds:.1f} s "
        f"({words_per_second:.0f} words/s)",
        err=True,
    )
    for failure in summary.failed:
        click.echo(f"copydesk: partition {failure}", err=True)
    sys.exit(EXIT_ERROR if summary.failed else EXIT_CLEAN)
