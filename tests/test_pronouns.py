"""The pronoun rules: pronoun-number, pronoun-gender, person-shift and unresolved-pronoun, on fixtures with exact
spans, their hard negatives (quotations, plural groups, they/them people, shared surnames, titles) and options."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED, assert_spans_match, cli_json, lint

PRONOUNS = FIXTURES / "pronouns"


def read(name: str) -> str:
    return (PRONOUNS / name).read_text(encoding="utf-8")


def spots(findings) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.excerpt) for f in findings]


def test_pronoun_number_flags_singular_bodies_and_places_only():
    text = read("number.md")
    findings = lint(text, "pronoun-number")
    assert spots(findings) == [(3, 67, "they"), (5, 37, "their"), (15, 21, "they")]
    assert findings[0].message == (
        '"they" refers back to "Halvorsen Freight" (singular, organisation) in line 3: use "it"/"its" or make '
        "the subject plural"
    )
    assert 'refers back to "Norway" (singular, place)' in findings[1].message
    assert_spans_match(text, findings)


def test_pronoun_number_british_option_allows_collective_they():
    text = read("number.md")
    assert lint(text, "pronoun-number", options={"pronoun-number": {"language": "en-GB"}}) == []


def test_pronoun_number_british_option_still_flags_a_body_also_treated_as_singular():
    text = "Halvorsen Shipping has said they will cut fares next year.\n\nThe club said they were pleased.\n"
    findings = lint(text, "pronoun-number", options={"pronoun-number": {"language": "en-GB"}})
    assert spots(findings) == [(1, 29, "they")]


def test_pronoun_gender_flags_the_other_gender_for_the_only_person_in_reach():
    text = read("gender.md")
    findings = lint(text, "pronoun-gender")
    assert spots(findings) == [(5, 11, "his"), (7, 82, "his")]
    assert findings[0].message == "\"his\" refers back to Ingrid Vale (female by pronoun 'She' in line 3) in line 5"
    assert findings[1].message == "\"his\" refers back to Okonjo (female by honorific 'Ms.' in line 7) in line 7"
    assert_spans_match(text, findings)


def test_pronoun_number_leaves_other_antecedents_in_reach():
    text = (
        "Kessler Logistics has beaten Ardent Freight in two of their three tenders.\n\n"
        "Officials said all four were released. The ministry said they had been questioned.\n\n"
        "Halvorsen Shipping sold the old ferries and scrapped them.\n"
    )
    assert lint(text, "pronoun-number") == []


def test_pronoun_gender_leaves_titles_speaker_tags_and_pronoun_chains():
    text = (
        "Mr. Okafor praised the film. The She Sells Boats director was not at the screening.\n\n"
        'The yard reopened on Monday. "Ms. Pell was very patient," he said.\n\n'
        "Ms. Imrie thanked the skipper. His boat was damaged, and he said the storm came fast.\n"
    )
    assert lint(text, "pronoun-gender") == []


def test_pronoun_gender_fixed_by_mr_and_contradicted():
    text = "Mr. Haldane runs the ferry office. Mr. Haldane said her timetable would change.\n"
    findings = lint(text, "pronoun-gender")
    assert spots(findings) == [(1, 53, "her")]
    assert findings[0].message == "\"her\" refers back to Haldane (male by honorific 'Mr.' in line 1) in line 1"


def test_pronoun_gender_sentence_opening_pronoun_after_a_described_person():
    text = "Ms. Okafor, a nurse at the clinic, said the wait was too long. He added that staff were tired.\n"
    findings = lint(text, "pronoun-gender")
    assert spots(findings) == [(1, 64, "He")]
    other = "Ms. Okafor said the wait was too long. Her husband, a porter, agreed. He added that staff were tired.\n"
    assert lint(other, "pronoun-gender") == []


def test_person_shift_flags_narrative_first_and_second_person_only():
    text = read("person.md")
    findings = lint(text, "person-shift", options={"person-shift": {"voice_sentences": 3}})
    assert spots(findings) == [(3, 53, "us"), (5, 4, "you")]  # one finding per sentence, on its first such word
    assert findings[0].message == '"us", "our": first or second person in the narrative, outside a quotation'
    assert findings[1].message == '"you", "your": first or second person in the narrative, outside a quotation'
    assert_spans_match(text, findings)


def test_person_shift_skips_opinion_front_matter():
    assert lint(read("opinion.md"), "person-shift") == []


def test_person_shift_genre_option_and_allow_list():
    text = read("opinion.md")
    findings = lint(text, "person-shift", options={"person-shift": {"skip_genres": ["review"]}})
    assert spots(findings) == [(8, 1, "I")]  # one finding for the sentence
    assert findings[0].message.startswith('"I", "you":')
    allowed = lint(text, "person-shift", options={"person-shift": {"skip_genres": [], "allow": ["I", "you"]}})
    assert allowed == []


def test_person_shift_leaves_a_piece_written_in_that_voice():
    text = "I went to the match. We lost again.\n\nYou could see it coming. The fans left early.\n"
    assert lint(text, "person-shift") == []
    # with the voice check off, the two past events are reported; the idiomatic "You could see it coming" is not
    assert spots(lint(text, "person-shift", options={"person-shift": {"voice_sentences": 4}})) == [
        (1, 1, "I"),
        (1, 22, "We"),
    ]
    assert lint(read("person.md"), "person-shift") == []  # two sentences in the first person: by default, a voice
    one_slip = "The barrier held on Tuesday. It helps us protect our riverside homes.\n"
    assert spots(lint(one_slip, "person-shift")) == [(1, 39, "us")]


def test_person_shift_ignores_quotes_across_paragraphs_and_merged_quote_paragraphs():
    text = (
        '"We were ready. "We had trained for months," the captain said.\n\n'
        "“Our crew is tired.\n\n“We will rest now,” she said.\n\n"
        "''I thought I had it,'' said the runner.\n"
    )
    assert lint(text, "person-shift") == []


def test_person_shift_skips_titles_and_roman_numerals():
    text = (
        "Veterans of World War I gathered. Fans streamed Me Before You and You've Got Mail all night. "
        "The award went to Notes on Raising my Teenage Son. He starred in I, Claudius.\n"
    )
    assert lint(text, "person-shift") == []


def test_unresolved_pronoun_flags_a_paragraph_opening_pronoun_with_no_referent():
    text = read("unresolved.md")
    findings = lint(text, "unresolved-pronoun")
    assert spots(findings) == [(5, 1, "His")]
    assert findings[0].severity == "info"
    assert_spans_match(text, findings)


def test_a_name_of_unknown_kind_as_a_subject_can_be_the_team_a_paragraph_opening_they_means():
    team = "# Match report\n\nThe first half was scrappy. Halbrook had produced little but they responded.\n\n"
    assert lint(team + "They were level within six minutes.\n", "unresolved-pronoun") == []
    things = "# Match report\n\nThe first half was scrappy. The pitch had produced little at this point.\n\n"
    assert spots(lint(things + "They were level within six minutes.\n", "unresolved-pronoun")) == [(5, 1, "They")]


def test_pronoun_rules_in_plain_text_and_html():
    text = "Ferry talks resume\n\nThe operator said they would cut fares.\n"
    assert spots(lint(text, "pronoun-number", name="story.txt")) == [(3, 19, "they")]
    html = "<article><h1>Talks</h1><p>The operator said they would cut fares.</p></article>\n"
    assert spots(lint(html, "pronoun-number", name="story.html")) == [(1, 45, "they")]


SEED = SHARED / "corpus" / "seed" / "critical-minerals.txt"


@pytest.mark.skipif(not SEED.exists(), reason="shared seed corpus not present")
def test_seed_article_number_and_person_shift_reported_and_quotes_left_alone():
    data = cli_json("check", "--select", "pronoun", str(SEED))
    lines = sorted({f["line"] for f in data["findings"]})
    assert lines == [15, 33]
    excerpts = {(f["line"], f["excerpt"]) for f in data["findings"]}
    assert (15, "their") in excerpts and (33, "us") in excerpts  # "us" and "our": one finding for the sentence
    source = SEED.read_text(encoding="utf-8")
    assert_spans_match(source, data["findings"])


def test_the_discourse_model_reads_gender_evidence_in_reading_order():
    """The model is built once for all the pronoun rules, but evidence read later ("Ms. Reed") must not change how
    an earlier pronoun is judged: at the "He" paragraph only the pronoun itself and the first name are known."""
    from linter.analysis.discourse import discourse
    from linter.readers import parse

    text = (
        "Sam Reed founded the rowing club in 1998. The club now has forty members.\n\n"
        "He said the river had flooded twice this year.\n\n"
        "Ms. Reed was not available for comment.\n"
    )
    doc = parse("article.md", text)
    doc.nlp_components = frozenset({"parser"})
    reed = next(e for e in discourse(doc).entities if e.name == "Sam Reed")
    assert [m.line for m in reed.mentions] == [1, 3, 5]
    assert [(e.value, e.source) for e in reed.gender_evidence] == [
        ("male", "pronoun 'He'"),
        ("female", "honorific 'Ms.'"),
    ]
    assert reed.gender_at((1, 0)) is None and reed.gender_at((2, 0)).value == "male"
    assert lint(text, "unresolved-pronoun") == []


def test_person_shift_confidence_weighs_how_generic_the_word_is():
    text = (
        "The city recorded its hottest week in July. We asked the health department for its figures.\n\n"
        "Ms Roche believes skilled migration is something we should welcome.\n\n"
        "The new machines let you top up a season pass.\n\nHarbour officials said our region needs the work.\n"
    )
    everything = {"person-shift": {"min_confidence": 0.0, "voice_sentences": 9}}
    found = [(f.excerpt, f.confidence) for f in lint(text, "person-shift", options=everything)]
    assert found == [("We", 0.95), ("we", 0.45), ("you", 0.45), ("our", 0.6)]
    reported = spots(lint(text, "person-shift", options={"person-shift": {"voice_sentences": 9}}))
    assert reported == [(1, 45, "We"), (7, 24, "our")]


def test_person_shift_halves_its_confidence_in_a_conversational_article():
    news = "The consoles are due next year. We may not know their names until the autumn.\n"
    feature = "So what will the consoles cost? " + news
    options = {"person-shift": {"min_confidence": 0.0}}
    assert [f.confidence for f in lint(news, "person-shift", options=options)] == [0.7]
    assert [f.confidence for f in lint(feature, "person-shift", options=options)] == [0.35]
    assert lint(feature, "person-shift") == []


def test_a_named_person_of_the_pronouns_gender_in_reach_is_who_it_means():
    text = (
        "Mr. Hallam is seeking access to Mrs. Verity's two children. The court will rule in May. "
        "Mr. Hallam said that she resisted his wish to go public.\n"
    )
    assert lint(text, "pronoun-gender") == []
    slip = "Mr. Hallam is seeking access to the two children. Mr. Hallam said that she resisted his wish.\n"
    assert [f.excerpt for f in lint(slip, "pronoun-gender")] == ["she"]


def test_a_man_named_in_the_paragraph_before_is_who_his_means_unless_the_sentence_names_the_woman():
    before = "Mr. Corrin left the club in May. Mr. Corrin wants to coach again.\n\n"
    unnamed = before + "Ms. Dahl, the chair, met the board. But she said his return was welcome.\n"
    assert lint(unnamed, "pronoun-gender") == []
    named = before + "Ms. Dahl met the board. Ms. Dahl said his members were pleased.\n"
    assert [f.excerpt for f in lint(named, "pronoun-gender")] == ["his"]
