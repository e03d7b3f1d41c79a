"""Where an alert lands in the source: Vale's own search of the match in the block's context, ported as it is.

Vale lints text extracted from rendered markup and then finds each match again in the source, masking text it has
already passed with `@`; copying that search (rather than mapping offsets) gives the same line and column as Vale.
"""

from __future__ import annotations

import re


def substitute(src: str, sub: str, char: str) -> str:
    """The first `sub` in `src` with every character but newlines replaced by `char`."""
    idx = src.find(sub)
    if idx < 0 or not sub:
        return src
    return src[:idx] + "".join(c if c == "\n" else char for c in sub) + src[idx + len(sub) :]


def sub_inplace(src: str, sub: str, char: str) -> tuple[str, bool]:
    """Like `substitute`, but only ASCII characters are masked (Vale masks one-byte runes)."""
    idx = src.find(sub)
    if idx < 0:
        return src, False
    repl = "".join(c if c == "\n" or ord(c) > 127 else char for c in sub)
    return src[:idx] + repl + src[idx + len(sub) :], True


def initial_position(ctx: str, txt: str, match: str) -> tuple[int, str]:
    if match == "":
        return 1, ""
    offset = ctx.find(txt)
    if offset >= 0:
        ctx = substitute(ctx, ctx[:offset], "@")
    pattern = re.compile(r"(?:^|\b|_)" + re.escape(match) + r"(?:_|\b|$)", re.ASCII)
    found = [m.span() for m in pattern.finditer(ctx)]
    if not found:
        idx = ctx.find(match)
        if idx < 0:
            return guess_location(ctx, txt, match)
    else:
        idx = found[0][0]
        size = len(ctx)
        for start, end in found:
            before, after = start - 1, end + 1
            if before > 0 and ctx[before] in "`-":
                continue
            if after < size and ctx[after] in "`-":
                continue
            idx = start
            break
    if ctx[idx:].startswith("_"):
        idx += 1
    return idx + 1, match


SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
WORD = re.compile(r"\w+|[^\w\s]")


def guess_location(ctx: str, sub: str, match: str) -> tuple[int, str]:
    """Vale's fallback for a match that inline markup splits: the first source line holding all its sentence's words."""
    target = ""
    for sentence in SENTENCE_END.split(sub):
        if sentence == match or sentence.find(match) > 0:
            target = sentence
    if not target:
        return -1, sub
    tokens = WORD.findall(target)
    for text in ctx.split("\n"):
        if all(token in text for token in tokens):
            return ctx.find(text) + 1, text
    return -1, sub


def split_after(text: str) -> list[str]:
    """Go's strings.SplitAfter(text, "\\n")."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def find_loc(ctx: str, txt: str, count: int, match: str, offsets: list[str], lines: list[str]) -> tuple[int, int]:
    """(line, column) of `match`, or (line, -1) when it cannot be found."""
    for s in offsets:
        ctx = substitute(ctx, s, "@")
    pos, _ = initial_position(ctx, txt, match)
    if pos < 0:
        return count, -1
    lines = lines if lines is not None else split_after(ctx)
    counter = 0
    for idx, line in enumerate(lines):
        if counter + len(line) >= pos:
            return count - (len(lines) - (idx + 1)), pos - counter
        counter += len(line)
    return count, -1


def assign_loc(ctx: str, block_text: str, block_line: int, span: tuple[int, int], match: str) -> tuple[int, int]:
    for idx, line in enumerate(split_after(ctx)):
        exact = len(line) > span[1] and line[span[0] : span[1]] == match
        if exact or idx == block_line:
            pos, _ = initial_position(line, block_text, match)
            return idx + 1, pos
    return block_line + 1, -1
