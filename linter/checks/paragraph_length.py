"""A paragraph over `max_sentences` sentences or `max_words` words: a wall of text on a phone screen.

One finding per paragraph, spanning it. Counts the body paragraphs and blockquotes only: a list, a table or a
block of scraped headlines is not a paragraph.
"""

from __future__ import annotations

from linter.analysis.readability import body_blocks
from linter.checks.base import KINDS, Option
from linter.model.findings import block_hit
from linter.model.sentences import count_words

CATEGORY = "readability"
NEEDS = ()
OPTIONS = {"max_sentences": Option(int, minimum=1), "max_words": Option(int, minimum=1), "kinds": KINDS}


def check(doc, options):
    for block in body_blocks(doc, tuple(options["kinds"])):
        sentences, words = len(block.sentences), count_words(block.text)
        if sentences > options["max_sentences"] or words > options["max_words"]:
            yield block_hit(
                block,
                0,
                len(block.text),
                sentences=sentences,
                words=words,
                max_sentences=options["max_sentences"],
                max_words=options["max_words"],
            )
