"""The verb-form lexicon read from the spaCy model's lemmatizer tables."""

from __future__ import annotations

from linter.analysis.nlp import load_model
from linter.analysis.verb_forms import verb_forms


def test_base_third_person_past_and_irregular_forms_are_verbs():
    forms = verb_forms(load_model())
    for word in ("bombard", "honours", "faced", "carries", "clung", "began", "Contest"):
        assert word in forms, word


def test_words_that_are_never_verbs_are_not():
    forms = verb_forms(load_model())
    for word in ("the", "quickly", "kitchen", "between", "s", "ed"):
        assert word not in forms, word
