"""Markdown articles: CommonMark with YAML front matter and GFM tables, parsed by markdown-it-py.

markdown-it-py gives each block its source lines but no inline positions, so each inline token's content is found
again in its source lines, and each child (text, code, link text, entity) is aligned to that content with a cursor.
Code blocks, inline code, HTML and front matter are not prose: fenced code and HTML are left out, inline code
becomes the placeholder word "CODE" (so that the sentence around it still reads), front matter becomes `meta`.
"""

from __future__ import annotations

import html
import re

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from linter.errors import load_yaml
from linter.model.document import (
    BLOCKQUOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE_CELL,
    TITLE,
    BlockBuilder,
    Document,
    line_spans,
)

CODE_PLACEHOLDER = "CODE"
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
ENTITY = re.compile(r"&#?\w+;")
LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")  # what follows a link's text: "](url)" or "][ref]"

_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


class _Content:
    """An inline token's content with the source offset of each of its characters."""

    def __init__(self, text: str, offsets: list[int]):
        self.text = text
        self.offsets = offsets

    @classmethod
    def from_lines(cls, content: str, source: str, spans, first_line: int, last_line: int) -> _Content:
        """Find each line of content at the end of its source line (after any "> " or list markers)."""
        offsets = []
        lines = content.split("\n")
        for k, line in enumerate(lines):
            start, end = spans[min(first_line + k, last_line - 1, len(spans) - 1)]
            src = source[start:end].rstrip()
            stripped = line.rstrip()
            pos = start + (len(src) - len(stripped) if src.endswith(stripped) else max(src.find(stripped), 0))
            offsets.extend(pos + i for i in range(len(line)))
            if k < len(lines) - 1:
                offsets.append(end)  # the line break
        return cls(content, offsets)


def _add_text(builder: BlockBuilder, content: _Content, text: str, cursor: int) -> int:
    """Add a text child, aligned to the content from cursor; returns the new cursor."""
    raw = content.text
    found = raw.find(text, cursor)
    if found != -1 and not raw[cursor:found].strip("*_~[]()!<> \n\\"):
        builder.add_at(text, content.offsets[found : found + len(text)])
        return found + len(text)
    for ch in text:  # escapes or entities changed the text: align character by character
        entity = ENTITY.match(raw, cursor)
        if entity and html.unescape(entity.group()) == ch:
            builder.add(ch, content.offsets[cursor], content.offsets[entity.end() - 1] + 1)
            cursor = entity.end()
            continue
        if raw.startswith("\\" + ch, cursor):  # a backslash escape stands for the character after it
            builder.add(ch, content.offsets[cursor], content.offsets[cursor + 1] + 1)
            cursor += 2
            continue
        probe = raw.find(ch, cursor, cursor + 8)
        if probe != -1:
            cursor = probe
        if cursor < len(raw):
            builder.add(ch, content.offsets[cursor])
            cursor += 1
    return cursor


def _inline_block(kind: str, token, source: str, spans, cell_search_from: int | None = None):
    """Build a block from an inline token; cell_search_from is the row offset from which a table cell is sought."""
    if cell_search_from is not None:  # a table cell: find its text in the row, after the previous cell
        start = source.find(token.content, cell_search_from) if token.content else -1
        if start == -1:
            return None, cell_search_from
        content = _Content(token.content, [start + i for i in range(len(token.content))])
        next_from = start + len(token.content)
    else:
        content = _Content.from_lines(token.content, source, spans, *token.map)
        next_from = None
    builder = BlockBuilder(kind)
    cursor = 0
    raw = content.text
    for child in token.children or []:
        if child.type == "text":
            cursor = _add_text(builder, content, child.content, cursor)
        elif child.type in ("softbreak", "hardbreak"):
            newline = raw.find("\n", cursor)
            if newline != -1:
                builder.add_space(content.offsets[newline], content.offsets[newline] + 1)
                cursor = newline + 1
        elif child.type == "code_inline":
            opening = raw.find(child.markup, cursor)
            closing = raw.find(child.markup, opening + len(child.markup)) if opening != -1 else -1
            if opening != -1 and closing != -1:
                end = closing + len(child.markup)
                builder.add(CODE_PLACEHOLDER, content.offsets[opening], content.offsets[end - 1] + 1)
                cursor = end
        elif child.type == "link_close":
            target = LINK_TARGET.match(raw, cursor)
            if target:
                cursor = target.end()
        elif child.type == "image":
            m = IMAGE.search(raw, cursor)
            if m:
                cursor = m.end()
        elif child.type == "html_inline":
            found = raw.find(child.content, cursor)
            if found != -1:
                cursor = found + len(child.content)
    return builder.build(), next_from


def _front_matter(content: str, notices: list[str]) -> dict:
    try:
        data = load_yaml(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        notices.append(f"front matter is not valid YAML{where}; it was ignored")
        return {}
    return data if isinstance(data, dict) else {}


def parse(path: str, source: str) -> Document:
    spans = line_spans(source)
    notices: list[str] = []
    meta: dict = {}
    blocks = []
    containers: list[str] = []
    seen_title = False
    cell_kind = None
    row_from = 0
    for token in _PARSER.parse(source):
        if token.type == "front_matter":
            meta = _front_matter(token.content, notices)
        elif token.type in ("blockquote_open", "list_item_open"):
            containers.append(token.type)
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "heading_open":
            cell_kind = TITLE if token.tag == "h1" and not seen_title else HEADING
            seen_title = seen_title or token.tag == "h1"
        elif token.type == "paragraph_open":
            if "list_item_open" in containers:
                cell_kind = LIST_ITEM
            elif "blockquote_open" in containers:
                cell_kind = BLOCKQUOTE
            else:
                cell_kind = PARAGRAPH
        elif token.type == "tr_open":
            row_from = spans[token.map[0]][0]
        elif token.type in ("th_open", "td_open"):
            cell_kind = TABLE_CELL
        elif token.type == "inline" and cell_kind:
            if cell_kind == TABLE_CELL:
                block, row_from = _inline_block(cell_kind, token, source, spans, row_from)
            else:
                block, _ = _inline_block(cell_kind, token, source, spans)
            if block is not None:
                blocks.append(block)
            cell_kind = None
    return Document(path, source, "markdown", blocks, meta=meta, notices=notices)
