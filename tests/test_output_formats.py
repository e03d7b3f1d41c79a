"""The CI report formats: SARIF (validated against the 2.1.0 schema), GitHub workflow commands, checkstyle and
JUnit XML (parsed), reviewdog's rdjson (UTF-8 byte columns)."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, ROOT, SHARED, cli_json, run_cli

STORY = FIXTURES / "integration" / "desk-story.md"
HOUSE_RULES = FIXTURES / "integration" / "house-rules"
SEED = SHARED / "corpus" / "seed" / "critical-minerals.txt"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def report(*args, cwd=None) -> str:
    result = run_cli("check", *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def sarif(*args, cwd=None) -> dict:
    log = json.loads(report("--format", "sarif", *args, cwd=cwd))
    jsonschema.validate(log, SARIF_SCHEMA)
    return log


# SARIF


def test_sarif_describes_rules_and_results_with_exact_regions():
    log = sarif(str(STORY))
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and {"repeated-word", "scrape-residue", "sentence-length"} <= set(ids)
    residue = rules[ids.index("scrape-residue")]
    assert residue["defaultConfiguration"]["level"] == "error"
    assert residue["shortDescription"]["text"].startswith("Page furniture that a scraper copied")
    assert residue["properties"]["category"] == "boilerplate"

    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert set(by_rule) == {"repeated-word", "sentence-length", "scrape-residue"}
    doubled = by_rule["repeated-word"]
    assert ids[doubled["ruleIndex"]] == "repeated-word" and doubled["level"] == "warning"
    location = doubled["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": STORY.as_uri()}
    assert location["region"] == {
        "startLine": 6,
        "startColumn": 60,
        "endLine": 6,
        "endColumn": 67,
        "snippet": {"text": "the the"},
    }
    replacement = doubled["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "the"}
    assert by_rule["scrape-residue"]["level"] == "error" and "fixes" not in by_rule["scrape-residue"]


def test_sarif_relative_paths_are_uris_under_srcroot(tmp_path):
    folder = tmp_path / "news desk"
    folder.mkdir()
    shutil.copy(STORY, folder / "story #1.md")
    run = sarif("news desk", cwd=str(tmp_path))["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"news%20desk/story%20%231.md"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def test_sarif_fingerprints_survive_lines_inserted_above_and_change_with_the_text(tmp_path):
    text = STORY.read_text(encoding="utf-8")
    article = tmp_path / "story.md"
    article.write_text(text, encoding="utf-8")
    before = sarif(str(article))["runs"][0]["results"]
    article.write_text(text.replace("\n\nOwners", "\n\nA new paragraph.\n\nAnother one.\n\nOwners"), encoding="utf-8")
    after = sarif(str(article))["runs"][0]["results"]

    def prints(results):
        return {r["ruleId"]: r["partialFingerprints"]["copydesk/v1"] for r in results}

    def lines(results):
        return {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results}

    assert lines(after) == {rule: line + 4 for rule, line in lines(before).items()}
    assert prints(after) == prints(before)
    article.write_text(text.replace("won their appeal", "won an appeal"), encoding="utf-8")
    edited = prints(sarif(str(article))["runs"][0]["results"])
    assert edited["repeated-word"] != prints(before)["repeated-word"]
    assert edited["scrape-residue"] == prints(before)["scrape-residue"]


def test_repeated_findings_on_identical_lines_get_distinct_fingerprints(tmp_path):
    article = tmp_path / "ads.txt"
    article.write_text(
        "Title\n\nFirst paragraph here.\n\nAdvertisement\n\nMore text here.\n\nAdvertisement\n", encoding="utf-8"
    )
    prints = [r["partialFingerprints"]["copydesk/v1"] for r in sarif(str(article))["runs"][0]["results"]]
    assert len(prints) == 2 and prints[0] != prints[1]
    assert prints[0].rsplit(":", 1)[0] == prints[1].rsplit(":", 1)[0]


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is not on this machine")
def test_sarif_of_the_seed_article_validates():
    run = sarif(str(SEED))["runs"][0]
    assert run["results"], "the seed article has scraped residue"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_reports_unreadable_files_as_notifications(tmp_path):
    (tmp_path / "photo.md").write_bytes(b"\x89PNG\0\0binary")
    result = run_cli("check", "--format", "sarif", str(tmp_path / "photo.md"))
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["level"] == "error"
    assert "binary" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_every_report_carries_a_rule_that_could_not_run(monkeypatch, tmp_path):
    pytest.importorskip("language_tool_python")
    monkeypatch.delenv("COPYDESK_LANGUAGETOOL_URL", raising=False)
    (tmp_path / ".copydesk.yml").write_text("rules: {languagetool: {level: warning, server: ''}}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Vote\n\nThe the vote was close.\n", encoding="utf-8")
    result = run_cli("check", "--format", "sarif", "a.md", cwd=str(tmp_path))
    assert result.exit_code == 2
    invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith("rule languagetool did not run: ")
    lines = run_cli("check", "--format", "github", "a.md", cwd=str(tmp_path)).stdout.splitlines()
    assert [parse_command(line)[0] for line in lines] == ["error", "warning"]
    assert parse_command(lines[0])[2].startswith("copydesk: rule languagetool did not run: ")
    checkstyle = ET.fromstring(run_cli("check", "--format", "checkstyle", "a.md", cwd=str(tmp_path)).stdout)
    assert [e.get("source") for e in checkstyle.iter("error")] == ["copydesk", "copydesk.repeated-word"]
    junit = ET.fromstring(run_cli("check", "--format", "junit", "a.md", cwd=str(tmp_path)).stdout)
    assert junit.find("testsuite/testcase/error").get("message").startswith("rule languagetool did not run: ")


# GitHub workflow commands


def unescape_data(text: str) -> str:
    """The Actions runner's unescaping of a command's message."""
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    """The Actions runner's unescaping of a command's property value."""
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def parse_command(line: str) -> tuple[str, dict, str]:
    """Split a workflow command as the runner does: `::name key=value,...::message`."""
    match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert match, line
    properties = dict(pair.split("=", 1) for pair in match.group(2).split(","))
    return match.group(1), {k: unescape_property(v) for k, v in properties.items()}, unescape_data(match.group(3))


def test_github_commands_round_trip_percent_comma_colon_and_newline(tmp_path):
    (tmp_path / ".copydesk.yml").write_text(f"rules-dir: {HOUSE_RULES}\n", encoding="utf-8")
    name = "50%, a:b.md"
    (tmp_path / name).write_text("# Zoo news\n\nA zebra escaped on Monday.\n", encoding="utf-8")
    out = report("--format", "github", "--select", "house-odd-message", name, cwd=str(tmp_path))
    lines = out.splitlines()
    assert len(lines) == 1 and "\n" not in lines[0]
    assert lines[0].startswith("::warning file=50%25%2C a%3Ab.md,line=3,col=3,endLine=3,endColumn=8,")
    name_, properties, message = parse_command(lines[0])
    assert name_ == "warning"
    assert properties == {
        "file": name,
        "line": "3",
        "col": "3",
        "endLine": "3",
        "endColumn": "8",
        "title": "copydesk [house-odd-message]",
    }
    assert message == '100% sure: a, b\nsecond line "zebra"'


def test_github_commands_use_notice_for_info_and_error_for_errors():
    out = report("--format", "github", str(STORY), "--config", str(FIXTURES / "integration" / "info.yml"))
    commands = [parse_command(line) for line in out.splitlines()]
    assert [(c[0], c[1]["title"]) for c in commands] == [
        ("notice", "copydesk [repeated-word]"),
        ("warning", "copydesk [sentence-length]"),
        ("error", "copydesk [scrape-residue]"),
    ]


# checkstyle and JUnit


def test_checkstyle_lists_every_file_and_each_finding(tmp_path):
    shutil.copy(STORY, tmp_path / "story.md")
    (tmp_path / "clean.md").write_text("# Calm day\n\nNothing happened, the police said.\n", encoding="utf-8")
    root = ET.fromstring(report("--format", "checkstyle", str(tmp_path)))
    assert root.tag == "checkstyle"
    files = {Path(f.get("name")).name: f for f in root.findall("file")}
    assert set(files) == {"clean.md", "story.md"} and not list(files["clean.md"])
    errors = [
        (e.get("line"), e.get("column"), e.get("severity"), e.get("source"), e.get("message"))
        for e in files["story.md"]
    ]
    assert errors == [
        ("6", "60", "warning", "copydesk.repeated-word", 'doubled word "the"'),
        ("8", "1", "warning", "copydesk.sentence-length", "sentence is 47 words long (more than 40)"),
        ("10", "1", "error", "copydesk.scrape-residue", 'scraped page residue (advertisement): "Advertisement"'),
    ]


def test_xml_reports_replace_control_characters_that_xml_cannot_carry(tmp_path):
    (tmp_path / "odd\x01.txt").write_text("Title\n\nThe vote was the the closest, the clerk said.\n", encoding="utf-8")
    checkstyle = ET.fromstring(report("--format", "checkstyle", str(tmp_path)))
    assert checkstyle.find("file").get("name") == str(tmp_path / "odd\ufffd.txt")
    junit = ET.fromstring(report("--format", "junit", str(tmp_path)))
    assert junit.find("testsuite/testcase").get("name") == str(tmp_path / "odd\ufffd.txt")


def test_junit_has_one_test_case_per_file_failed_by_findings_or_errors(tmp_path):
    shutil.copy(STORY, tmp_path / "story.md")
    (tmp_path / "clean.md").write_text("# Calm day\n\nNothing happened, the police said.\n", encoding="utf-8")
    (tmp_path / "photo.md").write_bytes(b"\x89PNG\0\0binary")
    result = run_cli("check", "--format", "junit", str(tmp_path), str(tmp_path / "photo.md"))
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {Path(c.get("name")).name: c for c in suite.findall("testcase")}
    assert set(cases) == {"clean.md", "photo.md", "story.md"}
    assert list(cases["clean.md"]) == []
    assert cases["photo.md"].find("error") is not None
    failure = cases["story.md"].find("failure")
    assert failure.get("message") == "3 findings"
    assert failure.text.splitlines()[0].endswith('story.md:6:60: warning [repeated-word] doubled word "the"')


# rdjson


def test_rdjson_columns_count_utf8_bytes():
    data = json.loads(report("--format", "rdjson", str(STORY)))
    assert data["source"]["name"] == "copydesk"
    by_rule = {d["code"]["value"]: d for d in data["diagnostics"]}
    doubled = by_rule["repeated-word"]
    # "Café Léon" before the doubled word: two characters of two bytes each, so character column 60 is byte 62.
    assert doubled["location"]["range"] == {"start": {"line": 6, "column": 62}, "end": {"line": 6, "column": 69}}
    assert doubled["severity"] == "WARNING" and doubled["suggestions"][0]["text"] == "the"
    assert by_rule["scrape-residue"]["location"]["range"]["end"] == {"line": 10, "column": 14}


def test_rdjson_byte_columns_of_a_span_over_lines(tmp_path):
    article = tmp_path / "wrap.md"
    article.write_text("# Héllo\n\nÉté : the\nthe café reopened.\n", encoding="utf-8")
    findings = cli_json("check", str(article))["findings"]
    assert [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings] == [(3, 7, 4, 4)]
    span = json.loads(report("--format", "rdjson", str(article)))["diagnostics"][0]["location"]["range"]
    assert span == {"start": {"line": 3, "column": 9}, "end": {"line": 4, "column": 4}}


def test_every_format_is_offered_by_the_cli():
    result = run_cli("check", "--help")
    for name in ("text", "json", "sarif", "github", "checkstyle", "junit", "rdjson"):
        assert name in result.stdout
