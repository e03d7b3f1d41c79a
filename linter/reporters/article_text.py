"""`copydesk text`: the clean article text of each file, as plain paragraphs or as JSON blocks with source spans.

The text is the document's blocks (for a web page, the extracted article) without the lines that `scrape-residue`
flags with the options in force, and its preformatted code as it is. A block that loses residue in its middle
becomes two pieces, so that every piece still maps to one contiguous span of the source. Web addresses, which
blocks hold as a placeholder word, are printed as the source spells them.
"""

from __future__ import annotations

import html
import json
from bisect import bisect_right
from dataclasses import dataclass

from linter import __version__
from linter.analysis.residue import find_residue
from linter.model.document import CODE, URL_PLACEHOLDER


@dataclass
class Piece:
    """A run of a block's text that is article copy: the block's kind, the text and its [start, end) source span."""

    kind: str
    text: str
    start: int
    end: int


def article_pieces(doc, residue_options: dict) -> list[Piece]:
    """The document's text in reading order, without the residue found with residue_options (a whole line, or the
    part of one that a finding covers, such as the photo credit that ends a caption)."""
    residue = []
    for start, end in sorted((hit.start, hit.end) for hit in find_residue(doc, residue_options)):
        if residue and start <= residue[-1][1]:
            residue[-1] = (residue[-1][0], max(end, residue[-1][1]))
        else:
            residue.append((start, end))
    residue_starts = [s for s, _ in residue]
    pieces = [_piece(doc, block, 0, len(block.text)) for block in doc.code]
    for block in doc.blocks:
        run = None  # (start, end) in the block's text of the characters kept so far
        for i in range(len(block.text)):
            k = bisect_right(residue_starts, block.starts[i]) - 1
            if k >= 0 and block.starts[i] < residue[k][1]:
                if run is not None:
                    pieces.append(_piece(doc, block, *run))
                run = None
            else:
                run = (i, i + 1) if run is None else (run[0], i + 1)
        if run is not None:
            pieces.append(_piece(doc, block, *run))
    return sorted((p for p in pieces if p.text), key=lambda p: p.start)


def _piece(doc, block, start: int, end: int) -> Piece:
    if block.kind != CODE:  # the span of the text without the spaces around it
        text = block.text[start:end]
        start, end = start + len(text) - len(text.lstrip()), start + len(text.rstrip())
        if start >= end:
            return Piece(block.kind, "", 0, 0)
    source_start, source_end = block.source_span(start, end)
    return Piece(block.kind, _spelled_out(doc, block, start, end), source_start, source_end)


def _spelled_out(doc, block, start: int, end: int) -> str:
    """The block's text from start to end with each address placeholder replaced by the address in the source."""
    text, parts, i = block.text, [], start
    while True:
        found = text.find(URL_PLACEHOLDER, i, end)
        if found == -1:
            return "".join(parts) + text[i:end]
        last = found + len(URL_PLACEHOLDER) - 1
        parts.append(text[i:found])
        if block.starts[found] == block.starts[last]:  # every character stands for the whole address
            address = doc.source[block.starts[found] : block.ends[found]]
            parts.append(html.unescape(address) if doc.format == "html" else address)
        else:
            parts.append(URL_PLACEHOLDER)
        i = last + 1


def render_text(articles: list[tuple[object, list[Piece]]]) -> str:
    """Paragraphs separated by blank lines; with several files, each under a `==> path <==` line."""
    parts = []
    for doc, pieces in articles:
        text = "\n\n".join(p.text for p in pieces)
        parts.append(f"==> {doc.path} <==\n{text}" if len(articles) > 1 else text)
    return "\n\n".join(parts) + "\n" if parts else ""


def render_json(articles: list[tuple[object, list[Piece]]], errors: dict[str, str]) -> str:
    """`{"version": 1, "tool": {...}, "files": [{"path", "format", "blocks": [...]}], "errors": {...}}`; each block
    has its kind, text and the 1-based line and column of its start and (exclusive) end in the source."""
    files = []
    for doc, pieces in articles:
        blocks = []
        for p in pieces:
            line, column = doc.position(p.start)
            end_line, end_column = doc.position(p.end)
            blocks.append(
                {
                    "kind": p.kind,
                    "text": p.text,
                    "line": line,
                    "column": column,
                    "end_line": end_line,
                    "end_column": end_column,
                }
            )
        files.append({"path": doc.path, "format": doc.format, "blocks": blocks, "notices": list(doc.notices)})
    data = {"version": 1, "tool": {"name": "copydesk", "version": __version__}, "files": files, "errors": errors}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
