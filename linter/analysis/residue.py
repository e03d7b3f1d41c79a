"""Scraped residue in a document: the page furniture that the scrape-residue rule reports and that the
readability rules leave out of the body they score (see `linter.checks.scrape_residue` for what is found)."""

from __future__ import annotations

import re

from linter.analysis.analyses import analyses_of
from linter.model.document import HEADING, TITLE, block_lines
from linter.model.findings import Hit


def _lines(doc):
    """Every line of every block, in order: (block, start, end, text)."""
    for block in doc.blocks:
        for start, end in block_lines(block, doc.source):
            yield block, start, end, block.text[start:end]


def _is_headline(text: str, max_words: int) -> bool:
    words = text.split()
    return 0 < len(words) <= max_words and not text.rstrip().endswith((".", "!", ";", ","))


def find_residue(doc, options) -> list[Hit]:
    """The residue found with these options (the scrape-residue rule's), once per document and set of options."""
    return analyses_of(doc).residue(options)


def scan_residue(doc, options):
    """The residue found with these options, scanned line by line."""
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
