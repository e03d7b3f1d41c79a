"""Tengo's grammar: statements and expressions into a tree of `Node`s, with Go's precedence of binary operators
and the ternary `?:` below them all."""

from __future__ import annotations

from linter.vale.tengo.errors import TengoSyntaxError
from linter.vale.tengo.lexer import Token, tokenize

PRECEDENCE = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 3,
    "<=": 3,
    ">": 3,
    ">=": 3,
    "+": 4,
    "-": 4,
    "|": 4,
    "^": 4,
    "*": 5,
    "/": 5,
    "%": 5,
    "<<": 5,
    ">>": 5,
    "&": 5,
    "&^": 5,
}
ASSIGN_OPERATORS = {"=", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^="}
UNARY = {"+", "-", "!", "^"}


class Node:
    """One node of the tree: `kind` ("binary", "call", "if", ...), the position, and the kind's fields."""

    def __init__(self, kind: str, at: Token | Node, **fields):
        self.kind, self.line, self.column = kind, at.line, at.column
        self.__dict__.update(fields)

    def __repr__(self) -> str:
        fields = {k: v for k, v in self.__dict__.items() if k not in ("kind", "line", "column")}
        return f"{self.kind}{fields}"


class Parser:
    def __init__(self, source: str):
        self.tokens = tokenize(source)
        self.pos = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def next(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def _found(self, tok: Token) -> str:
        """What was found instead, as Tengo words it: `newline`, a literal as written, or a token in quotes."""
        if tok.kind == ";" and tok.text == "\n":
            return "newline"
        if tok.kind in ("IDENT", "INT", "FLOAT", "CHAR", "STRING"):
            return tok.text
        return f"'{tok.text or tok.kind}'"

    def error(self, message: str, tok: Token | None = None):
        tok = tok or self.tok
        raise TengoSyntaxError(message, tok.line, tok.column)

    def expect(self, kind: str) -> Token:
        if self.tok.kind != kind:
            self.error(f"expected '{kind}', found {self._found(self.tok)}")
        return self.next()

    def more(self, closing: str, want: str) -> bool:
        """After an element of a list: True when a comma says another follows; a comma right before the closing
        token is an error, and so is anything but a line break or the closing token (Tengo's rule)."""
        if self.tok.kind == ",":
            self.next()
            if self.tok.kind == closing:
                self.error(f"expected {want}, found {self._found(self.tok)}")
            return True
        if self.tok.kind == ";" and self.tok.text == "\n":
            self.next()
        return False

    # statements

    def parse_file(self) -> list[Node]:
        statements = self.statement_list()
        if self.tok.kind != "EOF":
            self.error(f"expected statement, found {self._found(self.tok)}")
        return statements

    def statement_list(self) -> list[Node]:
        out = []
        while self.tok.kind not in ("}", "EOF"):
            stmt = self.statement()
            if stmt is not None:
                out.append(stmt)
        return out

    def end_statement(self) -> None:
        if self.tok.kind == ";":
            self.next()
        elif self.tok.kind not in ("}", "EOF"):
            self.error(f"expected ';', found {self._found(self.tok)}")

    def statement(self) -> Node | None:
        tok = self.tok
        kind = tok.kind
        if kind == ";":
            self.next()
            return None
        if kind == "if":
            node = self.if_statement()
            self.end_statement()
            return node
        if kind == "for":
            node = self.for_statement()
            self.end_statement()
            return node
        if kind in ("break", "continue"):
            self.next()
            self.end_statement()
            return Node(kind, tok)
        if kind == "return":
            self.next()
            result = None
            if self.tok.kind not in (";", "}", "EOF"):
                result = self.expression()
            self.end_statement()
            return Node("return", tok, result=result)
        if kind == "export":
            self.next()
            value = self.expression()
            self.end_statement()
            return Node("export", tok, value=value)
        node = self.simple_statement()
        self.end_statement()
        return node

    def block(self) -> Node:
        tok = self.expect("{")
        body = self.statement_list()
        self.expect("}")
        return Node("block", tok, body=body)

    def simple_statement(self, for_in: bool = False) -> Node:
        tok = self.tok
        lhs = self.expression_list()
        op = self.tok.kind
        if op in ASSIGN_OPERATORS:
            self.next()
            rhs = self.expression_list()
            return Node("assign", tok, op=op, lhs=lhs, rhs=rhs)
        if op in ("++", "--"):
            self.next()
            if len(lhs) > 1:
                self.error(f"expected 1 expression, found {len(lhs)}", tok)
            return Node("incdec", tok, op=op, target=lhs[0])
        if len(lhs) > 1:
            self.error(f"expected 1 expression, found {len(lhs)}", tok)
        return Node("expr", tok, value=lhs[0])

    def expression_list(self) -> list[Node]:
        out = [self.expression()]
        while self.tok.kind == ",":
            self.next()
            out.append(self.expression())
        return out

    def if_statement(self) -> Node:
        tok = self.expect("if")
        init, cond = self.header()
        body = self.block()
        orelse = None
        if self.tok.kind == "else":
            self.next()
            if self.tok.kind == "if":
                orelse = self.if_statement()
            elif self.tok.kind == "{":
                orelse = self.block()
            else:
                self.error("expected if statement or block")
        return Node("if", tok, init=init, cond=cond, body=body, orelse=orelse)

    def header(self) -> tuple[Node | None, Node]:
        """`if [init;] cond`: the optional init statement and the condition."""
        if self.tok.kind == "{":
            self.error("missing condition in if statement")
        first = self.simple_statement()
        if self.tok.kind == ";":
            self.next()
            if self.tok.kind == "{":
                self.error("missing condition in if statement")
            cond = self.simple_statement()
            return first, self._condition(cond)
        return None, self._condition(first)

    def _condition(self, stmt: Node) -> Node:
        if stmt.kind != "expr":
            self.error("expected condition expression", self.tok)
        return stmt.value

    def for_statement(self) -> Node:
        tok = self.expect("for")
        if self.tok.kind == "{":
            return Node("for", tok, init=None, cond=None, post=None, body=self.block())
        if self.tok.kind == "IDENT" and self.tokens[self.pos + 1].kind in (",", "in"):
            key = self.next()
            value = None
            if self.tok.kind == ",":
                self.next()
                value = self.expect("IDENT")
            self.expect("in")
            iterable = self.expression()
            body = self.block()
            if value is None:
                return Node("forin", tok, key="_", value=key.value, iterable=iterable, body=body)
            return Node("forin", tok, key=key.value, value=value.value, iterable=iterable, body=body)
        init = cond = post = None
        if self.tok.kind != ";":
            init = self.simple_statement()
        if self.tok.kind == "{":  # `for cond {`
            return Node("for", tok, init=None, cond=self._condition(init), post=None, body=self.block())
        self.expect(";")
        if self.tok.kind != ";":
            cond = self._condition(self.simple_statement())
        self.expect(";")
        if self.tok.kind != "{":
            post = self.simple_statement()
        return Node("for", tok, init=init, cond=cond, post=post, body=self.block())

    # expressions

    def expression(self) -> Node:
        cond = self.binary(1)
        if self.tok.kind == "?":
            self.next()
            yes = self.expression()
            self.expect(":")
            no = self.expression()
            return Node("ternary", cond, cond=cond, yes=yes, no=no)
        return cond

    def binary(self, level: int) -> Node:
        left = self.unary()
        while True:
            op = self.tok.kind
            prec = PRECEDENCE.get(op, 0)
            if prec < level:
                return left
            self.next()
            right = self.binary(prec + 1)
            kind = "logical" if op in ("&&", "||") else "binary"
            left = Node(kind, left, op=op, left=left, right=right)

    def unary(self) -> Node:
        if self.tok.kind in UNARY:
            tok = self.next()
            return Node("unary", tok, op=tok.kind, operand=self.unary())
        return self.postfix(self.operand())

    def postfix(self, node: Node) -> Node:
        while True:
            kind = self.tok.kind
            if kind == ".":
                self.next()
                name = self.expect("IDENT")
                key = Node("const", name, value=name.value.encode("utf-8"))
                node = Node("index", node, target=node, key=key, selector=True)
            elif kind == "[":
                node = self.index_or_slice(node)
            elif kind == "(":
                node = self.call(node)
            else:
                return node

    def index_or_slice(self, target: Node) -> Node:
        self.expect("[")
        low = high = None
        if self.tok.kind != ":":
            low = self.expression()
        if self.tok.kind == ":":
            self.next()
            if self.tok.kind != "]":
                high = self.expression()
            self.expect("]")
            return Node("slice", target, target=target, low=low, high=high)
        if low is None:
            self.error("expected operand")
        self.expect("]")
        return Node("index", target, target=target, key=low, selector=False)

    def call(self, func: Node) -> Node:
        self.expect("(")
        args, spread = [], False
        while self.tok.kind not in (")", "EOF"):
            args.append(self.expression())
            if self.tok.kind == "...":
                self.next()
                spread = True
                break
            if not self.more(")", "call argument"):
                break
        self.expect(")")
        return Node("call", func, func=func, args=args, spread=spread)

    def operand(self) -> Node:
        tok = self.tok
        kind = tok.kind
        if kind == "IDENT":
            self.next()
            return Node("name", tok, name=tok.value)
        if kind in ("INT", "FLOAT", "STRING"):
            self.next()
            return Node("const", tok, value=tok.value)
        if kind == "CHAR":
            self.next()
            return Node("char", tok, value=tok.value)
        if kind in ("true", "false"):
            self.next()
            return Node("const", tok, value=kind == "true")
        if kind == "undefined":
            self.next()
            return Node("undefined", tok)
        if kind == "(":
            self.next()
            inner = self.expression()
            self.expect(")")
            return Node("paren", tok, value=inner)
        if kind == "[":
            return self.array_literal()
        if kind == "{":
            return self.map_literal()
        if kind == "func":
            return self.function_literal()
        if kind in ("error", "immutable"):
            self.next()
            self.expect("(")
            value = self.expression()
            self.expect(")")
            return Node(kind, tok, value=value)
        if kind == "import":
            self.next()
            self.expect("(")
            name = self.expect("STRING")
            self.expect(")")
            return Node("import", tok, name=name.value.decode("utf-8", "replace"))
        self.error(f"expected operand, found {self._found(tok)}")

    def array_literal(self) -> Node:
        tok = self.expect("[")
        items = []
        while self.tok.kind not in ("]", "EOF"):
            items.append(self.expression())
            if not self.more("]", "array element"):
                break
        self.expect("]")
        return Node("array", tok, items=items)

    def map_literal(self) -> Node:
        tok = self.expect("{")
        items = []
        while self.tok.kind not in ("}", "EOF"):
            key = self.tok
            if key.kind == "IDENT":
                name = key.value.encode("utf-8")
            elif key.kind == "STRING":
                name = key.value
            else:
                self.error(f"expected map key, found {self._found(key)}")
            self.next()
            self.expect(":")
            items.append((name, self.expression()))
            if not self.more("}", "map element"):
                break
        self.expect("}")
        return Node("map", tok, items=items)

    def function_literal(self) -> Node:
        tok = self.expect("func")
        self.expect("(")
        params, variadic = [], False
        while self.tok.kind not in (")", "EOF"):
            if self.tok.kind == "...":
                self.next()
                params.append(self.expect("IDENT").value)
                variadic = True
                if self.tok.kind != ")":
                    self.error("variadic parameter must be the last one")
                break
            params.append(self.expect("IDENT").value)
            if not self.more(")", "parameter"):
                break
        self.expect(")")
        body = self.block()
        return Node("func", tok, params=params, variadic=variadic, body=body)


def parse(source: str) -> list[Node]:
    """The statements of a script; a syntax error is a TengoSyntaxError with its line and column."""
    return Parser(source).parse_file()
