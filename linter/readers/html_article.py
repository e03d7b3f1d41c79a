"""Article extraction for full web pages: which of a page's blocks are the article.

trafilatura (a well-kept extractor of main text) reads the page and returns the article's text without the page
furniture (menus, share bars, related links, comments, footers). Its text has no source positions, so it is aligned
back, word by word, to the blocks that `linter.readers.html` read with exact positions: a block is kept when most
of its words are in the article text, in the same order; so are a byline ("By Ana Ruiz") between the headline and
the text and a caption between the article's first and last blocks (the extractor leaves both out). The headline
is the heading nearest before the article that the page's `<title>` or `og:title` names (else the page's first
h1, when it comes before the text), and it is kept even when the extractor leaves it out.

Then the link furniture that the extractor lets through is trimmed by link density (the share of a block's
characters inside `<a href>` elements): link blocks at the article's foot (a "Related articles" list, the next
stories and their dates), link blocks before its first paragraph (a breadcrumb, a section link; not the headline or
a byline) and a run of link blocks between two paragraphs of running prose (a box of related links). Other stories'
teasers (a linked headline, a paragraph or two, a "Read more" link) are dropped too. Nothing
is fetched: the page is read from the given string.
"""

from __future__ import annotations

import html
import logging
import re
from bisect import bisect_right
from difflib import SequenceMatcher

from linter.model.document import CAPTION, HEADING, TITLE, URL, URL_PLACEHOLDER

KEPT_SHARE = 0.5  # a block is kept when at least this share of its words is aligned to the article text
LINK_SHARE = 0.6  # a block is a link block when at least this share of its characters is link text
LINK_RUN = 3  # a run of at least this many link blocks between paragraphs of prose is a box of links
PROSE_WORDS = 15  # a paragraph of running prose has at least this many words
TEASER_BLOCKS = 2  # another story's teaser is at most this many blocks between its headline and its "Read more"
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
ANCHOR = re.compile(r"<a\s[^>]*?\bhref\s*=[^>]*>.*?</a\s*>", re.IGNORECASE | re.DOTALL)
READ_MORE = re.compile(
    r"(?:read (?:the )?(?:rest|more|full (?:story|article|post|review)|on)|continue reading|keep reading|full story|"
    r"more)\b\W{0,3}$",
    re.IGNORECASE,
)
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


class LinkText:
    """Where an HTML source has link text: the [start, end) spans of its `<a href>` elements."""

    def __init__(self, source: str):
        self.spans = [m.span() for m in ANCHOR.finditer(source)]
        self.starts = [s for s, _ in self.spans]

    def share(self, block, start: int = 0, end: int | None = None) -> float:
        """The share of the characters of block.text[start:end] that come from inside a link."""
        end = len(block.text) if end is None else end
        inside = 0
        for i in range(start, end):
            offset = block.starts[i]
            k = bisect_right(self.starts, offset) - 1
            inside += k >= 0 and offset < self.spans[k][1]
        return inside / max(1, end - start)


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
    links = LinkText(source)
    # The headline is sought before the first block that is not a link (a menu that the extractor lets through)
    first_text = next((i for i in kept if links.share(blocks[i]) < LINK_SHARE), kept[0])
    headline = _headline(blocks, _page_titles(source), first_text)
    if headline is None:  # the page's first h1, when it is the article's
        headline = next((i for i in range(first_text + 1) if blocks[i].kind == TITLE), None)
    first = kept[0] if headline is None else min(headline, kept[0])
    text_start = next((i for i in kept if i != headline), kept[0])
    # A byline between the headline and the text, and captions inside the text: the extractor leaves them out
    added = [
        i
        for i in range(first, kept[-1])
        if i not in kept and (blocks[i].kind == CAPTION or i < text_start and BYLINE.match(blocks[i].text))
    ]
    kept = sorted(set(kept + added + ([] if headline is None else [headline])))
    kept = _without_teasers(blocks, _without_link_furniture(blocks, kept, headline, links), links)
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


def _without_link_furniture(blocks: list, kept: list[int], headline: int | None, links: LinkText) -> list[int]:
    """kept less its link blocks before the text, at its foot, and in boxes between paragraphs."""
    linked = {i for i in kept if i != headline and links.share(blocks[i]) >= LINK_SHARE}
    if not linked:
        return kept
    prose = [i for i in kept if i not in linked and len(blocks[i].text.split()) >= PROSE_WORDS]
    # The head: short link blocks before the first paragraph of prose (or the headline), but not a byline
    text_start = prose[0] if prose else headline if headline is not None else -1
    dropped = {i for i in linked if i < text_start and _short(blocks[i]) and not BYLINE.match(blocks[i].text)}
    if not prose:  # a page of links and short items (a wiki's tables, a list of tools): nothing more to tell apart
        return [i for i in kept if i not in dropped]
    # The foot: after the last paragraph of prose, from the first link block on, with the dates and labels among them
    tail = []
    for i in reversed([i for i in kept if i > prose[-1]]):
        if i not in linked and not _label(blocks[i]):
            break
        tail.append(i)
    tail_links = [i for i in tail if i in linked]
    if tail_links:
        dropped.update(i for i in tail if i >= min(tail_links))
    # A box of links between two paragraphs of prose, with its header and separators
    is_prose = set(prose)
    box, before = [], None
    for i in kept:
        if i in linked or _label(blocks[i]):
            box.append(i)
            continue
        if sum(k in linked for k in box) >= LINK_RUN and before in is_prose and i in is_prose:
            dropped.update(box)
        box, before = [], i
    return [i for i in kept if i not in dropped]


def _without_teasers(blocks: list, kept: list[int], links: LinkText) -> list[int]:
    """kept less other stories' teasers after the text's first paragraph: a linked headline, a block or two of text,
    and a "Read more" link (a "next stories" strip under the article), whether or not the extractor kept them."""
    is_kept = set(kept)
    prose = [i for i in kept if len(blocks[i].text.split()) >= PROSE_WORDS]
    if not prose:
        return kept
    dropped = set()
    for i in range(prose[0] + 1, len(blocks) - 1):
        if blocks[i].kind not in (TITLE, HEADING) or links.share(blocks[i]) < LINK_SHARE:
            continue
        end = i + 1
        while end < len(blocks) and end - i <= TEASER_BLOCKS and links.share(blocks[end]) < LINK_SHARE:
            end += 1
        teaser = range(i + 1, end)
        after = blocks[end] if end < len(blocks) and any(k in is_kept for k in teaser) else None
        if after is not None and READ_MORE.match(after.text.strip()) and links.share(after) >= LINK_SHARE:
            dropped.update(range(i, end + 1))
    return [i for i in kept if i not in dropped]


def _short(block) -> bool:
    return len(block.text.split()) < PROSE_WORDS


def _label(block) -> bool:
    """A short line that is not a sentence: a date, a section's name, a list's header, a separator."""
    return len(block.text.split()) <= 6 and not SENTENCE_END.search(block.text.strip())
