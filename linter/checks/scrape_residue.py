"""Web-scraping residue: page furniture that a scraper copied into the article.

Flagged: a "KEEP READING" / "Related" / "More from" / "Read more" header with the list of unrelated headlines after
it (one finding for the whole block); lines such as "Advertisement", "Share this article: Facebook | X",
"Click here to subscribe", "<Name> Avatar", an orphan "By" line, "Related: <headline>", cookie notices and photo
credits. Not flagged: a real byline ("By Ana Ruiz"), a sentence that mentions sharing or subscribing, a subhead
that reads like a header ("More from the debate") with no list of headlines after it.
"""
from __future__ import annotations

import json
import re

from linter.document import HEADING, TITLE
from linter.findings import Hit

OPTIONS = {"headers": [str], "lines": dict, "max_headline_words": int}


def block_lines(block, source: str):
    """(start, end) spans of a block's text, split where the source had a line break."""
    text, start = block.text, 0
    space = text.find(" ")
    while space != -1:
        if source[block.starts[space]] in "\r\n":
            yield start, space
            start = space + 1
        space = text.find(" ", space + 1)
    yield start, len(text)


def _lines(doc):
    """Every line of every block, in order: (block, start, end, text)."""
    for block in doc.blocks:
        for start, end in block_lines(block, doc.source):
            yield block, start, end, block.text[start:end]


def _is_headline(text: str, max_words: int) -> bool:
    words = text.split()
    return 0 < len(words) <= max_words and not text.rstrip().endswith((".", "!", ";", ","))


def check(doc, options) -> list[Hit]:
    """The residue hits with these options, found once per document for each set of options: the readability rules
    ask with the defaults too, to leave residue out of the body they score."""
    key = ("scrape-residue", json.dumps(options, sort_keys=True, default=str))
    return doc.analysis(key, lambda: list(_residue(doc, options)))


def _residue(doc, options):
    headers = [re.compile(p, re.IGNORECASE) for p in options["headers"]]
    line_patterns = [(what, re.compile(p)) for what, p in options["lines"].items()]
    lines = list(_lines(doc))
    i = 0
    while i < len(lines):
        block, start, end, text = lines[i]
        source_start = block.starts[start]
        header = next((h for h in headers if h.fullmatch(text.strip())), None)
        if header is not None:
            last = i
            while last + 1 < len(lines) and _is_headline(lines[last + 1][3], options["max_headline_words"]):
                last += 1
            if last == i and block.kind in (TITLE, HEADING):  # a subhead such as "More from the debate"
                i += 1
                continue
            last_block, _, last_end, _ = lines[last]
            what = "related-headlines block" if last > i else "related-headlines header"
            yield Hit(source_start, last_block.ends[last_end - 1], {"what": what, "text": text.strip()})
            i = last + 1
            continue
        for what, pattern in line_patterns:
            if pattern.search(text.strip()):
                yield Hit(source_start, block.ends[end - 1], {"what": what, "text": text.strip()})
                break
        i += 1
