"""Plain-text articles: the headline on line 1, then paragraphs separated by blank lines.

Lines that are copydesk suppression comments (`copydesk-disable-next-line RULE`) are left out of the text.

A block of short lines without closing punctuation (a scraped "KEEP READING" list, a menu) is split into one block
a line, so that line-based rules see each line; bullet lines ("•", "-", "1.") become list items; a short line with no
closing punctuation is a subhead.
"""

from __future__ import annotations

import re

from linter.model.document import HEADING, LIST_ITEM, PARAGRAPH, TITLE, BlockBuilder, Document, line_spans

# copydesk's suppression comments in plain text, a line each: switches, not prose (see linter.run.suppression)
DIRECTIVE_LINE = re.compile(r"^[ \t]*copydesk-(disable-next-line|disable|enable)\b(.*)$", re.MULTILINE)
BULLET = re.compile(r"[ \t]*(?:[•·▪‣◦*+\-–—]|\d{1,3}[.)])[ \t]+")
CLOSING_PUNCTUATION = tuple('.!?:;"”’)…')
SUBHEAD_MAX_WORDS = 12
WRAPPED_LINE_MIN_CHARS = 40


def _is_wrapped_paragraph(lines: list[str]) -> bool:
    """A hard-wrapped paragraph: long lines, and the last one closes a sentence."""
    return all(len(line.strip()) >= WRAPPED_LINE_MIN_CHARS for line in lines[:-1]) and lines[-1].rstrip().endswith(
        CLOSING_PUNCTUATION
    )


def _line_kind(text: str) -> str:
    stripped = text.strip()
    if BULLET.match(text):
        return LIST_ITEM
    if not stripped.endswith(CLOSING_PUNCTUATION) and len(stripped.split()) <= SUBHEAD_MAX_WORDS:
        return HEADING
    return PARAGRAPH


def parse(path: str, source: str) -> Document:
    lines = line_spans(source)
    groups, current = [], []
    for start, end in lines:
        if DIRECTIVE_LINE.match(source, start, end):
            continue  # neither text nor a break: a paragraph with a comment line inside stays one paragraph
        if source[start:end].strip():
            current.append((start, end))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    blocks = []
    for group in groups:
        texts = [source[s:e] for s, e in group]
        if len(group) > 1 and _is_wrapped_paragraph(texts) and not any(BULLET.match(t) for t in texts):
            builder = BlockBuilder(PARAGRAPH)
            for (s, e), (next_s, _) in zip(group, group[1:] + [(None, None)]):
                builder.add(source[s:e], s)
                if next_s is not None:
                    builder.add_space(e, next_s)
            blocks.append(builder.build())
            continue
        for (s, _end), text in zip(group, texts):
            kind = TITLE if group is groups[0] and len(group) == 1 else _line_kind(text)
            builder = BlockBuilder(kind)
            marker = BULLET.match(text) if kind == LIST_ITEM else None
            skip = marker.end() if marker else 0
            builder.add(text[skip:], s + skip)
            blocks.append(builder.build())
    return Document(path, source, "text", [b for b in blocks if b is not None])
