"""Lint-style text: `path:line:col: severity [rule-id] message`, one finding a line, sorted."""

from __future__ import annotations

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
RESET = "\033[0m"


def render(result, color: bool = False) -> str:
    lines = []
    for f in result.findings:
        severity = f"{COLORS[f.severity]}{f.severity}{RESET}" if color else f.severity
        lines.append(f"{f.path}:{f.line}:{f.column}: {severity} [{f.rule}] {f.message}")
    return "\n".join(lines) + ("\n" if lines else "")
