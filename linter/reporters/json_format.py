"""JSON: `{"version": 1, "tool": {...}, "findings": [...], "files": [...], "summary": {...}}`."""

from __future__ import annotations

import json

from linter import __version__


def render(result, color: bool = False) -> str:
    data = {
        "version": 1,
        "tool": {"name": "copydesk", "version": __version__},
        "findings": [f.to_dict() for f in result.findings],
        "files": [f.to_dict() for f in result.files],
        "summary": result.summary(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
