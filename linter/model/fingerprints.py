"""Fingerprints that identify a finding without its line number, for SARIF and baselines.

A finding's fingerprint hashes its rule, its excerpt and the text of the lines it is on (white space folded), and
adds its occurrence index among the findings of the same file with the same hash. Lines inserted above a finding
and a renamed file leave it unchanged; an edit to the finding's lines changes it.
"""

from __future__ import annotations

import hashlib


def _folded(text: str) -> str:
    return " ".join(text.split())


def content_hash(finding) -> str:
    data = "\0".join((finding.rule, _folded(finding.excerpt), _folded(finding.context)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


def fingerprints(findings) -> list[str]:
    """`<hash>:<occurrence>` for each finding, in the given order (occurrences counted per file, in order)."""
    seen: dict[tuple[str, str], int] = {}
    result = []
    for f in findings:
        key = (f.path, content_hash(f))
        seen[key] = seen.get(key, -1) + 1
        result.append(f"{key[1]}:{seen[key]}")
    return result
