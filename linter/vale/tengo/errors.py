"""The errors a Tengo script can end with, worded as Tengo words them (`Parse Error: ...\n\tat (main):3:5`)."""

from __future__ import annotations

SHOWN_CALLS = 10  # the call sites a message lists (a stack overflow has 1,024)


class TengoError(Exception):
    """A script that cannot be compiled or that stopped with an error; `line` and `column` are the script's."""

    kind = "Runtime Error"

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column
        self.calls: list[tuple[int, int]] = []  # where each enclosing call was made, innermost first

    def __str__(self) -> str:
        sites = [(self.line, self.column), *self.calls]
        where = "".join(f"\n\tat (main):{line}:{column}" for line, column in sites[:SHOWN_CALLS])
        if len(sites) > SHOWN_CALLS:
            where += f"\n\t... {len(sites) - SHOWN_CALLS} more calls"
        return f"{self.kind}: {self.message}{where if self.line else ''}"


class TengoSyntaxError(TengoError):
    kind = "Parse Error"


class TengoCompileError(TengoError):
    kind = "Compile Error"


class TengoRuntimeError(TengoError):
    kind = "Runtime Error"


class BudgetExceeded(TengoError):
    """The script ran out of its step, time or size budget (a loop that never ends, a string that doubles)."""

    kind = "Budget Exceeded"
