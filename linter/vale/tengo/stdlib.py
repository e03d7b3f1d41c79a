"""The modules a Vale script may import: `text` (Go's `strings` and `strconv`, and `regexp` through RE2, so a
pattern runs in linear time with Go's syntax and byte offsets), `fmt` and `math`."""

from __future__ import annotations

import math
import sys
from functools import lru_cache

import re2

from linter.vale.tengo import bessel
from linter.vale.tengo.builtins import check_items, check_size, go_format, wrong_type
from linter.vale.tengo.values import (
    INT_MIN,
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
    to_float,
    to_int,
    to_string,
)

RE2_OPTIONS = re2.Options()
RE2_OPTIONS.log_errors = False
UNICODE_SPACE = " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
UNICODE_SPACE += "\u2028\u2029\u202f\u205f\u3000"


def _string(args, index: int, position: str) -> bytes:
    value = to_string(args[index])
    if value is None:
        raise wrong_type(position, "string(compatible)", args[index])
    return value


def _int(args, index: int, position: str) -> int:
    value = to_int(args[index])
    if value is None:
        raise wrong_type(position, "int(compatible)", args[index])
    return value


def _float_arg(args, index: int, position: str) -> float:
    value = to_float(args[index])
    if value is None:
        raise wrong_type(position, "float(compatible)", args[index])
    return value


def _arity(args, *counts: int) -> None:
    if len(args) not in counts:
        raise OperationError("wrong number of arguments")


POSITIONS = ("first", "second", "third", "fourth")


def _strings(run, args, count: int) -> list[bytes]:
    _arity(args, count)
    return [_string(args, i, POSITIONS[i]) for i in range(count)]


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


def _fields(s: bytes) -> list[bytes]:
    return [_bytes(p) for p in _text(s).split() if p]


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
        return fn(*_strings(run, args, count))

    return Builtin(name, call, module=True)


# regular expressions: Go's regexp semantics on RE2


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
        return Error(f"error parsing regexp: {message}: `{_text(pattern)}`".encode())


def _advance(text: bytes, pos: int) -> int:
    """The position after the UTF-8 character at `pos`."""
    if pos >= len(text):
        return pos + 1
    lead = text[pos]
    width = 1 if lead < 0x80 else 2 if lead >> 5 == 6 else 3 if lead >> 4 == 14 else 4 if lead >> 3 == 30 else 1
    return min(pos + width, len(text)) if pos + width <= len(text) else pos + 1


def find_all(regex, text: bytes, n: int = -1) -> list:
    """Go's `FindAll...Index`: leftmost-first matches, no empty match right after a previous match."""
    found, pos, previous_end = [], 0, -1
    while (n < 0 or len(found) < n) and pos <= len(text):
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


def expand(template: bytes, m) -> bytes:
    """Go's `Regexp.Expand`: `$1`, `$name`, `${name}` (the longest name), `$$`; an unknown group is empty."""
    out, i = bytearray(), 0
    groups = m.re.groupindex
    while i < len(template):
        c = template[i : i + 1]
        if c != b"$" or i + 1 >= len(template):
            out += c
            i += 1
            continue
        rest = template[i + 1 :]
        if rest[:1] == b"$":
            out += b"$"
            i += 2
            continue
        if rest[:1] == b"{":
            close = rest.find(b"}")
            name = rest[1:close] if close > 0 else b""
            step = close + 2
        else:
            k = 0
            while k < len(rest) and (chr(rest[k]).isalnum() or rest[k : k + 1] == b"_"):
                k += 1
            name, step = rest[:k], k + 1
        if not name or (rest[:1] == b"{" and not all(chr(b).isalnum() or b == 95 for b in name)):
            out += b"$"
            i += 1
            continue
        key = name.decode("utf-8", "replace")
        index = int(key) if key.isdigit() else groups.get(key, -1)
        if 0 <= index <= m.re.groups and m.start(index) >= 0:
            out += m.group(index)
        i += step
    return bytes(out)


def replace_all(run, regex, text: bytes, repl: bytes) -> bytes:
    """Go's `ReplaceAllString`."""
    out, last_end, pos = bytearray(), 0, 0
    while pos <= len(text):
        m = regex.search(text, pos)
        if m is None:
            break
        out += text[last_end : m.start()]
        if m.end() > last_end or m.start() == 0:
            out += expand(repl, m)
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


def split_regex(regex, text: bytes, n: int) -> list[bytes]:
    """Go's `Regexp.Split`."""
    if n == 0:
        return []
    if regex.pattern and not text:
        return [b""]
    parts, begin, end = [], 0, 0
    for m in find_all(regex, text, n):
        if n > 0 and len(parts) == n - 1:
            break
        end = m.start()
        if m.end() != 0:
            parts.append(text[begin:end])
        begin = m.end()
    if end != len(text):
        parts.append(text[begin:])
    return parts


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
    matches = find_all(regex, text, count)
    if not matches:
        return UNDEFINED
    check_items(run, len(matches))
    return Array([_match_groups(m) for m in matches])


def _regex_call(name: str):
    """text.re_match, re_find, re_replace and re_split: the pattern first."""

    def call(run, *args):
        counts = {"re_match": (2,), "re_find": (2, 3), "re_replace": (3,), "re_split": (2, 3)}[name]
        _arity(args, *counts)
        regex = compile_pattern(_string(args, 0, "first"))
        rest = list(args[1:])
        if type(regex) is Error:
            return regex
        return _apply(run, name[3:], regex, rest)

    return Builtin(name, call, module=True)


def _apply(run, method: str, regex, args: list):
    text = _string(args, 0, "second" if method != "replace" or True else "first")
    if method == "match":
        return regex.search(text) is not None
    if method == "find":
        return _find(run, regex, text, _int(args, 1, "third") if len(args) > 1 else None)
    if method == "replace":
        return replace_all(run, regex, text, _string(args, 1, "third"))
    parts = split_regex(regex, text, _int(args, 1, "third") if len(args) > 1 else -1)
    check_items(run, len(parts))
    return Array(parts)


def _compiled(regex) -> Map:
    """The Regexp value of `text.re_compile`: match, find, replace and split."""

    def method(name: str, counts: tuple):
        def call(run, *args):
            _arity(args, *counts)
            if name == "replace":
                return replace_all(run, regex, _string(args, 0, "first"), _string(args, 1, "second"))
            return _apply(run, name, regex, list(args))

        return Builtin(name, call, module=True)

    methods = {"match": (1,), "find": (1, 2), "replace": (2,), "split": (1, 2)}
    return Map({k.encode(): method(k, c) for k, c in methods.items()}, immutable=True)


def _re_compile(run, *args):
    _arity(args, 1)
    regex = compile_pattern(_string(args, 0, "first"))
    return regex if type(regex) is Error else _compiled(regex)


# text functions that take more than strings


def _join(run, *args):
    _arity(args, 2)
    if type(args[0]) is not Array:
        raise wrong_type("first", "array", args[0])
    parts = []
    for item in args[0].items:
        value = to_string(item)
        if value is None:
            raise wrong_type("first", "string(compatible)", item)
        parts.append(value)
    sep = _string(args, 1, "second")
    check_size(run, sum(map(len, parts)) + len(sep) * max(len(parts) - 1, 0))
    return sep.join(parts)


def _repeat(run, *args):
    _arity(args, 2)
    s, count = _string(args, 0, "first"), _int(args, 1, "second")
    check_size(run, len(s) * count)
    if count < 0:
        raise OperationError("negative repeat count")
    return s * count


def _substr(run, *args):
    _arity(args, 2, 3)
    s, lower = _string(args, 0, "first"), _int(args, 1, "second")
    upper = _int(args, 2, "third") if len(args) == 3 else len(s)
    if lower > upper:
        raise OperationError("invalid index type")
    lower, upper = min(max(lower, 0), len(s)), min(max(upper, 0), len(s))
    return s[lower:upper]


def _pad(right: bool):
    def call(run, *args):
        _arity(args, 2, 3)
        s, width = _string(args, 0, "first"), _int(args, 1, "second")
        check_size(run, width)
        pad = _string(args, 2, "third") if len(args) == 3 else b" "
        if len(s) >= width or not pad:
            return s
        filled = pad * ((width - len(pad)) // len(pad) + 1)
        return (s + filled)[:width] if right else (filled + s)[-width:]

    return call


def _split_n(after: bool):
    def call(run, *args):
        _arity(args, 3)
        parts = go_split(_string(args, 0, "first"), _string(args, 1, "second"), _int(args, 2, "third"), after)
        check_items(run, len(parts))
        return Array(parts)

    return call


def _split(after: bool):
    def call(run, *args):
        s, sep = _strings(run, args, 2)
        parts = go_split(s, sep, -1, after)
        check_items(run, len(parts))
        return Array(parts)

    return call


def _replace_call(run, *args):
    _arity(args, 4)
    return _replace(run, *(_string(args, i, POSITIONS[i]) for i in range(3)), _int(args, 3, "fourth"))


def _atoi(run, *args):
    _arity(args, 1)
    value = parse_go_int(_string(args, 0, "first"))
    if value is None:
        return Error(f"strconv.Atoi: parsing {_text(go_quote(_string(args, 0, 'first')))}: invalid syntax".encode())
    return value


def _itoa(run, *args):
    _arity(args, 1)
    return str(_int(args, 0, "first")).encode()


def _format_bool(run, *args):
    _arity(args, 1)
    if type(args[0]) is not bool:
        raise wrong_type("first", "bool", args[0])
    return b"true" if args[0] else b"false"


def _format_int(run, *args):
    _arity(args, 2)
    if type(args[0]) is not int:
        raise wrong_type("first", "int", args[0])
    value, base = args[0], _int(args, 1, "second")
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
    _arity(args, 4)
    if type(args[0]) is not float:
        raise wrong_type("first", "float", args[0])
    verb, precision = _string(args, 1, "second")[:1].decode(), _int(args, 2, "third")
    if precision < 0 and verb in "fF":
        return format_float(args[0])
    if precision < 0:
        return go_format(b"%" + verb.encode(), [args[0]])
    return go_format(f"%.{precision}{verb}".encode(), [args[0]])


def _parse_bool(run, *args):
    _arity(args, 1)
    if type(args[0]) is not bytes:
        raise wrong_type("first", "string", args[0])
    if args[0] in (b"1", b"t", b"T", b"TRUE", b"true", b"True"):
        return True
    if args[0] in (b"0", b"f", b"F", b"FALSE", b"false", b"False"):
        return False
    return Error(f"strconv.ParseBool: parsing {_text(go_quote(args[0]))}: invalid syntax".encode())


def _parse_float(run, *args):
    _arity(args, 2)
    if type(args[0]) is not bytes:
        raise wrong_type("first", "string", args[0])
    value = parse_go_float(args[0])
    if value is None:
        return Error(f"strconv.ParseFloat: parsing {_text(go_quote(args[0]))}: invalid syntax".encode())
    return value


def _parse_int(run, *args):
    _arity(args, 3)
    if type(args[0]) is not bytes:
        raise wrong_type("first", "string", args[0])
    base, bits = _int(args, 1, "second"), _int(args, 2, "third")
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

    _arity(args, 1)
    text = _text(_string(args, 0, "first"))
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
    (s,) = _strings(run, args, 1)
    return Array(_fields(s))


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


# fmt


def _printer(newline: bool, formatted: bool):
    def call(run, *args):
        if formatted:
            if not args or type(args[0]) is not bytes:
                raise wrong_type("format", "string", args[0] if args else UNDEFINED)
            text = go_format(args[0], list(args[1:]))
        else:
            text = b"".join(to_string(a) or b"<undefined>" for a in args)
        run.output.append(text + (b"\n" if newline else b""))
        check_size(run, sum(map(len, run.output)), "printed output")
        return UNDEFINED

    return call


def _sprintf(run, *args):
    if not args or type(args[0]) is not bytes:
        raise wrong_type("format", "string", args[0] if args else UNDEFINED)
    text = go_format(args[0], list(args[1:]))
    check_size(run, len(text))
    return text


def fmt_module() -> Map:
    calls = {
        "print": _printer(False, False),
        "println": _printer(True, False),
        "printf": _printer(False, True),
        "sprintf": _sprintf,
    }
    return Map({k.encode(): Builtin(k, c, module=True) for k, c in calls.items()}, immutable=True)


# math


def _safe(fn):
    """A math function as Go computes it: NaN or an infinity where Python raises."""

    def call(*xs):
        try:
            return float(fn(*xs))
        except ValueError:
            return math.nan
        except OverflowError:
            return math.inf

    return call


def _logb(x: float) -> float:
    if x == 0:
        return -math.inf
    if math.isinf(x):
        return math.inf
    if math.isnan(x):
        return x
    return float(math.frexp(x)[1] - 1)


def _dim(x: float, y: float) -> float:
    return max(x - y, 0.0) if not (math.isnan(x) or math.isnan(y)) else math.nan


def _go_round(fn):
    return lambda x: x if math.isinf(x) or math.isnan(x) else float(fn(x))


FLOAT_1 = {
    "abs": abs,
    "acos": math.acos,
    "acosh": math.acosh,
    "asin": math.asin,
    "asinh": math.asinh,
    "atan": math.atan,
    "atanh": math.atanh,
    "cbrt": math.cbrt,
    "ceil": _go_round(math.ceil),
    "cos": math.cos,
    "cosh": math.cosh,
    "erf": math.erf,
    "erfc": math.erfc,
    "exp": math.exp,
    "exp2": math.exp2,
    "expm1": math.expm1,
    "floor": _go_round(math.floor),
    "gamma": math.gamma,
    "log": lambda x: -math.inf if x == 0 else math.log(x),
    "log10": lambda x: -math.inf if x == 0 else math.log10(x),
    "log1p": lambda x: -math.inf if x == -1 else math.log1p(x),
    "log2": lambda x: -math.inf if x == 0 else math.log2(x),
    "logb": _logb,
    "round": _go_round(lambda x: math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1)),
    "round_to_even": _go_round(round),
    "sin": math.sin,
    "sinh": math.sinh,
    "sqrt": math.sqrt,
    "tan": math.tan,
    "tanh": math.tanh,
    "trunc": _go_round(math.trunc),
    "j0": lambda x: bessel.jn(0, x),
    "j1": lambda x: bessel.jn(1, x),
    "y0": lambda x: bessel.yn(0, x),
    "y1": lambda x: bessel.yn(1, x),
}
FLOAT_2 = {
    "atan2": math.atan2,
    "copysign": math.copysign,
    "dim": _dim,
    "hypot": math.hypot,
    "max": lambda x, y: math.nan if math.isnan(x) or math.isnan(y) else max(x, y),
    "min": lambda x, y: math.nan if math.isnan(x) or math.isnan(y) else min(x, y),
    "mod": math.fmod,
    "nextafter": math.nextafter,
    "pow": math.pow,
    "remainder": math.remainder,
}
CONSTANTS = {
    "e": math.e,
    "pi": math.pi,
    "phi": (1 + math.sqrt(5)) / 2,
    "sqrt2": math.sqrt(2),
    "sqrtE": math.sqrt(math.e),
    "sqrtPi": math.sqrt(math.pi),
    "sqrtPhi": math.sqrt((1 + math.sqrt(5)) / 2),
    "ln2": math.log(2),
    "log2E": 1 / math.log(2),
    "ln10": math.log(10),
    "log10E": 1 / math.log(10),
    "maxFloat32": 3.4028234663852886e38,
    "smallestNonzeroFloat32": 1.401298464324817e-45,
    "maxFloat64": sys.float_info.max,
    "smallestNonzeroFloat64": 5e-324,
    "maxInt": -INT_MIN - 1,
    "minInt": INT_MIN,
    "maxInt8": 127,
    "minInt8": -128,
    "maxInt16": 32767,
    "minInt16": -32768,
    "maxInt32": 2**31 - 1,
    "minInt32": -(2**31),
    "maxInt64": -INT_MIN - 1,
    "minInt64": INT_MIN,
}


def _float_function(name: str, fn, count: int):
    safe = _safe(fn)

    def call(run, *args):
        _arity(args, count)
        return safe(*(_float_arg(args, i, POSITIONS[i]) for i in range(count)))

    return Builtin(name, call, module=True)


def _int_float(name: str, fn):
    """A math function of (int, float) or of an int."""

    def call(run, *args):
        _arity(args, fn.__code__.co_argcount)
        kinds = fn.__annotations__
        values = [
            _int(args, i, POSITIONS[i]) if kinds.get(p) == "int" else _float_arg(args, i, POSITIONS[i])
            for i, p in enumerate(fn.__code__.co_varnames[: fn.__code__.co_argcount])
        ]
        return fn(*values)

    return Builtin(name, call, module=True)


def _inf(sign: int) -> float:
    return math.inf if sign >= 0 else -math.inf


def _is_inf(f: float, sign: int) -> bool:
    return (sign >= 0 and f == math.inf) or (sign <= 0 and f == -math.inf)


def _is_nan(f: float) -> bool:
    return math.isnan(f)


def _signbit(x: float) -> bool:
    return math.copysign(1.0, x) < 0


def _ilogb(x: float) -> int:
    if x == 0:
        return INT_MIN >> 32
    if math.isnan(x) or math.isinf(x):
        return 2**31 - 1
    return math.frexp(x)[1] - 1


def _ldexp(frac: float, exp: int) -> float:
    try:
        return math.ldexp(frac, exp)
    except OverflowError:
        return math.copysign(math.inf, frac)


def _pow10(n: int) -> float:
    return 0.0 if n < -323 else math.inf if n > 308 else float(10.0**n)


def _nan() -> float:
    return math.nan


def _jn(n: int, x: float) -> float:
    return bessel.jn(n, x)


def _yn(n: int, x: float) -> float:
    return bessel.yn(n, x)


def math_module() -> Map:
    values = {name: value for name, value in CONSTANTS.items()}
    values |= {name: _float_function(name, fn, 1) for name, fn in FLOAT_1.items()}
    values |= {name: _float_function(name, fn, 2) for name, fn in FLOAT_2.items()}
    for name, fn in {
        "inf": _inf,
        "is_inf": _is_inf,
        "is_nan": _is_nan,
        "signbit": _signbit,
        "ilogb": _ilogb,
        "ldexp": _ldexp,
        "pow10": _pow10,
        "nan": _nan,
        "jn": _jn,
        "yn": _yn,
    }.items():
        values[name] = _int_float(name, fn)
    return Map({k.encode(): v for k, v in values.items()}, immutable=True)


MODULES = {"text": text_module, "fmt": fmt_module, "math": math_module}
