"""The command line: output formats, exit codes, selection, stdin, rules, explain and init."""

from __future__ import annotations

import json

from conftest import ROOT, assert_spans_match, cli_json, run_cli

EXAMPLE = str(ROOT / "examples" / "harbour-deal.txt")
CLEAN = str(ROOT / "examples" / "clean-report.md")
ISSUE_TEXT = "Ferry fares rise\n\nThe board met at the the customs house.\n"


def test_text_output_is_lint_style_and_sorted(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ISSUE_TEXT + "\nAdvertisement\n", encoding="utf-8")
    result = run_cli("check", "--no-color", str(article))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f'{article}:3:18: warning [repeated-word] doubled word "the"',
        f'{article}:5:1: error [scrape-residue] scraped page residue (advertisement): "Advertisement"',
    ]
    assert "2 findings (1 errors, 1 warnings, 0 info) in 1 files" in result.stderr


def test_json_output_follows_the_contract(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ISSUE_TEXT, encoding="utf-8")
    data = cli_json("check", str(article))
    assert data["version"] == 1 and data["tool"]["name"] == "copydesk"
    assert data["findings"] == [
        {
            "path": str(article),
            "line": 3,
            "column": 18,
            "end_line": 3,
            "end_column": 25,
            "rule": "repeated-word",
            "category": "repetition",
            "severity": "warning",
            "message": 'doubled word "the"',
            "excerpt": "the the",
            "confidence": 1.0,
            "suggestion": "the",
        }
    ]
    assert data["files"] == [{"path": str(article), "status": "linted", "findings": 1}]
    assert data["summary"] == {
        "files": 1,
        "files_linted": 1,
        "files_failed": 0,
        "findings": 1,
        "error": 0,
        "warning": 1,
        "info": 0,
    }


def test_warnings_alone_exit_zero_unless_fail_on_warning(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ISSUE_TEXT, encoding="utf-8")
    assert run_cli("check", str(article)).exit_code == 0
    assert run_cli("check", "--fail-on", "warning", str(article)).exit_code == 1
    assert run_cli("check", "--fail-on", "never", str(article)).exit_code == 0


def test_min_severity_leaves_out_lower_findings(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ISSUE_TEXT, encoding="utf-8")
    result = run_cli("check", "--min-severity", "error", str(article))
    assert result.stdout == "" and result.exit_code == 0


def test_select_and_ignore(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ISSUE_TEXT + "\nAdvertisement\n", encoding="utf-8")

    def rules(*args):
        return [f["rule"] for f in cli_json("check", *args, str(article))["findings"]]

    assert rules("--select", "scrape-residue") == ["scrape-residue"]
    assert rules("--select", "boilerplate") == ["scrape-residue"]
    assert rules("--ignore", "scrape-residue") == ["repeated-word"]


def test_unknown_rule_in_select_suggests_the_closest(tmp_path):
    result = run_cli("check", "--select", "repeted-word", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == "copydesk: --select: unknown rule 'repeted-word' (did you mean \"repeated-word\"?)\n"


def test_stdin_with_a_file_name_picks_the_format():
    result = run_cli(
        "check",
        "--format",
        "json",
        "--stdin-filename",
        "story.md",
        "-",
        input="# Title\n\nThe board met at the the house.\n\n```\nthe the\n```\n",
    )
    data = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["column"]) for f in data["findings"]] == [("story.md", 3, 18)]


def test_output_file(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ISSUE_TEXT, encoding="utf-8")
    report = tmp_path / "report.json"
    result = run_cli("check", "--format", "json", "--output", str(report), str(article))
    assert result.stdout == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["findings"] == 1


def test_folder_is_walked_and_build_folders_skipped(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text("The board met at the the house.\n", encoding="utf-8")
    (tmp_path / "news" / "notes.py").write_text("x = 'the the'\n", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "b.md").write_text("The board met at the the house.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("The board met at the the house.\n", encoding="utf-8")
    data = cli_json("check", str(tmp_path))
    assert [f["path"] for f in data["findings"]] == [str(tmp_path / "news" / "a.md")]


def test_seed_style_example_reports_residue_at_exact_positions():
    data = cli_json("check", EXAMPLE)
    source = open(EXAMPLE, encoding="utf-8").read()
    residue = [
        (f["line"], f["column"], f["excerpt"].split("\n")[0]) for f in data["findings"] if f["rule"] == "scrape-residue"
    ]
    assert residue == [(3, 1, "Elena Brask Avatar"), (5, 1, "By"), (19, 1, "KEEP READING")]
    assert_spans_match(source, data["findings"])


def test_clean_example_is_quiet():
    result = run_cli("check", CLEAN)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_rules_lists_every_rule():
    result = run_cli("rules")
    lines = result.stdout.splitlines()
    assert any(line.split()[:3] == ["repeated-word", "repetition", "warning"] for line in lines)
    assert any(line.split()[:3] == ["scrape-residue", "boilerplate", "error"] for line in lines)


def test_explain_shows_description_options_and_examples():
    result = run_cli("explain", "sentence-length")
    assert result.exit_code == 0
    assert result.stdout.startswith("# sentence-length\n\n- Category: readability\n- Level: warning")
    assert "- `max_words` (an integer, at least 1; default `40`)" in result.stdout
    assert "    max_words: 40\n" in result.stdout
    assert "## Flagged\n" in result.stdout and "## Not flagged\n" in result.stdout


def test_explain_unknown_rule():
    result = run_cli("explain", "sentence-lenght")
    assert result.exit_code == 2
    assert "unknown rule 'sentence-lenght' (did you mean \"sentence-length\"?)" in result.stderr


def test_init_writes_a_valid_starter_config(tmp_path):
    result = run_cli("init", cwd=str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / ".copydesk.yml").exists()
    again = run_cli("init", cwd=str(tmp_path))
    assert again.exit_code == 2 and "already exists" in again.stderr
    (tmp_path / "a.md").write_text("The board met at the the house.\n", encoding="utf-8")
    assert run_cli("check", "a.md", cwd=str(tmp_path)).exit_code == 0
