"""scrape-residue: page furniture copied into an article by a scraper."""

from __future__ import annotations

from conftest import FIXTURES, assert_spans_match, lint


def read(name: str) -> str:
    return (FIXTURES / "boilerplate" / name).read_text(encoding="utf-8")


def test_each_kind_of_residue_in_a_scraped_text_article():
    source = read("scraped.txt")
    findings = lint(source, "scrape-residue", name="scraped.txt")
    assert [(f.line, f.column, f.end_line, f.end_column, f.message) for f in findings] == [
        (3, 1, 3, 19, 'scraped page residue (author avatar): "Maria Lopez Avatar"'),
        (5, 1, 5, 3, 'scraped page residue (orphan byline): "By"'),
        (9, 1, 9, 14, 'scraped page residue (advertisement): "Advertisement"'),
        (13, 1, 13, 46, 'scraped page residue (share prompt): "Share this story: Facebook | WhatsApp | Email"'),
        (15, 1, 15, 28, 'scraped page residue (photo credit): "Photo: Tallis Harbour Board"'),
        (17, 1, 17, 49, 'scraped page residue (subscribe prompt): "Click here to subscribe to our morning briefing."'),
        (
            19,
            1,
            19,
            56,
            'scraped page residue (cookie notice): "We use cookies to improve your experience on this site."',
        ),
        (21, 1, 21, 39, 'scraped page residue (related link): "Related: Ferry fares to rise in spring"'),
        (25, 1, 27, 25, 'scraped page residue (related-headlines block): "More from Tallis Courier"'),
        (31, 1, 33, 28, 'scraped page residue (related-headlines block): "Read more"'),
    ]
    assert_spans_match(source, findings)
    assert findings[-1].excerpt == "Read more\nPort traffic hits record high\nNew lighthouse keeper named"


def test_bylines_sentences_about_sharing_and_header_like_subheads_are_not_residue():
    assert lint(read("clean.md"), "scrape-residue", name="clean.md") == []


def test_keep_reading_list_of_bullets_is_one_finding():
    source = (
        "# Port deal signed\n\nThe deal was signed on Monday.\n\nKEEP READING\n\n"
        "- Harbour master retires after 30 years\n- Fishing quotas cut again\n"
    )
    findings = lint(source, "scrape-residue")
    assert [(f.line, f.end_line, f.excerpt.splitlines()[0]) for f in findings] == [(5, 8, "KEEP READING")]
    assert_spans_match(source, findings)
