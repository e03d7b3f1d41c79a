"""The modules a Vale script may import: `text` (`text.py`), `fmt` and `math`."""

from __future__ import annotations

import math
import sys

from linter.vale.tengo import bessel
from linter.vale.tengo.builtins import POSITIONS, arity, check_size, float_arg, go_format, int_arg, wrong_type
from linter.vale.tengo.text import text_module
from linter.vale.tengo.values import INT_MIN, UNDEFINED, Builtin, Map, to_string

# fmt


def _printer(newline: bool, formatted: bool):
    def call(run, *args):
        if formatted:
            if not args or type(args[0]) is not bytes:
                raise wrong_type("format", "string", args[0] if args else UNDEFINED)
            text = go_format(run, args[0], list(args[1:]))
        else:
            text = b"".join(to_string(a) or b"<undefined>" for a in args)
        run.output.append(text + (b"\n" if newline else b""))
        check_size(run, sum(map(len, run.output)), "printed output")
        return UNDEFINED

    return call


def _sprintf(run, *args):
    if not args or type(args[0]) is not bytes:
        raise wrong_type("format", "string", args[0] if args else UNDEFINED)
    text = go_format(run, args[0], list(args[1:]))
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
        arity(args, count)
        return safe(*(float_arg(args, i, POSITIONS[i]) for i in range(count)))

    return Builtin(name, call, module=True)


def _int_float(name: str, fn):
    """A math function of (int, float) or of an int."""

    def call(run, *args):
        arity(args, fn.__code__.co_argcount)
        kinds = fn.__annotations__
        values = [
            int_arg(args, i, POSITIONS[i]) if kinds.get(p) == "int" else float_arg(args, i, POSITIONS[i])
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
