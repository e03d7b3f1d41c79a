"""Baselines: --write-baseline records today's findings, --baseline reports only new ones; a finding keeps its entry
when lines are inserted above it or its file is renamed, and loses it when its text changes."""

from __future__ import annotations

import json

from conftest import run_cli

STORY = (
    "# Harbour vote\n\n"
    "The the council met on Monday.\n\n"
    "Advertisement\n\n"
    "Dockers said they would strike again in May.\n"
)


def check(*args, cwd):
    return run_cli("check", "--format", "json", *args, cwd=str(cwd))


def reported(result) -> list[tuple[str, str, int]]:
    return [(f["path"], f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]


def adopt(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    written = run_cli("check", "--write-baseline", "baseline.json", "articles", cwd=str(tmp_path))
    assert written.exit_code == 0 and written.stdout == ""
    assert "wrote 2 findings to the baseline baseline.json" in written.stderr


def test_a_fresh_baseline_hides_everything_and_the_run_passes(tmp_path):
    adopt(tmp_path, {"articles/a.md": STORY})
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["rule"], e["line"], e["excerpt"]) for e in entries] == [
        ("articles/a.md", "repeated-word", 3, "The the"),
        ("articles/a.md", "scrape-residue", 5, "Advertisement"),
    ]
    result = check("--baseline", "baseline.json", "articles", cwd=tmp_path)
    assert (result.exit_code, reported(result)) == (0, [])
    assert "2 findings recorded in baseline.json not shown" in result.stderr
    assert json.loads(result.stdout)["files"][0]["findings"] == 0


def test_lines_inserted_above_keep_findings_matched_and_a_new_finding_is_reported(tmp_path):
    adopt(tmp_path, {"articles/a.md": STORY})
    edited = STORY.replace(
        "# Harbour vote\n\n", "# Harbour vote\n\nThe council met again on Friday.\n\nThe result was a a surprise.\n\n"
    )
    (tmp_path / "articles/a.md").write_text(edited, encoding="utf-8")
    result = check("--baseline", "baseline.json", "articles", cwd=tmp_path)
    assert reported(result) == [("articles/a.md", "repeated-word", 5)]
    assert result.exit_code == 0


def test_a_finding_whose_text_changes_is_new(tmp_path):
    adopt(tmp_path, {"articles/a.md": STORY})
    (tmp_path / "articles/a.md").write_text(STORY.replace("on Monday", "on Tuesday"), encoding="utf-8")
    result = check("--baseline", "baseline.json", "articles", cwd=tmp_path)
    assert reported(result) == [("articles/a.md", "repeated-word", 3)]


def test_a_renamed_file_keeps_its_findings_matched(tmp_path):
    adopt(tmp_path, {"articles/a.md": STORY})
    (tmp_path / "articles/2024").mkdir()
    (tmp_path / "articles/a.md").rename(tmp_path / "articles/2024/harbour.md")
    result = check("--baseline", "baseline.json", "articles", cwd=tmp_path)
    assert reported(result) == []


def test_the_same_finding_in_another_file_is_new_while_the_recorded_file_exists(tmp_path):
    adopt(tmp_path, {"articles/a.md": STORY})
    (tmp_path / "articles/b.md").write_text(STORY, encoding="utf-8")
    result = check("--baseline", "baseline.json", "articles", cwd=tmp_path)
    assert reported(result) == [("articles/b.md", "repeated-word", 3), ("articles/b.md", "scrape-residue", 5)]
    assert result.exit_code == 1


def test_a_second_identical_finding_in_the_same_file_is_new(tmp_path):
    adopt(tmp_path, {"articles/a.md": STORY})
    (tmp_path / "articles/a.md").write_text(STORY + "\nAdvertisement\n", encoding="utf-8")
    result = check("--baseline", "baseline.json", "articles", cwd=tmp_path)
    assert reported(result) == [("articles/a.md", "scrape-residue", 9)]


def test_paths_are_relative_to_the_baseline_so_any_working_folder_works(tmp_path):
    adopt(tmp_path, {"articles/a.md": STORY})
    result = check("--baseline", "../baseline.json", ".", cwd=tmp_path / "articles")
    assert reported(result) == []


def test_a_missing_or_invalid_baseline_is_an_input_error(tmp_path):
    (tmp_path / "a.md").write_text(STORY, encoding="utf-8")
    missing = check("--baseline", "nowhere.json", "a.md", cwd=tmp_path)
    assert missing.exit_code == 2 and "nowhere.json: cannot read baseline" in missing.stderr
    (tmp_path / "bad.json").write_text('{"findings": 3}', encoding="utf-8")
    invalid = check("--baseline", "bad.json", "a.md", cwd=tmp_path)
    assert invalid.exit_code == 2 and "bad.json: not a copydesk baseline" in invalid.stderr
    both = check("--baseline", "bad.json", "--write-baseline", "b.json", "a.md", cwd=tmp_path)
    assert both.exit_code == 2 and "cannot be used together" in both.stderr


def test_writing_a_baseline_still_reports_unreadable_files(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles/a.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "articles/photo.md").write_bytes(b"\x89PNG\0\0binary")
    result = run_cli("check", "--write-baseline", "baseline.json", "articles", cwd=str(tmp_path))
    assert result.exit_code == 2 and result.stdout == ""
    assert "photo.md: binary file" in result.stderr
    assert len(json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]) == 2
