"""Quoted speech: the spans of a text that lie inside quotation marks, straight or curly, double or single."""

from __future__ import annotations

import re

OPENING_CONTEXT = " \t([{—–-/"
SENTENCE_END = ".?!:;"
OPENING_APOSTROPHES = re.compile(r"''(?=\w)")
CLOSING_APOSTROPHES = re.compile(r"''")


def _opens(text: str, i: int) -> bool:
    """A straight quote opens when it starts the text or follows white space or an opening bracket or dash."""
    return i == 0 or text[i - 1] in OPENING_CONTEXT


def _char_before(text: str, i: int) -> str:
    """The last character before i that is not white space ("" at the start)."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i else ""


def _double_quotes(text: str) -> list[tuple[int, int]]:
    # Two apostrophes stand for a double quote in some scraped copy: opening before a word, closing elsewhere.
    text = CLOSING_APOSTROPHES.sub(" ”", OPENING_APOSTROPHES.sub("“ ", text))
    spans, opened, nested = [], None, 0
    for i, ch in enumerate(text):
        if ch == "“" or (ch == '"' and _opens(text, i) and (opened is None or not text[i + 1 : i + 2].isspace())):
            if opened is None:
                opened = i
            elif _char_before(text, i) not in SENTENCE_END:
                nested += 1  # a quotation inside one, written with the same marks ("... the "Father of the House" and")
            # Otherwise a quote that opens while one is open after a sentence starts the next paragraph of the same
            # quotation, whose paragraph break was lost ("... the tide. "We stayed ..."): the quotation runs on.
        elif ch in '”"' and opened is not None:
            if nested:
                nested -= 1
                continue
            spans.append((opened, i + 1))
            opened = None
    if opened is not None:  # a quote that runs on into the next paragraph, as news style allows
        spans.append((opened, len(text)))
    return spans


def _single_quotes(text: str, inside) -> list[tuple[int, int]]:
    """Single-quote spans outside double quotes; an apostrophe (letter on both sides, or an elision) is not one."""
    spans, opened = [], None
    for i, ch in enumerate(text):
        if ch not in "‘’'" or inside(i):
            continue
        after = text[i + 1] if i + 1 < len(text) else ""
        before = text[i - 1] if i else ""
        if opened is None:
            if (ch == "‘" or ch == "'") and _opens(text, i) and after.isalpha():
                opened = i
        elif ch in "’'" and not after.isalnum() and before and not before.isspace():
            spans.append((opened, i + 1))
            opened = None
    return spans


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Sorted [start, end) spans of quoted text, the quotation marks included."""
    doubles = _double_quotes(text)

    def inside(i: int) -> bool:
        return any(a <= i < b for a, b in doubles)

    return sorted(doubles + _single_quotes(text, inside))


def is_quoted(block, token) -> bool:
    """True when a word of a block (anything with the `idx` and `text` of a spaCy token) is someone else's words:
    inside quotation marks, or in a blockquote."""
    return block.kind == "blockquote" or block.in_quote(token.idx, token.idx + len(token.text))
