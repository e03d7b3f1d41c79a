"""Declarative check for user rules: a preferred term for each flagged one.

Options: `swap` (a mapping of flagged word or phrase to its preferred form), `ignorecase`, `kinds`. The message
can use `{match}` and `{preferred}`; the preferred form is also the finding's suggestion.

    id: house-style-terms
    category: style
    level: warning
    check: substitution
    message: 'use "{preferred}" instead of "{match}"'
    options: {swap: {utilise: use, "in order to": to}, ignorecase: true, kinds: [paragraph, heading]}
"""

from __future__ import annotations

import re

from linter.analysis.patterns import matches_in_block
from linter.checks.base import KINDS
from linter.checks.existence import compile_terms
from linter.model.findings import block_hit

CATEGORY = None  # the rule module names it
NEEDS = ()
OPTIONS = {"swap": dict, "ignorecase": bool, "kinds": KINDS}


def check(doc, options):
    swap = {str(k): str(v) for k, v in options["swap"].items()}
    pattern = compile_terms(tuple(swap), (), options["ignorecase"])
    if pattern is None:
        return
    lookup = {(k.lower() if options["ignorecase"] else k): v for k, v in swap.items()}
    for block in doc.prose(tuple(options["kinds"])):
        for m in matches_in_block(pattern, doc, block):
            key = re.sub(r"\s+", " ", m.group(0))
            preferred = lookup.get(key.lower() if options["ignorecase"] else key)
            if preferred is not None and preferred != m.group(0):
                yield block_hit(block, m.start(), m.end(), suggestion=preferred, match=m.group(0), preferred=preferred)
