"""The server's calls into the engine, the configuration and the fixes, kept in one module.

A document is linted twice per edit: first with the rules that need no spaCy parse (quick, published at once),
then with every rule (in the server's worker thread). Both go through `lint_file`, so suppression comments apply
as in `copydesk check`.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import re
from bisect import bisect_right

from linter.analysis.nlp import enable_block_cache, needs_model
from linter.errors import CopydeskError
from linter.model.document import LINE_BREAK
from linter.model.findings import SEVERITY_RANK
from linter.readers import format_for, text
from linter.run.config import Config, find_config, load_config, parse_config
from linter.run.engine import lint_file
from linter.run.fixes import edit_span, is_fixable

LANGUAGE_RULE = "pronoun-number"  # the rule whose `language` option en-US / en-GB switches
BLOCK_CACHE_SIZE = 4096  # parsed paragraphs kept between edits
FRONT_MATTER = re.compile(r"\A---\r?\n.*?^---[ \t]*\r?\n", re.DOTALL | re.MULTILINE)


def start_cache() -> None:
    enable_block_cache(BLOCK_CACHE_SIZE)


def config_for(path: str) -> tuple[Config, str | None, str | None]:
    """(configuration, its file, an error message): the nearest `.copydesk.yml` from the document's folder upward,
    as the CLI finds it; the defaults (and the message) when that file is bad."""
    config_path = find_config(os.path.dirname(os.path.abspath(path)))
    try:
        return load_config(config_path), config_path, None
    except CopydeskError as exc:
        return parse_config(None, None), config_path, str(exc)


def with_language(config: Config, language: str | None) -> Config:
    """The configuration with the language rule's `language` option set (None: as configured)."""
    if not language or LANGUAGE_RULE not in config.rules:
        return config
    changed = copy.copy(config)
    changed.settings = {
        **config.settings,
        LANGUAGE_RULE: {**config.settings.get(LANGUAGE_RULE, {}), "language": language},
    }
    return changed


def quick_rule_ids(config: Config, path: str) -> list[str]:
    """The rules in force on path that need no spaCy parse."""
    return [s.rule.id for s in config.effective(path) if not needs_model([s])]


def lint(path: str, config: Config, source: str, min_severity: str, only=None) -> tuple[list, str | None]:
    """(findings, error): the findings on source at or above min_severity, with every rule in force or only the
    given ones, and the reason the document was not linted (over `limits: max_file_seconds`), else None."""
    if only is not None and not only:
        return [], None
    findings, status = lint_file(path, config, select=tuple(only or ()), source=source)
    return [f for f in findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[min_severity]], status.error


def fix_edit(source: str, finding, rules: dict) -> tuple[int, int, str] | None:
    """(start, end, replacement) of the finding's safe fix, as `--fix` applies it; None when it has none."""
    if not is_fixable(finding, rules):
        return None
    start, end = edit_span(source, finding)
    return start, end, finding.suggestion


def is_plain_text(path: str) -> bool:
    return format_for(path) is text


def line_directive(path: str, rule_id: str) -> str:
    """The comment line that switches the rule off on the next line, in the document's syntax."""
    body = f"copydesk-disable-next-line {rule_id}"
    return body if is_plain_text(path) else f"<!-- {body} -->"


def line_suppression(path: str, source: str, finding) -> tuple[int, str]:
    """(offset, text) of the comment that switches the finding's rule off on its line. In plain text, a line of its
    own above it (the reader leaves such lines out of the paragraph). In Markdown and HTML a comment line would end
    the paragraph, so when the line above is text the comment goes at its end; otherwise on a line of its own."""
    line_start = source.rfind("\n", 0, finding.start) + 1
    directive = line_directive(path, finding.rule)
    previous_end = line_start - 1
    if previous_end > 0 and source[previous_end - 1] == "\r":
        previous_end -= 1
    previous_start = source.rfind("\n", 0, max(previous_end, 0)) + 1
    if not is_plain_text(path) and line_start > 0 and source[previous_start:previous_end].strip():
        return previous_end, " " + directive
    indent = re.match(r"[ \t]*", source[line_start:]).group()
    return line_start, indent + directive + "\n"


def file_directive(path: str, source: str, rule_id: str) -> tuple[int, str]:
    """(offset, line) of the comment that switches the rule off in the whole file: the first line, after any front
    matter."""
    body = f"copydesk-disable {rule_id}"
    if is_plain_text(path):
        return 0, body
    match = FRONT_MATTER.match(source)
    return (match.end() if match else 0), f"<!-- {body} -->"


def carry_over(findings: list, source: str) -> list:
    """The findings of an earlier version of a document moved to where their source line now is (the nearest copy of
    it to the old place); those whose line is gone are dropped. Shown until the full run of the new text is done."""
    starts = [0] + [m.end() for m in LINE_BREAK.finditer(source)]
    moved = []
    for f in findings:
        old_line_start = f.start - (f.column - 1)
        candidates = [m.start() for m in re.finditer(re.escape(f.context), source)] if f.context else []
        if not candidates:
            continue
        line_start = min(candidates, key=lambda c: abs(c - old_line_start))
        start, end = line_start + (f.start - old_line_start), line_start + (f.end - old_line_start)
        line, end_line = bisect_right(starts, start), bisect_right(starts, max(start, end))
        moved.append(
            dataclasses.replace(
                f,
                start=start,
                end=end,
                line=line,
                column=start - starts[line - 1] + 1,
                end_line=end_line,
                end_column=end - starts[end_line - 1] + 1,
            )
        )
    return moved
