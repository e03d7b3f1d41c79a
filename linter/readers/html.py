"""HTML articles: the article's text only, with exact source positions.

By default the article is extracted from the whole page (see `linter.readers.html_article`): every block of the
body is read, and those that the extractor finds to be the article are kept. Without extraction, or when the
extractor finds no article, the text of `<article>` (or `<main>`, or else `<body>`) is read, and nav, header,
footer, aside, form and the like are skipped as page chrome. Either way script, style and other non-text elements
are left out, block elements (p, h1-h6, li, blockquote, td, figcaption, ...) become blocks, and character references
(`&amp;`) map back to their whole source span.
"""

from __future__ import annotations

import html
import re
from array import array
from html.parser import HTMLParser

from linter.model.document import (
    BLOCKQUOTE,
    CAPTION,
    CODE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE_CELL,
    TITLE,
    Block,
    BlockBuilder,
    Document,
)
from linter.readers.html_article import article_blocks

# Never text. noscript is read when the article is extracted: some pages put the article there for readers without
# scripts, and the extractor reads it too.
NOT_TEXT = {"script", "style", "template", "head", "svg", "button", "select", "iframe", "object"}
SKIPPED = NOT_TEXT | {"noscript", "nav", "header", "footer", "aside", "form"}  # page chrome, when not extracting
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {
    "p": PARAGRAPH,
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
    "li": LIST_ITEM,
    "td": TABLE_CELL,
    "th": TABLE_CELL,
    "figcaption": CAPTION,
    "caption": CAPTION,
    "dt": PARAGRAPH,
    "dd": PARAGRAPH,
    "div": PARAGRAPH,
    "blockquote": BLOCKQUOTE,
    "pre": CODE,
}
ROOTS = ("article", "main", "body")
EXTRACTS_ARTICLE = True  # parse() takes extract=


class _VerbatimBuilder(BlockBuilder):
    """Preformatted text: kept as it is, line breaks and all, less the blank lines around it."""

    def add_space(self, source_start: int, source_end: int) -> None:
        self.add("\n", source_start, source_end)

    def build(self) -> Block | None:
        text = "".join(self.chars)
        end = len(text.rstrip())
        start = text.rfind("\n", 0, len(text) - len(text.lstrip())) + 1
        if start >= end:
            return None
        return Block(self.kind, text[start:end], array("q", self.starts[start:end]), array("q", self.ends[start:end]))


class _ArticleParser(HTMLParser):
    def __init__(self, source: str, root: str | None, skipped=SKIPPED):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.root = root
        self.skipped = skipped
        self.newline_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.root_depth = 0 if root is None else None  # inside the root when not None
        self.skip_depth = 0
        self.stack: list[str] = []
        self.builders: list[BlockBuilder] = []
        self.blocks = []
        self.seen_h1 = False

    def _source_offset(self) -> int:
        line, col = self.getpos()  # HTMLParser counts lines by "\n" only
        return self.newline_starts[line - 1] + col

    def _open_block(self, tag: str) -> None:
        kind = BLOCKS[tag]
        if tag == "h1" and not self.seen_h1:
            kind, self.seen_h1 = TITLE, True
        if kind == PARAGRAPH and "blockquote" in self.stack:
            kind = BLOCKQUOTE
        self._flush()
        self.builders.append(_VerbatimBuilder(kind) if kind == CODE else BlockBuilder(kind) if kind else None)

    def _flush(self) -> None:
        """Close the innermost open block, keeping what it has so far (text before a nested block)."""
        if self.builders and self.builders[-1] is not None:
            builder = self.builders[-1]
            block = builder.build()
            if block is not None:
                self.blocks.append(block)
            self.builders[-1] = type(builder)(builder.kind)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br" and self.builders and self.builders[-1] is not None:
                self.builders[-1].add_space(self._source_offset(), self._source_offset())
            return
        if self.root_depth is None:
            if tag == self.root:
                self.root_depth = len(self.stack)
            self.stack.append(tag)
            return
        self.stack.append(tag)
        if self.skip_depth or tag in self.skipped:
            self.skip_depth += 1
            return
        if tag in BLOCKS:
            self._open_block(tag)

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.root_depth is not None and len(self.stack) == self.root_depth and open_tag == self.root:
                self._flush()
                self.root_depth = None
                self.root = "\0"  # only the first root element is read
                break
            if self.root_depth is None:
                if open_tag == tag:
                    break
                continue
            if self.skip_depth:
                self.skip_depth -= 1
            elif open_tag in BLOCKS:
                self._flush()
                self.builders.pop()
            if open_tag == tag:
                break

    def _text(self, text: str, start: int, end: int | None = None) -> None:
        if self.root_depth is None or self.skip_depth:
            return
        if not self.builders:
            if not text.strip():
                return
            self.builders.append(BlockBuilder(PARAGRAPH))  # loose text directly inside the article
        if self.builders[-1] is not None:
            self.builders[-1].add(text, start, end)

    def handle_data(self, data):
        self._text(data, self._source_offset())

    def handle_entityref(self, name):
        start = self._source_offset()
        end = start + 1 + len(name) + (self.source.startswith(";", start + 1 + len(name)))
        self._text(html.unescape(self.source[start:end]), start, end)

    def handle_charref(self, name):
        start = self._source_offset()
        end = start + 2 + len(name) + (self.source.startswith(";", start + 2 + len(name)))
        self._text(html.unescape(self.source[start:end]), start, end)

    def close(self):
        super().close()
        while self.builders:
            self._flush()
            self.builders.pop()


def _read_blocks(source: str, root: str | None, skipped) -> tuple[list, list[str]]:
    """The blocks under the first root element (None: the whole document), and notices about markup given up on."""
    parser = _ArticleParser(source, root, skipped)
    notices = []
    try:
        parser.feed(source)
        parser.close()
    except AssertionError as exc:  # html.parser gives up on some malformed declarations ("<![0")
        line, column = parser.getpos()
        notices.append(
            f"HTML could not be parsed past line {line}, column {column + 1} ({exc}); the rest was not linted"
        )
    return parser.blocks, notices


def parse(path: str, source: str, extract: bool = True) -> Document:
    """The article of an HTML file: extracted from the page (extract), else the first article, main or body."""
    if extract:
        blocks, notices = _read_blocks(source, None, NOT_TEXT)
        article = article_blocks(blocks, source) if blocks else None
        if article is not None:
            return _document(path, source, article, notices)
    lowered = source.lower()
    root = next((tag for tag in ROOTS if f"<{tag}" in lowered), None)
    blocks, notices = _read_blocks(source, root, SKIPPED)
    return _document(path, source, blocks, notices)


def _document(path: str, source: str, blocks: list, notices: list[str]) -> Document:
    """The document of these blocks, the preformatted ones set apart as its code."""
    prose = [block for block in blocks if block.kind != CODE]
    code = [block for block in blocks if block.kind == CODE]
    return Document(path, source, "html", prose, notices=notices, code=code)
