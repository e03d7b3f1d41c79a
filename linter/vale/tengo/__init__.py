"""A Tengo interpreter (github.com/d5/tengo v2's language) for Vale's `script` rules, written for copydesk.

`compile_script(source, names)` parses a script and checks it as Tengo's compiler does; `Script.run(variables)`
runs it under a budget of steps, time, call depth, value sizes and memory, and returns its global variables as Python
values. Strings are bytes, as in Go: a script's offsets are byte offsets.
"""

from __future__ import annotations

from linter.vale.tengo.builtins import builtin_names
from linter.vale.tengo.errors import BudgetExceeded, TengoCompileError, TengoError, TengoRuntimeError, TengoSyntaxError
from linter.vale.tengo.interpreter import Checker, Interpreter, Limits
from linter.vale.tengo.parser import parse
from linter.vale.tengo.stdlib import MODULES
from linter.vale.tengo.values import (
    UNDEFINED,
    Array,
    Builtin,
    Bytes,
    Char,
    Error,
    Function,
    Map,
    SizeError,
    deep_operation,
    visit_elements,
)

__all__ = [
    "BudgetExceeded",
    "Limits",
    "Script",
    "TengoCompileError",
    "TengoError",
    "TengoRuntimeError",
    "TengoSyntaxError",
    "compile_script",
    "from_python",
    "run_script",
    "to_python",
]
ALLOWED_MODULES = ("text", "fmt", "math")  # what Vale lets a script import


class Script:
    """A parsed and checked script, ready to run any number of times."""

    def __init__(self, tree, modules: tuple[str, ...]):
        self.tree, self.modules = tree, modules

    def run(self, variables: dict, limits: Limits | None = None, wanted=None) -> dict:
        """The script's global variables after a run (only those `wanted`, when given), as Python values
        (`to_python`)."""
        names = self.run_tengo(variables, limits)
        try:
            return {name: to_python(value) for name, value in names.items() if wanted is None or name in wanted}
        except RecursionError:
            raise TengoRuntimeError("a global variable nests arrays or maps too deeply to be read") from None
        except SizeError as error:
            raise BudgetExceeded(str(error)) from None

    def run_tengo(self, variables: dict, limits: Limits | None = None) -> dict:
        """The global variables as Tengo values (strings are bytes)."""
        interpreter = Interpreter({name: module(name) for name in self.modules}, limits or Limits())
        globals_ = {name: from_python(value) for name, value in variables.items()}
        scope_names = BUILTINS | globals_
        names = interpreter.run(self.tree, scope_names)
        return {name: value for name, value in names.items() if not (name in BUILTINS and value is BUILTINS[name])}


BUILTINS = builtin_names()  # shared by every run: a run's globals are a new dict, the functions keep no state
_MODULES: dict = {}


def module(name: str):
    """A module's immutable map, made once (its functions keep no state, and a script cannot change it)."""
    if name not in _MODULES:
        _MODULES[name] = MODULES[name]()
    return _MODULES[name]


def compile_script(source: str, names=(), modules=ALLOWED_MODULES) -> Script:
    """Parse and check a script in which `names` are already defined; a TengoSyntaxError or TengoCompileError
    (with the line and column) otherwise."""
    try:
        tree = parse(source)
        Checker(set(names) | set(BUILTINS), set(modules)).block(tree, fresh=False)
    except RecursionError:
        raise TengoSyntaxError("the script nests its expressions or blocks too deeply to be read") from None
    return Script(tree, tuple(modules))


def run_script(source: str, variables: dict, limits: Limits | None = None, wanted=None) -> dict:
    """Run a script with `variables` defined (Python values: str, int, float, bool, None, list, dict) and return
    its global variables (those `wanted`, when given) as Python values."""
    return compile_script(source, tuple(variables)).run(variables, limits, wanted)


def from_python(value):
    """A Python value as Tengo's: str as UTF-8 bytes, None as undefined, lists and dicts recursively."""
    if value is None:
        return UNDEFINED
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bool, int, float, bytes)):
        return value
    if isinstance(value, (list, tuple)):
        return Array([from_python(v) for v in value])
    if isinstance(value, dict):
        return Map({str(k).encode("utf-8"): from_python(v) for k, v in value.items()})
    raise TypeError(f"no Tengo value for {type(value).__name__}")


@deep_operation
def to_python(value):
    """A Tengo value as Python's: strings decoded from UTF-8 (a byte that is not UTF-8 is U+FFFD), undefined as
    None, a char as its one-character str, an error as `{"error": value}`, functions as they are."""
    t = type(value)
    if t is bytes:
        return value.decode("utf-8", "replace")
    if value is UNDEFINED:
        return None
    if t is Char:
        return chr(value.code) if 0 <= value.code <= 0x10FFFF else "\ufffd"
    if t is Array:
        visit_elements(len(value.items), "conversion to Python")
        return [to_python(v) for v in value.items]
    if t is Map:
        visit_elements(len(value.items), "conversion to Python")
        return {k.decode("utf-8", "replace"): to_python(v) for k, v in value.items.items()}
    if t is Bytes:
        return value.data
    if t is Error:
        return {"error": to_python(value.value)}
    if t in (Function, Builtin):
        return value
    return value
