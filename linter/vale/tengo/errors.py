"""The errors a Tengo script can end with, worded as Tengo words them (`Parse Error: ...\n\tat (main):3:5`)."""

from __future__ import annotations


class TengoError(Exception):
    """A script that cannot be compiled or that stopped with an error; `line` and `column` are the script's."""

    kind = "Runtime Error"

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    def __str__(self) -> str:
        where = f"\n\tat (main):{self.line}:{self.column}" if self.line else ""
        return f"{self.kind}: {self.message}{where}"


class TengoSyntaxError(TengoError):
    kind = "Parse Error"


class TengoCompileError(TengoError):
    kind = "Compile Error"


class TengoRuntimeError(TengoError):
    kind = "Runtime Error"


class BudgetExceeded(TengoError):
    """The script ran out of its step, time or size budget (a loop that never ends, a string that doubles)."""

    kind = "Budget Exceeded"
