"""A sentence, paragraph or headline repeated verbatim: a paste made twice, or a scraper that printed the headline
again as the first line of the body.

Compared after folding white space, curly quotes, dashes, case and a final full stop. Headlines and subheads are
compared whole, paragraphs whole and sentence by sentence; a repeated paragraph is one finding, not one per
sentence. Not flagged: repeats shorter than `min_words` words ("He declined to comment." can recur for two people).
"""

from __future__ import annotations

from linter.analysis.wording import normalised
from linter.checks.base import KINDS, Option
from linter.model.document import HEADING, TITLE
from linter.model.findings import block_hit
from linter.model.sentences import count_words

CATEGORY = "repetition"
NEEDS = ()
OPTIONS = {"min_words": Option(int, minimum=1), "kinds": KINDS}
WHAT = {TITLE: "the headline", HEADING: "a subhead"}


def _units(block):
    """(start, end) spans of a block to compare: the whole block first, then each sentence of a longer paragraph."""
    yield 0, len(block.text)
    if block.kind not in WHAT and len(block.sentences) > 1:
        for sentence in block.sentences:
            yield sentence.start, sentence.end


def check(doc, options):
    seen = {}  # normalised text -> (line, description) of its first occurrence
    for block in doc.prose(tuple(options["kinds"])):
        for start, end in _units(block):
            text = block.text[start:end]
            if count_words(text) < options["min_words"]:
                continue
            key = normalised(text)
            if key in seen:
                line, what = seen[key]
                yield block_hit(block, start, end, what=what, line=line)
                if (start, end) == (0, len(block.text)):
                    break  # the whole block repeats: one finding, not one per sentence
                continue
            whole = (start, end) == (0, len(block.text)) and len(block.sentences) > 1
            what = WHAT.get(block.kind, "a paragraph" if whole else "a sentence")
            seen[key] = (doc.position(block.source_span(start, end)[0])[0], what)
