"""Document readability scores that miss the desk's targets.

Flagged: each formula whose score on the body prose misses its target (a maximum grade, or a minimum reading
ease), one finding per missed target, at the start of the first line of body text. Not flagged: a formula whose
target is null, a document with fewer body words than `min_words` (the formulas need a passage), headlines,
subheads, lists, code, front matter, bylines and scraped residue (not counted; see `linter.analysis.readability`).
"""

from __future__ import annotations

from linter.analysis import readability
from linter.checks.base import Option
from linter.model.document import block_lines
from linter.model.findings import block_hit

# One option per formula: the lowest acceptable reading ease, the highest acceptable grade of the others.
TARGET_OPTIONS = {
    "min_flesch_reading_ease": "flesch_reading_ease",
    "max_flesch_kincaid_grade": "flesch_kincaid_grade",
    "max_gunning_fog": "gunning_fog",
    "max_smog_index": "smog_index",
    "max_coleman_liau_index": "coleman_liau_index",
    "max_automated_readability_index": "automated_readability_index",
    "max_dale_chall_readability_score": "dale_chall_readability_score",
}
CATEGORY = "readability"
NEEDS = ()
OPTIONS = {"min_words": Option(int, minimum=1), **{name: (float, type(None)) for name in TARGET_OPTIONS}}


def check(doc, options):
    blocks = readability.body_blocks(doc)
    counts = readability.document_counts(doc)
    if not blocks or counts.words < options["min_words"]:
        return
    first = blocks[0]
    _, first_line_end = next(block_lines(first, doc.source))
    lead = first.sentences[0]
    scores = readability.scores(counts)
    for option, formula in TARGET_OPTIONS.items():
        target, score = options[option], scores[formula]
        if target is None:
            continue
        label, higher_is_harder = readability.FORMULAS[formula]
        missed = score > target if higher_is_harder else score < target
        if missed:
            yield block_hit(
                first,
                lead.start,
                min(lead.end, first_line_end),
                formula=label,
                score=f"{score:.1f}",
                direction="above" if higher_is_harder else "below",
                target=f"{target:g}",
            )
