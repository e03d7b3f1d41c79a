"""The consistency rules: variant-spelling, honorific-consistency, name-variant, title-conflict."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED, assert_spans_match, lint

CONSISTENCY = ["variant-spelling", "honorific-consistency", "name-variant", "title-conflict"]


def read(name: str) -> str:
    return (FIXTURES / "consistency" / name).read_text(encoding="utf-8")


def found(findings):
    return [(f.rule, f.line, f.column, f.excerpt, f.suggestion) for f in findings]


def test_mixed_article_reports_each_minority_form_with_the_majority_as_suggestion():
    source = read("mixed.md")
    findings = lint(source, CONSISTENCY, name="mixed.md")
    assert found(findings) == [
        ("variant-spelling", 7, 79, "U.S.", "US"),  # "US" four times in the body; headings don't count
        ("honorific-consistency", 11, 1, "Sauer", "Ms. Sauer"),  # "Ms. Sauer" twice, bare once
        ("variant-spelling", 11, 68, "color", "colour"),  # British "colour" twice
        ("title-conflict", 15, 1, "Trade Minister", None),  # "Finance Minister Ada Rusk" before
        ("variant-spelling", 17, 46, "percent", "per cent"),  # a tie between the two: the first form used wins
        ("name-variant", 17, 55, "Kirwin", "Kirwan"),
    ]
    assert_spans_match(source, findings)
    assert "Finance Minister" in findings[3].message


def test_one_form_throughout_a_proper_name_shared_surnames_and_a_stated_change_are_not_flagged():
    # U.S. throughout (US Open is a name); "Mr. Holt" only in a quote; Mira and Aaron Holt share a surname;
    # Rusk's title changes and the story says so; "practice"/"practise" are both British; "organised" throughout.
    assert lint(read("consistent.md"), CONSISTENCY, name="consistent.md") == []


def test_two_people_with_one_surname_or_similar_names_are_not_mixed_up():
    # "Ms. Bell" and bare "Bell" are Anna and Tom; Mr. Hanson and Ms. Hansen are two people.
    assert lint(read("sharing.md"), CONSISTENCY, name="sharing.md") == []


def test_quotes_count_for_variant_spelling_but_not_for_honorifics():
    text = (
        'Ada Rusk said the UK deal was done. "The U.K. needs it," Rusk said. "Ms. Rusk is right," '
        "a docker said. The UK will sign on Friday."
    )
    findings = lint(text, CONSISTENCY)
    assert found(findings) == [("variant-spelling", 1, 42, "U.K.", "UK")]


def test_surname_used_as_a_modifier_is_not_a_bare_reference():
    text = (
        "Donald Trump arrived on Monday. Mr. Trump met the mayor. The Trump administration has backed the port, "
        "and Mr. Trump said so."
    )
    assert lint(text, "honorific-consistency") == []


def test_bare_majority_flags_the_honorific_reference():
    text = (
        "Imani Abara won on Saturday. Abara said the crew was tired.\n\nMs. Abara took up rowing at 18.\n\n"
        "Abara said the team would celebrate."
    )
    findings = lint(text, "honorific-consistency")
    assert found(findings) == [("honorific-consistency", 3, 1, "Ms. Abara", "Abara")]
    assert findings[0].message == '"Ms. Abara" in line 3 but "Abara" in lines 1, 5: pick one style'


def test_british_honorifics_without_a_full_stop():
    text = "Gordon Brown spoke first. Mr Brown said taxes would rise. Brown said the budget was fair. Mr Brown left."
    findings = lint(text, "honorific-consistency")
    assert found(findings) == [("honorific-consistency", 1, 59, "Brown", "Mr Brown")]


def test_name_variant_needs_a_person_not_a_common_word():
    # "Games" is one letter from "Gates" but an English word; "Katharine"/"Katherine" share the surname.
    text = (
        "Bill Gates spoke at the show. Games consoles sold well, Gates said. Katharine Bell agreed, "
        "and Katherine Bell said sales would grow. Katharine Bell left early."
    )
    findings = lint(text, "name-variant")
    assert found(findings) == [("name-variant", 1, 96, "Katherine", "Katharine")]


def test_name_variant_ignores_a_team_sheet():
    text = "Ireland: Murphy, Horgan, Horan, O'Driscoll, D'Arcy, Stringer, O'Gara, Hayes, Byrne."
    assert lint("Shane Horgan scored twice.\n\n" + text, "name-variant") == []


def test_title_conflict_in_appositions_and_across_countries():
    # "then" marks a change, but not one from Australia's government to Japan's.
    text = (
        "Sanae Takaichi, Australia's then minister for industry, signed the pact. Later, Ms. Takaichi's role "
        "as Japan's first female prime minister was praised."
    )
    findings = lint(text, "title-conflict")
    assert found(findings) == [("title-conflict", 1, 104, "Japan's first female prime minister", None)]
    assert_spans_match(text, findings)


def test_same_title_written_two_ways_is_not_a_conflict():
    text = (
        "Dr. Farah Quennell, the health board's medical director, spoke first. Dr. Quennell, the board's "
        "medical director, spoke again. Health Secretary Ian Cole agreed. Cole, the secretary for health, "
        "left."
    )
    assert lint(text, "title-conflict") == []


def test_user_terms_extend_the_list():
    text = "The firm cut 20 jobs. The company said the firm would hire again. The company is based in Tallis."
    findings = lint(text, "variant-spelling", options={"variant-spelling": {"terms": {"firm": ["firm", "company"]}}})
    assert [f.excerpt for f in findings] == ["company", "company"]  # two each: the form used first wins
    assert {f.suggestion for f in findings} == {"firm"}


@pytest.mark.skipif(not (SHARED / "corpus" / "seed").is_dir(), reason="the shared seed article is not here")
def test_seed_article_mixes_are_reported():
    path = SHARED / "corpus" / "seed" / "critical-minerals.txt"
    findings = lint(path.read_text(encoding="utf-8"), CONSISTENCY, name="critical-minerals.txt")
    assert sorted((f.rule, f.line) for f in findings) == [
        ("honorific-consistency", 9),
        ("title-conflict", 25),
        ("variant-spelling", 11),
    ]


def test_a_title_or_nickname_before_the_surname_is_not_a_bare_reference():
    text = (
        "George Bush spoke on Monday. President Bush said taxes would fall. Mr Bush left at noon. "
        'Marion "Suge" Knight was arrested. Mr Knight denied the charge, and Mr Bush declined to comment.'
    )
    assert lint(text, "honorific-consistency") == []


def test_two_titles_in_one_sentence_describe_one_person_together():
    text = (
        "A spokesman for the prosecutor, State Comptroller Alan Hevesi, said no deal had been made. "
        "Hevesi said talks would go on."
    )
    assert lint(text, "title-conflict") == []


def test_go_on_to_is_not_a_spelling_of_onto():
    text = "She climbed onto the podium. She will go on to race in Madrid, and then step onto the track in Oslo."
    assert lint(text, "variant-spelling") == []


def test_a_person_holding_two_offices_at_once_may_be_given_either():
    text = (
        "Ada Rusk, the company's president and chief executive, spoke first. Shareholders cheered. "
        "Chief executive Ada Rusk said profits would rise."
    )
    assert lint(text, "title-conflict") == []


def test_a_prediction_and_a_chair_of_judges_are_not_second_titles():
    text = (
        "Chancellor Gordon Brown set out his budget. Some ask how good a prime minister Gordon Brown would "
        "make. Judge Ada Rusk read the entries. Rusk, the chair of the judges, chose the winner."
    )
    assert lint(text, "title-conflict") == []


def test_one_finding_per_person_names_every_line_and_relates_the_other_mentions():
    text = (
        "Liesel Marquand chairs the orchard board.\n\nMs. Marquand said the frost came early.\n\n"
        "Marquand said the growers would claim relief.\n\nMarquand said the insurers were slow.\n\n"
        "Ms. Marquand said she would replant.\n\nMs. Marquand left at noon."
    )
    findings = lint(text, "honorific-consistency")
    assert found(findings) == [("honorific-consistency", 5, 1, "Marquand", "Ms. Marquand")]
    assert findings[0].message == '"Marquand" in lines 5, 7 but "Ms. Marquand" in lines 3, 9, 11: pick one style'
    assert [(r["line"], r["excerpt"]) for r in findings[0].related] == [
        (1, "Liesel Marquand"),
        (3, "Ms. Marquand"),
        (7, "Marquand"),
        (9, "Ms. Marquand"),
        (11, "Ms. Marquand"),
    ]
    assert findings[0].confidence == 0.7  # introduced by full name, but the bare style is two of five references


def test_a_doctor_later_called_mister_is_one_finding_with_the_honorific_as_written():
    text = "Dr. Anselm Vey runs the clinic. Dr. Vey said the wait had doubled. Mr. Vey said staff were tired."
    findings = lint(text, "honorific-consistency")
    assert found(findings) == [("honorific-consistency", 1, 68, "Mr. Vey", "Dr. Vey")]
    assert findings[0].message.endswith(": one person, one honorific")
    assert findings[0].confidence == 1.0  # introduced, Dr twice, a doctor called Mr


def test_mr_and_ms_for_one_surname_are_two_people_not_an_honorific_change():
    text = "Mr. Vey and Ms. Vey run the clinic together. Mr. Vey said the wait had doubled. Ms. Vey agreed."
    assert lint(text, "honorific-consistency") == []


def test_min_confidence_leaves_out_the_weaker_evidence():
    # Never introduced by full name and the styles are evenly split: the weakest evidence.
    text = "Mr. Osk said the port would close. Osk said the port would reopen."
    assert [f.confidence for f in lint(text, "honorific-consistency")] == [0.5]
    options = {"honorific-consistency": {"min_confidence": 0.6}}
    assert lint(text, "honorific-consistency", options=options) == []


def test_a_surname_in_a_company_name_or_before_a_noun_is_not_a_reference():
    text = (
        "Halvor Brisk founded the firm. Mr. Brisk said sales were up. Brisk Freight, his company, hired 40 people. "
        "The Brisk and Orme families own it. Mr. Brisk said so on Monday."
    )
    assert lint(text, "honorific-consistency") == []


def test_name_variant_is_one_finding_with_the_common_spelling_related():
    text = "Desmond Kirwan pleaded guilty.\n\nKirwan said he was sorry.\n\nKirwin wept.\n\nKirwin left."
    findings = lint(text, "name-variant")
    assert found(findings) == [("name-variant", 5, 1, "Kirwin", "Kirwan")]
    assert findings[0].message == 'name spelled "Kirwin" in lines 5, 7 but "Kirwan" in lines 1, 3'
    assert [r["line"] for r in findings[0].related] == [1, 3]


def test_two_people_with_one_shared_title_word_and_similar_surnames_are_told_apart_by_their_given_names():
    text = "Ayatollah Reza Tavani spoke first. Ayatollah Ali Tavari spoke next. Tavani left early."
    assert lint(text, "name-variant") == []


def test_british_spelling_wins_a_mix_under_en_gb_whatever_the_counts():
    text = "The color of the label changed. The new color is brighter, and the colour of the cap is too."
    gb = {"variant-spelling": {"language": "en-GB"}}
    assert [(f.excerpt, f.suggestion) for f in lint(text, "variant-spelling", options=gb)] == [
        ("color", "colour"),
        ("color", "colour"),
    ]
    assert [f.excerpt for f in lint(text, "variant-spelling")] == ["colour"]  # no language: the majority wins
    assert lint("The color changed, and the color stayed.", "variant-spelling", options=gb) == []


def test_a_symbol_competes_only_with_figures_in_digits_and_quotes_are_less_sure():
    text = 'Some 54% agreed. Forty per cent disagreed. "Prices rose 3 per cent," the analyst said. 12% left.'
    findings = lint(text, "variant-spelling")
    assert [(f.excerpt, f.suggestion, f.confidence) for f in findings] == [("per cent", "%", 0.6)]


def test_a_full_name_given_only_after_the_honorific_is_weak_evidence_shown_below_the_default_threshold():
    text = "Dr. Vey said the wait had doubled.\n\nDr. Anselm Vey has run the clinic since 2010.\n\nDr. Vey left."
    assert lint(text, "honorific-consistency") == []  # confidence 0.3, under the rule's default of 0.5
    findings = lint(text, "honorific-consistency", options={"honorific-consistency": {"min_confidence": 0.0}})
    assert found(findings) == [("honorific-consistency", 1, 1, "Dr. Vey", None)]
    assert findings[0].message == (
        '"Dr. Vey" in line 1 but "Dr. Anselm Vey" in line 3: give the full name at the first reference'
    )
    assert findings[0].confidence == 0.3


def test_a_spelling_that_opens_a_name_at_the_start_of_a_sentence_is_not_a_use():
    text = "Labor Party leaders met on Monday. The colour of the party is red, and its colour is known. Colors matter."
    assert [f.excerpt for f in lint(text, "variant-spelling")] == ["Colors"]


def test_two_relatives_with_one_surname_are_two_people_for_every_rule_about_people():
    text = (
        "Tom Brandt and his sister Ana Brandt run the mill. Brandt said the river was low. Ms. Brandt said the "
        "wheel would turn again. Mill Manager Tom Brandt ordered new parts."
    )
    assert lint(text, ["honorific-consistency", "name-variant", "title-conflict"]) == []
