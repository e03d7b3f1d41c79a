"""Word (.docx) articles: one line per paragraph, block kinds from the styles, tracked changes read as accepted,
comments left out, and the CLI on .docx files."""

from __future__ import annotations

import json

import docx
from conftest import assert_spans_match, lint, run_cli
from docx_fixtures import build_story, build_table

from linter.model.document import BLOCKQUOTE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_CELL, TITLE
from linter.readers import parse
from linter.readers.files import read_article


def test_each_paragraph_is_one_line_with_its_kind(tmp_path):
    path = tmp_path / "story.docx"
    expected = build_story(path)
    source, notices = read_article(str(path))
    assert source.split("\n") == expected and notices == []
    blocks = parse(str(path), source).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (TITLE, "Harbour plan approved after long debate"),
        (PARAGRAPH, "By Ana Ruiz"),
        (PARAGRAPH, expected[2]),
        (PARAGRAPH, expected[3]),
        (HEADING, "What happens next"),
        (LIST_ITEM, "Dredging of the channel."),
        (LIST_ITEM, "Repairs to the sea wall."),
        (BLOCKQUOTE, expected[7]),
        (PARAGRAPH, "The board said the plan would cost £3m over three years."),
        (PARAGRAPH, "Advertisement"),
        (PARAGRAPH, expected[11]),
    ]


def test_tracked_changes_read_as_accepted_and_comments_are_not_read(tmp_path):
    path = tmp_path / "story.docx"
    build_story(path)
    source, _ = read_article(str(path))
    assert "£3m" in source and "£2m" not in source
    assert "Check the date" not in source
    assert "Check the date with the board" in [c.text for c in docx.Document(str(path)).comments]


def test_table_cells_are_lines_of_their_own(tmp_path):
    path = tmp_path / "fares.docx"
    build_table(path)
    source, _ = read_article(str(path))
    assert (
        source
        == "The fares rise in March, and the the operator blames fuel.\nAdult single\n£4.20\nFares last rose in 2024."
    )
    assert [b.kind for b in parse(str(path), source).blocks] == [PARAGRAPH, TABLE_CELL, TABLE_CELL, PARAGRAPH]


def test_positions_are_paragraph_number_and_column_within_it(tmp_path):
    path = tmp_path / "story.docx"
    build_story(path)
    source, _ = read_article(str(path))
    findings = lint(source, ["repeated-word", "scrape-residue"], name="story.docx")
    assert [(f.rule, f.line, f.column, f.end_line, f.end_column, f.excerpt) for f in findings] == [
        ("repeated-word", 3, 42, 3, 49, "the the"),
        ("scrape-residue", 10, 1, 10, 14, "Advertisement"),
        ("repeated-word", 12, 41, 12, 48, "the the"),
    ]
    assert_spans_match(source, findings)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]  # python-docx's own reading of the text
    for f in findings:
        assert paragraphs[f.line - 1][f.column - 1 : f.end_column - 1] == f.excerpt


def test_copydesk_check_reads_a_docx_file_and_a_folder_of_them(tmp_path):
    build_story(tmp_path / "story.docx")
    result = run_cli("check", "--no-cache", "--select", "repeated-word", str(tmp_path / "story.docx"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f'{tmp_path / "story.docx"}:3:42: warning [repeated-word] doubled word "the"',
        f'{tmp_path / "story.docx"}:12:41: warning [repeated-word] doubled word "the"',
    ]
    folder = run_cli("check", "--no-cache", "--format", "json", "--select", "scrape-residue", str(tmp_path))
    assert folder.exit_code == 1
    data = json.loads(folder.stdout)
    assert [(f["path"], f["line"], f["excerpt"]) for f in data["findings"]] == [
        (str(tmp_path / "story.docx"), 10, "Advertisement")
    ]


def test_a_file_that_is_not_a_word_document_is_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    (tmp_path / "fine.md").write_text("# Vote\n\nThe the vote was close.\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "--select", "repeated-word", str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'fine.md'}:3:1: warning [repeated-word]" in result.stdout
    assert f"{tmp_path / 'broken.docx'}: not a readable Word (.docx) document" in result.stderr


def test_fix_never_rewrites_a_docx_file(tmp_path):
    path = tmp_path / "story.docx"
    build_story(path)
    before = path.read_bytes()
    result = run_cli("check", "--no-cache", "--fix", "--select", "repeated-word", str(path))
    assert path.read_bytes() == before
    assert result.stdout.count("doubled word") == 2


def test_a_docx_read_from_standard_input_is_named_by_stdin_filename(tmp_path):
    path = tmp_path / "story.docx"
    build_story(path)
    result = run_cli(
        "check",
        "--no-cache",
        "--select",
        "scrape-residue",
        "-",
        "--stdin-filename",
        "story.docx",
        input=path.read_bytes(),
    )
    assert result.exit_code == 1
    assert (
        result.stdout
        == 'story.docx:10:1: error [scrape-residue] scraped page residue (advertisement): "Advertisement"\n'
    )


def test_copydesk_text_prints_a_docx_without_its_residue(tmp_path):
    document = docx.Document()
    document.add_heading("Harbour deal", 0)
    document.add_paragraph("The council approved the harbour plan on Monday.")
    document.add_paragraph("Share this article on Facebook")
    document.add_paragraph("Residents said they were pleased with the outcome.")
    path = tmp_path / "story.docx"
    document.save(path)
    result = run_cli("text", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Harbour deal\n\nThe council approved the harbour plan on Monday.\n\n"
        "Residents said they were pleased with the outcome.\n"
    )
