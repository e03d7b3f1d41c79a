"""Declarative check for user rules: flag words, phrases or regexes.

Options: `tokens` (words or phrases, matched as whole words), `patterns` (regexes), `ignorecase`, `exceptions`
(matches to leave alone), `kinds` (block kinds to look in). The message can use `{match}`.

    id: house-no-alleged
    category: style
    level: warning
    check: existence
    message: 'avoid "{match}": say who alleges it'
    options: {tokens: [allegedly], patterns: [], ignorecase: true, exceptions: [], kinds: [paragraph]}
"""

from __future__ import annotations

import re

from linter.checks.base import KINDS
from linter.model.findings import block_hit

CATEGORY = None  # the rule module names it
NEEDS = ()
OPTIONS = {"tokens": [str], "patterns": [str], "ignorecase": bool, "exceptions": [str], "kinds": KINDS}


def compile_terms(tokens, patterns, ignorecase: bool) -> re.Pattern | None:
    """One regex for whole-word tokens and raw patterns."""
    parts = [r"(?<![\w-])" + re.escape(t).replace(r"\ ", r"\s+") + r"(?![\w-])" for t in tokens]
    parts += [f"(?:{p})" for p in patterns]
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE if ignorecase else 0)


def check(doc, options):
    regex = compile_terms(options["tokens"], options["patterns"], options["ignorecase"])
    if regex is None:
        return
    exceptions = {e.lower() if options["ignorecase"] else e for e in options["exceptions"]}
    for block in doc.prose(tuple(options["kinds"])):
        for m in regex.finditer(block.text):
            text = m.group(0)
            if m.end() > m.start() and (text.lower() if options["ignorecase"] else text) not in exceptions:
                yield block_hit(block, m.start(), m.end(), match=text)
