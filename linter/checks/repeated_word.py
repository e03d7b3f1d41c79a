"""A word typed twice in a row: "at the the terminal".

Flagged: "the the", "to to", "The the", "The The". Not flagged: words allowed doubled ("had had", "that that"),
names whose two halves are both capitalised ("Duran Duran", "Baden-Baden" is one word anyway), numbers. A word that
opens sentences ("The", "In") is never half of a name.
"""
from __future__ import annotations

import re

from linter.findings import block_hit
from linter.sentences import SENTENCE_OPENERS

OPTIONS = {"allow": [str], "kinds": [str]}
DOUBLED = re.compile(r"\b([^\W\d_]+)(\s+)(\1)\b", re.IGNORECASE)


def check(doc, options):
    allowed = {w.lower() for w in options["allow"]}
    for block in doc.prose(tuple(options["kinds"])):
        for m in DOUBLED.finditer(block.text):
            first, second = m.group(1), m.group(3)
            is_name = first[0].isupper() and second[0].isupper() and first.lower() not in SENTENCE_OPENERS
            if first.lower() in allowed or is_name:
                continue
            yield block_hit(block, m.start(), m.end(), suggestion=first, word=second)
