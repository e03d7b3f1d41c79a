"""A sentence over a number of words: long sentences lose readers.

Counts words (runs of letters or digits) in each sentence of paragraphs and blockquotes.
"""

from __future__ import annotations

from linter.checks.base import KINDS, Option
from linter.model.findings import block_hit
from linter.model.sentences import count_words

CATEGORY = "readability"
NEEDS = ()
OPTIONS = {"max_words": Option(int, minimum=1), "kinds": KINDS}


def check(doc, options):
    for block in doc.prose(tuple(options["kinds"])):
        for sentence in block.sentences:
            words = count_words(sentence.text)
            if words > options["max_words"]:
                yield block_hit(block, sentence.start, sentence.end, words=words, max_words=options["max_words"])
