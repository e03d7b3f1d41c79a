"""A sentence over a number of words: long sentences lose readers.

Counts words (runs of letters or digits) in each sentence of paragraphs and blockquotes.
"""
from __future__ import annotations

import re

from linter.findings import block_hit

OPTIONS = {"max_words": int, "kinds": [str]}
WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def check(doc, options):
    for block in doc.prose(tuple(options["kinds"])):
        for sentence in block.sentences:
            words = count_words(sentence.text)
            if words > options["max_words"]:
                yield block_hit(block, sentence.start, sentence.end, words=words, max_words=options["max_words"])
