"""reviewdog's Diagnostic JSON (rdjson): `reviewdog -f=rdjson`.

Its columns count UTF-8 bytes, where ours count characters, so each column is converted with the text of the
finding's lines. A suggestion from a rule whose fixes are safe is included, for reviewdog's suggested changes.
"""

from __future__ import annotations

import json

from linter.model.document import LINE_BREAK
from linter.run.fixes import is_fixable

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def byte_column(line_text: str, column: int) -> int:
    """The 1-based UTF-8 byte column of a 1-based character column of a line."""
    return len(line_text[: column - 1].encode("utf-8")) + 1


def byte_range(f) -> dict:
    lines = LINE_BREAK.split(f.context)
    last_line = lines[min(f.end_line - f.line, len(lines) - 1)]
    return {
        "start": {"line": f.line, "column": byte_column(lines[0], f.column)},
        "end": {"line": f.end_line, "column": byte_column(last_line, f.end_column)},
    }


def _diagnostic(f, rules: dict) -> dict:
    span = byte_range(f)
    diagnostic = {
        "message": f.message,
        "location": {"path": f.path, "range": span},
        "severity": SEVERITIES[f.severity],
        "code": {"value": f.rule},
    }
    if is_fixable(f, rules):
        diagnostic["suggestions"] = [{"range": span, "text": f.suggestion}]
    return diagnostic


def render(result, color: bool = False) -> str:
    data = {
        "source": {"name": "copydesk", "url": "https://pypi.org/project/copydesk/"},
        "diagnostics": [_diagnostic(f, result.rules) for f in result.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
