"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

The run describes every known rule (id, descriptions, default level, category); each result has its rule, level,
message, region (columns count Unicode code points: `columnKind` says so), the excerpt as snippet, a
`partialFingerprints` entry that does not depend on line numbers (see `linter.model.fingerprints`), and, for rules whose
fixes are safe, the fix.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from linter import __version__
from linter.model.fingerprints import fingerprints
from linter.reporters import file_errors
from linter.run.fixes import is_fixable

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "copydesk/v1"


def artifact_location(path: str) -> dict:
    """A relative path becomes a URI relative to %SRCROOT% (the working folder); an absolute one a file URI."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix()), "uriBaseId": "%SRCROOT%"}


def _region(f) -> dict:
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}


def _rule_descriptor(rule) -> dict:
    configuration = {"level": LEVELS[rule.level]}
    if not rule.enabled:
        configuration["enabled"] = False
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(rule.description.split())},
        "defaultConfiguration": configuration,
        "properties": {"category": rule.category, "tags": [rule.category], "fixable": rule.fixable},
    }


def _result(f, fingerprint: str, rule_index: dict, rules: dict) -> dict:
    result = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(f.path),
                    "region": {**_region(f), "snippet": {"text": f.excerpt}},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"category": f.category, "confidence": f.confidence},
    }
    if f.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {
                    "artifactLocation": artifact_location(f.path),
                    "region": {
                        "startLine": span["line"],
                        "startColumn": span["column"],
                        "endLine": span["end_line"],
                        "endColumn": span["end_column"],
                        "snippet": {"text": span["excerpt"]},
                    },
                },
                "message": {"text": span["message"]},
            }
            for number, span in enumerate(f.related, 1)
        ]
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    if is_fixable(f, rules):
        result["fixes"] = [
            {
                "description": {"text": f'Replace with "{f.suggestion}"'},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_location(f.path),
                        "replacements": [{"deletedRegion": _region(f), "insertedContent": {"text": f.suggestion}}],
                    }
                ],
            }
        ]
    return result


def _notifications(result) -> list[dict]:
    notes = []
    for status in result.files:
        location = [{"physicalLocation": {"artifactLocation": artifact_location(status.path)}}]
        notes.extend(
            {"level": "error", "message": {"text": error}, "locations": location} for error in file_errors(status)
        )
        notes.extend({"level": "note", "message": {"text": notice}, "locations": location} for notice in status.notices)
    return notes


def render(result, color: bool = False) -> str:
    rules = sorted(result.rules.values(), key=lambda r: r.id)
    rule_index = {rule.id: i for i, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "copydesk",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/copydesk/",
                "rules": [_rule_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not (result.failed_files or result.rule_errors),
                "toolExecutionNotifications": _notifications(result),
            }
        ],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(f, fp, rule_index, result.rules) for f, fp in zip(result.findings, fingerprints(result.findings))
        ],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
