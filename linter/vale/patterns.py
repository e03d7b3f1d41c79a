"""Vale's regular expressions in Python, through `linter.analysis.patterns`: RE2 where the pattern allows, else
`regex` under a time budget.

Vale compiles rule patterns with regexp2 in its RE2-compatible mode, plus lookarounds: Go's syntax, which RE2
reads as it is; a pattern it refuses (lookarounds, backreferences) goes to the `regex` module, whose search is
abandoned after its budget, keeping the matches found until then.
"""

from __future__ import annotations

import regex

from linter.analysis.patterns import Pattern as SafePattern
from linter.analysis.patterns import PatternError, PatternTimeout

__all__ = ["Pattern", "PatternError", "translate"]


def translate(pattern: str) -> str:
    """Go/regexp2 syntax that Python's `regex` spells differently: `(?P<name>` is read by both; `\\z` is `\\Z`."""
    return pattern.replace(r"\z", r"\Z")


class Pattern(SafePattern):
    """A compiled Vale rule pattern with `finditer` returning match objects, positions in characters."""

    def re2_form(self) -> tuple[str, bool]:
        return self.source, False

    def regex_form(self) -> str:
        return translate(self.source)

    def finditer(self, text: str):
        """Every match; a backtracking search that exceeds the budget yields what it found."""
        try:
            yield from super().finditer(text)
        except PatternTimeout:
            return

    def python(self):
        """The pattern compiled by `regex` (for substitutions; `regex` reads every RE2 pattern)."""
        return regex.compile(translate(self.source), regex.V0)

    def search(self, text: str) -> bool:
        return next(iter(self.finditer(text)), None) is not None
