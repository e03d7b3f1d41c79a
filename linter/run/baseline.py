"""Baselines, for adopting copydesk on an existing archive: record today's findings, then report only new ones.

A baseline is a JSON file of entries (path, rule, fingerprint, and line and excerpt for readers). A finding matches
an entry with its fingerprint (rule, excerpt, the text of its lines, occurrence: see `linter.model.fingerprints`) in the
same file; failing that, an entry with its fingerprint whose file no longer exists (the file was renamed or
moved). Lines inserted above a finding keep it matched; an edit to its text makes it new. Paths are stored
relative to the baseline file's folder, so the baseline works from any working folder.
"""

from __future__ import annotations

import json
import os

from linter import __version__
from linter.errors import CopydeskError
from linter.model.fingerprints import fingerprints

VERSION = 1


def _stored_path(path: str, folder: str) -> str:
    return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")


def write_baseline(baseline_path: str, findings) -> None:
    folder = os.path.dirname(os.path.abspath(baseline_path))
    entries = [
        {
            "path": _stored_path(f.path, folder),
            "rule": f.rule,
            "fingerprint": fingerprint,
            "line": f.line,
            "excerpt": f.excerpt,
        }
        for f, fingerprint in zip(findings, fingerprints(findings))
    ]
    data = {"version": VERSION, "tool": {"name": "copydesk", "version": __version__}, "findings": entries}
    with open(baseline_path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


def load_baseline(baseline_path: str) -> list[tuple[str, str]]:
    """The baseline's entries as (absolute path, fingerprint)."""
    try:
        with open(baseline_path, encoding="utf-8") as f:
            data = json.load(f)
        folder = os.path.dirname(os.path.abspath(baseline_path))
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r} is not {VERSION}")
        return [(os.path.normpath(os.path.join(folder, e["path"])), e["fingerprint"]) for e in data["findings"]]
    except OSError as exc:
        raise CopydeskError(f"{baseline_path}: cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CopydeskError(
            f"{baseline_path}: not a copydesk baseline ({exc}); write one with --write-baseline"
        ) from None


def new_findings(findings, entries: list[tuple[str, str]]) -> list:
    """The findings that no baseline entry matches; each entry matches at most one finding."""
    in_place = set(entries)
    moved: dict[str, int] = {}
    for path, fingerprint in entries:
        if not os.path.exists(path):
            moved[fingerprint] = moved.get(fingerprint, 0) + 1
    unmatched = []
    for f, fingerprint in zip(findings, fingerprints(findings)):
        key = (os.path.abspath(f.path), fingerprint)
        if key in in_place:
            in_place.discard(key)
        elif moved.get(fingerprint):
            moved[fingerprint] -= 1
        else:
            unmatched.append(f)
    return unmatched
