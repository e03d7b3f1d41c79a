"""`--output=FILE.tmpl`: Vale's custom output, a Go text/template, run by a small interpreter of the subset that
Vale's documented templates use.

Read: text and actions with `{{-`/`-}}` trimming and `{{/* comments */}}`; `if`/`else if`/`else`, `range` (over
lists and maps, with `$i, $x :=`, `else`, `break`, `continue`), `with`; variables (`$x := ...`, `$x = ...`, `$`);
pipelines with `|` and parentheses; fields (`.Files`, `$a.Span`); string, raw-string, number and boolean literals.
Functions: Go's built-ins (`eq`, `ne`, `lt`, `le`, `gt`, `ge`, `and`, `or`, `not`, `len`, `index`, `slice`,
`print`, `printf`, `println`, `html`, `js`, `urlquery`), Vale's own (`red`, `blue`, `yellow`, `underline`,
`jsonEscape`, `newTable`, `addRow`, `renderTable`) and the Sprig functions in `SPRIG`. Anything else (`define`,
`template`, `block`, methods, an unknown function) is a `TemplateError` naming the file and line. Nothing in a
template is run as Python code.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import sys
import textwrap
from dataclasses import dataclass, field
from urllib.parse import quote_plus

TEMPLATE_DIRS = ("vocabularies", "dictionaries", "templates", "ignore", "actions", "scripts")  # StylesPath/config/
SPACE = " \t\r\n"


class TemplateError(Exception):
    """A template that cannot be read or run; the message names the file and the line, as Go's errors do."""


class Struct(dict):
    """A Go struct: a field it does not have is an error (a map's missing key is nil)."""


@dataclass
class Table:
    """olekukonko/tablewriter as Vale sets it up: no separators, cells padded to the widest, long cells wrapped."""

    wrap: bool
    rows: list[list[str]] = field(default_factory=list)

    def render(self) -> str:
        if not self.rows:
            return "\n\n"
        cells = [[_wrapped(str(c)) if self.wrap else [str(c)] for c in row] for row in self.rows]
        widths = [max(len(line) for row in cells for line in row[i]) for i in range(max(map(len, cells)))]
        out = ["\n"]
        for row in cells:
            for k in range(max(len(c) for c in row)):
                parts = []
                for i, width in enumerate(widths):
                    text = row[i][k] if i < len(row) and k < len(row[i]) else ""
                    parts.append(" " + (text.rjust(width) if _numeric(text) else text.ljust(width)) + " ")
                out.append("".join(parts) + "\n")
        return "".join(out) + "\n"


def _wrapped(text: str, limit: int = 30) -> list[str]:
    return textwrap.wrap(text, limit, break_long_words=False, break_on_hyphens=False) or [""]


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[-+]?\d+(\.\d+)?\s*", text))


# --- lexing -------------------------------------------------------------------------------------------------------

TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"\\\n]|\\.)*")
    | (?P<raw>`[^`]*`)
    | (?P<char>'(?:[^'\\]|\\.)+')
    | (?P<number>[-+]?(?:0[xX][0-9a-fA-F]+|\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+|\d+(?:[eE][-+]?\d+)?))
    | (?P<declare>:=)
    | (?P<assign>=)
    | (?P<var>\$[A-Za-z0-9_]*)
    | (?P<field>(?:\.[A-Za-z_][A-Za-z0-9_]*)+)
    | (?P<dot>\.)
    | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<punct>[|(),])
    )""",
    re.VERBOSE,
)


@dataclass
class Token:
    kind: str
    text: str
    line: int


def _tokens(source: str, line: int, where: str) -> list[Token]:
    tokens, pos = [], 0
    while pos < len(source):
        if not source[pos:].strip():
            break
        m = TOKEN.match(source, pos)
        if not m:
            raise TemplateError(f"{where}:{line}: unexpected {source[pos:].strip()[:20]!r} in action")
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "field" and tokens and m.start(kind) == pos and tokens[-1].kind in ("var", "punct"):
            if tokens[-1].kind == "var" or tokens[-1].text == ")":
                kind = "chain"  # `$x.Field` or `(...).Field`
        tokens.append(Token(kind, text, line))
        pos = m.end()
    return tokens


def _lex(text: str, where: str) -> list[tuple]:
    """('text', str) and ('action', tokens, line) items, trimming applied, comments dropped."""
    items: list[tuple] = []
    pos, line, trim_next = 0, 1, False
    while pos < len(text):
        start = text.find("{{", pos)
        chunk = text[pos:] if start < 0 else text[pos:start]
        if trim_next:
            chunk = chunk.lstrip(SPACE)
        if start < 0:
            items.append(("text", chunk))
            break
        inner = start + 2
        if text[inner : inner + 1] == "-" and text[inner + 1 : inner + 2] and text[inner + 1] in SPACE:
            chunk = chunk.rstrip(SPACE)
            inner += 2
        items.append(("text", chunk))
        line += text.count("\n", pos, inner)
        end = _action_end(text, inner, where, line)
        body = text[inner:end]
        trim_next = body.endswith((" -", "\t-", "\n-", "\r-"))
        if trim_next:
            body = body[:-2]
        if not body.strip().startswith("/*"):
            items.append(("action", _tokens(body, line, where), line))
        elif not body.strip().endswith("*/"):
            raise TemplateError(f"{where}:{line}: comment ends before closing delimiter")
        line += text.count("\n", inner, end + 2)
        pos = end + 2
    return items


def _action_end(text: str, pos: int, where: str, line: int) -> int:
    """The index of the `}}` that closes the action starting at `pos` (strings and comments may hold `}}`)."""
    stripped = text[pos:].lstrip(SPACE)
    if stripped.startswith("/*"):
        close = text.find("*/", pos)
        end = text.find("}}", close) if close >= 0 else -1
    else:
        end, i = -1, pos
        while i < len(text):
            ch = text[i]
            if ch in "\"`'":
                close = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|' + r"'(?:[^'\\]|\\.)*'").match(text, i)
                i = close.end() if close else i + 1
                continue
            if text.startswith("}}", i):
                end = i
                break
            i += 1
    if end < 0:
        raise TemplateError(f"{where}:{line}: unclosed action")
    return end


# --- parsing ------------------------------------------------------------------------------------------------------


@dataclass
class Pipeline:
    commands: list[list[Token | Pipeline]]
    variables: list[str] = field(default_factory=list)
    assign: bool = False  # `=` rather than `:=`
    line: int = 0


@dataclass
class Chain:
    """Fields read off a variable or a parenthesized pipeline: `$alert.Span`, `(index .Files 0).Path`."""

    base: Token | Pipeline
    fields: str


@dataclass
class Node:
    kind: str  # text, action, if, range, with, break, continue
    text: str = ""
    pipeline: Pipeline | None = None
    body: list = field(default_factory=list)
    otherwise: list = field(default_factory=list)
    line: int = 0


class _Parser:
    def __init__(self, items: list[tuple], where: str):
        self.items, self.i, self.where = items, 0, where

    def error(self, line: int, message: str) -> TemplateError:
        return TemplateError(f"{self.where}:{line}: {message}")

    def parse(self, closing: tuple = ()) -> tuple[list[Node], str, list[Token]]:
        """Nodes up to one of the `closing` keywords; returns (nodes, keyword met, the rest of its action)."""
        nodes: list[Node] = []
        while self.i < len(self.items):
            item = self.items[self.i]
            self.i += 1
            if item[0] == "text":
                if item[1]:
                    nodes.append(Node("text", item[1]))
                continue
            tokens, line = item[1], item[2]
            if not tokens:
                raise self.error(line, "missing value for command")
            head = tokens[0].text if tokens[0].kind == "ident" else ""
            if head in closing:
                return nodes, head, tokens[1:]
            if head in ("end", "else"):
                raise self.error(line, f"unexpected {{{{{head}}}}}")
            if head in ("if", "with", "range"):
                nodes.append(self.control(head, tokens[1:], line))
            elif head in ("break", "continue"):
                nodes.append(Node(head, line=line))
            elif head in ("define", "template", "block"):
                raise self.error(line, f"{{{{{head}}}}} is not supported by copydesk's template reader")
            else:
                nodes.append(Node("action", pipeline=self.pipeline(tokens, line), line=line))
        if closing:
            raise self.error(self.items[-1][2] if self.items[-1][0] == "action" else 0, "unexpected EOF")
        return nodes, "", []

    def control(self, kind: str, tokens: list[Token], line: int) -> Node:
        node = Node(kind, pipeline=self.pipeline(tokens, line, kind == "range"), line=line)
        node.body, met, rest = self.parse(("end", "else"))
        if met == "else" and rest:
            if rest[0].kind != "ident" or rest[0].text not in ("if", "with"):
                raise self.error(line, "unexpected tokens after {{else}}")
            node.otherwise = [self.control(rest[0].text, rest[1:], line)]  # `else if` shares the `end`
        elif met == "else":
            node.otherwise, _, _ = self.parse(("end",))
        return node

    def pipeline(self, tokens: list[Token], line: int, in_range: bool = False) -> Pipeline:
        variables, assign = [], False
        kinds = [t.kind for t in tokens]
        for op in ("declare", "assign"):
            if op in kinds:
                at = kinds.index(op)
                names = [t for t in tokens[:at] if t.text != ","]
                if all(t.kind == "var" for t in names) and names and (len(names) == 1 or in_range):
                    variables, assign, tokens = [t.text for t in names], op == "assign", tokens[at + 1 :]
                break
        commands, _ = self.commands(tokens, 0, line)
        if not commands or any(not c for c in commands):
            raise self.error(line, "missing value for command")
        return Pipeline(commands, variables, assign, line)

    def commands(self, tokens: list, i: int, line: int, nested: bool = False) -> tuple[list, int]:
        commands, current = [], []
        while i < len(tokens):
            token = tokens[i]
            if token.kind == "punct" and token.text == "(":
                inner, i = self.commands(tokens, i + 1, line, True)
                current.append(Pipeline(inner, line=line))
                continue
            if token.kind == "punct" and token.text == ")":
                if not nested:
                    raise self.error(line, "unexpected right paren")
                commands.append(current)
                return commands, i + 1
            if token.kind == "punct" and token.text == "|":
                commands.append(current)
                current = []
            elif token.kind == "chain" and current:
                current.append(Chain(current.pop(), token.text))
            elif token.kind in ("declare", "assign", "chain") or token.text == ",":
                raise self.error(line, f"unexpected {token.text!r} in command")
            else:
                current.append(token)
            i += 1
        if nested:
            raise self.error(line, "unclosed left paren")
        commands.append(current)
        return commands, i


# --- running ------------------------------------------------------------------------------------------------------


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


def go_string(value) -> str:
    """A value as Go's fmt prints it with %v."""
    if value is None:
        return "<no value>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(go_string(v) for v in value) + "]"
    if isinstance(value, Struct):
        return "{" + " ".join(go_string(v) for v in value.values()) + "}"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{go_string(v)}" for k, v in sorted(value.items())) + "]"
    if isinstance(value, Table):
        return "&{}"
    return str(value)


def truth(value) -> bool:
    if isinstance(value, Table):
        return True
    return bool(value)


PRINTF_VERB = re.compile(r"%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def go_sprintf(fmt: str, *args) -> str:
    """Go's fmt.Sprintf for the common verbs (%s %v %d %q %t %f %x %c and widths, precisions, `-`, `0`)."""
    values = list(args)
    out, pos = [], 0
    for m in PRINTF_VERB.finditer(fmt):
        out.append(fmt[pos : m.start()])
        pos = m.end()
        flags, width, precision, verb = m.group(1), m.group(2) or "", m.group(3), m.group(4)
        if verb == "%":
            out.append("%")
            continue
        if not values:
            out.append(f"%!{verb}(MISSING)")
            continue
        value = values.pop(0)
        spec = flags.replace("#", "") + width
        if verb in "dxXobc" and isinstance(value, (int, float)) and not isinstance(value, bool):
            code = {"d": "d", "x": "x", "X": "X", "o": "o", "b": "b", "c": "c"}[verb]
            out.append(format(int(value), spec + code))
        elif verb in "feEgG" and isinstance(value, (int, float)):
            digits = f".{precision}" if precision else ".6" if verb in "fF" else ""
            out.append(format(float(value), spec + digits + verb))
        elif verb == "q":
            out.append(format(json.dumps(go_string(value), ensure_ascii=False), spec))
        elif verb == "t" and isinstance(value, bool):
            out.append(format(go_string(value), spec))
        else:
            text = go_string(value)
            if precision is not None and verb in "sv":
                text = text[: int(precision)]
            align = "<" if "-" in flags else ">"
            out.append(format(text, f"{align}{width}") if width else text)
    out.append(fmt[pos:])
    if values:
        out.append("%!(EXTRA " + ", ".join(f"{type(v).__name__}={go_string(v)}" for v in values) + ")")
    return "".join(out)


def _colour(code: str):
    def paint(s):
        if os.environ.get("NO_COLOR") or not sys.stdout.isatty():
            return str(s)
        return f"\x1b[{code}m{s}\x1b[0m"

    return paint


def _index(item, *keys):
    for key in keys:
        if isinstance(item, dict):
            item = item.get(key)
        else:
            item = item[int(key)]
    return item


def _compare(op):
    def compare(a, b):
        return op(a, b)

    return compare


def _number(value) -> float | int:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        try:
            return float(str(value).strip())
        except ValueError:
            return 0


def _int(value) -> int:
    return int(_number(value))


def _dict(*pairs):
    return {str(pairs[i]): pairs[i + 1] if i + 1 < len(pairs) else "" for i in range(0, len(pairs), 2)}


def _set(d, key, value):
    d[key] = value
    return d


def _keys(*dicts):
    return [k for d in dicts for k in sorted(d)]


def _empty(value) -> bool:
    return not truth(value)


GO_BUILTINS = {
    "eq": lambda a, *bs: any(a == b for b in bs),
    "ne": lambda a, b: a != b,
    "lt": _compare(lambda a, b: a < b),
    "le": _compare(lambda a, b: a <= b),
    "gt": _compare(lambda a, b: a > b),
    "ge": _compare(lambda a, b: a >= b),
    "not": lambda a: not truth(a),
    "len": lambda a: len(a),
    "index": _index,
    "slice": lambda a, *ij: a[slice(*(int(x) for x in ij))],
    "print": lambda *a: "".join(
        (" " if i and not isinstance(v, str) and not isinstance(a[i - 1], str) else "") + go_string(v)
        for i, v in enumerate(a)
    ),
    "println": lambda *a: " ".join(go_string(v) for v in a) + "\n",
    "printf": go_sprintf,
    "html": lambda *a: html.escape("".join(go_string(v) for v in a)),
    "js": lambda *a: json.dumps("".join(go_string(v) for v in a))[1:-1].replace("'", "\\'"),
    "urlquery": lambda *a: quote_plus("".join(go_string(v) for v in a)),
}

SPRIG = {
    # strings
    "trim": lambda s: str(s).strip(),
    "trimAll": lambda cut, s: str(s).strip(cut),
    "trimPrefix": lambda p, s: str(s).removeprefix(p),
    "trimSuffix": lambda p, s: str(s).removesuffix(p),
    "upper": lambda s: str(s).upper(),
    "lower": lambda s: str(s).lower(),
    "title": lambda s: str(s).title(),
    "repeat": lambda n, s: str(s) * int(n),
    "replace": lambda old, new, s: str(s).replace(old, new),
    "contains": lambda sub, s: sub in str(s),
    "hasPrefix": lambda p, s: str(s).startswith(p),
    "hasSuffix": lambda p, s: str(s).endswith(p),
    "quote": lambda *a: " ".join(json.dumps(go_string(v), ensure_ascii=False) for v in a if v is not None),
    "squote": lambda *a: " ".join(f"'{go_string(v)}'" for v in a if v is not None),
    "cat": lambda *a: " ".join(go_string(v) for v in a if v is not None),
    "indent": lambda n, s: "\n".join(" " * int(n) + line for line in str(s).split("\n")),
    "nindent": lambda n, s: "\n" + "\n".join(" " * int(n) + line for line in str(s).split("\n")),
    "trunc": lambda n, s: str(s)[: int(n)] if int(n) >= 0 else str(s)[int(n) :],
    "abbrev": lambda n, s: str(s) if len(str(s)) <= int(n) else str(s)[: max(int(n) - 3, 0)] + "...",
    "substr": lambda a, b, s: str(s)[int(a) : int(b)],
    "splitList": lambda sep, s: str(s).split(sep),
    "join": lambda sep, items: sep.join(go_string(v) for v in items),
    "toString": go_string,
    "toStrings": lambda items: [go_string(v) for v in items],
    "plural": lambda one, many, n: one if _int(n) == 1 else many,
    "wrap": lambda n, s: "\n".join(textwrap.wrap(str(s), int(n))),
    # numbers
    "add1": lambda n: _number(n) + 1,
    "add": lambda *a: sum(_number(v) for v in a),
    "sub": lambda a, b: _number(a) - _number(b),
    "mul": lambda *a: math.prod(_number(v) for v in a),
    "div": lambda a, b: _int(a) // _int(b),
    "mod": lambda a, b: _int(a) % _int(b),
    "max": lambda *a: max(_number(v) for v in a),
    "min": lambda *a: min(_number(v) for v in a),
    "int": _int,
    "int64": _int,
    "atoi": _int,
    "float64": lambda v: float(_number(v)),
    # lists and dicts
    "list": lambda *a: list(a),
    "first": lambda items: items[0] if items else None,
    "last": lambda items: items[-1] if items else None,
    "rest": lambda items: list(items[1:]),
    "initial": lambda items: list(items[:-1]),
    "append": lambda items, v: [*items, v],
    "prepend": lambda items, v: [v, *items],
    "concat": lambda *lists: [v for items in lists for v in items],
    "uniq": lambda items: list(dict.fromkeys(items)),
    "has": lambda needle, items: needle in items,
    "without": lambda items, *drop: [v for v in items if v not in drop],
    "sortAlpha": lambda items: sorted(go_string(v) for v in items),
    "reverse": lambda items: list(reversed(items)),
    "compact": lambda items: [v for v in items if truth(v)],
    "dict": _dict,
    "get": lambda d, k: d.get(k, ""),
    "set": _set,
    "unset": lambda d, k: (d.pop(k, None), d)[1],
    "hasKey": lambda d, k: k in d,
    "keys": _keys,
    "values": lambda d: list(d.values()),
    # defaults and encoding
    "default": lambda d, v=None: d if _empty(v) else v,
    "empty": _empty,
    "coalesce": lambda *a: next((v for v in a if truth(v)), None),
    "ternary": lambda a, b, cond: a if truth(cond) else b,
    "toJson": lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":")),
    "toPrettyJson": lambda v: json.dumps(v, ensure_ascii=False, indent=2),
}


VALE_FUNCTIONS = ("red", "blue", "yellow", "underline", "jsonEscape", "newTable", "addRow", "renderTable")
FUNCTION_NAMES = {*GO_BUILTINS, *SPRIG, "and", "or", *VALE_FUNCTIONS}


class Template:
    """A parsed template; `render(data)` returns the text Vale would print."""

    def __init__(self, text: str, where: str):
        self.where = where
        self.nodes, _, _ = _Parser(_lex(text, where), where).parse()
        self._check_functions(self.nodes)

    def _check_functions(self, nodes: list[Node]) -> None:
        """As Go does when it parses: a function name that is not defined is an error before anything runs."""
        for node in nodes:
            if node.pipeline is not None:
                self._check_pipeline(node.pipeline)
            self._check_functions(node.body)
            self._check_functions(node.otherwise)

    def _check_pipeline(self, pipeline: Pipeline) -> None:
        for command in pipeline.commands:
            for operand in command:
                while isinstance(operand, Chain):
                    operand = operand.base
                if isinstance(operand, Pipeline):
                    self._check_pipeline(operand)
                elif operand.kind == "ident" and operand.text not in FUNCTION_NAMES | {"true", "false", "nil"}:
                    raise self.error(operand.line, f'function "{operand.text}" not defined')

    def render(self, data) -> str:
        self.out: list[str] = []
        self.functions = {
            **GO_BUILTINS,
            **SPRIG,
            "and": None,
            "or": None,
            "red": _colour("31"),
            "blue": _colour("34"),
            "yellow": _colour("33"),
            "underline": _colour("4"),
            "jsonEscape": lambda s: json.dumps(str(s), ensure_ascii=False)[1:-1],
            "newTable": lambda wrap: Table(bool(wrap)),
            "addRow": lambda table, row: (table.rows.append(list(row)), table)[1],
            "renderTable": self._render_table,
        }
        self.run(self.nodes, data, [{"$": data}])
        return "".join(self.out)

    def _render_table(self, table: Table) -> Table:
        self.out.append(table.render())
        table.rows = []
        return table

    def error(self, line: int, message: str) -> TemplateError:
        return TemplateError(f"{self.where}:{line}: {message}")

    def run(self, nodes: list[Node], dot, scopes: list[dict]) -> None:
        for node in nodes:
            if node.kind == "text":
                self.out.append(node.text)
            elif node.kind == "action":
                value = self.pipeline(node.pipeline, dot, scopes)
                if not node.pipeline.variables:
                    self.out.append(go_string(value))
            elif node.kind in ("if", "with"):
                inner = [*scopes, {}]  # a variable declared in the condition lives until `end`
                value = self.pipeline(node.pipeline, dot, inner)
                if truth(value):
                    self.run(node.body, value if node.kind == "with" else dot, inner)
                else:
                    self.run(node.otherwise, dot, inner)
            elif node.kind == "range":
                self.range(node, dot, scopes)
            elif node.kind == "break":
                raise _Break
            elif node.kind == "continue":
                raise _Continue

    def range(self, node: Node, dot, scopes: list[dict]) -> None:
        pipeline = node.pipeline
        names = pipeline.variables
        value = self.pipeline(Pipeline(pipeline.commands, line=pipeline.line), dot, scopes)
        if isinstance(value, dict):
            pairs = [(k, value[k]) for k in sorted(value)]
        elif isinstance(value, int) and not isinstance(value, bool):
            pairs = [(i, i) for i in range(value)]
        elif value is None:
            pairs = []
        elif isinstance(value, (list, tuple, str)):
            pairs = list(enumerate(value))
        else:
            raise self.error(node.line, f"range can't iterate over {go_string(value)}")
        if not pairs:
            self.run(node.otherwise, dot, [*scopes, {}])
            return
        for key, item in pairs:
            scope = {}
            if len(names) == 1:
                scope[names[0]] = item
            elif len(names) == 2:
                scope[names[0]], scope[names[1]] = key, item
            try:
                self.run(node.body, item, [*scopes, scope])
            except _Break:
                break
            except _Continue:
                continue

    def pipeline(self, pipeline: Pipeline, dot, scopes: list[dict]):
        value, has_value = None, False
        for command in pipeline.commands:
            value = self.command(command, dot, scopes, (value,) if has_value else (), pipeline.line)
            has_value = True
        for name in pipeline.variables[:1]:
            if pipeline.assign:
                for scope in reversed(scopes):
                    if name in scope:
                        scope[name] = value
                        break
                else:
                    raise self.error(pipeline.line, f"undefined variable: {name}")
            else:
                scopes[-1][name] = value
        return value

    def command(self, command: list, dot, scopes: list[dict], piped: tuple, line: int):
        head = command[0]
        if isinstance(head, Token) and head.kind == "ident" and head.text not in ("true", "false", "nil"):
            return self.call(head.text, command[1:], dot, scopes, piped, line)
        if len(command) > 1 or piped:
            raise self.error(line, f"can't give argument to non-function {self.describe(head)}")
        return self.operand(head, dot, scopes, line)

    def call(self, name: str, arguments: list, dot, scopes: list[dict], piped: tuple, line: int):
        if name not in self.functions:
            raise self.error(line, f'function "{name}" not defined')
        if name in ("and", "or"):  # short-circuit, as in Go
            values = [lambda a=a: self.operand(a, dot, scopes, line) for a in arguments]
            values += [lambda v=v: v for v in piped]
            result = None
            for get in values:
                result = get()
                if truth(result) == (name == "or"):
                    return result
            return result
        values = [self.operand(a, dot, scopes, line) for a in arguments] + list(piped)
        try:
            return self.functions[name](*values)
        except TemplateError:
            raise
        except Exception as error:
            raise self.error(line, f"error calling {name}: {error}") from None

    def operand(self, token, dot, scopes: list[dict], line: int):
        if isinstance(token, Chain):
            return self.fields(self.operand(token.base, dot, scopes, line), token.fields, line)
        if isinstance(token, Pipeline):
            return self.pipeline(token, dot, scopes)
        if token.kind == "ident":
            if token.text in ("true", "false"):
                return token.text == "true"
            if token.text == "nil":
                return None
            return self.call(token.text, [], dot, scopes, (), line)
        if token.kind == "string":
            return json.loads(token.text)
        if token.kind == "raw":
            return token.text[1:-1]
        if token.kind == "char":
            return ord(json.loads('"' + token.text[1:-1].replace('"', '\\"') + '"'))
        if token.kind == "number":
            text = token.text
            return int(text, 0) if re.fullmatch(r"[-+]?(0[xX][0-9a-fA-F]+|\d+)", text) else float(text)
        if token.kind == "dot":
            return dot
        if token.kind == "field":
            return self.fields(dot, token.text, line)
        if token.kind == "var":
            return self.variable(token.text, scopes, line)
        raise self.error(line, f"unexpected {token.text!r}")

    def variable(self, name: str, scopes: list[dict], line: int):
        for scope in reversed(scopes):
            if name in scope:
                return scope[name]
        raise self.error(line, f"undefined variable: {name}")

    def fields(self, value, chain: str, line: int):
        for name in chain.strip(".").split("."):
            if isinstance(value, Struct):
                if name not in value:
                    raise self.error(line, f"can't evaluate field {name}")
                value = value[name]
            elif isinstance(value, dict):
                value = value.get(name)
            elif value is None:
                return None
            else:
                raise self.error(line, f"can't evaluate field {name} in type {type(value).__name__}")
        return value

    def describe(self, token) -> str:
        return token.text if isinstance(token, Token) else "(...)"


def find_template(name: str, styles_path: str) -> str | None:
    """The template file as Vale finds it: the path itself, else under StylesPath, else StylesPath/config/*/."""
    if os.path.isfile(name):
        return name
    for candidate in [os.path.join(styles_path, name)] + [
        os.path.join(styles_path, "config", folder, name) for folder in TEMPLATE_DIRS
    ]:
        if os.path.isfile(candidate):
            return candidate
    return None


def alert_struct(alert) -> Struct:
    return Struct(
        Action=Struct(Name="", Params=None),
        Span=[alert.column, alert.column + max(len(alert.match), 1) - 1],
        Check=alert.check,
        Description="",
        Link=alert.link,
        Message=alert.message,
        Severity=alert.level,
        Match=alert.match,
        Line=alert.line,
    )


def render_files(path: str, files: list) -> str:
    """Vale's `PrintCustomAlerts`: the template at `path` run over the files that have alerts."""
    where = path
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        raise TemplateError(f"{where}: {error.strerror}") from None
    template = Template(text, where)
    processed = [
        Struct(Path=f.path, Alerts=[alert_struct(a) for a in sorted(f.alerts, key=lambda a: (a.line, a.column))])
        for f in files
        if f.alerts
    ]
    return template.render(Struct(Files=processed, LintedTotal=len(files)))
