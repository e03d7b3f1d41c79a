"""The voice analysis: which blocks are not the writer's narrative (readers' comments, letters, transcripts, lists
of quotes, service notes), the narrative register, and the rules that leave those blocks alone."""

from __future__ import annotations

from conftest import lint

from linter.analysis.voice import block_voices, in_others_words, narrative_register
from linter.readers import parse


def voices(text: str) -> dict[str, str]:
    """First words of each block -> its voice, for the blocks not in the writer's narrative."""
    doc = parse("article.md", text)
    found = block_voices(doc)
    return {" ".join(b.text.split()[:3]): found[b.index] for b in doc.blocks if b.index in found}


SIGNED = (
    "# Ferry timetable\n\nThe winter timetable cuts the last crossing.\n\n"
    "We rely on the late boat. Cutting it makes no sense.\nMaria Jensen, Halden\n\n"
    "Good decision, the boat is always empty.\nTom Ash from Westmere, Norway\n"
)


def test_a_run_of_signed_messages_is_readers_comments():
    assert voices(SIGNED) == {"We rely on": "comment", "Good decision, the": "comment"}


def test_a_signature_in_a_block_of_its_own_signs_the_message_above():
    text = "# Ferries\n\nThe timetable changed.\n\nWe rely on it.\n\nAna Ruiz, Porto\n\nIt is fine.\n\nTom Ash, Leeds\n"
    assert voices(text) == {
        "We rely on": "comment",
        "Ana Ruiz, Porto": "comment",
        "It is fine.": "comment",
        "Tom Ash, Leeds": "comment",
    }


def test_one_name_and_place_is_not_a_comment_run():
    text = "# Ferries\n\nThe timetable changed on Monday.\nReporting by Ana Ruiz, Porto\n\nIt runs hourly.\n"
    assert voices(text) == {}


def test_a_comments_header_puts_what_follows_in_readers_voice_until_the_next_heading():
    text = (
        "# Ferries\n\nThe timetable changed.\n\nHere are some of your comments:\n\nBring back the late boat.\n\n"
        "## The operator\n\nThe operator said the change was final.\n"
    )
    assert voices(text) == {"Here are some": "comment", "Bring back the": "comment"}


def test_a_letter_runs_from_dear_to_yours():
    text = (
        "# A letter to the council\n\nResidents wrote to the council on Monday.\n\nDear Councillor Hale,\n\n"
        "We have waited two years for the crossing.\n\nYours sincerely, the Elm Street residents\n\n"
        "The council has not replied.\n"
    )
    assert voices(text) == {
        "Dear Councillor Hale,": "letter",
        "We have waited": "letter",
        "Yours sincerely, the": "letter",
    }


def test_question_and_answer_labels_make_a_transcript_but_a_list_of_labels_does_not():
    text = "# Interview\n\nQ: Why now?\n\nA: Because we are ready.\n\nWe start in May.\n\nQ: And the cost?\n"
    assert voices(text) == {"Q: Why now?": "qa", "A: Because we": "qa", "We start in": "qa", "Q: And the": "qa"}
    podium = "# Results\n\nGold: Harlow Rowing Club.\n\nSilver: Calder Rowing Club.\n\nBronze: Pellston.\n"
    assert voices(podium) == {}


def test_three_mostly_quoted_blocks_in_a_row_are_a_list_of_quotes():
    quotes = (
        '"We were ready for it," said one.\n\n"I never doubted them," said another.\n\n'
        '"Not again, not this season!" said a third.\n'
    )
    assert set(voices("# Fans react\n\n" + quotes).values()) == {"quote-list"}
    assert voices("# Fans react\n\n" + quotes.split("\n\n", 1)[1]) == {}


def test_a_closing_note_that_points_the_reader_elsewhere_is_the_publishers():
    text = "# Silt\n\nSilt has risen.\n\nYou can hear more on the Science Hour.\n"
    assert voices(text) == {"You can hear": "service"}
    assert (
        voices("# Silt\n\nYou can hear the dredgers from the quay.\n\nSilt has risen.\n\nIt will be dredged.\n") == {}
    )


def test_in_others_words_covers_quotes_blockquotes_and_others_blocks():
    doc = parse("article.md", SIGNED)
    narrative, comment = doc.blocks[1], doc.blocks[2]
    assert not in_others_words(doc, narrative, 0, 3)
    assert in_others_words(doc, comment, 0, 2)


def test_the_register_counts_the_writers_own_questions_exclamations_and_contractions():
    feature = "# Consoles\n\nSo what will they cost? Nobody knows. It's a guess.\n\n\"Isn't it great?\" she said.\n"
    register = narrative_register(parse("article.md", feature))
    assert (register.questions, register.exclamations, register.contractions) == (1, 0, 1)
    assert register.conversational
    news = "# Silt\n\nSilt has risen by a third. \"It's worse than we thought, isn't it?\" he said.\n"
    assert not narrative_register(parse("article.md", news)).conversational


def test_fragments_in_readers_comments_are_theirs():
    comment = "Because the last boat matters to people who work late."
    signed = f"{comment}\nMaria Jensen, Halden\n\nFine by me.\nTom Ash, Leeds\n"
    text = f"# Ferries\n\nThe timetable changed on Monday.\n\n{signed}"
    assert lint(text, "incomplete-sentence") == []
    alone = f"# Ferries\n\nThe timetable changed on Monday.\n\n{comment}\n"
    assert [f.line for f in lint(alone, "incomplete-sentence")] == [5]
