"""Tengo's values in Python: int (64-bit, wrapping), float, bool, string (`bytes`: Go strings are bytes), char,
undefined, error, array and map (mutable or immutable), bytes and functions; with Tengo's `String()`, its
conversions, truthiness, equality and binary operators."""

from __future__ import annotations

import math
import threading
from datetime import datetime, timedelta
from decimal import Decimal

DEEP_ELEMENTS = 2**20  # the most array and map elements one `==`, copy or String() may go through
_DEEP = threading.local()  # .left: the elements the deep operation under way may still visit (None outside one)


def deep_operation(operation):
    """Make `operation` one deep operation: its outermost call sets the budget, the calls inside it share it."""

    def run(*args):
        if getattr(_DEEP, "left", None) is not None:
            return operation(*args)
        _DEEP.left = DEEP_ELEMENTS
        try:
            return operation(*args)
        finally:
            _DEEP.left = None

    run.__doc__ = operation.__doc__
    return run


def visit_elements(count: int, what: str) -> None:
    """Count elements against the deep operation's budget (a structure that shares one array a hundred times
    would otherwise make a copy or a String() of a hundred million elements)."""
    left = getattr(_DEEP, "left", None)
    if left is None:
        return
    _DEEP.left = left - count
    if _DEEP.left < 0:
        raise SizeError(f"the script's {what} goes through more than {DEEP_ELEMENTS:,} array and map elements")


class Undefined:
    def __repr__(self) -> str:
        return "undefined"


UNDEFINED = Undefined()


class Char:
    __slots__ = ("code",)

    def __init__(self, code: int):
        self.code = code

    def __eq__(self, other) -> bool:
        return isinstance(other, Char) and other.code == self.code

    def __hash__(self) -> int:
        return hash(("char", self.code))

    def __repr__(self) -> str:
        return f"Char({self.code})"


class Error:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __repr__(self) -> str:
        return f"Error({self.value!r})"


class Array:
    __slots__ = ("items", "immutable")

    def __init__(self, items: list, immutable: bool = False):
        self.items, self.immutable = items, immutable

    def __eq__(self, other) -> bool:
        if not isinstance(other, Array) or len(self.items) != len(other.items):
            return False
        visit_elements(len(self.items), "==")
        return all(equals(a, b) for a, b in zip(self.items, other.items))

    def __repr__(self) -> str:
        return f"Array({self.items!r})"


class Map:
    __slots__ = ("items", "immutable")

    def __init__(self, items: dict, immutable: bool = False):
        self.items, self.immutable = items, immutable

    def __eq__(self, other) -> bool:
        if not isinstance(other, Map) or self.items.keys() != other.items.keys():
            return False
        visit_elements(len(self.items), "==")
        return all(equals(v, other.items[k]) for k, v in self.items.items())

    def __repr__(self) -> str:
        return f"Map({self.items!r})"


class Bytes:
    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data

    def __eq__(self, other) -> bool:
        return isinstance(other, Bytes) and other.data == self.data

    def __repr__(self) -> str:
        return f"Bytes({self.data!r})"


class Time:
    """A time, as nanoseconds since the Unix epoch (UTC; a script has no time zone)."""

    __slots__ = ("ns",)

    def __init__(self, ns: int):
        self.ns = ns

    def __eq__(self, other) -> bool:
        return isinstance(other, Time) and other.ns == self.ns

    def __repr__(self) -> str:
        return f"Time({self.ns})"


ZERO_TIME_NS = -62135596800 * 10**9  # Go's zero time, January 1 of year 1, UTC


def format_time(ns: int) -> bytes:
    """Go's `Time.String()` in UTC: `2006-01-02 15:04:05.999999999 +0000 UTC`."""
    seconds, fraction = divmod(ns, 10**9)
    days, rest = divmod(seconds, 86400)
    stamp = (datetime(1970, 1, 1) + timedelta(days=days, seconds=rest)).strftime("%Y-%m-%d %H:%M:%S")
    digits = f".{fraction:09d}".rstrip("0") if fraction else ""
    return f"{stamp}{digits} +0000 UTC".encode()


class Function:
    """A function literal with the variables it closes over."""

    __slots__ = ("params", "variadic", "body", "scope")

    def __init__(self, params: list[str], variadic: bool, body, scope):
        self.params, self.variadic, self.body, self.scope = params, variadic, body, scope


class Builtin:
    """A function written in Python: a builtin (`len`) or a module's (`text.split`)."""

    __slots__ = ("name", "call", "module")

    def __init__(self, name: str, call, module: bool = False):
        self.name, self.call, self.module = name, call, module


class OperationError(Exception):
    """An operator or builtin that does not apply to its operands; the interpreter adds the position."""


class SizeError(OperationError):
    """A builtin that went past the run's budget: a string, bytes or array over the size limit, or its time."""


INT_MIN, INT_RANGE = -(2**63), 2**64


def wrap(n: int) -> int:
    """An int64 as Go computes it (wrapping on overflow)."""
    return (n - INT_MIN) % INT_RANGE + INT_MIN


def type_name(v) -> str:
    t = type(v)
    if t is bool:
        return "bool"
    if t is int:
        return "int"
    if t is float:
        return "float"
    if t is bytes:
        return "string"
    if t is Char:
        return "char"
    if t is Array:
        return "immutable-array" if v.immutable else "array"
    if t is Map:
        return "immutable-map" if v.immutable else "map"
    if t is Undefined:
        return "undefined"
    if t is Error:
        return "error"
    if t is Bytes:
        return "bytes"
    if t is Time:
        return "time"
    if t is Function:
        return "compiled-function"
    if t is Builtin:
        return ("user-function:" if v.module else "builtin-function:") + v.name
    return "object"


def format_float(f: float) -> bytes:
    """Go's `strconv.FormatFloat(f, 'f', -1, 64)`: the shortest digits that read back, never an exponent."""
    if math.isnan(f):
        return b"NaN"
    if math.isinf(f):
        return b"+Inf" if f > 0 else b"-Inf"
    text = format(Decimal(repr(f)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.encode()


def go_quote(data: bytes) -> bytes:
    """Go's `strconv.Quote`: a double-quoted literal with Go's escapes for what is not printable."""
    out = ['"']
    text = data.decode("utf-8", "surrogateescape")
    named = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch in named:
            out.append(named[ch])
        elif ch == " " or (ch.isprintable() and not ch.isspace()):
            out.append(ch)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out).encode("utf-8", "surrogateescape")


def rune_bytes(code: int) -> bytes:
    """A rune as UTF-8; an invalid one is U+FFFD, as Go's `string(rune)`."""
    if code < 0 or code > 0x10FFFF or 0xD800 <= code < 0xE000:
        code = 0xFFFD
    return chr(code).encode("utf-8")


def runes(data: bytes) -> list[int]:
    """The runes of a string as Go's `[]rune(s)` reads them (a byte that is not UTF-8 is U+FFFD)."""
    return [ord(c) for c in data.decode("utf-8", "replace")]


@deep_operation
def show(v) -> bytes:
    """Tengo's `String()` of a value (a string quoted, as inside an array)."""
    t = type(v)
    if t is bytes:
        return go_quote(v)
    if t is Array:
        visit_elements(len(v.items), "String()")
        return b"[" + b", ".join(show(e) for e in v.items) + b"]"
    if t is Map:
        visit_elements(len(v.items), "String()")
        return b"{" + b", ".join(k + b": " + show(e) for k, e in v.items.items()) + b"}"
    if t is Error:
        return b"error: " + show(v.value)
    return to_string(v) or b"<undefined>"


def to_string(v) -> bytes | None:
    """Tengo's `ToString`: a string as it is, a char or bytes as their text, None for undefined."""
    t = type(v)
    if t is bytes:
        return v
    if t is bool:
        return b"true" if v else b"false"
    if t is int:
        return str(v).encode()
    if t is float:
        return format_float(v)
    if t is Char:
        return rune_bytes(v.code)
    if t is Bytes:
        return v.data
    if t is Time:
        return format_time(v.ns)
    if t is Undefined:
        return None
    if t is Function:
        return b"<compiled-function>"
    if t is Builtin:
        return b"<user-function>" if v.module else b"<builtin-function>"
    return show(v)


def parse_go_int(text: bytes, base: int = 10) -> int | None:
    """Go's `strconv.ParseInt(s, base, 64)`; None when it fails."""
    s = text.decode("utf-8", "replace")
    body = s[1:] if s[:1] in "+-" else s
    if not body or (base != 0 and "_" in body) or body != body.strip():
        return None
    try:
        value = int(s, base)
    except ValueError:
        return None
    return value if INT_MIN <= value < -INT_MIN else None


def parse_go_float(text: bytes) -> float | None:
    """Go's `strconv.ParseFloat(s, 64)`; None when it fails."""
    s = text.decode("utf-8", "replace")
    if not s or s != s.strip() or "_" in s:
        return None
    lowered = s.lower().lstrip("+-")
    if lowered in ("inf", "infinity", "nan"):
        return float(s)
    try:
        return float.fromhex(s) if lowered.startswith("0x") else float(s)
    except ValueError:
        return None


def to_int(v) -> int | None:
    t = type(v)
    if t is int:
        return v
    if t is bool:
        return 1 if v else 0
    if t is float:
        return wrap(int(v)) if math.isfinite(v) else INT_MIN
    if t is Char:
        return v.code
    if t is bytes:
        return parse_go_int(v)
    return None


def to_float(v) -> float | None:
    t = type(v)
    if t is float:
        return v
    if t is int:
        return float(v)
    if t is bytes:
        return parse_go_float(v)
    return None


def truthy(v) -> bool:
    """Not `IsFalsy()`: 0, "", NaN, false, '\\0', an empty array, map or bytes, an error and undefined are false
    (0.0 is true)."""
    t = type(v)
    if t is bool:
        return v
    if t is int:
        return v != 0
    if t is float:
        return not math.isnan(v)
    if t is bytes:
        return len(v) > 0
    if t is Char:
        return v.code != 0
    if t in (Array, Map):
        return len(v.items) > 0
    if t is Bytes:
        return len(v.data) > 0
    if t is Time:
        return v.ns != ZERO_TIME_NS
    return t not in (Error, Undefined)


@deep_operation
def equals(a, b) -> bool:
    """Tengo's `==`: an int equals a float of its value; an error or a function only itself."""
    ta, tb = type(a), type(b)
    if ta in (int, float) and tb in (int, float):
        return a == b
    if ta is not tb:
        return False
    if ta in (Error, Function, Builtin):
        return a is b
    return a == b


@deep_operation
def copy_value(v):
    """Tengo's `Copy()`: arrays and maps deeply, mutable again."""
    t = type(v)
    if t is Array:
        visit_elements(len(v.items), "copy")
        return Array([copy_value(e) for e in v.items])
    if t is Map:
        visit_elements(len(v.items), "copy")
        return Map({k: copy_value(e) for k, e in v.items.items()})
    if t is Error:
        return Error(copy_value(v.value))
    return v


def _int_op(op: str, a: int, b: int):
    if op == "+":
        return wrap(a + b)
    if op == "-":
        return wrap(a - b)
    if op == "*":
        return wrap(a * b)
    if op in ("/", "%"):
        if b == 0:
            raise OperationError("runtime error: integer divide by zero")
        q = abs(a) // abs(b)
        q = q if (a < 0) == (b < 0) else -q
        return wrap(q) if op == "/" else a - b * q
    if op == "&":
        return a & b
    if op == "|":
        return a | b
    if op == "^":
        return a ^ b
    if op == "&^":
        return a & ~b
    if op in ("<<", ">>"):
        shift = b % INT_RANGE  # Go shifts by uint64(b)
        if op == "<<":
            return 0 if shift >= 64 else wrap(a << shift)
        return (-1 if a < 0 else 0) if shift >= 64 else a >> shift
    return _compare(op, a, b)


def _float_div(a: float, b: float) -> float:
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def _float_op(op: str, a: float, b: float):
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return _float_div(a, b)
    return _compare(op, a, b)


def _compare(op: str, a, b):
    if op == "<":
        return a < b
    if op == ">":
        return a > b
    if op == "<=":
        return a <= b
    if op == ">=":
        return a >= b
    raise OperationError("invalid operator")


def binary_op(op: str, a, b, limits):
    """`a op b` for an arithmetic, bitwise or ordering operator, as Tengo's types define it."""
    ta, tb = type(a), type(b)
    try:
        if ta is int and tb is int:
            return _int_op(op, a, b)
        if ta is int and tb is float:
            return _float_op(op, float(a), b)
        if ta is float and tb in (float, int):
            return _float_op(op, a, float(b))
        if ta is int and tb is Char:
            if op in ("+", "-"):
                return Char(_char32(a + b.code if op == "+" else a - b.code))
            return _compare(op, a, b.code)
        if ta is Char and tb in (Char, int):
            code = b.code if tb is Char else b
            if op in ("+", "-"):
                return Char(_char32(a.code + code if op == "+" else a.code - code))
            return _compare(op, a.code, code)
        if ta is bytes:
            if op == "+":
                rhs = b if tb is bytes else show(b)
                if len(a) + len(rhs) > limits.size:
                    raise SizeError(f"the script made a string longer than {limits.size:,} bytes")
                return a + rhs
            if tb is bytes:
                return _compare(op, a, b)
        if ta is Time:
            if tb is Time:
                return wrap(a.ns - b.ns) if op == "-" else _compare(op, a.ns, b.ns)
            if tb is int and op in ("+", "-"):
                return Time(a.ns + b if op == "+" else a.ns - b)
        if ta is Array and tb is Array and op == "+":
            if len(a.items) + len(b.items) > limits.items:
                raise SizeError(f"the script made an array of more than {limits.items:,} items")
            return Array(a.items + b.items)
        if ta is Bytes and tb is Bytes and op == "+":
            if len(a.data) + len(b.data) > limits.size:
                raise SizeError(f"the script made a bytes value longer than {limits.size:,} bytes")
            return Bytes(a.data + b.data)
    except OperationError as error:
        if isinstance(error, SizeError) or str(error) != "invalid operator":
            raise
    raise OperationError(f"invalid operation: {type_name(a)} {op} {type_name(b)}")


def _char32(code: int) -> int:
    """A rune (int32) as Go wraps it."""
    return (code + 2**31) % 2**32 - 2**31
