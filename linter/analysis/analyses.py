"""The analyses of one document: what several checks read, each computed once per document, on first use.

A document's `Analyses` lives in its `analyses` slot, filled here (`analyses_of`): the model layer only holds it.
Analyses that take parameters (the block kinds, the scrape-residue options) keep one result per parameter.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cached_property

from linter.errors import RuleError


class Analyses:
    """The analyses of one document, each a lazily computed, typed value."""

    def __init__(self, doc):
        self.doc = doc
        self.parses: dict = {}  # block index -> spaCy Doc, filled by `linter.analysis.nlp.parsed`
        self._residue: dict[str, list] = {}
        self._body_blocks: dict[tuple, list] = {}
        self._sentence_counts: dict[tuple, list] = {}
        self._sentence_grades: dict[tuple, list] = {}

    @cached_property
    def discourse(self):
        """The `Discourse`: entities, mentions (name mentions too), evidence and resolved pronouns
        (`linter.analysis.discourse`)."""
        from linter.analysis.discourse import build_discourse

        return build_discourse(self.doc)

    @cached_property
    def topic_counts(self) -> tuple[set[str], set[str], Counter]:
        """The words of the headline and subheads, the content words of the lede, and how often the prose uses each
        content lemma (`linter.analysis.wording`)."""
        from linter.analysis.wording import count_topic_words

        return count_topic_words(self.doc)

    @cached_property
    def block_voices(self) -> dict[int, str]:
        """Block index -> voice of each block that is not the writer's narrative: readers' comments, a letter, a Q&A
        transcript, a list of quotes (`linter.analysis.voice`)."""
        from linter.analysis.voice import find_block_voices

        return find_block_voices(self.doc)

    @cached_property
    def narrative_register(self):
        """The writer's own register: questions, exclamations and contractions in the narrative
        (`linter.analysis.voice`)."""
        from linter.analysis.voice import measure_register

        return measure_register(self.doc)

    def residue(self, options: dict) -> list:
        """The scraped residue (`Hit`s) found with these scrape-residue options (`linter.analysis.residue`)."""
        key = json.dumps(options, sort_keys=True, default=str)
        if key not in self._residue:
            from linter.analysis.residue import scan_residue

            try:
                self._residue[key] = list(scan_residue(self.doc, options))
            except RuleError as error:  # a pattern stopped by its time budget: once per file, not once per rule
                self._residue[key] = error
        if isinstance(self._residue[key], RuleError):
            raise self._residue[key]
        return self._residue[key]

    def body_blocks(self, kinds: tuple) -> list:
        """The blocks of these kinds that are body prose (`linter.analysis.readability`)."""
        if kinds not in self._body_blocks:
            from linter.analysis.readability import find_body_blocks

            self._body_blocks[kinds] = find_body_blocks(self.doc, kinds)
        return self._body_blocks[kinds]

    def sentence_counts(self, kinds: tuple) -> list:
        """(sentence, Counts) for each body sentence of the blocks of these kinds (`linter.analysis.readability`)."""
        if kinds not in self._sentence_counts:
            from linter.analysis.readability import count_sentences

            self._sentence_counts[kinds] = count_sentences(self.doc, kinds)
        return self._sentence_counts[kinds]

    def sentence_grades(self, kinds: tuple) -> list:
        """(sentence, words, Flesch-Kincaid grade) for each body sentence (`linter.analysis.readability`)."""
        if kinds not in self._sentence_grades:
            from linter.analysis.readability import grade_sentences

            self._sentence_grades[kinds] = grade_sentences(self.doc, kinds)
        return self._sentence_grades[kinds]


def analyses_of(doc) -> Analyses:
    """The document's analyses, created on first use."""
    if doc.analyses is None:
        doc.analyses = Analyses(doc)
    return doc.analyses
