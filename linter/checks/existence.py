"""Declarative check for user rules: flag words, phrases or regexes.

Options: `tokens` (words or phrases, matched as whole words), `patterns` (regexes), `ignorecase`, `exceptions`
(matches to leave alone), `kinds` (block kinds to look in). The message can use `{match}`. The patterns run in
bounded time (`linter.analysis.patterns`): one that backtracks past its time budget stops the rule on that file,
with an error that names it.

    id: house-no-alleged
    category: style
    level: warning
    check: existence
    message: 'avoid "{match}": say who alleges it'
    options: {tokens: [allegedly], patterns: [], ignorecase: true, exceptions: [], kinds: [paragraph]}
"""

from __future__ import annotations

import re
from functools import cache

from linter.analysis.patterns import Pattern, PatternError, matches_in_block
from linter.checks.base import KINDS, Option
from linter.errors import RuleError
from linter.model.findings import block_hit

CATEGORY = None  # the rule module names it
NEEDS = ()
OPTIONS = {
    "tokens": [str],
    "patterns": Option([str], pattern=True),
    "ignorecase": bool,
    "exceptions": [str],
    "kinds": KINDS,
}


@cache
def compile_terms(tokens: tuple, patterns: tuple, ignorecase: bool) -> Pattern | None:
    """One pattern for whole-word tokens and raw patterns."""
    parts = [r"(?<![\w-])" + re.escape(t).replace(r"\ ", r"\s+") + r"(?![\w-])" for t in tokens]
    parts += [f"(?:{p})" for p in patterns]
    if not parts:
        return None
    what = f"pattern {patterns[0]!r}" if len(patterns) == 1 else "one of the patterns " + ", ".join(map(repr, patterns))
    return Pattern("|".join(parts), flags=re.IGNORECASE if ignorecase else 0, name=what if patterns else "")


def check(doc, options):
    try:
        pattern = compile_terms(tuple(options["tokens"]), tuple(options["patterns"]), options["ignorecase"])
    except PatternError as error:  # each compiles alone, not joined (a group name used twice)
        raise RuleError(f"its tokens and patterns cannot be joined into one pattern: {error}") from None
    if pattern is None:
        return
    exceptions = {e.lower() if options["ignorecase"] else e for e in options["exceptions"]}
    for block in doc.prose(tuple(options["kinds"])):
        for m in matches_in_block(pattern, doc, block):
            text = m.group(0)
            if m.end() > m.start() and (text.lower() if options["ignorecase"] else text) not in exceptions:
                yield block_hit(block, m.start(), m.end(), match=text)
