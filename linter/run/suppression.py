"""Inline suppression comments: a filter over a file's findings by the source lines that comments switch off.

In Markdown and HTML:
    <!-- copydesk-disable repeated-word, sentence-length -->  ...  <!-- copydesk-enable -->
    <!-- copydesk-disable-next-line repeated-word -->
and the same without ids for every rule. In plain text, a line of its own: `copydesk-disable-next-line RULE`
(also `copydesk-disable` / `copydesk-enable`). Ids may be rule ids or category names; text after ` -- ` is a
reason and is ignored. A finding is suppressed when the line it starts on is switched off for its rule. "Next line"
is the next line that is not blank. Unknown ids are reported as notices (with a "did you mean").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from linter.errors import did_you_mean
from linter.model.document import LINE_BREAK
from linter.model.findings import CATEGORIES
from linter.readers import format_for, text
from linter.readers.text import DIRECTIVE_LINE

COMMENT = re.compile(r"<!--\s*copydesk-(disable-next-line|disable|enable)\b(.*?)-->", re.DOTALL)
ALL = "*"
END_OF_FILE = float("inf")


@dataclass
class Directive:
    kind: str  # disable, enable or disable-next-line
    ids: list[str]  # [] means every rule
    first_line: int  # the lines the directive itself is on
    last_line: int


def _line_starts(source: str) -> list[int]:
    return [0] + [m.end() for m in LINE_BREAK.finditer(source)]


def parse_directives(path: str, source: str) -> list[Directive]:
    """The suppression directives of a file, in order."""
    pattern = DIRECTIVE_LINE if format_for(path) is text else COMMENT
    starts = _line_starts(source)
    directives = []
    for m in pattern.finditer(source):
        arguments = re.split(r"\s--\s", " " + m.group(2) + " ", maxsplit=1)[0]
        ids = re.findall(r"[^\s,]+", arguments)
        directives.append(
            Directive(
                m.group(1), ids, bisect_right(starts, m.start()), bisect_right(starts, max(m.start(), m.end() - 1))
            )
        )
    return directives


def _next_content_line(source: str, starts: list[int], line: int) -> int:
    """The first line after `line` that is not blank (or the line after it, at the end of the file)."""
    for n in range(line + 1, len(starts) + 1):
        end = starts[n] if n < len(starts) else len(source)
        if source[starts[n - 1] : end].strip():
            return n
    return line + 1


def suppressed_ranges(source: str, directives: list[Directive]) -> list[tuple[int, float, set[str]]]:
    """(first line, last line, ids) switched off, where ids {"*"} means every rule."""
    starts = _line_starts(source)
    ranges, open_since = [], {}
    for d in directives:
        keys = d.ids or [ALL]
        if d.kind == "disable-next-line":
            target = _next_content_line(source, starts, d.last_line)
            ranges.append((target, target, set(keys)))
        elif d.kind == "disable":
            for key in keys:
                open_since.setdefault(key, d.first_line)
        else:
            for key in d.ids or list(open_since):
                if key in open_since:
                    ranges.append((open_since.pop(key), d.first_line, {key}))
    ranges.extend((line, END_OF_FILE, {key}) for key, line in open_since.items())
    return ranges


def unknown_id_notices(directives: list[Directive], rule_ids) -> list[str]:
    known = set(rule_ids) | set(CATEGORIES)
    return [
        f"line {d.first_line}: copydesk-{d.kind} names unknown rule '{rule_id}'{did_you_mean(rule_id, known)}"
        for d in directives
        for rule_id in d.ids
        if rule_id not in known
    ]


def filter_suppressed(path: str, source: str, findings: list, rule_ids) -> tuple[list, list[str]]:
    """The findings that no directive switches off, and notices about directives naming unknown rules."""
    if "copydesk-" not in source:
        return findings, []
    directives = parse_directives(path, source)
    if not directives:
        return findings, []
    ranges = suppressed_ranges(source, directives)
    directive_lines = (
        {n for d in directives for n in range(d.first_line, d.last_line + 1)} if format_for(path) is text else set()
    )

    def is_suppressed(f) -> bool:
        return f.line in directive_lines or any(
            first <= f.line <= last and (ALL in ids or f.rule in ids or f.category in ids)
            for first, last, ids in ranges
        )

    return [f for f in findings if not is_suppressed(f)], unknown_id_notices(directives, rule_ids)
