"""Tengo's tokens: Go's lexical rules (automatic semicolons at line ends, `//` and `/* */` comments, Go's string,
raw string, char and number literals)."""

from __future__ import annotations

from dataclasses import dataclass

from linter.vale.tengo.errors import TengoSyntaxError

KEYWORDS = {
    "break",
    "continue",
    "else",
    "for",
    "func",
    "error",
    "immutable",
    "if",
    "return",
    "export",
    "true",
    "false",
    "in",
    "undefined",
    "import",
}
OPERATORS = sorted(
    """+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || ++ -- == < > = ! != <= >= := ...
    ( ) [ ] { } , ; . : ?""".split(),
    key=len,
    reverse=True,
)
# A line break after one of these ends the statement (Go's rule).
ENDS_STATEMENT = {"IDENT", "INT", "FLOAT", "CHAR", "STRING", "break", "continue", "return", "true", "false"}
ENDS_STATEMENT |= {"undefined", "++", "--", ")", "]", "}"}
SIMPLE_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


@dataclass
class Token:
    kind: str  # "IDENT", "INT", "FLOAT", "CHAR", "STRING", "EOF", a keyword or an operator
    value: object
    line: int
    column: int
    text: str = ""  # the literal as written (";" tokens inserted at a line end hold "\n")


class Lexer:
    def __init__(self, source: str):
        self.src = source
        self.i = 0
        self.line = 1
        self.line_start = 0
        self.tokens: list[Token] = []

    def column(self) -> int:
        """The column of the current position in bytes, as Tengo counts it."""
        text = self.src[self.line_start : self.i]
        return (len(text) if text.isascii() else len(text.encode("utf-8"))) + 1

    def error(self, message: str, line: int | None = None, column: int | None = None):
        raise TengoSyntaxError(message, line or self.line, column or self.column())

    def tokenize(self) -> list[Token]:
        src = self.src
        while True:
            newline = self._skip_space()
            last = self.tokens[-1].kind if self.tokens else ""
            if (newline or self.i >= len(src)) and last in ENDS_STATEMENT:
                self.tokens.append(Token(";", None, self.line, self.column(), "\n"))
            if self.i >= len(src):
                self.tokens.append(Token("EOF", None, self.line, self.column()))
                return self.tokens
            if newline:
                continue
            self.tokens.append(self._token())

    def _newline(self, at: int) -> None:
        self.line += 1
        self.line_start = at + 1

    def _skip_space(self) -> bool:
        """Skip blanks and comments up to the next token; True when a line break was passed (one is always
        reported by itself, so that the semicolon rule sees it)."""
        src = self.src
        while self.i < len(src):
            c = src[self.i]
            if c == "\n":
                self._newline(self.i)
                self.i += 1
                return True
            if c in " \t\r":
                self.i += 1
            elif src.startswith("//", self.i):
                end = src.find("\n", self.i)
                self.i = len(src) if end < 0 else end
            elif src.startswith("/*", self.i):
                end = src.find("*/", self.i + 2)
                if end < 0:
                    self.error("comment not terminated")
                body = src[self.i : end]
                for k, ch in enumerate(body):
                    if ch == "\n":
                        self._newline(self.i + k)
                self.i = end + 2
                if "\n" in body:
                    return True
            else:
                return False
        return False

    def _token(self) -> Token:
        src, start = self.src, self.i
        line, column = self.line, self.column()
        c = src[start]
        if c.isalpha() or c == "_":
            end = start
            while end < len(src) and (src[end].isalnum() or src[end] == "_"):
                end += 1
            self.i = end
            word = src[start:end]
            return Token(word if word in KEYWORDS else "IDENT", word, line, column, word)
        if c.isdigit() or (c == "." and start + 1 < len(src) and src[start + 1].isdigit()):
            return self._number(line, column)
        if c == '"':
            return self._string(line, column)
        if c == "`":
            end = src.find("`", start + 1)
            if end < 0:
                self.error("raw string literal not terminated")
            body = src[start + 1 : end]
            for k, ch in enumerate(body):
                if ch == "\n":
                    self._newline(start + 1 + k)
            self.i = end + 1
            return Token("STRING", body.replace("\r", "").encode("utf-8"), line, column, src[start : end + 1])
        if c == "'":
            return self._char(line, column)
        for op in OPERATORS:
            if src.startswith(op, start):
                self.i = start + len(op)
                return Token(op, op, line, column, op)
        self.error(f"illegal character {c!r}")

    def _number(self, line: int, column: int) -> Token:
        src, start = self.src, self.i
        end = start
        if src.startswith(("0x", "0X", "0b", "0B", "0o", "0O"), start):
            end = start + 2
            while end < len(src) and (src[end].isalnum() or src[end] == "_") and src[end] not in "pP":
                end += 1
            hex_float = src[start + 1] in "xX" and end < len(src) and src[end] in ".pP"
            if hex_float:  # 0x1.8p3
                while end < len(src) and (src[end].isalnum() or src[end] in "._" or src[end - 1] in "pP"):
                    end += 1
            text = src[start:end]
            self.i = end
            try:
                if hex_float:
                    return Token("FLOAT", float.fromhex(text.replace("_", "")), line, column, text)
                return Token("INT", int(text.replace("_", ""), 0), line, column, text)
            except ValueError:
                self.error(f"illegal number {text!r}", line, column)
        while end < len(src) and (src[end].isdigit() or src[end] == "_"):
            end += 1
        is_float = False
        if end < len(src) and src[end] == "." and not src.startswith("...", end):
            is_float = True
            end += 1
            while end < len(src) and src[end].isdigit():
                end += 1
        if end < len(src) and src[end] in "eE":
            exp = end + 1
            if exp < len(src) and src[exp] in "+-":
                exp += 1
            if exp < len(src) and src[exp].isdigit():
                is_float = True
                end = exp
                while end < len(src) and src[end].isdigit():
                    end += 1
        text = src[start:end]
        self.i = end
        clean = text.replace("_", "")
        if is_float:
            return Token("FLOAT", float(clean), line, column, text)
        if len(clean) > 1 and clean.startswith("0"):
            if any(d in "89" for d in clean):
                self.error(f"illegal octal number {text!r}", line, column)
            return Token("INT", int(clean, 8), line, column, text)
        return Token("INT", int(clean), line, column, text)

    def _escape(self, quote: str) -> bytes:
        """One escape sequence after its backslash, as the bytes it stands for."""
        src = self.src
        c = src[self.i] if self.i < len(src) else ""
        self.i += 1
        if c in SIMPLE_ESCAPES:
            return bytes([SIMPLE_ESCAPES[c]])
        if c == quote:
            return c.encode()
        if c in "01234567":
            digits = src[self.i - 1 : self.i + 2]
            if len(digits) < 3 or any(d not in "01234567" for d in digits) or int(digits, 8) > 255:
                self.error("illegal octal escape")
            self.i += 2
            return bytes([int(digits, 8)])
        sizes = {"x": 2, "u": 4, "U": 8}
        if c in sizes:
            digits = src[self.i : self.i + sizes[c]]
            if len(digits) < sizes[c] or any(d not in "0123456789abcdefABCDEF" for d in digits):
                self.error("illegal hexadecimal escape")
            self.i += sizes[c]
            if c == "x":
                return bytes([int(digits, 16)])
            code = int(digits, 16)
            if code > 0x10FFFF or 0xD800 <= code < 0xE000:
                self.error("escape sequence is invalid Unicode code point")
            return chr(code).encode("utf-8")
        self.error("unknown escape sequence")

    def _string(self, line: int, column: int) -> Token:
        src, start = self.src, self.i
        self.i += 1
        out = bytearray()
        while True:
            if self.i >= len(src) or src[self.i] == "\n":
                self.error("string literal not terminated", line, column)
            c = src[self.i]
            if c == '"':
                self.i += 1
                break
            if c == "\\":
                self.i += 1
                out += self._escape('"')
            else:
                out += c.encode("utf-8")
                self.i += 1
        return Token("STRING", bytes(out), line, column, src[start : self.i])

    def _char(self, line: int, column: int) -> Token:
        src, start = self.src, self.i
        self.i += 1
        if self.i < len(src) and src[self.i] == "\\":
            self.i += 1
            raw = self._escape("'")
            value = raw[0] if len(raw) == 1 else ord(raw.decode("utf-8"))
        elif self.i < len(src) and src[self.i] not in "'\n":
            value = ord(src[self.i])
            self.i += 1
        else:
            self.error("illegal rune literal", line, column)
        if self.i >= len(src) or src[self.i] != "'":
            self.error("illegal rune literal", line, column)
        self.i += 1
        return Token("CHAR", value, line, column, src[start : self.i])


def tokenize(source: str) -> list[Token]:
    return Lexer(source).tokenize()
