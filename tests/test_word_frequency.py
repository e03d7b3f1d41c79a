"""copydesk's reading of wordfreq's English list gives wordfreq's own Zipf values, without importing wordfreq."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT
from wordfreq import zipf_frequency as wordfreq_zipf

from linter.analysis import word_frequency

# Words the fast path reads (plain lower case, common, rare, unseen) and words it leaves to wordfreq.
WORDS = [
    "the",
    "said",
    "underscore",
    "highlight",
    "zorblax",
    "a",
    "qwxzvj",
    "naïve",
    "don't",
    "well-known",
    "Paris",
    "2004",
    "covid19",
    "",
    " ",
    "rock'n'roll",
    "café",
]


@pytest.fixture()
def fresh_caches():
    word_frequency.zipf_frequency.cache_clear()
    word_frequency._centibel_index.cache_clear()
    yield
    word_frequency.zipf_frequency.cache_clear()
    word_frequency._centibel_index.cache_clear()


def test_values_are_wordfreqs_for_a_sample_of_its_list_and_for_words_it_lacks(fresh_caches):
    index = word_frequency._centibel_index()
    assert index is not None and len(index) > 300_000
    sample = sorted(index)[::97] + WORDS
    assert len(sample) > 3000
    assert [word_frequency.zipf_frequency(w) for w in sample] == [wordfreq_zipf(w, "en") for w in sample]


def test_a_list_that_is_not_where_it_is_expected_leaves_every_word_to_wordfreq(fresh_caches, monkeypatch):
    monkeypatch.setattr(word_frequency, "LIST_FILE", "missing.msgpack.gz")
    assert word_frequency._centibel_index() is None
    assert [word_frequency.zipf_frequency(w) for w in WORDS] == [wordfreq_zipf(w, "en") for w in WORDS]


def test_plain_words_are_looked_up_without_importing_wordfreq():
    program = (
        "import sys; from linter.analysis.word_frequency import zipf_frequency; "
        "print(zipf_frequency('underscore'), zipf_frequency('zorblax'), 'wordfreq' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(wordfreq_zipf("underscore", "en")), "0.0", "False"]
