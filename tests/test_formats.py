"""Readers: which blocks each format yields, of which kind, and that excluded markup is never linted."""

from __future__ import annotations

from conftest import FIXTURES, assert_spans_match, lint

from linter.readers import parse

FOUNDATION = FIXTURES / "foundation"


def read(name: str) -> str:
    return (FOUNDATION / name).read_bytes().decode("utf-8")


def blocks(name: str):
    doc = parse(name, read(name))
    return doc, [(b.kind, b.text) for b in doc.blocks]


def test_markdown_blocks_and_kinds():
    doc, found = blocks("markup.md")
    assert doc.meta == {"title": "Ferry fares rise as fuel costs bite", "author": "Ana Ruiz", "section": "business"}
    assert found[0] == ("title", "Ferry fares rise as fuel costs bite")
    assert found[1] == ("heading", "Operators blame the winter")
    assert found[2] == ("paragraph", "By Ana Ruiz")
    assert (
        "paragraph",
        "The increase was approved by the the harbour board, which met at 6 p.m. in the old customs "
        "house. Details are at URL and in the CODE file.",
    ) in found
    assert (
        "blockquote",
        '"We held prices for as long as we could," said Mara Lund, the operator\'s chief '
        'executive. "Passengers will see the the new timetable next week."',
    ) in found
    assert ("list_item", "Return fares rise to £14") in found
    assert ("table_cell", "Halden to Skarp") in found
    assert found[-1] == ("paragraph", "Fuel & crew costs rose by a third in 2023, according to the board's report.")
    assert not any("fare: the the" in text or "editor:" in text for _, text in found)


def test_markdown_placeholders_map_to_the_whole_markup():
    doc = parse("markup.md", read("markup.md"))
    block = next(b for b in doc.blocks if "CODE" in b.text)
    i = block.text.index("CODE")
    assert doc.source[slice(*block.source_span(i, i + 4))] == "`fares.csv`"
    j = block.text.index("URL")
    assert doc.source[slice(*block.source_span(j, j + 3))] == "https://example.org/fares.html"
    last = doc.blocks[-1]
    k = last.text.index("&")
    assert doc.source[slice(*last.source_span(k, k + 1))] == "&amp;"


def test_markdown_only_prose_is_linted():
    source = read("markup.md")
    findings = lint(source, "repeated-word", name="markup.md")
    assert [(f.line, f.column, f.excerpt) for f in findings] == [(15, 30, "the the"), (18, 24, "the the")]
    assert_spans_match(source, findings)


def test_html_reads_the_article_only():
    doc, found = blocks("page.html")
    assert [kind for kind, _ in found] == [
        "title",
        "paragraph",
        "paragraph",
        "paragraph",
        "list_item",
        "list_item",
        "blockquote",
        "paragraph",
    ]
    assert found[2][1] == (
        "HALDEN — Ferry fares will rise by 8 per cent from March, the operator said on Tuesday, "
        "after a winter of storms at the the island piers."
    )
    assert found[3][1] == "Fuel & crew costs rose by a third, according to the board’s report."
    findings = lint(read("page.html"), "repeated-word", name="page.html")
    assert [(f.line, f.column, f.excerpt) for f in findings] == [(15, 38, "the the")]
    assert_spans_match(read("page.html"), findings)


def test_html_entities_map_to_their_source():
    doc = parse("page.html", read("page.html"))
    block = doc.blocks[2]
    assert doc.source[slice(*block.source_span(7, 8))] == "&mdash;"


def test_html_without_article_uses_body_and_loose_text():
    source = "<html><body><p>First para.</p>Loose text here.<div><p>Inner.</p></div></body></html>"
    doc = parse("x.html", source)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "First para."),
        ("paragraph", "Loose text here."),
        ("paragraph", "Inner."),
    ]


def test_plain_text_crlf_wrapped_paragraph():
    doc, found = blocks("crlf.txt")
    assert found == [
        ("title", "Ferry fares rise as fuel costs bite"),
        (
            "paragraph",
            "Ferry fares on the island routes will rise by 8 per cent from March, the operator said on "
            "Tuesday, after a winter of storms and high fuel prices at the the piers.",
        ),
        ("heading", "Advertisement"),
        ("paragraph", "The board met at 6 p.m. on Jan. 5 in the old customs house."),
    ]
    findings = lint(read("crlf.txt"), "repeated-word", name="crlf.txt")
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [(4, 67, 4, 74)]


def test_plain_text_lone_cr_line_ends():
    findings = lint(read("lone-cr.txt"), ["repeated-word", "scrape-residue"], name="lone-cr.txt")
    assert [(f.rule, f.line, f.column, f.excerpt) for f in findings] == [
        ("repeated-word", 3, 18, "the the"),
        ("scrape-residue", 4, 1, "Advertisement"),
    ]


def test_plain_text_bullets_become_list_items():
    doc = parse("x.txt", "Headline\n\nMore news\n  • First headline here\n  • Second one\n")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("title", "Headline"),
        ("heading", "More news"),
        ("list_item", "First headline here"),
        ("list_item", "Second one"),
    ]


def test_html_the_parser_rejects_is_linted_up_to_the_problem_with_a_notice():
    doc = parse("x.html", "<p>Hello there.</p><![0 more")
    assert [b.text for b in doc.blocks] == ["Hello there."]
    assert doc.notices == [
        "HTML could not be parsed past line 1, column 23 (expected name token at '<![0 more'); the rest was not linted"
    ]
