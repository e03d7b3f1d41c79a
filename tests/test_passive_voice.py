"""passive-voice: passives from the dependency parse."""

from __future__ import annotations

import pytest
from conftest import assert_spans_match, lint


def passives(text, name="article.md"):
    findings = lint(text, "passive-voice", name=name)
    assert_spans_match(text, findings)
    return [(f.line, f.column, f.excerpt, f.message) for f in findings]


def test_is_off_by_default(default_config):
    assert default_config.rules["passive-voice"].enabled is False


def test_passives_span_the_auxiliaries_and_participle_and_name_the_agent():
    text = "The bridge was built in 1910 and was repaired by the army in 1952.\n"
    assert passives(text) == [
        (1, 12, "was built", 'passive voice: "was built"'),
        (1, 34, "was repaired", 'passive voice: "was repaired" (by the army)'),
    ]


@pytest.mark.parametrize(
    "sentence, phrase",
    [
        ("The pool has been closed since May.", "has been closed"),
        ("The land will be sold to a builder.", "will be sold"),
        ("Two guards got fired after the break-in.", "got fired"),
        ("The road, which had been closed for weeks, reopened on Monday.", "had been closed"),
        ("Residents were not told about the plan.", "were not told"),
    ],
)
def test_passives_the_parse_finds(sentence, phrase):
    assert [excerpt for _, _, excerpt, _ in passives(sentence + "\n")] == [phrase]


@pytest.mark.parametrize(
    "sentence",
    [
        "The council approved the plan on Tuesday.",
        "The residents were tired after the long meeting.",
        "She was interested in the job.",
        "The council had had enough of the delays.",
    ],
)
def test_active_sentences_and_adjectives_after_be_are_not_passives(sentence):
    assert passives(sentence + "\n") == []


def test_quoted_passives_are_the_speakers_words():
    text = '"We were never asked," she said, and was not told why.\n'
    assert passives(text) == [(1, 38, "was not told", 'passive voice: "was not told"')]


def test_headlines_and_lists_are_skipped():
    text = "# Pool was closed by the council\n\n- Land to be sold by the town\n\nNobody came.\n"
    assert passives(text) == []
