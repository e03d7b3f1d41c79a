"""A `.vale.ini` inside `copydesk check`: its alerts on one file as copydesk findings (rule `Style.Rule`)."""

from __future__ import annotations

import os
from functools import lru_cache

from linter.model.document import LINE_BREAK
from linter.model.findings import Finding
from linter.vale.actions import fixes
from linter.vale.command import load_rules
from linter.vale.config import read_config
from linter.vale.lint import ValeFile, apply_ignores, lint_file, vale_format

SEVERITY = {"suggestion": "info", "warning": "warning", "error": "error"}


@lru_cache(maxsize=8)
def _loaded(ini_path: str):
    config = read_config(ini_path)
    return config, load_rules(config, lambda message: None)


def loaded_styles(ini_path: str):
    """(configuration, rules) of a `.vale.ini`, loaded once per process and shared with vale_findings."""
    return _loaded(os.path.abspath(ini_path))


def vale_findings(path: str, source: str, ini_path: str) -> list[Finding]:
    """Vale's alerts on `source` (named `path`) under the styles `ini_path` names, category `style`."""
    config, rules = _loaded(os.path.abspath(ini_path))
    name = os.path.relpath(path, os.path.dirname(os.path.abspath(ini_path)))
    styles, checks = config.styles_for(name), config.checks_for(name)
    chosen = {
        n: r
        for n, r in rules.items()
        if checks.get(n, n.split(".")[0] in styles)
        and {"suggestion": 0, "warning": 1, "error": 2}.get(r.level, 0) >= config.min_level
    }
    if not chosen:
        return []
    content = source.replace("\r\n", "\n").replace("\r", "\n")
    normed, kind = vale_format(path, config.formats)
    f = ValeFile(path, content, os.path.splitext(path)[1], normed, chosen, config.min_level, kind=kind)
    f.ignored_classes = config.ignored_classes
    if normed == ".md":
        f.ignores = (
            config.ignores_for(config.block_ignores, name),
            config.ignores_for(config.token_ignores, name),
            config.path,
        )
        if kind != "fragment":  # a fragment's comments get the ignores one by one
            f.markup_source = apply_ignores(content, *f.ignores)
    lint_file(f, config.ignored_scopes, config.skipped_scopes)
    lines = content.split("\n")
    starts = [0] + [m.end() for m in LINE_BREAK.finditer(source)]  # offsets in the source as read, CRLF kept
    findings = []
    for a in f.alerts:
        start = starts[a.line - 1] + a.column - 1
        end = start + len(a.match.split("\n")[0])
        fixed = fixes(a.action, a.match)
        single = fixed is not None and len(fixed) == 1 and source[start:end] == a.match  # one line, read as is
        findings.append(
            Finding(
                path=path,
                line=a.line,
                column=a.column,
                end_line=a.line,
                end_column=a.column + max(end - start, 1),
                rule=a.check,
                category="style",
                severity=SEVERITY.get(a.level, "warning"),
                message=a.message,
                excerpt=source[start:end],
                suggestion=fixed[0] if single else None,
                start=start,
                end=end,
                context=lines[a.line - 1],
            )
        )
    return findings
