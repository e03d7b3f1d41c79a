"""Article extraction for full web pages: which of a page's blocks are the article.

trafilatura (a well-kept extractor of main text) reads the page and returns the article's text without the page
furniture (menus, share bars, related links, comments, footers). Its text has no source positions, so it is aligned
back, word by word, to the blocks that `linter.readers.html` read with exact positions: a block is kept when most
of its words are in the article text, in the same order; so are a byline ("By Ana Ruiz") between the headline and
the text and a caption between the article's first and last blocks (the extractor leaves both out). The headline
is the heading nearest before the article that the page's `<title>` or `og:title` names (else the page's first
h1, when it comes before the text). Nothing is fetched: the page is read from the given string.
"""

from __future__ import annotations

import html
import logging
import re
from difflib import SequenceMatcher

from linter.model.document import CAPTION, HEADING, TITLE, URL, URL_PLACEHOLDER

KEPT_SHARE = 0.5  # a block is kept when at least this share of its words is aligned to the article text
BYLINE = re.compile(r"By [A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,3}(,|$| and )")
PAGE_TITLES = (
    re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL),
    re.compile(r"<meta\s[^>]*?property=[\"']og:title[\"'][^>]*?content=[\"']([^\"']*)", re.IGNORECASE),
    re.compile(r"<meta\s[^>]*?content=[\"']([^\"']*)[\"'][^>]*?property=[\"']og:title", re.IGNORECASE),
)


def article_text(source: str) -> str | None:
    """The article text of a page as trafilatura reads it (comments left out), or None when it finds none."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs pages it finds hard to read
    try:
        text = trafilatura.extract(source, include_comments=False)
    except (ValueError, TypeError, AttributeError):  # markup that lxml cannot build a tree from
        return None
    return text if text and text.strip() else None


def _words(text: str) -> list[str]:
    """The words of text as a block spells them (addresses become the placeholder word)."""
    return URL.sub(URL_PLACEHOLDER, text).split()


def article_blocks(blocks: list, source: str) -> list | None:
    """The blocks that make up the article of the page (the headline first), or None when no article is found."""
    text = article_text(source)
    if text is None:
        return None
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
    headline = _headline(blocks, _page_titles(source), kept[0])
    if headline is None:  # the page's first h1, when it is the article's
        headline = next((i for i in range(kept[0] + 1) if blocks[i].kind == TITLE), None)
    first = kept[0] if headline is None else min(headline, kept[0])
    text_start = next((i for i in kept if i != headline), kept[0])
    # A byline between the headline and the text, and captions inside the text: the extractor leaves them out
    added = [
        i
        for i in range(first, kept[-1])
        if i not in kept and (blocks[i].kind == CAPTION or i < text_start and BYLINE.match(blocks[i].text))
    ]
    kept = sorted(kept + added)
    for i in kept:
        if i == headline:
            blocks[i].kind = TITLE
        elif blocks[i].kind == TITLE:  # the page's first h1 is not always the article's headline
            blocks[i].kind = HEADING
    return [blocks[i] for i in kept]


def _page_titles(source: str) -> list[str]:
    """The page's `<title>` and `og:title`, as words joined by single spaces."""
    body = source.lower().find("<body")
    head = source if body == -1 else source[:body]
    titles = (html.unescape(m.group(1)) for pattern in PAGE_TITLES for m in pattern.finditer(head))
    return [" ".join(_words(t)) for t in titles if t.strip()]


def _headline(blocks: list, titles: list[str], first_kept: int) -> int | None:
    """The index of the heading nearest before the article's first block (or that block) that is most of the page's
    title (a title is often "Headline | Site")."""
    for i in range(first_kept, -1, -1):
        text = " ".join(blocks[i].text.split())
        if blocks[i].kind in (TITLE, HEADING) and any(text in t and 2 * len(text) >= len(t) for t in titles):
            return i
    return None
