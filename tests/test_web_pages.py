"""Full web pages: the article is extracted with exact positions, furniture outside it is not linted, and
`copydesk text` prints the clean copy of any format."""

from __future__ import annotations

import html
import re

from conftest import FIXTURES, assert_spans_match, cli_json, run_cli

from linter.readers import parse
from linter.readers.files import decode

PAGE = FIXTURES / "web" / "harbour-page.html"
PAGE_SOURCE = decode(PAGE.read_bytes())[0]
SCRAPED = FIXTURES / "boilerplate" / "scraped.txt"
TAG = re.compile(r"<[^>]*>")

FURNITURE = [
    "We use cookies",
    "The Coastline Courier",
    "Weather",
    "Home",
    "Most read",
    "Lifeboat crew rescue two walkers",
    "Sign up for our newsletter",
    "Share on Facebook",
    "About time too",
    "Leave a comment",
    "All rights reserved",
    "Privacy policy",
]


def test_the_article_is_extracted_from_the_page():
    doc = parse(str(PAGE), PAGE_SOURCE)
    kinds_and_starts = [(b.kind, b.text[:28]) for b in doc.blocks]
    assert kinds_and_starts == [
        ("title", "Harbour ferry returns after "),
        ("paragraph", "By Morwenna Price, Transport"),
        ("caption", "The Gull Rock ferry leaving "),
        ("paragraph", "The little ferry that links "),
        ("paragraph", "Engineers replaced both prop"),
        ("paragraph", "Share this article: Facebook"),
        ("paragraph", "“We knew the wheelhouse was "),
        ("heading", "Timetable changes"),
        ("paragraph", "For the first month the ferr"),
        ("paragraph", "Traders on the south quay sa"),
        ("paragraph", "The council said it would lo"),
    ]
    text = "\n".join(b.text for b in doc.blocks)
    for furniture in FURNITURE:
        assert furniture not in text


def test_every_kept_character_maps_to_its_source():
    doc = parse(str(PAGE), PAGE_SOURCE)
    for block in doc.blocks:
        for char, start, end in zip(block.text, block.starts, block.ends):
            source = PAGE_SOURCE[start:end]
            assert char == " " and source.isspace() or html.unescape(source) == char, (block.text, start)


def test_whole_page_reads_the_main_element_as_before():
    doc = parse(str(PAGE), PAGE_SOURCE, extract=False)
    text = "\n".join(b.text for b in doc.blocks)
    assert "Sign up for our newsletter" in text and "Leave a comment" in text
    assert "We use cookies" not in text  # outside main
    assert "Lifeboat crew rescue" not in text  # in an aside


def test_check_reports_residue_inside_the_article_only():
    data = cli_json("check", "--select", "boilerplate", str(PAGE))
    assert [(f["line"], f["column"], f["excerpt"]) for f in data["findings"]] == [
        (33, 6, "Share this article: Facebook | X | Email")
    ]
    assert_spans_match(PAGE_SOURCE, data["findings"])


def test_check_whole_page_lints_the_furniture_too():
    data = cli_json("check", "--whole-page", "--select", "boilerplate", str(PAGE))
    excerpts = [f["excerpt"] for f in data["findings"]]
    assert excerpts == [
        "Share this article: Facebook | X | Email",
        "Sign up for our newsletter",
        "Get the day's top stories in your inbox every morning.",
        'Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Copy link',
        "3 comments",
    ]
    assert_spans_match(PAGE_SOURCE, data["findings"])


def test_text_prints_the_clean_article():
    result = run_cli("text", str(PAGE))
    assert result.exit_code == 0
    paragraphs = result.stdout.rstrip("\n").split("\n\n")
    assert paragraphs[:3] == [
        "Harbour ferry returns after winter repairs",
        "By Morwenna Price, Transport Reporter",
        "The Gull Rock ferry leaving the north quay on its first crossing of the season.",
    ]
    assert paragraphs[3].startswith("The little ferry that links the two halves of Porthcarrow harbour went back")
    assert "repairs cost £84,000, about a third more" in paragraphs[4]
    assert paragraphs[5].startswith("“We knew the wheelhouse was tired")  # the share line is left out
    assert paragraphs[6] == "Timetable changes"
    assert len(paragraphs) == 10
    for furniture in FURNITURE + ["Share this article"]:
        assert furniture not in result.stdout


def test_text_json_gives_blocks_with_kinds_and_source_spans():
    data = cli_json("text", str(PAGE))
    (page,) = data["files"]
    assert page["path"] == str(PAGE) and page["format"] == "html"
    kinds = [b["kind"] for b in page["blocks"]]
    assert kinds == ["title", "paragraph", "caption"] + ["paragraph"] * 3 + ["heading"] + ["paragraph"] * 3
    starts = [0] + [m.end() for m in re.finditer("\n", PAGE_SOURCE)]
    for block in page["blocks"]:
        start = starts[block["line"] - 1] + block["column"] - 1
        end = starts[block["end_line"] - 1] + block["end_column"] - 1
        spelled = " ".join(html.unescape(TAG.sub("", PAGE_SOURCE[start:end])).split())
        assert spelled == block["text"]


def test_text_of_plain_text_drops_residue_lines():
    result = run_cli("text", str(SCRAPED))
    assert result.exit_code == 0
    assert result.stdout.split("\n\n") == [
        "Council approves harbour plan",
        "PORT TALLIS — The council approved the harbour plan on Tuesday after a three-hour debate.",
        "Councillors said they would subscribe to the regional transport scheme, and residents shared the plan "
        "widely online.",
        "The plan will go to a public vote in June.",
        "The harbour board will meet again on 4 June to set fees.\n",
    ]


def test_text_of_markdown_keeps_paragraphs(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("---\ntitle: Pier\n---\n# Pier reopens\n\nThe pier reopened on *Friday*.\n\nAdvertisement\n")
    result = run_cli("text", str(article))
    assert result.stdout == "Pier reopens\n\nThe pier reopened on Friday.\n"


def test_text_prints_code_verbatim_and_addresses_as_written(tmp_path):
    page = tmp_path / "note.html"
    page.write_text(
        "<html><body><p>Read www.example.org/a?x=1&amp;y=2 first.</p>\n<pre>\n  make\n  make test\n</pre></body></html>"
    )
    result = run_cli("text", "--whole-page", str(page))
    assert result.stdout == "Read www.example.org/a?x=1&y=2 first.\n\n  make\n  make test\n"
    doc = parse(str(page), page.read_text())
    assert [b.text for b in doc.code] == ["  make\n  make test"]
    assert all("make" not in b.text for b in doc.blocks)  # code is not prose: no rule sees it


def test_a_fragment_without_an_article_is_read_whole(tmp_path):
    page = tmp_path / "short.html"
    page.write_text("<p>Ferry back.</p>")
    assert run_cli("text", str(page)).stdout == "Ferry back.\n"


def test_text_goes_on_past_a_file_it_cannot_read(tmp_path):
    missing, binary = tmp_path / "missing.md", tmp_path / "blob.txt"
    binary.write_bytes(b"\0\1\2")
    result = run_cli("text", str(missing), str(binary), str(SCRAPED))
    assert result.exit_code == 2
    assert f"copydesk: {missing}: no such file or folder" in result.stderr
    assert f"copydesk: {binary}: binary file (contains NUL bytes); not linted" in result.stderr
    assert result.stdout.startswith("Council approves harbour plan\n\n")
