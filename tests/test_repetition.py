"""Repetition rules: echo-word, duplicate-sentence, repeated-opening, repeated-phrase, and repeated-word beside them."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED, assert_spans_match, lint

RULES = ["echo-word", "duplicate-sentence", "repeated-opening", "repeated-phrase", "repeated-word"]
HERE = FIXTURES / "repetition"


def read(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def summary(findings):
    return [(f.rule, f.line, f.column, f.end_line, f.message) for f in findings]


def test_clean_article_with_hard_negatives_has_no_findings():
    # A name six times, "said" in every paragraph, "that that" and "had had", a repeated official title, a quoted
    # triple "treacherous", three paragraphs opening with a name, three sentences opening with "The", list items
    # that start alike, a headline repeated in the front matter.
    assert lint(read("clean-ferry-timetable.md"), RULES, name="clean-ferry-timetable.md") == []


def test_each_repetition_is_reported_once_with_exact_span():
    source = read("echoes.md")
    findings = lint(source, RULES, name="echoes.md")
    assert summary(findings) == [
        ("echo-word", 5, 19, 9, '"precarious" used 3 times in 28 words (lines 5, 7, 9)'),
        ("repeated-opening", 11, 1, 11, '3 sentences in a row start with "He"'),
        ("repeated-opening", 13, 1, 17, '3 paragraphs in a row start with "Later"'),
        ("repeated-phrase", 21, 24, 21, 'phrase "bear the brunt of the next storm" repeats line 19'),
        ("duplicate-sentence", 27, 1, 27, "repeats a sentence from line 23"),
    ]
    assert_spans_match(source, findings)
    assert findings[0].excerpt.startswith("precarious conditions")
    assert findings[0].excerpt.endswith("remained precarious")
    assert findings[1].excerpt == "He checked the barriers. He closed the north lane. He"
    assert findings[2].excerpt.startswith("Later the crews") and findings[2].excerpt.endswith("\n\nLater")
    assert findings[3].excerpt == "bear the brunt of the next storm"
    assert findings[4].excerpt == "The road will reopen on Friday after repairs to the sea wall."


def test_headline_printed_again_as_first_line_of_body():
    source = read("headline-twice.txt")
    findings = lint(source, RULES, name="headline-twice.txt")
    assert summary(findings) == [("duplicate-sentence", 5, 1, 5, "repeats the headline from line 1")]
    assert findings[0].excerpt == "Storm closes coastal road at Penhallow headland"
    assert_spans_match(source, findings)


def test_seed_article_duplicated_headline_and_underscore_cluster():
    source = SHARED / "corpus" / "seed" / "critical-minerals.txt"
    if not source.exists():
        pytest.skip("the shared seed article is not beside this checkout")
    findings = lint(source.read_text(encoding="utf-8"), RULES, name="critical-minerals.txt")
    found = {(f.rule, f.line, f.end_line) for f in findings}
    assert ("duplicate-sentence", 7, 7) in found
    assert ("echo-word", 17, 25) in found
    echo = next(f for f in findings if f.rule == "echo-word")
    assert echo.message.startswith('"underscore" used 3 times') and echo.message.endswith("(lines 17, 23, 25)")


# echo-word


def test_word_frequencies_come_from_the_installed_package_with_sockets_disabled():
    from linter.analysis.word_frequency import zipf_frequency

    assert 2.5 < zipf_frequency("underscore") < 3.5 < 5.5 < zipf_frequency("said")


LEDE = "The town council met on Monday night to settle the budget for the coming year.\n\n"
SPACER = "The committee met in the hall and heard from residents about roads, schools and bins. "


def test_echo_window_grows_with_rarity():
    # Three uses about 100 words apart: "underscore" (Zipf 3.0) is an echo, "highlight" (Zipf 4.2) is not.
    for word, flagged in (("underscore", True), ("highlight", False)):
        text = LEDE + "\n\n".join(f"Her remarks {word} the point. " + SPACER * 6 for _ in range(3))
        findings = lint(text, "echo-word")
        assert bool(findings) is flagged, (word, findings)


def test_common_words_and_function_words_are_never_echoes():
    text = "\n\n".join(["The mayor said the plan would help the town and that it would be ready soon."] * 5)
    assert lint(text, "echo-word") == []


def test_lemmas_count_together_and_every_line_is_named():
    text = (
        "Her remarks underscore the point.\n\nThis gesture underscores her loyalty.\n\n"
        "His comments underscored the case."
    )
    findings = lint(text, "echo-word")
    assert [f.message for f in findings] == ['"underscore" used 3 times in 11 words (lines 1, 3, 5)']
    assert_spans_match(text, findings)


def test_doubled_word_is_repeated_words_finding_not_an_echo():
    text = "They set a robust robust target. The plan was robust."
    findings = lint(text, ["echo-word", "repeated-word"])
    assert [(f.rule, f.excerpt) for f in findings] == [("repeated-word", "robust robust")]


def test_names_numbers_and_fixed_terms_are_not_echoes():
    text = (
        "Marlowe Vance spoke first. Vance said third place was fine. Vance came third again. "
        "The portable media player sold well. A portable media player is cheap. Each portable media player "
        "ships free."
    )
    assert lint(text, "echo-word") == []


def test_words_in_a_blockquote_are_not_the_writers_echoes():
    text = LEDE + (
        "The board called the plan robust.\n\n> The plan is robust, the costs are robust and the timetable is "
        "robust.\n\nCritics were unconvinced."
    )
    assert lint(text, "echo-word") == []
    assert len(lint(text.replace("> ", ""), "echo-word")) == 1


def test_echo_count_option():
    text = "Conditions were precarious. The climb was precarious."
    assert lint(text, "echo-word") == []
    assert len(lint(text, "echo-word", options={"echo-word": {"count": 2}})) == 1


def test_the_ledes_words_are_the_storys_subject_not_echoes():
    text = (
        "Police detained two men after a break-in at the council depot on Sunday night.\n\n"
        "The men were detained near the ring road. A third man was detained on Monday."
    )
    assert lint(text, "echo-word") == []
    findings = lint(text, "echo-word", options={"echo-word": {"lede": False}})
    assert [f.message for f in findings] == ['"detain" used 3 times in 27 words (lines 1, 3)']


def test_a_lone_paragraph_has_no_lede_to_excuse_its_echoes():
    text = "Her remarks underscore the pact's value. This gesture underscores her loyalty. His words underscore it."
    assert [f.message for f in lint(text, "echo-word")] == ['"underscore" used 3 times in 12 words (line 1)']


def test_inflected_headline_words_make_their_lemmas_the_subject():
    body = (
        "\n\nThe council met on Monday night to settle the budget for the coming year.\n\n"
        "It denied the report. A spokesman denied that a buyer had been found, and the leader denied any talks."
    )
    assert lint("# Council denies plan to sell fields" + body, "echo-word", name="a.md") == []
    assert len(lint("# Council sets its budget" + body, "echo-word", name="a.md")) == 1


def test_echo_confidence_rises_with_rarity_and_tightness_and_each_use_is_related():
    def echo(word, spacer):
        text = LEDE + f"Her remarks {word} the point. {spacer}This gesture {word}s her loyalty. {spacer}"
        text += f"His comments {word} the case."
        [finding] = lint(text, "echo-word", options={"echo-word": {"max_zipf": 6.0}})
        assert [span["excerpt"] for span in finding.related] == [word, f"{word}s", word]
        return finding.confidence

    assert echo("underscore", "") > echo("highlight", "") > 0.5
    assert echo("underscore", "") > echo("underscore", SPACER) >= 0.5
    assert echo("underscore", "") <= 1.0


# duplicate-sentence


def test_repeated_paragraph_is_one_finding_and_quotes_are_normalised():
    text = (
        "He said the \u201cnew\u201d bridge would open in May. The council agreed the cost on Monday.\n\n"
        "Traffic was light.\n\n"
        'He said the "new" bridge would open in May.  The council agreed the cost on Monday.'
    )
    findings = lint(text, "duplicate-sentence")
    assert summary(findings) == [("duplicate-sentence", 5, 1, 5, "repeats a paragraph from line 1")]
    assert_spans_match(text, findings)


def test_short_stock_sentences_may_recur():
    text = "The mayor declined to comment.\n\nThe treasurer spoke at length.\n\nThe mayor declined to comment."
    assert lint(text, "duplicate-sentence") == []


# repeated-opening


def test_exempt_words_and_quotes_break_no_rule_until_configured():
    text = "The council met. The vote was close. The mayor abstained."
    assert lint(text, "repeated-opening") == []
    findings = lint(text, "repeated-opening", options={"repeated-opening": {"exempt": []}})
    assert [f.message for f in findings] == ['3 sentences in a row start with "The"']


def test_openings_inside_quotes_and_list_items_are_not_runs():
    text = (
        '"We tried," he said. "We failed," she said. "We will try again," they said.\n\n'
        "- Book tickets online\n- Book tickets by phone\n- Book tickets on board\n"
    )
    assert lint(text, "repeated-opening") == []


def test_a_heading_breaks_a_run_of_paragraphs():
    text = "Then the rain came.\n\nThen the wind rose.\n\n## Aftermath\n\nThen the road reopened."
    assert lint(text, "repeated-opening") == []


# repeated-phrase


def test_official_titles_numbers_and_function_word_runs_are_not_phrases():
    text = (
        "Officials at the Ministry of Trade and Industry said exports rose by 4 per cent in May. "
        "Buyers hoped that it would be enough.\n\n"
        "A report from the Ministry of Trade and Industry said imports fell by 4 per cent in May. "
        "Sellers feared that it would be too late."
    )
    assert lint(text, "repeated-phrase") == []


def test_phrase_in_distant_paragraphs_or_in_quotes_is_not_flagged():
    far = (
        "Prices will stay weak for the foreseeable future, the board said.\n\n"
        + SPACER
        + "\n\n"
        + SPACER
        + "\n\nFarmers expect to keep borrowing for the foreseeable future."
    )
    quoted = (
        'Residents called the park "the heart of the community".\n\n'
        "The mayor said it was not the heart of the community."
    )
    assert lint(far, "repeated-phrase") == []
    assert lint(quoted, "repeated-phrase") == []
    near = far.replace("\n\n" + SPACER, "", 2)
    findings = lint(near, "repeated-phrase")
    assert [f.message for f in findings] == ['phrase "for the foreseeable future" repeats line 1']
    assert_spans_match(near, findings)


def test_stock_phrases_of_common_words_dates_and_terms_are_not_repeats():
    stock = "Rates should fall over the long term, the bank said.\n\nSavers will gain over the long term."
    dated = "Ticket sales rose at the end of the year.\n\nThe shop will close at the end of the year."
    term = "The regional bus pass scheme opens in May.\n\nCritics of the regional bus pass scheme want more routes."
    for text in (stock, dated, term):
        assert lint(text, "repeated-phrase") == [], text
    rare = "Coastal villages will bear the brunt of the gale.\n\nFarmers will also bear the brunt of the gale."
    assert [f.excerpt for f in lint(rare, "repeated-phrase")] == ["bear the brunt of the gale"]


def test_a_phrase_the_rest_of_the_article_uses_is_its_vocabulary_not_a_surprise():
    repeat = "Fans call the ground the heart of the community.\n\nThe club says it is the heart of the community."
    assert len(lint(repeat, "repeated-phrase")) == 1
    vocabulary = repeat + "\n\nThe community raised the money. Community groups met on Monday."
    assert lint(vocabulary, "repeated-phrase") == []


def test_a_more_surprising_phrase_is_caught_further_away_and_more_surely():
    words_between = " ".join(["The committee heard from residents."] * 12)
    ordinary = f"Fans call it the heart of the community. {words_between} The club is the heart of the community."
    unusual = (
        f"The board has secured the consent of every neighbouring landowner. {words_between} "
        "Dredging waits until the board has secured the consent of every neighbouring landowner."
    )
    assert lint(ordinary, "repeated-phrase") == []
    [finding] = lint(unusual, "repeated-phrase")
    assert finding.excerpt == "the board has secured the consent of every neighbouring landowner"
    assert [span["excerpt"] for span in finding.related] == [
        "The board has secured the consent of every neighbouring landowner"
    ]
    [near] = lint(unusual.replace(words_between + " ", ""), "repeated-phrase")
    assert 0.5 < finding.confidence < near.confidence <= 1.0


def test_hyphenated_words_count_once():
    text = "He agreed a short-term contract.\n\nShe wants a short-term contract."
    assert lint(text, "repeated-phrase") == []


def test_headline_repeated_as_first_paragraph_in_markdown_and_html():
    headline = "Storm closes coastal road at Penhallow headland"
    markdown = f"# {headline}\n\n{headline}\n\nThe storm brought rain to the coast road.\n"
    html = (
        f"<html><body><article>\n<h1>{headline}</h1>\n<p>{headline}</p>\n"
        "<p>The storm brought rain to the coast road.</p>\n</article></body></html>\n"
    )
    for name, source, line in (("a.md", markdown, 3), ("a.html", html, 3)):
        findings = lint(source, "duplicate-sentence", name=name)
        assert summary(findings) == [
            (
                "duplicate-sentence",
                line,
                findings[0].column,
                line,
                "repeats the headline from line " + ("1" if name == "a.md" else "2"),
            )
        ]
        assert findings[0].excerpt == headline
        assert_spans_match(source, findings)


def test_a_sentence_repeated_whole_is_one_duplicate_not_also_a_phrase():
    text = (
        "Work is scheduled to begin the day after the final home game.\n\n"
        "Work is scheduled to begin the day after the final home game."
    )
    findings = lint(text, RULES)
    assert summary(findings) == [("duplicate-sentence", 3, 1, 3, "repeats a sentence from line 1")]
