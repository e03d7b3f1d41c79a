"""Verb forms by spelling, from the spaCy model's own lemmatizer tables.

A second opinion on a word the tagger called a noun or an adjective where a verb could stand ("the pair contest the
60m", "the awards honour films"): the word is a verb form when it is an irregular form in the lemmatizer's exception
table ("clung", "began") or when one of its verb suffix rules ("-s", "-es", "-ies", "-ed") leads to a verb of its
index ("bombard", "honours", "faced"). Nothing is downloaded: the tables ship with the model.
"""

from __future__ import annotations

from functools import lru_cache

FINITE_SUFFIX_RULES = ("s", "es", "ies", "ed")  # the lemmatizer's verb rules for finite forms, not "-ing"


class VerbForms:
    """Is a word spelt as a verb form: `word in forms`."""

    def __init__(self, lemma_index: frozenset, irregular: frozenset, rules: tuple):
        self.lemma_index, self.irregular, self.rules = lemma_index, irregular, rules

    def __contains__(self, word: str) -> bool:
        word = word.lower()
        if word in self.irregular or word in self.lemma_index:
            return True
        return any(
            word.endswith(old) and len(word) > len(old) + 1 and word[: -len(old)] + new in self.lemma_index
            for old, new in self.rules
        )


@lru_cache(maxsize=2)
def verb_forms(nlp) -> VerbForms:
    """The verb forms that the pipeline's lemmatizer knows, or an empty lexicon when it has no tables."""
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not all(lookups.has_table(t) for t in ("lemma_index", "lemma_exc", "lemma_rules")):
        return VerbForms(frozenset(), frozenset(), ())
    rules = tuple((old, new) for old, new in lookups.get_table("lemma_rules")["verb"] if old in FINITE_SUFFIX_RULES)
    return VerbForms(
        frozenset(lookups.get_table("lemma_index")["verb"]), frozenset(lookups.get_table("lemma_exc")["verb"]), rules
    )
