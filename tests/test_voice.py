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


REPORT = (
    "# Late ferry axed\n\n"
    "The operator will end the last crossing of the night from March, it said on Monday.\n\n"
    "A spokesman said fewer than ten people used the late boat on most evenings.\n\n"
    "The council told the operator that shift workers depend on the service.\n\n"
)
UNSIGNED = (
    "I work nights at the hospital and the late boat is the only way home. What am I supposed to do now?\n\n"
    "Typical. They cut what they cannot be bothered to run properly!\n\n"
    "My daughter takes that boat twice a week. I think the operator has not listened to anyone.\n\n"
    "Why not run a smaller boat instead of none at all?\n\n"
    "I have used the crossing for twenty years and it has never been this bad.\n\n"
    "Because the fares keep rising while the service keeps shrinking.\n"
)


def test_a_report_followed_by_unsigned_messages_puts_the_messages_in_readers_voice():
    found = voices(REPORT + UNSIGNED)
    assert set(found.values()) == {"comment"}
    assert list(found) == [
        "I work nights",
        "Typical. They cut",
        "My daughter takes",
        "Why not run",
        "I have used",
        "Because the fares",
    ]


def test_a_fragment_among_unsigned_messages_is_the_readers():
    assert lint(REPORT + UNSIGNED, "incomplete-sentence") == []
    news = REPORT + "Because the fares keep rising while the service keeps shrinking.\n"
    assert [f.line for f in lint(news, "incomplete-sentence")] == [9]


def test_a_first_person_column_and_a_review_that_addresses_the_reader_stay_the_writers():
    column = "# Why I still take the ferry\n\n" + "".join(
        f"I have taken the late boat for {n} years, and I will miss it. My neighbours say the same.\n\n"
        for n in range(10, 19)
    )
    assert voices(column) == {}
    review = REPORT + "".join(
        f"The {name} is cheap. You get a fast chip, and you can add memory later if you need it.\n\n"
        for name in ("Dell", "Tiny", "Evesham", "Mesh", "Novatech", "Packard")
    )
    assert voices(review) == {}
    quoted = REPORT + "".join(
        f'"I use the boat every {day}," said one passenger. "What happens now?"\n\n'
        for day in ("Monday", "Tuesday", "Friday", "Saturday", "Sunday")
    )
    assert set(voices(quoted).values()) <= {"quote-list"}
