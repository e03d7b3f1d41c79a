"""The opt-in cache of parsed paragraphs: an edit in one paragraph re-parses that paragraph only, same findings."""

from __future__ import annotations

import pytest

from linter.analysis import nlp
from linter.readers import parse
from linter.run.config import parse_config
from linter.run.engine import lint_text

BEFORE = "The company said they would appeal.\n\nThe the council met on Monday.\n\nResidents were angry.\n"
AFTER = "The company said they would appeal.\n\nThe the council met on Tuesday.\n\nResidents were angry.\n"


@pytest.fixture
def block_cache():
    nlp.enable_block_cache(100)
    yield
    nlp.enable_block_cache(0)


def parsed_docs(source: str) -> list:
    doc = parse("a.md", source)
    doc.nlp_components = frozenset({"parser"})
    return [spacy_doc for _, spacy_doc in nlp.parsed(doc)]


def test_an_edit_reparses_only_the_changed_paragraph(block_cache):
    first, second = parsed_docs(BEFORE), parsed_docs(AFTER)
    assert second[0] is first[0] and second[2] is first[2]
    assert second[1] is not first[1] and second[1].text == "The the council met on Tuesday."


def test_the_cache_is_off_by_default():
    assert parsed_docs(BEFORE)[0] is not parsed_docs(BEFORE)[0]


def test_findings_are_the_same_with_the_cache(block_cache):
    config = parse_config(None, None)
    settings = config.effective("a.md")
    cached = [lint_text("a.md", AFTER, settings)[0] for _ in range(2)]
    nlp.enable_block_cache(0)
    plain = lint_text("a.md", AFTER, settings)[0]
    assert [f.to_dict() for f in cached[0]] == [f.to_dict() for f in plain] == [f.to_dict() for f in cached[1]]
    assert {f.rule for f in plain} >= {"pronoun-number", "repeated-word"}
