"""HTML articles: the article's text only, with exact source positions.

The text of `<article>` (or `<main>`, or else `<body>`) is read; script, style, nav, header, footer, aside, form and
the like are page chrome and are skipped. Block elements (p, h1-h6, li, blockquote, td, figcaption, ...) become
blocks. Character references (`&amp;`) map back to their whole source span.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from linter.model.document import (
    BLOCKQUOTE,
    CAPTION,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE_CELL,
    TITLE,
    BlockBuilder,
    Document,
)

SKIPPED = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "template",
    "head",
    "svg",
    "button",
    "select",
    "iframe",
    "object",
}
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
    "pre": None,
}
ROOTS = ("article", "main", "body")


class _ArticleParser(HTMLParser):
    def __init__(self, source: str, root: str | None):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.root = root
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
        self.builders.append(BlockBuilder(kind) if kind else None)

    def _flush(self) -> None:
        """Close the innermost open block, keeping what it has so far (text before a nested block)."""
        if self.builders and self.builders[-1] is not None:
            builder = self.builders[-1]
            block = builder.build()
            if block is not None:
                self.blocks.append(block)
            self.builders[-1] = BlockBuilder(builder.kind)

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
        if self.skip_depth or tag in SKIPPED:
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


def parse(path: str, source: str) -> Document:
    lowered = source.lower()
    root = next((tag for tag in ROOTS if f"<{tag}" in lowered), None)
    parser = _ArticleParser(source, root)
    notices = []
    try:
        parser.feed(source)
        parser.close()
    except AssertionError as exc:  # html.parser gives up on some malformed declarations ("<![0")
        line, column = parser.getpos()
        notices.append(
            f"HTML could not be parsed past line {line}, column {column + 1} ({exc}); the rest was not linted"
        )
    return Document(path, source, "html", parser.blocks, notices=notices)
