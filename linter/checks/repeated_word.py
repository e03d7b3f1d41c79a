"""A word typed twice in a row: "at the the terminal".

Flagged: "the the", "to to", "The the". Not flagged: words allowed doubled ("had had", "that that", "really
really"), a capitalised second word that starts a name ("Duran Duran", "law lord Lord Bingham"), hyphenated
compounds ("a break-in in 1999", "in in-fighting"), numbers. A word that opens sentences ("The", "In") is never
half of a name, so "The The council" is flagged. The suggestion is the first word, except for words in `no_fix`
(doubles that can be right across a phrase boundary: "waiting for for years"), which `--fix` leaves to an editor.
"""

from __future__ import annotations

import re

from linter.checks.base import KINDS
from linter.model.findings import block_hit
from linter.model.sentences import SENTENCE_OPENERS

CATEGORY = "repetition"
NEEDS = ()
OPTIONS = {"allow": [str], "kinds": KINDS, "no_fix": [str]}
DOUBLED = re.compile(r"(?<![\w-])([^\W\d_]+)(\s+)(\1)(?![\w-])", re.IGNORECASE)


def check(doc, options):
    allowed = {w.lower() for w in options["allow"]}
    no_fix = {w.lower() for w in options["no_fix"]}
    for block in doc.prose(tuple(options["kinds"])):
        for m in DOUBLED.finditer(block.text):
            first, second = m.group(1), m.group(3)
            is_name = second[0].isupper() and first.lower() not in SENTENCE_OPENERS  # "Duran Duran", "lord Lord"
            if first.lower() in allowed or is_name:
                continue
            suggestion = None if first.lower() in no_fix else first  # reported, but left to an editor
            yield block_hit(block, m.start(), m.end(), suggestion=suggestion, word=second)
