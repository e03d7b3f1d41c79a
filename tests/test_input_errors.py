"""Bad input: each problem is one clear line naming the file; the rest of the batch is still linted."""

from __future__ import annotations

import pytest
from conftest import cli_json, run_cli

pytestmark = pytest.mark.timeout(300)  # a read that blocks fails the test instead of blocking CI

DOUBLED = "Headline\n\nThe board met at the the house.\n"


def test_missing_path_is_an_error_but_other_files_are_linted(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(DOUBLED, encoding="utf-8")
    missing = tmp_path / "nope.md"
    result = run_cli("check", str(missing), str(good))
    assert result.exit_code == 2
    assert f"copydesk: {missing}: no such file or folder\n" in result.stderr
    assert f"{good}:3:18: warning [repeated-word]" in result.stdout


def test_binary_file(tmp_path):
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    good = tmp_path / "good.txt"
    good.write_text(DOUBLED, encoding="utf-8")
    result = run_cli("check", str(binary), str(good))
    assert result.exit_code == 2
    assert f"copydesk: {binary}: binary file (contains NUL bytes); not linted\n" in result.stderr
    assert f"{good}:3:18:" in result.stdout


def test_invalid_utf8_is_read_as_cp1252_and_linted(tmp_path):
    article = tmp_path / "old.txt"
    article.write_bytes("Headline\n\nThe caf\xe9 met at the the house.\n".encode("cp1252"))
    result = run_cli("check", "--format", "json", str(article))
    assert result.exit_code == 0
    assert f"copydesk: {article}: not valid UTF-8 (byte 0xe9 at offset 17); read as cp1252\n" in result.stderr
    import json

    finding = json.loads(result.stdout)["findings"][0]
    assert (finding["line"], finding["column"], finding["excerpt"]) == (3, 17, "the the")


def test_empty_file_is_linted_with_a_notice(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    result = run_cli("check", str(empty))
    assert result.exit_code == 0
    assert result.stderr == f"copydesk: {empty}: empty file; nothing to lint\n"


def test_huge_file_is_skipped(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(21 * 1024 * 1024)
    good = tmp_path / "good.txt"
    good.write_text(DOUBLED, encoding="utf-8")
    data_result = run_cli("check", str(huge), str(good))
    assert data_result.exit_code == 2
    limit = "over the 1 MB limit (limits: max_file_mb in the configuration)"
    assert f"copydesk: {huge}: file is 21.0 MB, {limit}; not linted\n" in data_result.stderr
    assert f"{good}:3:18:" in data_result.stdout


def test_folder_without_articles_warns(tmp_path):
    (tmp_path / "code.py").write_text("print('hi')\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == f"copydesk: {tmp_path}: no article files (.md .markdown .txt .html .htm .docx) found\n"


def test_json_lists_failed_files(tmp_path):
    data = cli_json("check", str(tmp_path / "gone.txt"))
    assert data["files"] == [
        {"path": str(tmp_path / "gone.txt"), "status": "error", "findings": 0, "error": "no such file or folder"}
    ]
    assert data["summary"]["files_failed"] == 1


def test_articles_are_never_written(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# T\n\nAt the the end.\n", encoding="utf-8")
    before = article.stat().st_mtime_ns, article.read_bytes()
    run_cli("check", str(article))
    assert (article.stat().st_mtime_ns, article.read_bytes()) == before
