"""Safe fixes: --fix writes the suggestions of rules marked `fix: safe`, --diff shows them; atomic, idempotent,
keeping the file's encoding and line endings."""

from __future__ import annotations

import json
import os
import stat

import pytest
from conftest import FIXTURES, run_cli

from linter.model.findings import Finding
from linter.run.fixes import ChangedOnDisk, apply_suggestions, write_atomic

INTEGRATION = FIXTURES / "integration"


def check(*args, **kwargs):
    return run_cli("check", *args, **kwargs)


def test_fix_rewrites_doubled_words_reports_what_is_left_and_a_second_fix_changes_nothing(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("# Vote\n\nThe the council met at the the hall.\n\nAdvertisement\n", encoding="utf-8")
    first = check("--fix", str(article))
    assert article.read_text(encoding="utf-8") == "# Vote\n\nThe council met at the hall.\n\nAdvertisement\n"
    assert first.exit_code == 1  # the scraped residue is an error and has no safe fix
    assert (
        first.stdout == f'{article}:5:1: error [scrape-residue] scraped page residue (advertisement): "Advertisement"\n'
    )
    assert "copydesk: fixed 2 findings in 1 files" in first.stderr
    second = check("--fix", str(article))
    assert article.read_text(encoding="utf-8") == "# Vote\n\nThe council met at the hall.\n\nAdvertisement\n"
    assert second.stdout == first.stdout and "fixed" not in second.stderr


def test_a_fix_that_reveals_another_is_applied_until_nothing_is_left(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("Vote\n\nIt was the the the closest vote in years.\n", encoding="utf-8")
    result = check("--fix", str(article))
    assert result.exit_code == 0 and result.stdout == ""
    assert article.read_text(encoding="utf-8") == "Vote\n\nIt was the closest vote in years.\n"


def test_fix_keeps_crlf_line_endings_and_the_cp1252_encoding(tmp_path):
    article = tmp_path / "legacy.txt"
    original = "Caf\xe9 vote\r\n\r\nThe caf\xe9 owners won the the appeal on Monday.\r\nNo one objected.\r\n"
    article.write_bytes(original.encode("cp1252"))
    check("--fix", str(article))
    assert article.read_bytes() == original.replace("the the", "the").encode("cp1252")


def test_fix_keeps_a_utf8_byte_order_mark_and_a_missing_final_newline(tmp_path):
    article = tmp_path / "bom.md"
    article.write_bytes("\ufeff# Vote\n\nThe vote was the the closest, said Zoë.".encode("utf-8"))
    check("--fix", str(article))
    assert article.read_bytes() == "\ufeff# Vote\n\nThe vote was the closest, said Zoë.".encode("utf-8")


def test_fix_is_atomic_and_keeps_permissions_and_symbolic_links(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("# Vote\n\nThe the vote.\n", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    check("--fix", str(link))
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "# Vote\n\nThe vote.\n"
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]  # no temporary file left


def test_diff_prints_a_unified_diff_without_writing(tmp_path):
    article = tmp_path / "story.md"
    text = "# Vote\n\nThe the council met.\n\nIt was close.\n"
    article.write_text(text, encoding="utf-8")
    result = check("--diff", str(article))
    assert result.exit_code == 1
    assert result.stdout == (
        f"--- a/{article}\n+++ b/{article}\n@@ -1,5 +1,5 @@\n # Vote\n \n"
        "-The the council met.\n+The council met.\n \n It was close.\n"
    )
    assert article.read_text(encoding="utf-8") == text
    clean = check("--diff", str(tmp_path / "story.md"), "--ignore", "repeated-word")
    assert (clean.exit_code, clean.stdout) == (0, "")
    (tmp_path / "photo.md").write_bytes(b"\x89PNG\0\0binary")
    unreadable = check("--diff", str(tmp_path))
    assert unreadable.exit_code == 2 and unreadable.stdout.startswith(f"--- a/{article}\n")
    assert "photo.md: binary file" in unreadable.stderr


def test_only_rules_marked_safe_are_fixed_and_the_mechanism_is_general(tmp_path):
    (tmp_path / "fixable").mkdir()
    (tmp_path / "fixable" / "house-towards.yml").write_text(
        (INTEGRATION / "fixable-rules" / "house-towards.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "fixable" / "house-utilise.yml").write_text(
        (INTEGRATION / "unsafe-rules" / "house-utilise.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / ".copydesk.yml").write_text("rules-dir: fixable\n", encoding="utf-8")
    article = tmp_path / "story.md"
    article.write_text("# Walk\n\nThey will utilise the path towards the pier.\n", encoding="utf-8")
    result = check("--fix", "--format", "json", "story.md", cwd=str(tmp_path))
    assert article.read_text(encoding="utf-8") == "# Walk\n\nThey will utilise the path toward the pier.\n"
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["house-utilise"]
    assert result.exit_code == 0  # the error-level finding was fixed


def test_suppressed_and_unselected_findings_are_not_fixed(tmp_path):
    article = tmp_path / "story.md"
    text = (
        "# Vote\n\n<!-- copydesk-disable-next-line repeated-word -->\nHe wrote the the word as a joke.\n\n"
        "The the vote.\n"
    )
    article.write_text(text, encoding="utf-8")
    check("--fix", "--ignore", "repeated-word", str(article))
    assert article.read_text(encoding="utf-8") == text
    check("--fix", str(article))
    assert article.read_text(encoding="utf-8") == text.replace("The the vote", "The vote")


def test_findings_below_min_severity_are_not_fixed(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("# Vote\n\nThe the vote.\n", encoding="utf-8")
    check("--fix", "--min-severity", "error", str(article))
    assert article.read_text(encoding="utf-8") == "# Vote\n\nThe the vote.\n"


def test_fix_and_diff_refuse_standard_input():
    result = check("--fix", "-", input="The the vote.\n")
    assert result.exit_code == 2 and "not on standard input" in result.stderr


def test_a_rule_module_with_an_unknown_fix_kind_is_a_configuration_error(tmp_path):
    (tmp_path / "rules").mkdir()
    module = (INTEGRATION / "fixable-rules" / "house-towards.yml").read_text(encoding="utf-8")
    (tmp_path / "rules" / "house-towards.yml").write_text(module.replace("fix: safe", "fix: Safe"), encoding="utf-8")
    (tmp_path / ".copydesk.yml").write_text("rules-dir: rules\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    result = check("a.md", cwd=str(tmp_path))
    assert result.exit_code == 2
    assert "fix 'Safe' is not one of safe (did you mean \"safe\"?)" in result.stderr


def test_explain_says_whether_a_rule_is_fixed_by_fix():
    assert "--fix applies its suggestion" in run_cli("explain", "repeated-word").stdout
    assert "--fix" not in run_cli("explain", "sentence-length").stdout


def _finding(source: str, excerpt: str, suggestion: str) -> Finding:
    start = source.index(excerpt)
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", start + len(excerpt))
    return Finding(
        path="a.txt",
        line=source.count("\n", 0, start) + 1,
        column=start - line_start + 1,
        end_line=0,
        end_column=0,
        rule="r",
        category="boilerplate",
        severity="error",
        message="m",
        excerpt=excerpt,
        suggestion=suggestion,
        start=start,
        end=start + len(excerpt),
        context=source[line_start : line_end if line_end != -1 else len(source)],
    )


def test_an_empty_suggestion_for_a_whole_line_removes_the_line_with_its_break():
    source = "Title\r\n\r\nText.\r\n\r\n  Advertisement\r\n\r\nMore text, said the the clerk.\r\nShare"
    findings = [
        _finding(source, "Advertisement", ""),
        _finding(source, "the the", "the"),
        _finding(source, "Share", ""),
    ]
    assert apply_suggestions(source, findings) == ("Title\r\n\r\nText.\r\n\r\n\r\nMore text, said the clerk.\r\n", 3)


def test_an_empty_suggestion_for_part_of_a_line_removes_only_the_span():
    source = "Title\n\nText. Advertisement\n"
    assert apply_suggestions(source, [_finding(source, " Advertisement", "")]) == ("Title\n\nText.\n", 1)


def test_overlapping_fixes_are_applied_one_at_a_time():
    source = "Title\n\nIt was the the the end.\n"
    first, second = _finding(source, "the the", "the"), _finding(source, "the the the", "the")
    assert apply_suggestions(source, [first, second]) == ("Title\n\nIt was the the end.\n", 1)


def test_a_double_that_can_be_correct_is_reported_but_not_fixed(tmp_path):
    article = tmp_path / "story.md"
    text = "# Waits\n\nPatients have been waiting for for years, and the the clinic knows it.\n"
    article.write_text(text, encoding="utf-8")
    result = check("--fix", "--format", "json", str(article))
    assert article.read_text(encoding="utf-8") == text.replace("the the", "the")
    [left] = json.loads(result.stdout)["findings"]
    assert (left["rule"], left["excerpt"], "suggestion" in left) == ("repeated-word", "for for", False)


@pytest.mark.timeout(60)
def test_a_file_edited_while_its_fix_is_computed_is_left_as_edited(tmp_path):
    """The last check before the rename: the file no longer holds the bytes the fix was computed from (an editor
    saved meanwhile), so the fixed text is not written, the edit stays and no temporary file is left."""
    article = tmp_path / "story.md"
    article.write_bytes(b"The the council met.\n")
    article.chmod(0o640)
    article.write_bytes(b"The the council met on Monday.\n")  # saved after copydesk read the first version
    with pytest.raises(ChangedOnDisk, match="changed on disk while it was being fixed; not fixed"):
        write_atomic(str(article), b"The council met.\n", expected=b"The the council met.\n")
    assert article.read_bytes() == b"The the council met on Monday.\n"
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["story.md"]
    write_atomic(str(article), b"The council met on Monday.\n", expected=b"The the council met on Monday.\n")
    assert article.read_bytes() == b"The council met on Monday.\n"
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["story.md"]
