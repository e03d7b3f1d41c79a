"""The incomplete-sentence rule: every kind of fragment with its exact span, and the hard negatives."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED, assert_spans_match, cli_json, lint

RULE = "incomplete-sentence"
FRAGMENTS = FIXTURES / "fragments"


def read(name: str) -> str:
    return (FRAGMENTS / name).read_text(encoding="utf-8")


def found(findings) -> list[tuple]:
    return [(f.line, f.column, f.end_line, f.end_column, f.excerpt, f.message) for f in findings]


def test_every_kind_of_fragment_with_its_whole_span():
    source = read("bad.md")
    findings = lint(source, RULE, name="bad.md")
    assert found(findings) == [
        (
            7,
            1,
            7,
            52,
            "The senator, who had spent two decades in Congress.",
            'no main verb: "who had spent two ..." is a relative clause',
        ),
        (
            9,
            42,
            9,
            85,
            "Although the vote was closer than expected.",
            'no main clause: "Although the vote was ..." is a subordinate clause',
        ),
        (
            11,
            1,
            11,
            37,
            "Because the inspectors arrived late.",
            'no main clause: "Because the inspectors arrived ..." is a subordinate clause',
        ),
        (
            13,
            1,
            13,
            30,
            "Hoping to reassure investors.",
            'no main verb: "Hoping to reassure investors" is a participial phrase',
        ),
        (
            15,
            1,
            15,
            32,
            "To reduce delays at the border.",
            'no main verb: "To reduce delays at ..." is an infinitive phrase',
        ),
        (
            17,
            45,
            17,
            79,
            "A major setback for the coalition.",
            'no main verb: "A major setback for ..." is a noun phrase',
        ),
        (
            19,
            1,
            19,
            41,
            "The club said in a statement that it had",
            'sentence cut off: "that it had" runs into "The manager has since ..."',
        ),
        (
            21,
            1,
            21,
            34,
            "The ferry will stay in port while",
            'sentence cut off: "in port while" runs into "Engineers replace the damaged ..."',
        ),
        (
            23,
            3,
            23,
            68,
            "The union, which represents most of the dock workers in the city.",
            'no main verb: "which represents most of ..." is a relative clause',
        ),
        (
            25,
            22,
            25,
            82,
            "Despite warnings from engineers about the state of the roof.",
            'no main verb: "Despite warnings from engineers ..." is a prepositional phrase',
        ),
        (
            27,
            22,
            27,
            66,
            "To be decided by the full council next week.",
            'no main verb: "To be decided by ..." is an infinitive phrase',
        ),
        (
            29,
            22,
            29,
            79,
            "Even though the mayor had promised a public consultation.",
            'no main clause: "Even though the mayor ..." is a subordinate clause',
        ),
        (
            31,
            22,
            31,
            67,
            "A deal welcomed by unions across the country.",
            'no main verb: "A deal welcomed by ..." is a noun phrase',
        ),
    ]
    assert_spans_match(source, findings)
    assert {(f.rule, f.category) for f in findings} == {(RULE, "fragment")}
    nominal = [f for f in findings if f.message.endswith("is a noun phrase")]
    assert [f.severity for f in nominal] == ["warning", "warning"]
    assert all(f.confidence <= 0.7 for f in nominal)
    assert {f.severity for f in findings if f not in nominal} == {"error"}


def test_hard_negatives_are_not_flagged():
    """Headlines, subheads, byline, dateline, quotes, imperatives, questions, short sentences, a misread verb
    ("followed suit"), "had had", abbreviations, a complete sentence with a subordinate clause, lists, tables."""
    assert lint(read("good.md"), RULE, name="good.md") == []


def test_plain_text_dateline_and_byline_are_skipped_but_a_fragment_is_not():
    source = read("dateline.txt")
    findings = lint(source, RULE, name="dateline.txt")
    assert found(findings) == [
        (
            7,
            1,
            7,
            55,
            "Standing at the back of the hall with a folded banner.",
            'no main verb: "Standing at the back ..." is a participial phrase',
        )
    ]
    assert_spans_match(source, findings)


def test_html_caption_is_skipped_and_a_paragraph_fragment_is_flagged():
    source = read("caption.html")
    findings = lint(source, RULE, name="caption.html")
    assert [(f.line, f.excerpt) for f in findings] == [(5, "Citing a sharp rise in fuel costs since the spring.")]
    assert_spans_match(source, findings)


def test_span_maps_through_markdown_markup_and_crlf():
    source = "# Title\r\n\r\nThe vote was held on Monday.\r\n\r\n*Hoping* to reassure [investors](https://x.test).\r\n"
    findings = lint(source, RULE)
    assert [(f.line, f.column, f.end_column, f.excerpt) for f in findings] == [
        (5, 2, 50, "Hoping* to reassure [investors](https://x.test).")
    ]
    assert_spans_match(source, findings)


def test_a_fragment_in_a_hard_wrapped_text_paragraph_spans_lines():
    source = (
        "Title\n\nThe board met on Monday. The new tidal barrier, which was completed\n"
        "in June at a cost of four million pounds. It held.\n"
    )
    findings = lint(source, RULE, name="story.txt")
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [(3, 26, 4, 42)]
    assert findings[0].excerpt == (
        "The new tidal barrier, which was completed\nin June at a cost of four million pounds."
    )
    assert_spans_match(source, findings)


def test_min_words_option():
    assert lint("A bitter blow.\n", RULE) == []
    findings = lint("A bitter blow.\n", RULE, options={RULE: {"min_words": 3}})
    assert [f.excerpt for f in findings] == ["A bitter blow."]


def test_check_quoted_option():
    text = '"A major setback for everyone who worked on this."\n'
    assert lint(text, RULE) == []
    findings = lint(text, RULE, options={RULE: {"check_quoted": True}})
    assert [f.excerpt for f in findings] == [text.strip()]


def test_kinds_option_can_add_list_items():
    text = "- A major setback for the coalition.\n- Read the report.\n"
    assert lint(text, RULE) == []
    findings = lint(text, RULE, options={RULE: {"kinds": ["paragraph", "list_item"]}})
    assert [(f.line, f.column, f.excerpt) for f in findings] == [(1, 3, "A major setback for the coalition.")]


def test_max_finite_chance_option():
    """At 0, any chance at all that a word is a finite verb keeps a sentence from being reported."""
    text = "The coalition lost the vote. A major setback for the coalition.\n"
    assert [f.excerpt for f in lint(text, RULE)] == ["A major setback for the coalition."]
    assert lint(text, RULE, options={RULE: {"max_finite_chance": 0.0}}) == []


def test_cli_reports_the_fragment_and_exits_1():
    data = cli_json("check", "--select", RULE, str(FRAGMENTS / "dateline.txt"))
    assert [(f["line"], f["rule"], f["category"]) for f in data["findings"]] == [(7, RULE, "fragment")]


@pytest.mark.skipif(not (SHARED / "corpus" / "seed").is_dir(), reason="the shared seed corpus is not here")
def test_seed_article_line_11_is_the_only_fragment():
    path = SHARED / "corpus" / "seed" / "critical-minerals.txt"
    source = path.read_text(encoding="utf-8")
    findings = lint(source, RULE, name=path.name)
    assert [(f.line, f.column) for f in findings] == [(11, 1)]
    assert findings[0].excerpt == "This partnership, which was facilitated by the U.S."
    assert_spans_match(source, findings)


def test_a_parser_boundary_in_mid_sentence_leaves_no_fragment():
    """A tail that the parser split off without a stop ("... to the bank | Castlebank for 40m pounds.") is not
    reported; a sentence after a stop, a dash or a closing quote is checked."""
    from spacy.tokens import Doc

    from linter.analysis.nlp import load_model
    from linter.checks.incomplete_sentence import _starts_after_a_stop

    words = [
        "It",
        "sold",
        "a",
        "stake",
        "to",
        "the",
        "bank",
        "Castlebank",
        "for",
        "40m",
        "pounds",
        ".",
        "A",
        "loss",
        ".",
    ]
    starts = [True] + [False] * 6 + [True] + [False] * 4 + [True, False, False]
    sents = list(Doc(load_model().vocab, words=words, sent_starts=starts).sents)
    assert [_starts_after_a_stop(s) for s in sents] == [True, False, True]


def test_a_sentence_cut_short_on_a_word_that_needs_more():
    text = (
        "The operator said the new crossings would sail between. Passengers were told.\n\n"
        "The pier lights were meant to be switched on by. Engineers left.\n\n"
        "The council hopes to recruit drivers from the. Others do the same.\n\n"
        "The trust repainted the sheds and. Visitors came.\n"
    )
    findings = lint(text, RULE)
    assert [(f.line, f.message) for f in findings] == [
        (1, 'sentence cut off: "would sail between" ends on a preposition'),
        (3, 'sentence cut off: "switched on by" ends on a preposition'),
        (5, 'sentence cut off: "drivers from the" ends on an article'),
        (7, 'sentence cut off: "the sheds and" ends on a conjunction'),
    ]
    assert [f.excerpt for f in findings][0] == "The operator said the new crossings would sail between."
    assert_spans_match(text, findings)


def test_a_preposition_left_at_the_end_on_purpose_is_not_a_cut():
    text = (
        "It is the island the skipper grew up in. Nobody knew which quay the boat had sailed from. "
        "The slipway is worth fighting for. The rise is hard to argue with. The complaint has been dealt with. "
        "The offer was less than the crews had hoped for. She recalls the shifts the owners got away with. "
        "Smugglers find new coves to take advantage of. A poll found 61% in favour, with 25% against. "
        "The drive has to come from within. Fares have risen twice since. The crew had nothing to worry about.\n"
    )
    assert lint(text, RULE) == []


def test_stand_alone_clauses_of_every_opening():
    text = (
        "The port reopened. Such as the long queues at the gates on Friday. Traffic eased.\n\n"
        "The depot was sold. Having stood empty for a decade. The buyer plans flats.\n\n"
        "The strike began. The stoppage, called after talks broke down late on Sunday. Buses stayed in.\n"
    )
    assert [(f.line, f.message) for f in lint(text, RULE)] == [
        (1, 'no main verb: "Such as the long ..." is a prepositional phrase'),
        (3, 'no main verb: "Having stood empty for ..." is a participial phrase'),
        (5, 'no main verb: "The stoppage called after ..." is a noun with only a participle clause'),
    ]
    assert {f.severity for f in lint(text, RULE)} == {"error"}


def test_a_mark_inside_a_title_does_not_end_the_sentence():
    """The parser ends a sentence after "Sleep?" and "Again!"; a lower-case word after the mark rejoins them."""
    text = (
        "Her early hits included Who Needs Sleep? and a cover of an old sea shanty.\n\n"
        "She first found fame with Hello Again! in the spring of 1999.\n"
    )
    assert lint(text, RULE) == []


def test_a_parenthesis_after_a_mark_in_a_name_does_not_start_a_sentence():
    text = "In 2003 she set up a label called Wow! (Women of Wessex) Records, which now releases folk albums.\n"
    assert lint(text, RULE) == []
    stopped = "In 2003 she set up a label. (Women of Wessex) Records, which now releases folk albums.\n"
    assert [f.excerpt for f in lint(stopped, RULE)] == ["(Women of Wessex) Records, which now releases folk albums."]


def test_a_verb_the_tagger_read_as_a_noun_keeps_the_sentence_whole():
    text = "Critics marvel at the speed with which the new stand was built.\n"
    assert lint(text, RULE) == []


def test_confidence_follows_the_evidence_and_min_confidence_trades_recall_for_quiet():
    """A subordinate clause opened by "after" (as often a preposition) is less certain, and below the default."""
    text = (
        "The coalition lost the vote. A major setback for the coalition.\n\n"
        "The operator said the new crossings would sail between. Passengers were told.\n\n"
        "The council hopes to recruit drivers from the. Others do the same.\n\n"
        "The board met. After the vote was taken on Tuesday.\n"
    )
    everything = lint(text, RULE, options={RULE: {"min_confidence": 0.0}})
    assert [(f.line, f.confidence) for f in everything] == [(1, 0.7), (3, 0.8), (5, 0.9), (7, 0.6)]
    assert [f.line for f in lint(text, RULE)] == [1, 3, 5]
    assert [f.line for f in lint(text, RULE, options={RULE: {"min_confidence": 0.75}})] == [3, 5]


def test_a_bare_noun_phrase_is_a_warning_unless_error_kinds_names_it():
    """A verbless noun phrase may be a writer's device; a clause that lost its main clause shows an edit's damage."""
    text = "The coalition lost the vote. A major setback for the coalition.\n\nThe board met. Although it was close.\n"
    default = lint(text, RULE)
    assert [(f.line, f.severity, f.confidence) for f in default] == [(1, "warning", 0.7), (3, "error", 0.9)]
    strict = lint(text, RULE, options={RULE: {"error_kinds": ["nominal", "subordinate"]}})
    assert [(f.line, f.severity, f.confidence) for f in strict] == [(1, "error", 0.9), (3, "error", 0.9)]
    lenient = lint(text, RULE, options={RULE: {"error_kinds": []}})
    assert [(f.line, f.severity) for f in lenient] == [(1, "warning"), (3, "warning")]


def test_a_main_verb_misread_after_an_opening_phrase_keeps_the_sentence_whole():
    """After the comma that closes an opening participial phrase, a word the tagger missed as the verb is tried as
    one; inside the phrase, or after a comma that a preposition follows, a verb form is the phrase's own."""
    text = (
        "The line reopened on Monday. According to the survey, buying a ticket at the station using a bank card"
        " costs £4.20.\n\n"
        "The line reopened on Monday. Standing with his hands clasped and his eyes fixed on the floor.\n\n"
        "The line reopened on Monday. Designed by the Halvorsen firm, with a glass reading room facing the river.\n"
    )
    assert [(f.line, f.message) for f in lint(text, RULE)] == [
        (3, 'no main verb: "Standing with his hands ..." is a participial phrase'),
        (5, 'no main verb: "Designed by the Halvorsen ..." is a participial phrase'),
    ]


def test_an_elliptical_opening_clause_before_a_main_clause_is_not_a_fragment():
    text = (
        "The line reopened on Monday. If necessary extra buses could be called upon to carry the crowds.\n\n"
        "The line reopened on Monday. Although the vote on the timetable was closer than expected.\n"
    )
    assert [(f.line, f.message) for f in lint(text, RULE)] == [
        (3, 'no main clause: "Although the vote on ..." is a subordinate clause'),
    ]
