"""Tengo's builtin functions (`len`, `append`, `splice`, the conversions, `is_*`, `format`, `range`, ...) and its
`format` verbs, which follow Go's `fmt`."""

from __future__ import annotations

import math
import time
from decimal import Decimal

from linter.vale.tengo.values import (
    UNDEFINED,
    Array,
    Builtin,
    Bytes,
    Char,
    Error,
    Function,
    Map,
    OperationError,
    SizeError,
    Time,
    Undefined,
    copy_value,
    go_quote,
    rune_bytes,
    show,
    to_float,
    to_int,
    to_string,
    truthy,
    type_name,
)


def wrong_type(position: str, expected: str, found) -> OperationError:
    return OperationError(f"invalid type for argument '{position}': expected {expected}, found {type_name(found)}")


def arity(args, *counts: int) -> None:
    if len(args) not in counts:
        raise OperationError("wrong number of arguments")


def check_items(run, count: int) -> None:
    if count > run.limits.items:
        raise SizeError(f"the script made an array of more than {run.limits.items:,} items")


def check_time(run) -> None:
    """Stop a builtin's long loop (millions of matches) once the run is past its time limit."""
    if time.monotonic() > run.deadline:
        raise SizeError(f"the script ran longer than {run.limits.seconds:g} s")


def check_size(run, size: int, what: str = "string") -> None:
    if size > run.limits.size:
        raise SizeError(f"the script made a {what} longer than {run.limits.size:,} bytes")


def string_arg(args, index: int, position: str) -> bytes:
    """A module function's argument as Tengo's `ToString` reads it (an int or a char converts)."""
    value = to_string(args[index])
    if value is None:
        raise wrong_type(position, "string(compatible)", args[index])
    return value


def int_arg(args, index: int, position: str) -> int:
    """An argument as Tengo's `ToInt` reads it (a float truncates, a numeric string parses)."""
    value = to_int(args[index])
    if value is None:
        raise wrong_type(position, "int(compatible)", args[index])
    return value


def float_arg(args, index: int, position: str) -> float:
    """An argument as Tengo's `ToFloat64` reads it."""
    value = to_float(args[index])
    if value is None:
        raise wrong_type(position, "float(compatible)", args[index])
    return value


POSITIONS = ("first", "second", "third", "fourth")


def string_args(args, count: int) -> list[bytes]:
    """Exactly `count` arguments, all strings."""
    arity(args, count)
    return [string_arg(args, i, POSITIONS[i]) for i in range(count)]


def _len(run, *args):
    arity(args, 1)
    v = args[0]
    if type(v) in (Array, Map):
        return len(v.items)
    if type(v) is bytes:
        return len(v)
    if type(v) is Bytes:
        return len(v.data)
    raise wrong_type("first", "array/string/bytes/map", v)


def _copy(run, *args):
    arity(args, 1)
    return copy_value(args[0])


def _append(run, *args):
    if len(args) < 2:
        raise OperationError("wrong number of arguments")
    if type(args[0]) is not Array:
        raise wrong_type("first", "array", args[0])
    check_items(run, len(args[0].items) + len(args) - 1)
    return Array(args[0].items + list(args[1:]))


def _delete(run, *args):
    arity(args, 2)
    if type(args[0]) is not Map or args[0].immutable:
        raise wrong_type("first", "map", args[0])
    if type(args[1]) is not bytes:
        raise wrong_type("second", "string", args[1])
    args[0].items.pop(args[1], None)
    return UNDEFINED


def _splice(run, *args):
    if not args:
        raise OperationError("wrong number of arguments")
    array = args[0]
    if type(array) is not Array or array.immutable:
        raise wrong_type("first", "array", array)
    size = len(array.items)
    start, count = 0, size
    if len(args) > 1:
        if type(args[1]) is not int:
            raise wrong_type("second", "int", args[1])
        start = args[1]
        if not 0 <= start <= size:
            raise OperationError("index out of bounds")
    if len(args) > 2:
        if type(args[2]) is not int:
            raise wrong_type("third", "int", args[2])
        count = args[2]
        if count < 0:
            raise OperationError("index out of bounds")
    count = min(count, size - start)
    deleted = array.items[start : start + count]
    check_items(run, size - count + len(args[3:]))
    array.items[start : start + count] = list(args[3:])
    return Array(deleted)


def _converter(convert, keep):
    def conversion(run, *args):
        arity(args, 1, 2)
        if keep(args[0]):
            return args[0]
        value = convert(args[0])
        if value is not None:
            return value
        return args[1] if len(args) == 2 else UNDEFINED

    return conversion


def _to_char(v):
    if type(v) is int:
        return Char((v + 2**31) % 2**32 - 2**31)
    return None


def _to_bytes(v):
    if type(v) is bytes:
        return Bytes(v)
    return None


def _bytes(run, *args):
    arity(args, 1, 2)
    if type(args[0]) is int:
        check_size(run, args[0], "bytes")
        return Bytes(bytes(max(args[0], 0)))
    if type(args[0]) is Bytes:
        return args[0]
    value = _to_bytes(args[0])
    if value is not None:
        return value
    return args[1] if len(args) == 2 else UNDEFINED


def _to_time(v):
    """`time(x)`: an int is seconds since the Unix epoch."""
    if type(v) is int:
        return Time(v * 10**9)
    return None


def _is(*types, immutable=None):
    def test(run, *args):
        arity(args, 1)
        v = args[0]
        if type(v) not in types or type(v) is bool and bool not in types:
            return False
        return immutable is None or v.immutable == immutable

    return test


def _is_iterable(run, *args):
    arity(args, 1)
    return type(args[0]) in (Array, Map, bytes, Bytes)


def _is_callable(run, *args):
    arity(args, 1)
    return type(args[0]) in (Function, Builtin)


def _type_name(run, *args):
    arity(args, 1)
    return type_name(args[0]).encode()


def _format(run, *args):
    if not args:
        raise OperationError("wrong number of arguments")
    if type(args[0]) is not bytes:
        raise wrong_type("format", "string", args[0])
    text = go_format(run, args[0], list(args[1:]))
    check_size(run, len(text))
    return text


def _range(run, *args):
    if len(args) not in (2, 3):
        raise OperationError("wrong number of arguments")
    for name, value in zip(("start", "stop", "step"), args):
        if type(value) is not int:
            raise wrong_type(name, "int", value)
    start, stop = args[0], args[1]
    step = args[2] if len(args) == 3 else 1
    if step <= 0:
        raise OperationError("range step must be greater than 0")
    values = range(start, stop, step) if start <= stop else range(start, stop, -step)
    check_items(run, len(values))
    return Array(list(values))


def freeze(v):
    """`freeze(x)`: an immutable copy of arrays and maps, all the way down."""
    if type(v) is Array:
        return Array([freeze(e) for e in v.items], immutable=True)
    if type(v) is Map:
        return Map({k: freeze(e) for k, e in v.items.items()}, immutable=True)
    return v


def _freeze(run, *args):
    arity(args, 1)
    return freeze(args[0])


BUILTINS = {
    "len": _len,
    "copy": _copy,
    "append": _append,
    "delete": _delete,
    "splice": _splice,
    "string": _converter(to_string, lambda v: type(v) is bytes),
    "int": _converter(to_int, lambda v: type(v) is int),
    "bool": _converter(truthy, lambda v: type(v) is bool),
    "float": _converter(to_float, lambda v: type(v) is float),
    "char": _converter(_to_char, lambda v: type(v) is Char),
    "bytes": _bytes,
    "time": _converter(_to_time, lambda v: type(v) is Time),
    "is_int": _is(int),
    "is_float": _is(float),
    "is_string": _is(bytes),
    "is_bool": _is(bool),
    "is_char": _is(Char),
    "is_bytes": _is(Bytes),
    "is_array": _is(Array, immutable=False),
    "is_immutable_array": _is(Array, immutable=True),
    "is_map": _is(Map, immutable=False),
    "is_immutable_map": _is(Map, immutable=True),
    "is_iterable": _is_iterable,
    "is_time": _is(Time),
    "is_error": _is(Error),
    "is_undefined": _is(Undefined),
    "is_function": _is(Function),
    "is_callable": _is_callable,
    "type_name": _type_name,
    "format": _format,
    "range": _range,
    "freeze": _freeze,
}


def builtin_names() -> dict:
    return {name: Builtin(name, call) for name, call in BUILTINS.items()}


# Go's fmt verbs, as Tengo's `format` applies them


def _pad(text: str, flags: str, width: int | None, numeric: bool = False) -> str:
    if width is None or len(text) >= width:
        return text
    if "-" in flags:
        return text + " " * (width - len(text))
    if "0" in flags and numeric:
        sign = text[0] if text[:1] in "+- " else ""
        body = text[len(sign) :]
        return sign + "0" * (width - len(text)) + body
    return " " * (width - len(text)) + text


def _sign(value, text: str, flags: str) -> str:
    if value >= 0 and not text.startswith("-"):
        if "+" in flags:
            return "+" + text
        if " " in flags:
            return " " + text
    return text


def _integer(verb: str, value: int, flags: str, precision: int | None) -> str:
    digits = {"d": "d", "b": "b", "o": "o", "O": "o", "x": "x", "X": "X"}[verb]
    body = format(abs(value), digits)
    if precision is not None:
        body = body.zfill(precision) if precision or value else ""
    if "#" in flags:
        body = {"b": "0b", "o": "0", "x": "0x", "X": "0X"}.get(verb, "") + body
    if verb == "O":
        body = "0o" + body
    return _sign(value, ("-" if value < 0 else "") + body, flags)


def _float(verb: str, value: float, flags: str, precision: int | None) -> str:
    if math.isinf(value) or math.isnan(value):
        text = "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
    elif verb in "vgG" and precision is None:
        text = _shortest(value, "E" if verb == "G" else "e")
    else:
        py = {"e": "e", "E": "E", "f": "f", "F": "f", "g": "g", "G": "G", "v": "g"}[verb]
        text = format(value, f".{6 if precision is None else precision}{py}")
    return _sign(value, text, flags)


def _shortest(value: float, e: str) -> str:
    """Go's `%g` (and `%v`) without a precision: the shortest digits that read back, with an exponent when it is
    below -4 or from 6 on."""
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    digits = "".join(map(str, digits)) or "0"
    point = len(digits) + exponent  # where the decimal point goes, counted from the first digit
    lead = "-" if sign else ""
    if value == 0:
        return lead + "0"
    if point - 1 < -4 or point - 1 >= 6:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        x = point - 1
        return f"{lead}{mantissa}{e}{'-' if x < 0 else '+'}{abs(x):02d}"
    if point <= 0:
        return f"{lead}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return lead + digits + "0" * (point - len(digits))
    return f"{lead}{digits[:point]}.{digits[point:]}"


def _string_verb(verb: str, text: bytes, precision: int | None) -> str | None:
    """Go's `fmtString`: %s, %q, %x and %X of a string."""
    if verb == "s":
        decoded = text.decode("utf-8", "replace")
        return decoded[:precision] if precision is not None else decoded
    if verb == "q":
        return go_quote(text).decode("utf-8", "replace")
    if verb in "xX":
        return text.hex() if verb == "x" else text.hex().upper()
    return None


def _value_text(verb: str, v, flags: str, precision: int | None) -> str | None:
    """A value under one verb as Tengo's formatter writes it (`%v` is the value's `String()`, so a string is
    quoted); None when the verb does not apply."""
    t = type(v)
    if verb == "T":
        return type_name(v)
    if verb == "v":
        return show(v).decode("utf-8", "replace")
    if t is bool:
        return ("true" if v else "false") if verb == "t" else None
    if t is float:
        return _float(verb, v, flags, precision) if verb in "eEfFgG" else None
    if t is int:
        if verb in "dboOxX":
            return _integer(verb, v, flags, precision)
        if verb == "c":
            return rune_bytes(v).decode()
        if verb == "q":
            return "'" + go_quote(rune_bytes(v)).decode()[1:-1].replace("\\'", "'").replace("'", "\\'") + "'"
        if verb == "U":
            return f"U+{v:04X}"
        return None
    if t in (bytes, Bytes):
        return _string_verb(verb, v if t is bytes else v.data, precision)
    return _string_verb(verb, show(v), precision)


def _go_number(text: str, i: int) -> tuple[int | None, int]:
    """Go's `parsenum`: the digits at i as a number and the index after them; a number past a million that goes
    on is Go's overflow: (None, the end of the text)."""
    number, start = 0, i
    while i < len(text) and text[i].isdigit():
        if number > 1_000_000:
            return None, len(text)
        number = number * 10 + int(text[i])
        i += 1
    return (number if i > start else None), i


def go_format(run, template: bytes, args: list) -> bytes:
    """Tengo's `format` (Go's `fmt.Sprintf` over Tengo values): flags `+-# 0`, width, precision and the verbs
    v T s q d b o O x X c U e E f F g G t; a verb that does not fit its value reads `%!d(string="hi")`. The text
    is checked against the run's size limit as it grows, so a wide padding stops before it is made."""
    text = template.decode("utf-8", "surrogateescape")
    out, i, used, length = [], 0, 0, 0
    while i < len(text):
        if length > run.limits.size:
            check_size(run, length)
        c = text[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        i += 1
        flags = ""
        while i < len(text) and text[i] in "+-# 0":
            flags += text[i]
            i += 1
        width, i = _go_number(text, i)
        precision = None
        if i < len(text) and text[i] == ".":
            precision, i = _go_number(text, i + 1)
            precision = precision or 0
        if max(width or 0, precision or 0) > run.limits.size:
            check_size(run, max(width or 0, precision or 0))
        if i >= len(text):
            out.append("%!(NOVERB)")
            break
        verb = text[i]
        i += 1
        if verb == "%":
            out.append("%")
            continue
        if used >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        value = args[used]
        used += 1
        rendered = _value_text(verb, value, flags, precision)
        if rendered is None:
            rendered = f"%!{verb}({type_name(value)}={show(value).decode('utf-8', 'replace')})"
        else:
            rendered = _pad(rendered, flags, width, numeric=type(value) in (int, float))
        out.append(rendered)
        length += len(rendered)
    if used < len(args):
        extra = ", ".join(f"{type_name(v)}={show(v).decode('utf-8', 'replace')}" for v in args[used:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out).encode("utf-8", "surrogateescape")
