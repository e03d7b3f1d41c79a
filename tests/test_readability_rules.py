"""reading-level, hard-sentence, very-hard-sentence and paragraph-length on fixtures."""

from __future__ import annotations

import json

from conftest import FIXTURES, assert_spans_match, lint, run_cli

POOL_VOTE = (FIXTURES / "readability" / "pool-vote.md").read_text(encoding="utf-8")
LEAD = "EASTFIELD — The town council voted on Tuesday to close the Eastfield swimming pool at the end of the month."
HARD = (
    "Regional officials acknowledged that the infrastructure assessment, commissioned after persistent "
    "complaints from residents, identified considerable problems in the maintenance of older buildings."
)
VERY_HARD = (
    "The department's procurement methodology, which, according to independent evaluators, systematically "
    "underestimated maintenance obligations, was characterised as fundamentally unsustainable."
)
SIMPLE = (
    "The council voted to close the pool. The land will be sold to a builder. Some people were angry. "
    "They said the town needs a pool. One mother said her children learned to swim there. "
)


def spans(findings):
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.severity, f.message) for f in findings]


# reading-level


def test_missed_targets_are_reported_once_each_at_the_first_line_of_body_text():
    findings = lint(
        POOL_VOTE,
        "reading-level",
        options={
            "reading-level": {"min_flesch_reading_ease": 60, "max_flesch_kincaid_grade": 7, "max_gunning_fog": 11}
        },
    )
    assert spans(findings) == [
        ("reading-level", 9, 1, 9, 108, "warning", "Flesch reading ease 58.1 is below the target of 60"),
        ("reading-level", 9, 1, 9, 108, "warning", "Flesch-Kincaid grade 7.9 is above the target of 7"),
    ]
    assert [f.excerpt for f in findings] == [LEAD, LEAD]
    assert_spans_match(POOL_VOTE, findings)


def test_default_targets_pass_plain_news_copy():
    assert lint(POOL_VOTE, "reading-level") == []


def test_a_null_target_is_off():
    targets = {
        "min_flesch_reading_ease": None,
        "max_flesch_kincaid_grade": 1,
        "max_gunning_fog": None,
        "max_smog_index": None,
        "max_coleman_liau_index": None,
        "max_automated_readability_index": None,
        "max_dale_chall_readability_score": None,
    }
    findings = lint(POOL_VOTE, "reading-level", options={"reading-level": targets})
    assert [f.message for f in findings] == ["Flesch-Kincaid grade 7.9 is above the target of 1"]


def test_a_brief_under_min_words_is_not_scored():
    brief = "# Pool to close\n\n" + VERY_HARD + "\n"
    assert lint(brief, "reading-level") == []
    assert len(lint(brief, "reading-level", options={"reading-level": {"min_words": 10}})) == 7


def test_the_first_line_of_a_wrapped_text_paragraph_is_the_position():
    text = (
        "Council closes pool\n\nBy Nora Vale\n\n"
        + VERY_HARD.replace("independent ", "independent\n")
        + "\n\n"
        + (VERY_HARD + " ") * 5
        + "\n"
    )
    [finding] = lint(
        text,
        "reading-level",
        name="story.txt",
        options={
            "reading-level": {
                "max_flesch_kincaid_grade": None,
                "max_gunning_fog": None,
                "max_smog_index": None,
                "max_coleman_liau_index": None,
                "max_automated_readability_index": None,
                "max_dale_chall_readability_score": None,
            }
        },
    )
    assert (finding.line, finding.column, finding.end_line) == (5, 1, 5)
    assert finding.excerpt == "The department's procurement methodology, which, according to independent"
    assert_spans_match(text, [finding])


def test_headlines_lists_and_residue_do_not_make_a_document_hard():
    jargon = "Intergovernmental appropriations notwithstanding institutional reorganisation considerations"
    text = f"# {jargon}\n\n## {jargon}\n\n- {jargon}\n- {jargon}\n\n" + SIMPLE * 3 + f"\n\nKEEP READING\n- {jargon}\n"
    assert lint(text, "reading-level") == []


# hard-sentence and very-hard-sentence


def test_hard_and_very_hard_sentences_are_reported_once_each_with_their_grade():
    findings = lint(POOL_VOTE, ["hard-sentence", "very-hard-sentence"])
    assert spans(findings) == [
        ("hard-sentence", 15, 1, 15, 197, "info", "hard to read: grade 21.4 (above 20), 22 words"),
        ("very-hard-sentence", 17, 1, 17, 191, "warning", "very hard to read: grade 29.5 (above 25), 18 words"),
    ]
    assert [f.excerpt for f in findings] == [HARD, VERY_HARD]
    assert_spans_match(POOL_VOTE, findings)


def test_hard_sentence_with_no_upper_bound_also_reports_very_hard_ones():
    findings = lint(POOL_VOTE, "hard-sentence", options={"hard-sentence": {"grade_up_to": None}})
    assert [(f.line, f.excerpt) for f in findings] == [(15, HARD), (17, VERY_HARD)]


def test_a_sentence_between_sentences_is_found_inside_its_paragraph():
    text = f"The vote was close. {HARD} Nobody was hurt.\n"
    [finding] = lint(text, "hard-sentence")
    assert (finding.column, finding.excerpt) == (21, HARD)
    assert_spans_match(text, [finding])


def test_short_sentences_are_not_graded():
    text = "Unquestionably. Intergovernmental reorganisation considerations notwithstanding.\n"
    assert lint(text, ["hard-sentence", "very-hard-sentence"]) == []
    assert len(lint(text, "very-hard-sentence", options={"very-hard-sentence": {"min_words": 1}})) == 2


def test_abbreviations_do_not_cut_a_hard_sentence_short():
    text = (
        "Mr. Dunn acknowledged that the U.S. infrastructure assessment, commissioned after persistent "
        "complaints from residents, identified considerable problems in the maintenance of older buildings.\n"
    )
    [finding] = lint(text, "hard-sentence", options={"hard-sentence": {"grade_above": 15}})
    assert (finding.excerpt, finding.message) == (text.strip(), "hard to read: grade 19.5 (above 15), 23 words")


def test_hard_headlines_lists_and_bylines_are_not_graded():
    text = f"# {HARD}\n\n- {HARD}\n- {VERY_HARD}\n\nThe pool will close.\n"
    assert lint(text, ["hard-sentence", "very-hard-sentence"]) == []


def test_a_sentence_mostly_in_quotes_is_graded_only_with_grade_quotes():
    text = f'"{VERY_HARD[:-1]}," the report said.\n'
    assert lint(text, ["hard-sentence", "very-hard-sentence"]) == []
    findings = lint(text, "very-hard-sentence", options={"very-hard-sentence": {"grade_quotes": True}})
    assert [f.excerpt for f in findings] == [text.strip()]


def test_a_short_quote_inside_a_hard_sentence_does_not_excuse_it():
    text = HARD.replace("considerable problems", '"considerable problems"') + "\n"
    assert [f.rule for f in lint(text, ["hard-sentence", "very-hard-sentence"])] == ["hard-sentence"]


# paragraph-length


def test_a_paragraph_over_five_sentences_is_reported_whole():
    findings = lint(POOL_VOTE, "paragraph-length")
    assert spans(findings) == [
        (
            "paragraph-length",
            19,
            1,
            19,
            240,
            "warning",
            "paragraph has 7 sentences and 44 words (more than 5 sentences or 120 words)",
        )
    ]
    assert findings[0].excerpt.startswith("Parents came to the meeting") and findings[0].excerpt.endswith("answer.")
    assert_spans_match(POOL_VOTE, findings)


def test_four_sentences_with_a_quote_and_abbreviations_are_not_a_long_paragraph():
    text = (
        '"Where will they swim?" she asked. Mr. Dunn said the U.S. firm had paid. Dr. Ruiz agreed. '
        "The vote was at 7 p.m. on Tuesday.\n"
    )
    assert lint(text, "paragraph-length") == []


def test_a_paragraph_of_few_long_sentences_is_over_the_word_limit():
    text = " ".join([HARD] * 6) + "\n"
    [finding] = lint(text, "paragraph-length")
    assert finding.message == "paragraph has 6 sentences and 132 words (more than 5 sentences or 120 words)"
    [finding] = lint(" ".join([HARD] * 5) + "\n", "paragraph-length", options={"paragraph-length": {"max_words": 100}})
    assert finding.message == "paragraph has 5 sentences and 110 words (more than 5 sentences or 100 words)"


def test_lists_and_scraped_headline_blocks_are_not_paragraphs():
    items = "\n".join(f"- Item {i} is on the list." for i in range(8))
    text = (
        f"The board listed its plans.\n\n{items}\n\nKEEP READING\n"
        + "\n".join(f"- Headline number {i} here" for i in range(8))
        + "\n"
    )
    assert lint(text, "paragraph-length") == []


def test_a_long_plain_text_paragraph_spans_its_wrapped_lines():
    text = (
        "Pool to close\n\nThe pool will close at the end of the month. The land\n"
        "will be sold to a builder. Parents were angry. One of them\n"
        "spoke first. Nobody had an answer. The vote was seven to four.\n"
    )
    [finding] = lint(text, "paragraph-length", name="story.txt")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 1, 5, 63)
    assert_spans_match(text, [finding])


def test_residue_is_left_out_as_the_users_scrape_residue_settings_find_it(tmp_path):
    article = tmp_path / "story.md"
    article.write_text(
        "The council voted to close the pool.\n\nPromoted: our mugs are on sale now.\n\n"
        "The land will be sold to a builder.\n",
        encoding="utf-8",
    )
    default = json.loads(run_cli("stats", "--format", "json", str(article)).stdout)
    assert default["files"][0]["paragraphs"] == 3
    config = tmp_path / ".copydesk.yml"
    config.write_text("rules:\n  scrape-residue:\n    lines: {promotion: '^Promoted:'}\n", encoding="utf-8")
    custom = json.loads(run_cli("stats", "--format", "json", "--config", str(config), str(article)).stdout)
    assert custom["files"][0]["paragraphs"] == 2
    assert custom["files"][0]["sentences"] == 2
