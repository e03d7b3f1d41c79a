r"""Vale's regular expressions in Python: RE2 where the pattern allows, else `regex` under a time budget.

Vale compiles rule patterns with regexp2 in its RE2-compatible mode, plus lookarounds. google-re2 runs in linear
time, so a pattern it accepts cannot hang a run; a pattern it refuses (lookarounds, backreferences) goes to the
`regex` module, whose matching is stopped after `TIME_BUDGET` seconds per rule and block. RE2's `\b`, `\w`, `\d`
and `\s` are ASCII-only where regexp2's are Unicode (`\b` sits between two Cyrillic letters for RE2), so a pattern
that uses them is searched with `regex`, under the same budget, in a text holding a non-ASCII letter, digit or space.
"""

from __future__ import annotations

import re2
import regex

TIME_BUDGET = 0.25  # seconds one backtracking search may take before it is abandoned

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False
PERL_CLASS = regex.compile(r"(?<!\\)(?:\\\\)*\\[bBwWdDsS]")  # `\b`, `\w`, ... not preceded by an escaping `\`
NON_ASCII_CLASSED = regex.compile(r"(?![\x00-\x7f])[\w\s]")  # a character RE2's ASCII classes misread


class PatternError(ValueError):
    """A rule's pattern that neither engine can compile; the message names the rule file and field."""


def translate(pattern: str) -> str:
    """Go/regexp2 syntax that Python's `regex` spells differently: `(?P<name>` is read by both; `\\z` is `\\Z`."""
    return pattern.replace(r"\z", r"\Z")


class Pattern:
    """A compiled rule pattern with `finditer` returning (start, end, groups) in characters."""

    def __init__(self, pattern: str, where: str = ""):
        self.source = pattern
        self.linear = True
        self._unicode = None  # the `regex` compilation, for texts RE2's ASCII classes would misread
        try:
            self._compiled = re2.compile(pattern, _RE2_OPTIONS)
            self.ascii_classes = bool(PERL_CLASS.search(pattern))
        except re2.error:
            self.linear = False
            try:
                self._compiled = regex.compile(translate(pattern), regex.V0)
            except regex.error as error:
                raise PatternError(f"{where}: cannot compile {pattern!r}: {error}") from None

    def finditer(self, text: str):
        """Every match as a match object; a backtracking search that exceeds the budget yields what it found."""
        compiled = self._compiled
        if self.linear:
            if not (self.ascii_classes and not text.isascii() and NON_ASCII_CLASSED.search(text)):
                yield from compiled.finditer(text)
                return
            if self._unicode is None:
                self._unicode = self.python()
            compiled = self._unicode
        try:
            yield from compiled.finditer(text, timeout=TIME_BUDGET)
        except TimeoutError:
            return

    def python(self):
        """The pattern compiled by `regex` (for substitutions; `regex` reads every RE2 pattern)."""
        return regex.compile(translate(self.source), regex.V0)

    def search(self, text: str) -> bool:
        return next(iter(self.finditer(text)), None) is not None
