r"""Vale's regular expressions in Python, through `linter.analysis.patterns`: RE2 where the pattern allows, else
`regex` under a time budget.

Vale compiles rule patterns with regexp2 in its RE2-compatible mode, plus lookarounds: Go's syntax, which RE2
reads as it is; a pattern it refuses (lookarounds, backreferences) goes to the `regex` module, whose search is
abandoned after its budget, keeping the matches found until then. RE2's `\b`, `\w`, `\d` and `\s` are ASCII-only
where regexp2's are Unicode (`\b` sits between two Cyrillic letters for RE2), so a pattern that uses them is
searched with `regex`, under the same budget, in a text holding a non-ASCII letter, digit or space.
"""

from __future__ import annotations

import regex

from linter.analysis.patterns import Pattern as SafePattern
from linter.analysis.patterns import PatternError, PatternTimeout

__all__ = ["Pattern", "PatternError", "translate"]

PERL_CLASS = regex.compile(r"(?<!\\)(?:\\\\)*\\[bBwWdDsS]")  # `\b`, `\w`, ... not preceded by an escaping `\`
NON_ASCII_CLASSED = regex.compile(r"(?![\x00-\x7f])[\w\s]")  # a character RE2's ASCII classes misread


def translate(pattern: str) -> str:
    """Go/regexp2 syntax that Python's `regex` spells differently: `(?P<name>` is read by both; `\\z` is `\\Z`."""
    return pattern.replace(r"\z", r"\Z")


class Pattern(SafePattern):
    """A compiled Vale rule pattern with `finditer` returning match objects, positions in characters."""

    def __init__(self, pattern: str, where: str = ""):
        super().__init__(pattern, where)
        self.ascii_classes = bool(PERL_CLASS.search(pattern))

    def re2_form(self) -> tuple[str, bool]:
        return self.source, False

    def regex_form(self) -> str:
        return translate(self.source)

    def _engine(self, text: str):
        """RE2, unless the pattern's ASCII-only classes would misread a non-ASCII character of the text."""
        if self.linear and self.ascii_classes and not text.isascii() and NON_ASCII_CLASSED.search(text):
            if self._backtracking is None:
                self._backtracking = self._compile_backtracking()
            return self._backtracking
        return super()._engine(text)

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
