"""How common an English word is, on the Zipf scale: wordfreq's `zipf_frequency(word, "en")`, read faster.

Importing wordfreq (its tokenizers pull in regex, ftfy and langcodes) and its first lookup take about a third of a
second, more than a one-article run spends on everything else but spaCy. A word of plain lower-case letters is one
token to wordfreq, so its value is read here from wordfreq's own English list, the "cBpack" file its
`read_cBpack` documents (a header, then lists of words; the list at index i holds the words at -i centibels), with
wordfreq's arithmetic. Any other word, or a list that is not where or what this expects, goes to wordfreq itself.
tests/test_word_frequency.py compares the two.
"""

from __future__ import annotations

import gzip
import math
import re
from functools import lru_cache

from linter.analysis.package_data import package_file

PLAIN_WORD = re.compile(r"[a-z]+")
LIST_FILE = "large_en.msgpack.gz"  # in wordfreq's data folder: the list wordfreq's "best" means for English
HEADER = {"format": "cB", "version": 1}
MINIMUM = 10**0 / 1e9  # wordfreq's floor for zipf_frequency's default minimum of 0


@lru_cache(maxsize=1)
def _centibel_index() -> dict[str, int] | None:
    """Word -> its list's index in wordfreq's English list (minus its frequency in centibels), or None when the
    list cannot be read as expected."""
    try:
        import msgpack

        with gzip.open(package_file("wordfreq", "data", LIST_FILE), "rb") as stream:
            header, *lists = msgpack.load(stream, raw=False)
    except Exception:  # wordfreq or its data laid out otherwise: wordfreq answers instead
        return None
    if header != HEADER:
        return None
    return {word: centibels_below_one for centibels_below_one, words in enumerate(lists) for word in words}


@lru_cache(maxsize=65536)
def zipf_frequency(word: str) -> float:
    """wordfreq.zipf_frequency(word, "en"): 0.0 for a word it has not seen, 7.73 for "the"."""
    index = _centibel_index()
    if index is None or not PLAIN_WORD.fullmatch(word):
        from wordfreq import zipf_frequency as wordfreq_zipf

        return wordfreq_zipf(word, "en")
    # wordfreq's steps for a one-token word, in its order, so that the floating-point results are the same.
    freq = MINIMUM
    if word in index:
        freq = max(1.0 / (1.0 / 10 ** (-index[word] / 100)), MINIMUM)
        freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)
