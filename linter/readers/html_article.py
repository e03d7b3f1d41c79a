"""Article extraction for full web pages: which of a page's blocks are the article.

trafilatura (a well-kept extractor of main text) reads the page and returns the article's text without the page
furniture (menus, share bars, related links, comments, footers). Its text has no source positions, so it is aligned
back, word by word, to the blocks that `linter.readers.html` read with exact positions: a block is kept when most
of its words are in the article text, in the same order. The headline is the block that matches trafilatura's
title. Nothing is fetched: the page is read from the given string.
"""

from __future__ import annotations

import logging
from difflib import SequenceMatcher

from linter.model.document import HEADING, TITLE, URL, URL_PLACEHOLDER

KEPT_SHARE = 0.5  # a block is kept when at least this share of its words is aligned to the article text


def article_text(source: str) -> tuple[str, str] | None:
    """(title, article text) of a page as trafilatura reads it, or None when it finds no article."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs pages it finds hard to read
    try:
        found = trafilatura.bare_extraction(source, include_comments=False, with_metadata=True)
    except (ValueError, TypeError, AttributeError):  # markup that lxml cannot build a tree from
        return None
    if found is None or not (found.text or "").strip():
        return None
    return found.title or "", found.text


def _words(text: str) -> list[str]:
    """The words of text as a block spells them (addresses become the placeholder word)."""
    return URL.sub(URL_PLACEHOLDER, text).split()


def article_blocks(blocks: list, source: str) -> list | None:
    """The blocks that make up the article of the page (the headline first), or None when no article is found."""
    found = article_text(source)
    if found is None:
        return None
    title, text = found
    wanted = _words(text)
    words, owners = [], []
    for i, block in enumerate(blocks):
        block_words = block.text.split()
        words.extend(block_words)
        owners.extend([i] * len(block_words))
    matched = [0] * len(blocks)
    for match in SequenceMatcher(None, words, wanted, autojunk=False).get_matching_blocks():
        for k in range(match.a, match.a + match.size):
            matched[owners[k]] += 1
    kept = [i for i, block in enumerate(blocks) if matched[i] >= KEPT_SHARE * len(block.text.split())]
    if not kept:
        return None
    headline = _headline(blocks, title, kept[0])
    if headline is not None and headline not in kept:
        kept.insert(0, headline)
    for i in kept:
        if i == headline:
            blocks[i].kind = TITLE
        elif blocks[i].kind == TITLE:  # the page's first h1 is not always the article's headline
            blocks[i].kind = HEADING
    return [blocks[i] for i in kept]


def _headline(blocks: list, title: str, first_kept: int) -> int | None:
    """The index of the block that reads as trafilatura's title, the nearest one before the article's first block."""
    wanted = " ".join(_words(title))
    if not wanted:
        return None
    before = [i for i in range(first_kept + 1) if " ".join(blocks[i].text.split()) == wanted]
    return before[-1] if before else None
