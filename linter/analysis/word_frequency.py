"""How common an English word is, on the Zipf scale: wordfreq's `zipf_frequency(word, "en")`.

wordfreq is imported on the first lookup, so runs without the rules that ask (echo-word, name-variant) never pay
for it (importing it and its first lookup take about 0.3 s).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def zipf_frequency(word: str) -> float:
    """wordfreq.zipf_frequency(word, "en"): 0.0 for a word it has not seen, 7.73 for "the"."""
    from wordfreq import zipf_frequency as wordfreq_zipf

    return wordfreq_zipf(word, "en")
