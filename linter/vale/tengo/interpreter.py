"""Run a Tengo tree: a check of names and statements before running (Tengo's compile errors), then a walk of the
tree with block scopes and closures, under a budget of steps, time, call depth and value sizes."""

from __future__ import annotations

import os
import sys
import time

from linter.vale.tengo.errors import BudgetExceeded, TengoCompileError, TengoError, TengoRuntimeError
from linter.vale.tengo.parser import Node
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
    binary_op,
    equals,
    runes,
    to_string,
    truthy,
    type_name,
    wrap,
)

OP_ASSIGN = {"+=": "+", "-=": "-", "*=": "*", "/=": "/", "%=": "%", "&=": "&", "|=": "|", "^=": "^"}
OP_ASSIGN |= {"<<=": "<<", ">>=": ">>", "&^=": "&^"}


class Limits:
    """What one run may use: evaluation steps, seconds, nested calls, the length of a string, bytes or array, and
    the memory the process may grow by while it runs."""

    def __init__(
        self,
        steps: int = 2_000_000,
        seconds: float = 2.0,
        depth: int = 1024,
        size: int = 16 * 2**20,
        items: int = 2**20,
        memory: int = 512 * 2**20,
    ):
        self.steps, self.seconds, self.depth, self.size, self.items = steps, seconds, depth, size, items
        self.memory = memory


CHECK_MEMORY_EVERY = 32 * 2**20  # bytes of new strings, bytes and arrays between two looks at the process's memory
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_memory() -> int:
    """The process's resident memory in bytes (Linux's /proc; elsewhere the peak, which only grows)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


class Checker:
    """Tengo's compile-time errors: unresolved and redeclared names, tuple assignment, `break`/`continue` outside
    a loop, `return` outside a function, `export` inside one, and imports of modules not allowed."""

    def __init__(self, names, modules):
        self.scopes = [set(names)]
        self.modules = modules
        self.loops = [0]
        self.functions = 0

    def error(self, node: Node, message: str):
        raise TengoCompileError(message, node.line, node.column)

    def resolved(self, name: str) -> bool:
        return any(name in scope for scope in self.scopes)

    def block(self, statements: list[Node], fresh: bool = True) -> None:
        if fresh:
            self.scopes.append(set())
        for stmt in statements:
            self.statement(stmt)
        if fresh:
            self.scopes.pop()

    def statement(self, node: Node) -> None:
        kind = node.kind
        if kind == "block":
            self.block(node.body)
        elif kind == "expr":
            self.expr(node.value)
        elif kind == "assign":
            self.assign(node)
        elif kind == "incdec":
            self.target(node, node.target)
        elif kind == "if":
            self.scopes.append(set())
            if node.init is not None:
                self.statement(node.init)
            self.expr(node.cond)
            self.block(node.body.body)
            if node.orelse is not None:
                self.statement(node.orelse)
            self.scopes.pop()
        elif kind == "for":
            self.scopes.append(set())
            for part in (node.init, node.cond, node.post):
                if part is not None:
                    (self.expr if part is node.cond else self.statement)(part)
            self.loop(node.body)
            self.scopes.pop()
        elif kind == "forin":
            self.expr(node.iterable)
            self.scopes.append({n for n in (node.key, node.value) if n != "_"})
            self.loop(node.body)
            self.scopes.pop()
        elif kind in ("break", "continue"):
            if not self.loops[-1]:
                self.error(node, f"{kind} not allowed outside loop")
        elif kind == "return":
            if not self.functions:
                self.error(node, "return not allowed outside function")
            if node.result is not None:
                self.expr(node.result)
        elif kind == "export":
            if self.functions:
                self.error(node, "export not allowed inside function")
            self.expr(node.value)

    def loop(self, body: Node) -> None:
        self.loops[-1] += 1
        self.block(body.body)
        self.loops[-1] -= 1

    def assign(self, node: Node) -> None:
        if len(node.lhs) > 1 or len(node.rhs) > 1:
            self.error(node, "tuple assignment not allowed")
        lhs, rhs = node.lhs[0], node.rhs[0]
        if node.op == ":=":
            if lhs.kind != "name":
                self.error(node, "operator ':=' not allowed with selector")
            if lhs.name in self.scopes[-1]:
                self.error(node, f"'{lhs.name}' redeclared in this block")
            if rhs.kind == "func":  # a function may call itself
                self.scopes[-1].add(lhs.name)
            self.expr(rhs)
            self.scopes[-1].add(lhs.name)
            return
        self.target(node, lhs)
        self.expr(rhs)

    def target(self, node: Node, lhs: Node) -> None:
        root = lhs
        while root.kind == "index":
            self.expr(root.key)
            root = root.target
        if root.kind != "name":
            self.error(node, "invalid assignment target")
        if not self.resolved(root.name):
            self.error(node, f"unresolved reference '{root.name}'")

    def expr(self, node: Node) -> None:
        kind = node.kind
        if kind == "name":
            if not self.resolved(node.name):
                self.error(node, f"unresolved reference '{node.name}'")
        elif kind in ("binary", "logical"):
            self.expr(node.left)
            self.expr(node.right)
        elif kind == "unary":
            self.expr(node.operand)
        elif kind == "ternary":
            for part in (node.cond, node.yes, node.no):
                self.expr(part)
        elif kind in ("paren", "error", "immutable"):
            self.expr(node.value)
        elif kind == "index":
            self.expr(node.target)
            self.expr(node.key)
        elif kind == "slice":
            for part in (node.target, node.low, node.high):
                if part is not None:
                    self.expr(part)
        elif kind == "call":
            self.expr(node.func)
            for arg in node.args:
                self.expr(arg)
        elif kind == "array":
            for item in node.items:
                self.expr(item)
        elif kind == "map":
            for _, item in node.items:
                self.expr(item)
        elif kind == "func":
            self.functions += 1
            self.loops.append(0)
            self.scopes.append(set(node.params))
            self.block(node.body.body, fresh=False)
            self.scopes.pop()
            self.loops.pop()
            self.functions -= 1
        elif kind == "import" and node.name not in self.modules:
            self.error(node, f"module '{node.name}' not found")


class Scope:
    __slots__ = ("names", "parent")

    def __init__(self, parent: Scope | None = None, names: dict | None = None):
        self.names = names if names is not None else {}
        self.parent = parent

    def find(self, name: str) -> Scope:
        scope = self
        while name not in scope.names:
            scope = scope.parent
        return scope


class Signal:
    """How a statement ended other than by running to its end: `break`, `continue` or `return value`."""

    __slots__ = ("kind", "value")

    def __init__(self, kind: str, value=UNDEFINED):
        self.kind, self.value = kind, value


BREAK, CONTINUE = Signal("break"), Signal("continue")


def tail(statements: list[Node], index: int, body: bool) -> bool:
    """Whether a call statement is followed by a return of nothing: the end of a function's body, or `return`."""
    if index == len(statements) - 1:
        return body
    following = statements[index + 1]
    return following.kind == "return" and following.result is None


class Interpreter:
    def __init__(self, modules: dict, limits: Limits):
        self.modules = modules
        self.limits = limits
        self.steps = 0
        self.deadline = 0.0
        self.frames: list[Function] = []  # the functions being run, innermost last
        self.memory_at_start = self.fresh = 0  # resident memory when the run began; bytes made since the last look
        self.output: list[bytes] = []  # what fmt.print and friends printed

    def run(self, tree: list[Node], globals_: dict) -> dict:
        self.deadline = time.monotonic() + self.limits.seconds
        self.memory_at_start, self.fresh = resident_memory(), 0
        scope = Scope(names=globals_)
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old_limit, 12 * self.limits.depth + 2000))
        try:
            self.block(tree, scope)
        except RecursionError:
            raise TengoRuntimeError("stack overflow") from None
        finally:
            sys.setrecursionlimit(old_limit)
        return scope.names

    def tick(self, node: Node) -> None:
        self.steps += 1
        if self.steps > self.limits.steps:
            raise BudgetExceeded(f"the script ran more than {self.limits.steps:,} steps", node.line, node.column)
        if not self.steps & 1023 and time.monotonic() > self.deadline:
            raise BudgetExceeded(f"the script ran longer than {self.limits.seconds:g} s", node.line, node.column)

    def made(self, value) -> None:
        """Count a new string, bytes or array; every CHECK_MEMORY_EVERY bytes, stop a run that has grown the
        process by more than its memory limit."""
        t = type(value)
        if t is bytes:
            self.fresh += len(value)
        elif t is Array:
            self.fresh += 8 * len(value.items) + sum(len(item) for item in value.items if type(item) is bytes)
        elif t is Bytes:
            self.fresh += len(value.data)
        if self.fresh > CHECK_MEMORY_EVERY:
            self.fresh = 0
            if resident_memory() - self.memory_at_start > self.limits.memory:
                raise SizeError(f"the script used more than {self.limits.memory // 2**20:,} MiB of memory")

    def fail(self, node: Node, message: str):
        raise TengoRuntimeError(message, node.line, node.column)

    def checked(self, node: Node, compute, *args):
        """compute(*args), counted as a new value; one over a size limit is the budget's error, an operation
        that fails Tengo's runtime error at the node."""
        try:
            result = compute(*args)
            self.made(result)
            return result
        except SizeError as error:
            raise BudgetExceeded(str(error), node.line, node.column) from None
        except OperationError as error:
            self.fail(node, str(error))

    # statements

    def block(self, statements: list[Node], scope: Scope, body: bool = False):
        """Run statements; `body` for a function's own body, whose last call statement is in tail position."""
        for index, stmt in enumerate(statements):
            if self.frames and stmt.kind == "expr" and stmt.value.kind == "call" and tail(statements, index, body):
                self.tick(stmt)
                signal = self.tail_call(stmt.value, scope)
                if type(signal) is Signal:
                    return signal
                continue
            signal = self.statement(stmt, scope)
            if signal is not None:
                return signal
        return None

    def statement(self, node: Node, scope: Scope):
        self.tick(node)
        kind = node.kind
        if kind == "expr":
            self.eval(node.value, scope)
        elif kind == "assign":
            self.assign(node, scope)
        elif kind == "incdec":
            self.update(node, node.target, "+" if node.op == "++" else "-", 1, scope)
        elif kind == "if":
            inner = Scope(scope)
            if node.init is not None:
                self.statement(node.init, inner)
            if truthy(self.eval(node.cond, inner)):
                return self.block(node.body.body, Scope(inner))
            if node.orelse is not None:
                return self.statement(node.orelse, inner)
        elif kind == "block":
            return self.block(node.body, Scope(scope))
        elif kind == "for":
            return self.for_loop(node, scope)
        elif kind == "forin":
            return self.for_in(node, scope)
        elif kind == "break":
            return BREAK
        elif kind == "continue":
            return CONTINUE
        elif kind == "return":
            if node.result is None:
                return Signal("return")
            if node.result.kind == "call" and self.frames:
                value = self.tail_call(node.result, scope)
                return value if type(value) is Signal else Signal("return", value)
            return Signal("return", self.eval(node.result, scope))
        return None  # `export` in a main script is ignored, as Tengo ignores it

    def for_loop(self, node: Node, scope: Scope):
        loop = Scope(scope)
        if node.init is not None:
            self.statement(node.init, loop)
        while True:
            self.tick(node)
            if node.cond is not None and not truthy(self.eval(node.cond, loop)):
                return None
            signal = self.block(node.body.body, Scope(loop))
            if signal is BREAK:
                return None
            if signal is not None and signal is not CONTINUE:
                return signal
            if node.post is not None:
                self.statement(node.post, loop)

    def for_in(self, node: Node, scope: Scope):
        iterable = self.eval(node.iterable, scope)
        loop = Scope(scope)
        for key, value in self.pairs(node, iterable):
            self.tick(node)
            if node.key != "_":
                loop.names[node.key] = key
            if node.value != "_":
                loop.names[node.value] = value
            signal = self.block(node.body.body, Scope(loop))
            if signal is BREAK:
                return None
            if signal is not None and signal is not CONTINUE:
                return signal
        return None

    def pairs(self, node: Node, v):
        t = type(v)
        if t is Array:
            return enumerate(list(v.items))
        if t is Map:
            return [(k, e) for k, e in v.items.items()]
        if t is bytes:
            return [(i, Char(c)) for i, c in enumerate(runes(v))]
        if t is Bytes:
            return enumerate(v.data)
        self.fail(node, f"not iterable: {type_name(v)}")

    def assign(self, node: Node, scope: Scope) -> None:
        lhs, rhs = node.lhs[0], node.rhs[0]
        if node.op == ":=":
            if rhs.kind == "func":
                scope.names[lhs.name] = UNDEFINED
            scope.names[lhs.name] = self.eval(rhs, scope)
        elif node.op == "=":
            value = self.eval(rhs, scope)
            self.store(node, lhs, value, scope)
        else:
            self.update(node, lhs, OP_ASSIGN[node.op], None, scope, rhs)

    def update(self, node: Node, lhs: Node, op: str, constant, scope: Scope, rhs: Node | None = None) -> None:
        """`lhs op= rhs` (or `lhs++`): the target's container and key are evaluated once."""
        if lhs.kind == "name":
            owner = scope.find(lhs.name)
            current = owner.names[lhs.name]
            value = self.eval(rhs, scope) if rhs is not None else constant
            owner.names[lhs.name] = self.binary(node, op, current, value)
            return
        container = self.eval(lhs.target, scope)
        key = self.eval(lhs.key, scope)
        current = self.get_index(lhs, container, key)
        value = self.eval(rhs, scope) if rhs is not None else constant
        self.set_index(node, container, key, self.binary(node, op, current, value))

    def store(self, node: Node, lhs: Node, value, scope: Scope) -> None:
        if lhs.kind == "name":
            scope.find(lhs.name).names[lhs.name] = value
            return
        container = self.eval(lhs.target, scope)
        self.set_index(node, container, self.eval(lhs.key, scope), value)

    def set_index(self, node: Node, container, key, value) -> None:
        t = type(container)
        if t is Array and not container.immutable:
            if type(key) is not int:
                self.fail(node, "invalid index type")
            if not 0 <= key < len(container.items):
                self.fail(node, "index out of bounds")
            container.items[key] = value
        elif t is Map and not container.immutable:
            name = to_string(key)
            if name is None:
                self.fail(node, "invalid index type")
            container.items[name] = value
        elif t is Bytes:
            self.fail(node, "not index-assignable: bytes")
        else:
            self.fail(node, f"not index-assignable: {type_name(container)}")

    # expressions

    def eval(self, node: Node, scope: Scope):
        kind = node.kind
        if kind == "const":
            return node.value
        if kind == "name":
            return scope.find(node.name).names[node.name]
        if kind == "binary":
            return self.binary(node, node.op, self.eval(node.left, scope), self.eval(node.right, scope))
        if kind == "logical":
            left = self.eval(node.left, scope)
            if truthy(left) == (node.op == "||"):
                return left
            return self.eval(node.right, scope)
        if kind == "call":
            return self.call(node, scope)
        if kind == "index":
            return self.get_index(node, self.eval(node.target, scope), self.eval(node.key, scope))
        if kind == "paren":
            return self.eval(node.value, scope)
        if kind == "unary":
            return self.unary(node, self.eval(node.operand, scope))
        if kind == "ternary":
            return self.eval(node.yes if truthy(self.eval(node.cond, scope)) else node.no, scope)
        if kind == "char":
            return Char(node.value)
        if kind == "undefined":
            return UNDEFINED
        if kind == "array":
            return Array([self.eval(item, scope) for item in node.items])
        if kind == "map":
            return Map({key: self.eval(item, scope) for key, item in node.items})
        if kind == "func":
            return Function(node.params, node.variadic, node.body.body, scope)
        if kind == "slice":
            return self.slice(node, scope)
        if kind == "error":
            return Error(self.eval(node.value, scope))
        if kind == "immutable":
            value = self.eval(node.value, scope)
            if type(value) is Array:
                return Array(value.items, immutable=True)
            if type(value) is Map:
                return Map(value.items, immutable=True)
            return value
        if kind == "import":
            return self.modules[node.name]
        raise TengoError(f"cannot evaluate {kind}", node.line, node.column)

    def binary(self, node: Node, op: str, left, right):
        if op == "==":
            return self.checked(node, equals, left, right)
        if op == "!=":
            return not self.checked(node, equals, left, right)
        return self.checked(node, binary_op, op, left, right, self.limits)

    def unary(self, node: Node, v):
        op, t = node.op, type(v)
        if op == "!":
            return not truthy(v)
        if t in (int, float) and op in ("+", "-"):
            return v if op == "+" else (wrap(-v) if t is int else -v)
        if t is int and op == "^":
            return ~v
        self.fail(node, f"invalid operation: {op}{type_name(v)}")

    def get_index(self, node: Node, container, key):
        t = type(container)
        if t is Map:
            name = to_string(key)
            if name is None:
                self.fail(node, "invalid index type")
            return container.items.get(name, UNDEFINED)
        if t in (Array, bytes, Bytes):
            if type(key) is not int:
                self.fail(node, "invalid index type")
            items = container.items if t is Array else runes(container) if t is bytes else container.data
            if not 0 <= key < len(items):
                return UNDEFINED
            return Char(items[key]) if t is bytes else items[key]
        if t is Error:
            if to_string(key) != b"value":
                self.fail(node, "invalid index on error")
            return container.value
        if container is UNDEFINED:
            return UNDEFINED
        self.fail(node, f"not indexable: {type_name(container)}")

    def slice(self, node: Node, scope: Scope):
        container = self.eval(node.target, scope)
        bounds = []
        for part in (node.low, node.high):
            value = UNDEFINED if part is None else self.eval(part, scope)
            if value is not UNDEFINED and type(value) is not int:
                self.fail(node, f"invalid slice index type: {type_name(value)}")
            bounds.append(value)
        t = type(container)
        if t not in (Array, bytes, Bytes):
            self.fail(node, f"not indexable: {type_name(container)}")
        size = len(container.items if t is Array else container if t is bytes else container.data)
        low = 0 if bounds[0] is UNDEFINED else bounds[0]
        high = size if bounds[1] is UNDEFINED else bounds[1]
        if low > high:
            self.fail(node, f"invalid slice index: {low} > {high}")
        low, high = min(max(low, 0), size), min(max(high, 0), size)
        if t is Array:
            return Array(container.items[low:high])
        return container[low:high] if t is bytes else Bytes(container.data[low:high])

    def arguments(self, node: Node, scope: Scope) -> tuple[object, list]:
        func = self.eval(node.func, scope)
        args = [self.eval(arg, scope) for arg in node.args]
        if node.spread:
            last = args.pop() if args else UNDEFINED
            if type(last) is not Array:
                self.fail(node, f"not an array: {type_name(last)}")
            args += last.items
        return func, args

    def call(self, node: Node, scope: Scope):
        func, args = self.arguments(node, scope)
        return self.apply(node, func, args)

    def tail_call(self, node: Node, scope: Scope):
        """A call in tail position: a function calling itself gets `Signal("tail", args)` back, so that its frame
        is reused as Tengo reuses it (a recursion that is a loop never overflows); any other call is made."""
        func, args = self.arguments(node, scope)
        if func is self.frames[-1]:
            return Signal("tail", args)
        return self.apply(node, func, args)

    def apply(self, node: Node, func, args: list):
        self.tick(node)
        if type(func) is Builtin:
            return self.checked(node, func.call, self, *args)
        if type(func) is not Function:
            self.fail(node, f"not callable: {type_name(func)}")
        if len(self.frames) >= self.limits.depth:
            raise TengoRuntimeError("stack overflow", node.line, node.column)
        names = self.bind(node, func, args)
        self.frames.append(func)
        try:
            while True:
                signal = self.block(func.body, Scope(func.scope, names), body=True)
                if signal is None or signal.kind != "tail":
                    return UNDEFINED if signal is None else signal.value
                self.tick(node)
                names = self.bind(node, func, signal.value)
        except TengoError as error:
            error.calls.append((node.line, node.column))  # Tengo's trace: the call sites, outward
            raise
        finally:
            self.frames.pop()

    def bind(self, node: Node, func: Function, args: list) -> dict:
        """The parameters' values; a variadic function's last parameter takes the rest as an array."""
        params = func.params
        if func.variadic:
            fixed = len(params) - 1
            if len(args) < fixed:
                self.fail(node, f"wrong number of arguments: want>={fixed}, got={len(args)}")
            args = args[:fixed] + [Array(args[fixed:])]
        elif len(args) != len(params):
            self.fail(node, f"wrong number of arguments: want={len(params)}, got={len(args)}")
        return dict(zip(params, args))
