"""Patterns from outside copydesk's code, run on article text in bounded time: RE2 where the pattern allows, else
the `regex` module under a time budget.

A user's patterns (an `existence` rule's `patterns`, scrape-residue's `headers` and `lines`) and a Vale style's
(`linter.vale.patterns`) cannot be checked in advance, and one that backtracks catastrophically (`(a+)+$`) could
hang a run on a long line. google-re2 matches in linear time, so a pattern it runs cannot. A pattern it cannot run
(lookarounds, backreferences, `\\b` in Python's Unicode sense) goes to `regex`, whose search is abandoned after
`budget(text)` seconds: `TIME_BUDGET` for every `BUDGET_CHARS` characters searched, and at least that.

`Pattern` reads Python's syntax and gives exactly the matches of Python's `re`: a pattern goes to RE2 only in a
form written out from `re`'s own parse of it with the same meaning (`\\w`, `\\d` and `\\s` as Unicode classes,
ignore-case as the classes of cased letters that `re` matches), and only when it cannot match the empty string
(RE2 iterates over empty matches differently). Everything else is `regex`, whose matches are `re`'s.
"""

from __future__ import annotations

import re
from functools import cache

import re2
import regex

from linter.errors import RuleError

try:  # Python 3.11 and later
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse

TIME_BUDGET = 0.25  # seconds a backtracking search may take on each BUDGET_CHARS characters before it is abandoned
BUDGET_CHARS = 100_000

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False


class PatternError(ValueError):
    """A pattern that neither engine can compile; the message names where it comes from (`where`)."""


class PatternTimeout(Exception):
    """A backtracking search that ran out of its budget."""

    def __init__(self, pattern: Pattern, seconds: float):
        super().__init__(f"{pattern.name} was stopped after {seconds:g} s")
        self.pattern, self.seconds = pattern, seconds


def budget(text: str) -> float:
    """The seconds a backtracking search of text may take."""
    return TIME_BUDGET * max(1.0, len(text) / BUDGET_CHARS)


class Pattern:
    """A compiled pattern (Python's syntax) with `finditer`, `search` and `fullmatch` as `re`'s; a search that
    runs out of its budget raises PatternTimeout. `where` prefixes a compile error (the file and field), `name`
    is what a timeout calls the pattern (by default "pattern '...'")."""

    def __init__(self, pattern: str, where: str = "", flags: int = 0, name: str = ""):
        self.source, self.where, self.flags = pattern, where, flags
        self.name = name or f"pattern {pattern!r}"
        self._re2, self._dollar, self._backtracking = None, False, None
        form = self.re2_form()
        if form is not None:
            try:
                self._re2, self._dollar = re2.compile(form[0], _RE2_OPTIONS), form[1]
            except re2.error:
                pass
        if self._re2 is None:
            self._backtracking = self._compile_backtracking()

    @property
    def linear(self) -> bool:
        """True when the pattern runs on RE2 (in linear time)."""
        return self._re2 is not None

    def re2_form(self) -> tuple[str, bool] | None:
        """(the pattern in RE2's syntax with the meaning `re` gives it, whether RE2's `$` in it stands for one that
        `re` also matches before a final line break), or None when RE2 cannot express it."""
        return to_re2(self.source, self.flags)

    def regex_form(self) -> str:
        """The pattern in the syntax of the `regex` module."""
        return self.source

    def _compile_backtracking(self):
        try:
            return regex.compile(self.regex_form(), self.flags | regex.V0)
        except regex.error as error:
            where = f"{self.where}: " if self.where else ""
            raise PatternError(f"{where}cannot compile {self.source!r}: {error}") from None

    def _engine(self, text: str):
        """RE2, unless the pattern's `$` may match before a final line break (which RE2's cannot)."""
        if self._re2 is not None and not (self._dollar and text.endswith("\n")):
            return self._re2
        if self._backtracking is None:
            self._backtracking = self._compile_backtracking()
        return self._backtracking

    def finditer(self, text: str):
        engine = self._engine(text)
        if engine is self._re2:
            yield from engine.finditer(text)
            return
        seconds = budget(text)
        try:
            yield from engine.finditer(text, timeout=seconds)
        except TimeoutError:
            raise PatternTimeout(self, seconds) from None

    def search(self, text: str):
        return self._call("search", text)

    def fullmatch(self, text: str):
        return self._call("fullmatch", text)

    def _call(self, method: str, text: str):
        engine = self._engine(text)
        if engine is self._re2:
            return getattr(engine, method)(text)
        seconds = budget(text)
        try:
            return getattr(engine, method)(text, timeout=seconds)
        except TimeoutError:
            raise PatternTimeout(self, seconds) from None


@cache
def compiled(pattern: str, flags: int = 0) -> Pattern:
    """A user's pattern, compiled once per process (raises PatternError)."""
    return Pattern(pattern, flags=flags)


def stopped(error: PatternTimeout, doc, offset: int, owner: str = "") -> RuleError:
    """The error for a pattern (of owner, an option, when it is not the rule's own) stopped on the text at offset
    in doc's source: the rule's findings in the file are left out, and the run exits 2."""
    line = doc.position(offset)[0]
    owner = f"{owner}: " if owner else ""
    return RuleError(f"{owner}{error} on line {line}: it backtracks; simplify it (see docs/reliability.md)")


def matches_in_block(pattern: Pattern, doc, block):
    """The pattern's matches in a block's text; a search stopped by its budget raises RuleError (`stopped`)."""
    try:
        yield from pattern.finditer(block.text)
    except PatternTimeout as error:
        raise stopped(error, doc, block.source_start) from None


def _char(c: str) -> str:
    """One character in RE2's syntax, inside or outside a class."""
    return c if c.isascii() and c.isalnum() else f"\\x{{{ord(c):x}}}"


# The characters Python's `re` reads as `\s` (str.isspace), and the cases of the ASCII letters that ignore-case
# matches beyond their upper and lower case; tests/test_patterns.py checks both against `re` on every character.
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
SPACES += "\u2028\u2029\u202f\u205f\u3000"
OTHER_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
CATEGORIES = {  # `re`'s Unicode categories as members of an RE2 class (they agree on every assigned character)
    sre.CATEGORY_DIGIT: r"\p{Nd}",
    sre.CATEGORY_NOT_DIGIT: r"\P{Nd}",
    sre.CATEGORY_WORD: r"\p{L}\p{N}_",
    sre.CATEGORY_SPACE: "".join(map(_char, SPACES)),
}
NEGATED = {sre.CATEGORY_NOT_WORD: sre.CATEGORY_WORD, sre.CATEGORY_NOT_SPACE: sre.CATEGORY_SPACE}
MAX_RE2_REPEAT = 1000


class _Unsupported(Exception):
    """The pattern uses something RE2 cannot express with `re`'s meaning."""


def to_re2(pattern: str, flags: int = 0) -> tuple[str, bool] | None:
    """(RE2 form, whether it holds a `$` that `re` also matches before a final line break) of a Python pattern, or
    None when RE2 cannot give exactly `re`'s matches."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except (re.error, OverflowError, RecursionError):
        return None
    flags = tree.state.flags
    if flags & (re.ASCII | re.LOCALE) or tree.getwidth()[0] == 0:
        return None
    writer = _Writer()
    try:
        return writer.sequence(tree, flags), writer.dollar
    except _Unsupported:
        return None


def _cases(c: str) -> str:
    """The characters that `re` with IGNORECASE matches for the character c (raises for a cased non-ASCII one)."""
    if c.lower() == c == c.upper():
        return c
    if not c.isascii():
        raise _Unsupported
    lower = c.lower()
    return lower + lower.upper() + OTHER_CASES.get(lower, "")


class _Writer:
    def __init__(self):
        self.dollar = False

    def sequence(self, items, flags: int) -> str:
        return "".join(self.item(op, av, flags) for op, av in items)

    def item(self, op, av, flags: int) -> str:
        ignorecase = flags & re.IGNORECASE
        if op is sre.LITERAL:
            chars = _cases(chr(av)) if ignorecase else chr(av)
            return _char(chars) if len(chars) == 1 else "[" + "".join(map(_char, chars)) + "]"
        if op is sre.NOT_LITERAL:
            chars = _cases(chr(av)) if ignorecase else chr(av)
            return "[^" + "".join(map(_char, chars)) + "]"
        if op is sre.ANY:
            return "(?s:.)" if flags & re.DOTALL else "."
        if op is sre.IN:
            return self.char_class(av, ignorecase)
        if op is sre.BRANCH:
            return "(?:" + "|".join(self.sequence(branch, flags) for branch in av[1]) + ")"
        if op is sre.SUBPATTERN:
            group, add, remove, items = av
            if (add | remove) & ~(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE):
                raise _Unsupported
            inner = self.sequence(items, (flags | add) & ~remove)
            return f"({inner})" if group else f"(?:{inner})"
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, items = av
            if low > MAX_RE2_REPEAT or (high != sre.MAXREPEAT and high > MAX_RE2_REPEAT):
                raise _Unsupported
            counts = {(0, sre.MAXREPEAT): "*", (1, sre.MAXREPEAT): "+", (0, 1): "?"}
            quantifier = counts.get((low, high)) or (
                f"{{{low},}}" if high == sre.MAXREPEAT else f"{{{low}}}" if low == high else f"{{{low},{high}}}"
            )
            return f"(?:{self.sequence(items, flags)}){quantifier}" + ("?" if op is sre.MIN_REPEAT else "")
        if op is sre.AT:
            return self.anchor(av, flags)
        raise _Unsupported  # lookarounds, backreferences, atomic groups, possessive repeats, conditionals

    def anchor(self, at, flags: int) -> str:
        multiline = flags & re.MULTILINE
        if at is sre.AT_BEGINNING:
            return "(?m:^)" if multiline else r"\A"
        if at is sre.AT_BEGINNING_STRING:
            return r"\A"
        if at is sre.AT_END:
            if multiline:
                return "(?m:$)"
            self.dollar = True
            return r"\z"
        if at is sre.AT_END_STRING:
            return r"\z"
        raise _Unsupported  # \b and \B: RE2's are ASCII-only

    def char_class(self, items, ignorecase) -> str:
        negate = bool(items) and items[0][0] is sre.NEGATE
        items = items[1:] if negate else items
        if len(items) == 1 and items[0][0] is sre.CATEGORY and items[0][1] in NEGATED:
            if negate:
                raise _Unsupported
            return "[^" + CATEGORIES[NEGATED[items[0][1]]] + "]"
        members = []
        for op, av in items:
            if op is sre.LITERAL:
                members += map(_char, _cases(chr(av)) if ignorecase else chr(av))
            elif op is sre.RANGE:
                low, high = av
                if not ignorecase:
                    members.append(f"{_char(chr(low))}-{_char(chr(high))}")
                elif high - low < 256:
                    members += (_char(c) for code in range(low, high + 1) for c in _cases(chr(code)))
                else:
                    raise _Unsupported
            elif op is sre.CATEGORY and av in CATEGORIES:
                members.append(CATEGORIES[av])
            else:
                raise _Unsupported
        if negate and ignorecase:
            raise _Unsupported
        if not members:
            raise _Unsupported
        return ("[^" if negate else "[") + "".join(members) + "]"
