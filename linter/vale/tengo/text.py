"""Tengo's `text` module: Go's `strings` and `strconv` over byte strings, and `regexp` through RE2 (`regexp.py`)."""

from __future__ import annotations

import re
from itertools import islice

from linter.vale.tengo.builtins import (
    POSITIONS,
    arity,
    check_items,
    check_size,
    go_format,
    int_arg,
    string_arg,
    string_args,
    wrong_type,
)
from linter.vale.tengo.regexp import compile_pattern, find_all, replace_all, split_regex
from linter.vale.tengo.values import (
    UNDEFINED,
    Array,
    Builtin,
    Error,
    Map,
    OperationError,
    format_float,
    go_quote,
    parse_go_float,
    parse_go_int,
    to_string,
)

UNICODE_SPACE = " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
UNICODE_SPACE += "\u2028\u2029\u202f\u205f\u3000"

NOT_SPACE = re.compile(f"[^{re.escape(UNICODE_SPACE)}]+")  # a word of strings.Fields (Go's unicode.IsSpace)


def _text(text: bytes) -> str:
    return text.decode("utf-8", "surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


# Go's strings package over byte strings


def go_split(s: bytes, sep: bytes, n: int, after: bool = False) -> list[bytes]:
    """Go's `strings.SplitN` / `SplitAfterN` (n < 0: all; an empty sep splits into UTF-8 characters)."""
    if n == 0:
        return []
    if not sep:
        chars = [_bytes(c) for c in _text(s)]
        if n > 0 and len(chars) > n:
            chars = chars[: n - 1] + [b"".join(chars[n - 1 :])]
        return chars
    parts = s.split(sep, n - 1 if n > 0 else -1)
    if after:
        parts = [p + sep for p in parts[:-1]] + parts[-1:]
    return parts


def _pieces(s: bytes, sep: bytes) -> int:
    """How many pieces splitting s at sep makes (counted before they are made)."""
    return s.count(sep) + 1 if sep else len(_text(s))


def _runes_of(chars: bytes) -> set[str]:
    return set(_text(chars))


def _trim(s: bytes, cutset: bytes, left: bool, right: bool) -> bytes:
    chars, text = _runes_of(cutset), _text(s)
    start, end = 0, len(text)
    while left and start < end and text[start] in chars:
        start += 1
    while right and end > start and text[end - 1] in chars:
        end -= 1
    return _bytes(text[start:end])


def _index_any(s: bytes, chars: bytes, last: bool) -> int:
    wanted = _runes_of(chars)
    text = _text(s)
    positions = range(len(text) - 1, -1, -1) if last else range(len(text))
    for i in positions:
        if text[i] in wanted:
            return len(_bytes(text[:i]))
    return -1


def _title(s: bytes) -> bytes:
    """Go's `strings.Title`: the first letter of each word (after a non-letter) in title case."""
    out, previous = [], " "
    for ch in _text(s):
        out.append(ch.title() if not (previous.isalnum() or previous == "_" or previous == "'") else ch)
        previous = ch
    return _bytes("".join(out))


def _fields(run, s: bytes) -> list[bytes]:
    """Go's `strings.Fields`, stopped once there are more than the run's array limit."""
    words = [_bytes(m.group()) for m in islice(NOT_SPACE.finditer(_text(s)), run.limits.items + 1)]
    check_items(run, len(words))
    return words


def _replace(run, s: bytes, old: bytes, new: bytes, n: int) -> bytes:
    if old == new or n == 0:
        return s
    if not old:
        chars = [_bytes(c) for c in _text(s)]
        count = len(chars) + 1 if n < 0 else min(n, len(chars) + 1)
        out = b"".join(new + c for c in chars[:count]) if count <= len(chars) else new.join([b""] + chars + [b""])
        if count <= len(chars):
            out = b"".join(new + c for c in chars[:count]) + b"".join(chars[count:])
        check_size(run, len(out))
        return out
    count = s.count(old) if n < 0 else min(n, s.count(old))
    check_size(run, len(s) + count * (len(new) - len(old)))
    return s.replace(old, new, count)


def _equal_fold(a: bytes, b: bytes) -> bool:
    return _text(a).casefold() == _text(b).casefold()


def _compare(a: bytes, b: bytes) -> int:
    return (a > b) - (a < b)


def _simple(name: str, count: int, fn):
    def call(run, *args):
        return fn(*string_args(args, count))

    return Builtin(name, call, module=True)


# regular expressions: Go's regexp semantics on RE2


def _match_groups(m) -> Array:
    groups = []
    for index in range(m.re.groups + 1):
        start, end = m.span(index)
        if start >= 0 and end >= 0:
            groups.append(Map({b"text": m.group(index), b"begin": start, b"end": end}, immutable=True))
    return Array(groups)


def _find(run, regex, text: bytes, count: int | None):
    if count is None:
        m = regex.search(text)
        return UNDEFINED if m is None else Array([_match_groups(m)])
    matches = find_all(run, regex, text, count)
    if not matches:
        return UNDEFINED
    check_items(run, len(matches))
    return Array([_match_groups(m) for m in matches])


def _regex_call(name: str):
    """text.re_match, re_find, re_replace and re_split: the pattern first."""

    def call(run, *args):
        counts = {"re_match": (2,), "re_find": (2, 3), "re_replace": (3,), "re_split": (2, 3)}[name]
        arity(args, *counts)
        regex = compile_pattern(string_arg(args, 0, "first"))
        rest = list(args[1:])
        if type(regex) is Error:
            return regex
        return _apply(run, name[3:], regex, rest)

    return Builtin(name, call, module=True)


def _apply(run, method: str, regex, args: list):
    text = string_arg(args, 0, "second" if method != "replace" or True else "first")
    if method == "match":
        return regex.search(text) is not None
    if method == "find":
        return _find(run, regex, text, int_arg(args, 1, "third") if len(args) > 1 else None)
    if method == "replace":
        return replace_all(run, regex, text, string_arg(args, 1, "third"))
    parts = split_regex(run, regex, text, int_arg(args, 1, "third") if len(args) > 1 else -1)
    check_items(run, len(parts))
    return Array(parts)


def _compiled(regex) -> Map:
    """The Regexp value of `text.re_compile`: match, find, replace and split."""

    def method(name: str, counts: tuple):
        def call(run, *args):
            arity(args, *counts)
            if name == "replace":
                return replace_all(run, regex, string_arg(args, 0, "first"), string_arg(args, 1, "second"))
            return _apply(run, name, regex, list(args))

        return Builtin(name, call, module=True)

    methods = {"match": (1,), "find": (1, 2), "replace": (2,), "split": (1, 2)}
    return Map({k.encode(): method(k, c) for k, c in methods.items()}, immutable=True)


def _re_compile(run, *args):
    arity(args, 1)
    regex = compile_pattern(string_arg(args, 0, "first"))
    return regex if type(regex) is Error else _compiled(regex)


# text functions that take more than strings


def _join(run, *args):
    arity(args, 2)
    if type(args[0]) is not Array:
        raise wrong_type("first", "array", args[0])
    parts = []
    for item in args[0].items:
        value = to_string(item)
        if value is None:
            raise wrong_type("first", "string(compatible)", item)
        parts.append(value)
    sep = string_arg(args, 1, "second")
    check_size(run, sum(map(len, parts)) + len(sep) * max(len(parts) - 1, 0))
    return sep.join(parts)


def _repeat(run, *args):
    arity(args, 2)
    s, count = string_arg(args, 0, "first"), int_arg(args, 1, "second")
    check_size(run, len(s) * count)
    if count < 0:
        raise OperationError("negative repeat count")
    return s * count


def _substr(run, *args):
    arity(args, 2, 3)
    s, lower = string_arg(args, 0, "first"), int_arg(args, 1, "second")
    upper = int_arg(args, 2, "third") if len(args) == 3 else len(s)
    if lower > upper:
        raise OperationError("invalid index type")
    lower, upper = min(max(lower, 0), len(s)), min(max(upper, 0), len(s))
    return s[lower:upper]


def _pad(right: bool):
    def call(run, *args):
        arity(args, 2, 3)
        s, width = string_arg(args, 0, "first"), int_arg(args, 1, "second")
        check_size(run, width)
        pad = string_arg(args, 2, "third") if len(args) == 3 else b" "
        if len(s) >= width or not pad:
            return s
        filled = pad * ((width - len(pad)) // len(pad) + 1)
        return (s + filled)[:width] if right else (filled + s)[-width:]

    return call


def _split_n(after: bool):
    def call(run, *args):
        arity(args, 3)
        s, sep, n = string_arg(args, 0, "first"), string_arg(args, 1, "second"), int_arg(args, 2, "third")
        check_items(run, min(_pieces(s, sep), n) if n >= 0 else _pieces(s, sep))
        return Array(go_split(s, sep, n, after))

    return call


def _split(after: bool):
    def call(run, *args):
        s, sep = string_args(args, 2)
        check_items(run, _pieces(s, sep))
        return Array(go_split(s, sep, -1, after))

    return call


def _replace_call(run, *args):
    arity(args, 4)
    return _replace(run, *(string_arg(args, i, POSITIONS[i]) for i in range(3)), int_arg(args, 3, "fourth"))


def _atoi(run, *args):
    arity(args, 1)
    value = parse_go_int(string_arg(args, 0, "first"))
    if value is None:
        return Error(f"strconv.Atoi: parsing {_text(go_quote(string_arg(args, 0, 'first')))}: invalid syntax".encode())
    return value


def _itoa(run, *args):
    arity(args, 1)
    return str(int_arg(args, 0, "first")).encode()


def _format_bool(run, *args):
    arity(args, 1)
    if type(args[0]) is not bool:
        raise wrong_type("first", "bool", args[0])
    return b"true" if args[0] else b"false"


def _format_int(run, *args):
    arity(args, 2)
    if type(args[0]) is not int:
        raise wrong_type("first", "int", args[0])
    value, base = args[0], int_arg(args, 1, "second")
    if not 2 <= base <= 36:
        raise OperationError(f"strconv: illegal AppendInt/FormatInt base: {base}")
    digits, n, out = "0123456789abcdefghijklmnopqrstuvwxyz", abs(value), ""
    while True:
        out = digits[n % base] + out
        n //= base
        if not n:
            break
    return (("-" if value < 0 else "") + out).encode()


def _format_float(run, *args):
    arity(args, 4)
    if type(args[0]) is not float:
        raise wrong_type("first", "float", args[0])
    verb, precision = string_arg(args, 1, "second")[:1].decode(), int_arg(args, 2, "third")
    if precision < 0 and verb in "fF":
        return format_float(args[0])
    if precision < 0:
        return go_format(run, b"%" + verb.encode(), [args[0]])
    return go_format(run, f"%.{precision}{verb}".encode(), [args[0]])


def _parse_bool(run, *args):
    arity(args, 1)
    if type(args[0]) is not bytes:
        raise wrong_type("first", "string", args[0])
    if args[0] in (b"1", b"t", b"T", b"TRUE", b"true", b"True"):
        return True
    if args[0] in (b"0", b"f", b"F", b"FALSE", b"false", b"False"):
        return False
    return Error(f"strconv.ParseBool: parsing {_text(go_quote(args[0]))}: invalid syntax".encode())


def _parse_float(run, *args):
    arity(args, 2)
    if type(args[0]) is not bytes:
        raise wrong_type("first", "string", args[0])
    value = parse_go_float(args[0])
    if value is None:
        return Error(f"strconv.ParseFloat: parsing {_text(go_quote(args[0]))}: invalid syntax".encode())
    return value


def _parse_int(run, *args):
    arity(args, 3)
    if type(args[0]) is not bytes:
        raise wrong_type("first", "string", args[0])
    base, bits = int_arg(args, 1, "second"), int_arg(args, 2, "third")
    text = args[0]
    value = parse_go_int(text.replace(b"_", b"") if base == 0 else text, base) if base == 0 or 2 <= base <= 36 else None
    bits = bits or 64
    if value is not None and not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
        return Error(f"strconv.ParseInt: parsing {_text(go_quote(text))}: value out of range".encode())
    if value is None:
        return Error(f"strconv.ParseInt: parsing {_text(go_quote(text))}: invalid syntax".encode())
    return value


def _unquote(run, *args):
    from linter.vale.tengo.errors import TengoSyntaxError
    from linter.vale.tengo.lexer import Lexer

    arity(args, 1)
    text = _text(string_arg(args, 0, "first"))
    try:
        tokens = Lexer(text).tokenize()
    except TengoSyntaxError:
        tokens = []
    if len(tokens) >= 2 and tokens[0].kind in ("STRING", "CHAR") and tokens[0].text == text:
        value = tokens[0].value
        return value if tokens[0].kind == "STRING" else chr(value).encode()
    return Error(b"invalid syntax")


TEXT_FUNCTIONS = {
    "compare": (2, _compare),
    "contains": (2, lambda s, sub: sub in s),
    "contains_any": (2, lambda s, chars: bool(_runes_of(chars) & set(_text(s)))),
    "count": (2, lambda s, sub: len(_text(s)) + 1 if not sub else s.count(sub)),
    "equal_fold": (2, _equal_fold),
    "has_prefix": (2, lambda s, p: s.startswith(p)),
    "has_suffix": (2, lambda s, p: s.endswith(p)),
    "index": (2, lambda s, sub: s.find(sub)),
    "index_any": (2, lambda s, chars: _index_any(s, chars, False)),
    "last_index": (2, lambda s, sub: s.rfind(sub)),
    "last_index_any": (2, lambda s, chars: _index_any(s, chars, True)),
    "title": (1, _title),
    "to_lower": (1, lambda s: _bytes(_text(s).lower())),
    "to_title": (1, lambda s: _bytes(_text(s).upper())),
    "to_upper": (1, lambda s: _bytes(_text(s).upper())),
    "trim": (2, lambda s, cut: _trim(s, cut, True, True)),
    "trim_left": (2, lambda s, cut: _trim(s, cut, True, False)),
    "trim_right": (2, lambda s, cut: _trim(s, cut, False, True)),
    "trim_prefix": (2, lambda s, p: s[len(p) :] if p and s.startswith(p) else s),
    "trim_suffix": (2, lambda s, p: s[: -len(p)] if p and s.endswith(p) else s),
    "trim_space": (1, lambda s: _bytes(_text(s).strip(UNICODE_SPACE))),
    "quote": (1, go_quote),
}


def _fields_call(run, *args):
    (s,) = string_args(args, 1)
    return Array(_fields(run, s))


def text_module() -> Map:
    functions = {name: _simple(name, count, fn) for name, (count, fn) in TEXT_FUNCTIONS.items()}
    calls = {
        "fields": _fields_call,
        "join": _join,
        "repeat": _repeat,
        "replace": _replace_call,
        "substr": _substr,
        "split": _split(False),
        "split_after": _split(True),
        "split_n": _split_n(False),
        "split_after_n": _split_n(True),
        "pad_left": _pad(False),
        "pad_right": _pad(True),
        "atoi": _atoi,
        "itoa": _itoa,
        "format_bool": _format_bool,
        "format_int": _format_int,
        "format_float": _format_float,
        "parse_bool": _parse_bool,
        "parse_float": _parse_float,
        "parse_int": _parse_int,
        "unquote": _unquote,
        "re_compile": _re_compile,
    }
    functions |= {name: Builtin(name, call, module=True) for name, call in calls.items()}
    functions |= {name: _regex_call(name) for name in ("re_match", "re_find", "re_replace", "re_split")}
    return Map({name.encode(): f for name, f in functions.items()}, immutable=True)
