"""Inline suppression comments in Markdown, HTML and plain text."""

from __future__ import annotations

from conftest import FIXTURES, run_cli

from linter.run.config import load_config
from linter.run.engine import lint_file


def lint_with_suppression(text: str, name: str = "article.md"):
    """(rule, line) of each finding left after the file's suppression comments, and the file's notices."""
    config = load_config(None, start=str(FIXTURES))
    findings, status = lint_file(name, config, select=("repeated-word", "scrape-residue"), source=text)
    return [(f.rule, f.line) for f in findings], status.notices


def test_disable_next_line_with_an_id_suppresses_only_that_rule_on_the_next_line():
    text = (
        "# Title\n\n"
        "<!-- copydesk-disable-next-line repeated-word -->\n"
        "The the vote was close.\n\n"
        "It was a a close vote.\n"
    )
    assert lint_with_suppression(text) == ([("repeated-word", 6)], [])


def test_disable_next_line_skips_blank_lines_and_names_other_rules():
    text = (
        "# Title\n\n"
        "<!-- copydesk-disable-next-line repeated-word -->\n\n"
        "The the vote was close.\n\n"
        "<!-- copydesk-disable-next-line scrape-residue -->\n"
        "Advertisement\n\n"
        "It was a a vote.\n"
    )
    assert lint_with_suppression(text) == ([("repeated-word", 10)], [])


def test_disable_and_enable_with_several_ids_cover_the_lines_between():
    text = (
        "# Title\n\n"
        "<!-- copydesk-disable repeated-word, scrape-residue -->\n"
        "The the vote was close.\n\n"
        "Advertisement\n\n"
        "<!-- copydesk-enable -->\n\n"
        "It was a a close vote.\n\n"
        "Advertisement\n"
    )
    assert lint_with_suppression(text) == ([("repeated-word", 10), ("scrape-residue", 12)], [])


def test_enable_with_an_id_ends_only_that_rule_and_an_unclosed_disable_runs_to_the_end():
    text = (
        "# Title\n\n"
        "<!-- copydesk-disable repeated-word scrape-residue -->\n"
        "The the vote.\n\n"
        "<!-- copydesk-enable scrape-residue -->\n\n"
        "Advertisement\n\n"
        "It was a a vote.\n"
    )
    assert lint_with_suppression(text) == ([("scrape-residue", 8)], [])


def test_comments_without_ids_suppress_every_rule_and_category_names_work():
    text = (
        "# Title\n\n"
        "<!-- copydesk-disable-next-line -->\n"
        "Advertisement the the\n\n"
        "<!-- copydesk-disable-next-line boilerplate -->\n"
        "Advertisement\n\n"
        "<!-- copydesk-disable -->\n"
        "A a vote. Advertisement\n\n"
        "Advertisement\n"
    )
    assert lint_with_suppression(text) == ([], [])


def test_a_reason_after_two_dashes_is_not_an_id():
    text = "# Title\n\n<!-- copydesk-disable-next-line repeated-word -- a quoted stammer -->\nThe the vote.\n"
    assert lint_with_suppression(text) == ([], [])


def test_unknown_ids_are_reported_with_a_suggestion_and_do_not_suppress():
    text = "# Title\n\n<!-- copydesk-disable-next-line repeted-word -->\nThe the vote.\n"
    findings, notices = lint_with_suppression(text)
    assert findings == [("repeated-word", 4)]
    assert notices == [
        "line 3: copydesk-disable-next-line names unknown rule 'repeted-word' (did you mean \"repeated-word\"?)"
    ]


def test_html_comments_suppress_in_html_articles():
    text = (
        "<html><body><article><h1>Title</h1>\n"
        "<!-- copydesk-disable-next-line repeated-word -->\n"
        "<p>The the vote was close.</p>\n"
        "<p>It was a a close vote.</p>\n"
        "</article></body></html>\n"
    )
    assert lint_with_suppression(text, "page.html") == ([("repeated-word", 4)], [])


def test_plain_text_uses_a_directive_line_which_is_itself_never_reported():
    text = (
        "Council vote\n\n"
        "copydesk-disable-next-line repeated-word -- the the quote is verbatim\n"
        "The the vote was close, and the clerk counted twice.\n\n"
        "It was a a close vote, the clerk said afterwards.\n"
    )
    assert lint_with_suppression(text, "story.txt") == ([("repeated-word", 6)], [])


def test_plain_text_ignores_html_comments_and_markdown_ignores_bare_directive_lines():
    text = "Title\n\n<!-- copydesk-disable-next-line repeated-word -->\nThe the vote was close today.\n"
    assert lint_with_suppression(text, "story.txt")[0] == [("repeated-word", 4)]
    text = "# Title\n\ncopydesk-disable-next-line repeated-word\nThe the vote was close today.\n"
    assert lint_with_suppression(text, "story.md")[0] == [("repeated-word", 4)]


def test_the_cli_prints_the_unknown_id_notice_and_the_findings(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("# Title\n\n<!-- copydesk-disable repeated-wrd -->\nThe the vote.\n", encoding="utf-8")
    result = run_cli("check", str(article))
    assert result.exit_code == 0
    assert result.stdout == f'{article}:4:1: warning [repeated-word] doubled word "the"\n'
    assert f"copydesk: {article}: line 3: copydesk-disable names unknown rule 'repeated-wrd'" in result.stderr


def test_a_directive_line_inside_a_text_paragraph_is_not_text_and_keeps_the_paragraph_whole():
    from linter.readers import parse

    text = (
        "Council vote\n\nThe council met on Monday and agreed the plan for the harbour.\n"
        "copydesk-disable-next-line repeated-word\nThe the vote was close, the clerk said.\n"
    )
    paragraphs = [block.text for block in parse("story.txt", text).blocks if block.kind == "paragraph"]
    assert paragraphs == [
        "The council met on Monday and agreed the plan for the harbour. The the vote was close, the clerk said."
    ]
    assert lint_with_suppression(text, "story.txt") == ([], [])


def test_a_comment_at_the_end_of_a_line_suppresses_the_next_line_without_ending_the_paragraph():
    from linter.readers import parse

    text = (
        "# Vote\n\nThe council met on Monday and agreed the plan. <!-- copydesk-disable-next-line repeated-word -->\n"
        "The the vote was close.\n\nIt was a a close vote.\n"
    )
    assert len([b for b in parse("story.md", text).blocks if b.kind == "paragraph"]) == 2
    assert lint_with_suppression(text) == ([("repeated-word", 6)], [])
