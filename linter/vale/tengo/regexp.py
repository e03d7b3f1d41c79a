"""Go's `regexp` behaviour on RE2 (google-re2), which reads Go's syntax and matches in linear time: all matches
(no empty match right after a match), `ReplaceAllString` with Go's `$1`/`${name}` templates (expanded by
`linter.vale.actions.go_expand`), and `Split`; offsets in bytes."""

from __future__ import annotations

from functools import lru_cache

import re2

from linter.vale.actions import go_expand
from linter.vale.tengo.builtins import check_items, check_size, check_time
from linter.vale.tengo.values import Error

RE2_OPTIONS = re2.Options()
RE2_OPTIONS.log_errors = False


@lru_cache(maxsize=256)
def _re2(pattern: bytes):
    return re2.compile(pattern, RE2_OPTIONS)


def compile_pattern(pattern: bytes):
    """The pattern compiled by RE2 (kept for the next call), or a Tengo error value with RE2's message (Go returns
    its parse error)."""
    try:
        return _re2(pattern)
    except re2.error as error:
        message = error.args[0] if error.args else str(error)
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        return Error(f"error parsing regexp: {message}: `{pattern.decode('utf-8', 'surrogateescape')}`".encode())


def _advance(text: bytes, pos: int) -> int:
    """The position after the UTF-8 character at `pos`."""
    if pos >= len(text):
        return pos + 1
    lead = text[pos]
    width = 1 if lead < 0x80 else 2 if lead >> 5 == 6 else 3 if lead >> 4 == 14 else 4 if lead >> 3 == 30 else 1
    return min(pos + width, len(text)) if pos + width <= len(text) else pos + 1


def find_all(run, regex, text: bytes, n: int = -1) -> list:
    """Go's `FindAll...Index`: leftmost-first matches, no empty match right after a previous match; more than the
    run's array limit, or past its time, is its budget error."""
    found, pos, previous_end, searches = [], 0, -1, 0
    while (n < 0 or len(found) < n) and pos <= len(text):
        searches += 1
        if not searches & 1023:
            check_time(run)
            check_items(run, len(found))
        m = regex.search(text, pos)
        if m is None:
            break
        accept = True
        if m.end() == pos:
            if m.start() == previous_end:
                accept = False
            pos = _advance(text, pos)
        else:
            pos = m.end()
        previous_end = m.end()
        if accept:
            found.append(m)
    return found


def replace_all(run, regex, text: bytes, repl: bytes) -> bytes:
    """Go's `ReplaceAllString`."""
    out, last_end, pos, searches = bytearray(), 0, 0, 0
    while pos <= len(text):
        searches += 1
        if not searches & 1023:
            check_time(run)
        m = regex.search(text, pos)
        if m is None:
            break
        out += text[last_end : m.start()]
        if m.end() > last_end or m.start() == 0:
            out += go_expand(repl, m)
            check_size(run, len(out))
        last_end = m.end()
        width = _advance(text, pos) - pos
        if pos + width > m.end():
            pos += width
        elif pos + 1 > m.end():
            pos += 1
        else:
            pos = m.end()
    out += text[last_end:]
    check_size(run, len(out))
    return bytes(out)


def split_regex(run, regex, text: bytes, n: int) -> list[bytes]:
    """Go's `Regexp.Split`."""
    if n == 0:
        return []
    if regex.pattern and not text:
        return [b""]
    parts, begin, end = [], 0, 0
    for m in find_all(run, regex, text, n):
        if n > 0 and len(parts) == n - 1:
            break
        end = m.start()
        if m.end() != 0:
            parts.append(text[begin:end])
        begin = m.end()
    if end != len(text):
        parts.append(text[begin:])
    return parts
