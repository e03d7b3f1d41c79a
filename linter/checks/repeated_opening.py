"""Sentences or paragraphs in a row that start with the same word: "He wrote ... He also used ... He told ...".

Sentences are followed across adjacent paragraphs; paragraphs are compared by their first word. A run of paragraphs
that is already one run of sentences is reported once. Not flagged: words in `exempt`, names and titles (a word the
article also capitalises inside a sentence: "Mr", "GM"), sentences that open with a quotation (the speaker's words
break a run), list items, headings, runs interrupted by any other block.
"""

from __future__ import annotations

import re

from linter.analysis.wording import opening_word, sentence_starts
from linter.checks.base import KINDS, Option
from linter.model.findings import Hit

CATEGORY = "repetition"
NEEDS = ()
OPTIONS = {"min_run": Option(int, minimum=2), "exempt": [str], "kinds": KINDS}
# A capitalised word inside a sentence, not right after an opening quotation mark, colon, dash or bracket.
CAPITALISED = re.compile(r"(?<![\"'“‘:—(]\s)(?<![\"“‘(])\b[A-Z][\w'’-]*")


def _sections(doc, kinds):
    """Runs of adjacent prose blocks of the chosen kinds, uninterrupted by any other block."""
    section = []
    for block in doc.blocks:
        if block.kind in kinds and block.text:
            section.append(block)
        elif section:
            yield section
            section = []
    if section:
        yield section


def _capitalised_inside(blocks) -> set[str]:
    """Words capitalised somewhere other than at a sentence start: names and titles."""
    words = set()
    for block in blocks:
        starts = sentence_starts(block)
        words.update(m.group() for m in CAPITALISED.finditer(block.text) if m.start() not in starts)
    return words


def _openings(sentences, names):
    """(lower-case opening word or None, block, match, sentence) for each (block, sentence); None for a quotation
    or a name."""
    for block, sentence in sentences:
        match = opening_word(sentence.text)
        word = match.group(1) if match and match.group(1) not in names else None
        yield (word.lower() if word else None), block, match, sentence


def _runs(openings, min_run, exempt):
    """Maximal runs of at least min_run items sharing an opening word that is not exempt."""
    run = []
    for item in openings + [(None, None, None, None)]:
        if run and item[0] == run[0][0]:
            run.append(item)
            continue
        if len(run) >= min_run and run[0][0] not in exempt:
            yield run
        run = [item] if item[0] is not None else []


def _hit(run, units):
    (_, first_block, first_match, first), (_, last_block, last_match, last) = run[0], run[-1]
    start, _ = first_block.source_span(first.start, first.start + 1)
    end_offset = last.start + last_match.end(1)
    _, end = last_block.source_span(end_offset - 1, end_offset)
    return Hit(start, end, {"count": len(run), "units": units, "word": first_match.group(1)})


def check(doc, options):
    exempt = {w.lower() for w in options["exempt"]}
    names = _capitalised_inside(doc.prose(tuple(options["kinds"])))
    for section in _sections(doc, set(options["kinds"])):
        sentences = list(_openings([(b, s) for b in section for s in b.sentences], names))
        sentence_runs = list(_runs(sentences, options["min_run"], exempt))
        covered = [{id(item[3]) for item in run} for run in sentence_runs]
        for run in sentence_runs:
            yield _hit(run, "sentences")
        paragraphs = list(_openings([(b, b.sentences[0]) for b in section if b.sentences], names))
        for run in _runs(paragraphs, options["min_run"], exempt):
            if not any({id(item[3]) for item in run} <= ids for ids in covered):
                yield _hit(run, "paragraphs")
