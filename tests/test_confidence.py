"""Every finding carries a confidence (0-1) and may carry related spans; `min_confidence` drops the unsure ones."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import ROOT, cli_json, run_cli

from linter.checks import repeated_word
from linter.model.findings import Hit

SARIF_SCHEMA = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
STORY = "# Vote\n\nThe council met on Monday.\n\nThe vote was close, and the council met again.\n"


@pytest.fixture
def story(tmp_path, monkeypatch):
    """A story on which repeated-word reports "council" twice, once sure and once unsure, each pointing back at
    the first use."""
    first = STORY.index("council")
    second = STORY.index("council", first + 1)

    def check(doc, options):
        yield Hit(second, second + 7, {"word": "council"}, confidence=0.9, related=[(first, first + 7, "first use")])
        yield Hit(first, first + 7, {"word": "council"}, confidence=0.4)

    monkeypatch.setattr(repeated_word, "check", check)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def only(rule: str, findings: list) -> list:
    return [f for f in findings if f["rule"] == rule]


def test_json_gives_each_finding_its_confidence_and_related_spans(story):
    findings = only("repeated-word", cli_json("check", "--no-cache", "story.md")["findings"])
    assert [(f["line"], f["column"], f["confidence"]) for f in findings] == [(3, 5, 0.4), (5, 29, 0.9)]
    assert "related" not in findings[0]
    assert findings[1]["related"] == [
        {"line": 3, "column": 5, "end_line": 3, "end_column": 12, "excerpt": "council", "message": "first use"}
    ]


def test_min_confidence_leaves_out_findings_below_it(story):
    (story / ".copydesk.yml").write_text("rules:\n  repeated-word: {min_confidence: 0.5}\n", encoding="utf-8")
    findings = only("repeated-word", cli_json("check", "--no-cache", "story.md")["findings"])
    assert [(f["line"], f["confidence"]) for f in findings] == [(5, 0.9)]


def test_min_confidence_must_be_between_zero_and_one(story):
    (story / ".copydesk.yml").write_text("rules:\n  repeated-word: {min_confidence: 1.5}\n", encoding="utf-8")
    result = run_cli("check", "story.md")
    assert result.exit_code == 2
    assert "rule 'repeated-word': option 'min_confidence'" in result.stderr and "1.5" in result.stderr


def test_sarif_carries_confidence_and_related_locations(story):
    log = json.loads(run_cli("check", "--no-cache", "--format", "sarif", "story.md").stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "repeated-word"]
    assert [r["properties"]["confidence"] for r in results] == [0.4, 0.9]
    [related] = results[1]["relatedLocations"]
    assert related["message"] == {"text": "first use"}
    assert related["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 5,
        "endLine": 3,
        "endColumn": 12,
        "snippet": {"text": "council"},
    }


def test_the_cache_keeps_confidence_and_related_spans(story):
    first = only("repeated-word", cli_json("check", "story.md")["findings"])
    again = only("repeated-word", cli_json("check", "story.md")["findings"])
    assert again == first and first[1]["related"][0]["excerpt"] == "council"
