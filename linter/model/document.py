"""The document model: the original source text and the prose blocks found in it.

Every block keeps, for each character of its plain text, the source span that produced it, so that any span a
rule reports in a block maps back to exact lines and columns of the original file.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

# Lines end at CRLF, LF or a lone CR, as editors and git count them.
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Kinds of block. Prose rules usually look at paragraphs and blockquotes only.
TITLE = "title"  # the article's headline (first line of a text file, h1, front-matter title line)
HEADING = "heading"  # subheads
PARAGRAPH = "paragraph"
BLOCKQUOTE = "blockquote"  # a paragraph inside a blockquote
LIST_ITEM = "list_item"
TABLE_CELL = "table_cell"
CAPTION = "caption"
BLOCK_KINDS = (TITLE, HEADING, PARAGRAPH, BLOCKQUOTE, LIST_ITEM, TABLE_CELL, CAPTION)
CODE = "code"  # preformatted text, kept verbatim in `Document.code`: not prose, never linted

# Web addresses are not prose: each becomes a placeholder word that maps back to the whole address.
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'”’]")
URL_PLACEHOLDER = "URL"
WORDS_AND_SPACES = re.compile(r"\S+|\s+")


def line_spans(source: str) -> list[tuple[int, int]]:
    """[start, end) offsets of each line of source, its line break excluded."""
    spans, start = [], 0
    for m in LINE_BREAK.finditer(source):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(source)))
    return spans


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


@dataclass
class Block:
    """A run of prose (a paragraph, heading, list item, ...) with a character map into the source (arrays of 8-byte
    integers: a tenth of the memory of lists of ints)."""

    kind: str
    text: str
    starts: array  # source offset of each character of text
    ends: array  # source offset just past each character of text
    index: int = 0  # position among the document's blocks

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty [start, end) span of this block's text to a [start, end) span of the source."""
        return self.starts[start], self.ends[max(start, end - 1)]

    @property
    def source_start(self) -> int:
        return self.starts[0] if self.starts else 0

    @property
    def source_end(self) -> int:
        return self.ends[-1] if self.ends else 0

    @cached_property
    def sentences(self):
        """The block's sentences, from the rule-based segmenter (see `linter.model.sentences`)."""
        from linter.model.sentences import split_sentences

        return split_sentences(self)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Spans of this block's text inside quotation marks (marks included)."""
        from linter.model.quotes import quoted_spans

        return quoted_spans(self.text)

    @cached_property
    def _quote_reach(self) -> list[int]:
        """For each quoted span in order of start, the furthest end of it and the spans before it."""
        reach, furthest = [], 0
        for _, end in self.quotes:
            furthest = max(furthest, end)
            reach.append(furthest)
        return reach

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when [start, end) lies inside one quoted span (a binary search: rules ask for every word)."""
        end = start + 1 if end is None else end
        i = bisect_right(self.quotes, (start, float("inf"))) - 1
        return i >= 0 and end <= self._quote_reach[i]


class BlockBuilder:
    """Accumulates text character by character with the source span of each character."""

    def __init__(self, kind: str):
        self.kind = kind
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, text: str, source_start: int, source_end: int | None = None) -> None:
        """Add text copied verbatim from source_start, or standing for the source span [source_start, source_end)."""
        self.chars.extend(text)
        if source_end is None:
            self.starts.extend(range(source_start, source_start + len(text)))
            self.ends.extend(range(source_start + 1, source_start + len(text) + 1))
        else:
            self.starts.extend([source_start] * len(text))
            self.ends.extend([source_end] * len(text))

    def add_at(self, text: str, offsets) -> None:
        """Add text whose characters were copied from the given source offsets, one offset a character."""
        self.chars.extend(text)
        self.starts.extend(offsets)
        self.ends.extend(offset + 1 for offset in offsets)

    def add_space(self, source_start: int, source_end: int) -> None:
        """Add one space for a run of white space or a line break, unless the text already ends in one."""
        if self.chars and self.chars[-1] != " ":
            self.add(" ", source_start, source_end)

    def build(self) -> Block | None:
        """The finished block with outer white space trimmed and inner runs folded, or None when it is empty."""
        chars, starts, ends = [], [], []
        text = "".join(self.chars)
        for run in WORDS_AND_SPACES.finditer(text):
            i, j = run.span()
            if not text[i].isspace():
                chars.append(text[i:j])
                starts.extend(self.starts[i:j])
                ends.extend(self.ends[i:j])
            elif chars and j < len(text):  # a run of white space inside the text: one space, with the run's first
                chars.append(" ")  # character's span
                starts.append(self.starts[i])
                ends.append(self.ends[i])
        if not chars:
            return None
        text = "".join(chars)
        chars = list(text)
        for m in reversed(list(URL.finditer(text))):
            i, j = m.span()
            span = (starts[i], ends[j - 1])
            chars[i:j] = URL_PLACEHOLDER
            starts[i:j] = [span[0]] * len(URL_PLACEHOLDER)
            ends[i:j] = [span[1]] * len(URL_PLACEHOLDER)
        return Block(self.kind, "".join(chars), array("q", starts), array("q", ends))


@dataclass
class Document:
    """A parsed article: its source, its format, its front matter and its prose blocks in reading order."""

    path: str
    source: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # rules that could not run (see errors.RuleError)
    nlp_components: frozenset = frozenset()  # optional spaCy components the run's rules need (see linter.analysis.nlp)
    analyses: object | None = None  # the document's analyses, filled by linter.analysis.analyses.analyses_of
    residue_options: dict | None = None  # the scrape-residue rule's options in force: what readability leaves out
    code: list[Block] = field(default_factory=list)  # preformatted blocks (kind CODE), for `copydesk text`
    budget: object | None = None  # the file's time budget (linter.model.budget.TimeBudget), None: no limit

    def __post_init__(self):
        for i, block in enumerate(self.blocks):
            block.index = i

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in LINE_BREAK.finditer(self.source))
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")

    def prose(self, kinds=(PARAGRAPH, BLOCKQUOTE)) -> list[Block]:
        """The blocks of the given kinds, in order."""
        return [b for b in self.blocks if b.kind in kinds]
