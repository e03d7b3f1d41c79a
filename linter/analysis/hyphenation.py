"""pyphen's hyphenation points for a word, with its patterns read as they are needed.

textstat counts the syllables of a word CMUdict lacks as its pyphen hyphenation points plus one, and nearly every
article has such a word (a name, a coinage). pyphen parses all 11,000 patterns of its en_US dictionary before the
first word, a tenth of a second: more than a third of a one-article run without the parser. Here a pattern is
parsed when a word first looks it up, and the points are pyphen's: Liang's algorithm as `pyphen.HyphDict.positions`
runs it, with `pyphen.Pyphen`'s defaults of two letters at least before and after a point. A dictionary this does
not read the same way (nonstandard hyphenation, ^^-escaped characters, a pattern given twice) is left to pyphen.
tests/test_hyphenation.py compares the two.
"""

from __future__ import annotations

import re

DIGIT = re.compile(r"\d")
PATTERN_PART = re.compile(r"(\d?)(\D?)")  # pyphen's: a priority digit (or none) and the letter after it
EDGE = 2  # pyphen.Pyphen's left and right: no point closer than this to either end of the word


class Hyphenator:
    """Hyphenation points of the `language` dictionary that pyphen ships; positions(word) is Pyphen.positions."""

    def __init__(self, language: str):
        import pyphen

        path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
        header, _, body = path.read_bytes().partition(b"\n")
        encoding = header.decode().strip()
        encoding = "cp1251" if encoding.lower() == "microsoft-cp1251" else encoding  # as pyphen reads it
        patterns = [line.strip() for line in body.decode(encoding).split("\n")]
        patterns = [p for p in patterns if p and not p.startswith(pyphen.ignored)]
        letters = DIGIT.sub("", "\n".join(patterns)).split("\n")
        self.unparsed = dict(zip(letters, patterns))
        self.parsed: dict[str, tuple[int, tuple[int, ...]] | None] = {}
        self.longest = max(map(len, letters), default=0)
        self.pyphen = None
        if len(self.unparsed) < len(patterns) or any("^^" in p or "/" in p for p in patterns):
            self.pyphen = pyphen.Pyphen(lang=language)

    def _pattern(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        """(offset, priorities) of the pattern for these letters, zeros trimmed from both ends; None when there is
        none or it is all zeros."""
        if letters in self.parsed or letters not in self.unparsed:
            return self.parsed.get(letters)
        priorities = tuple(int(digit or "0") for digit, _ in PATTERN_PART.findall(self.unparsed[letters]))
        found = None
        if any(priorities):
            start = next(i for i, p in enumerate(priorities) if p)
            end = len(priorities) - next(i for i, p in enumerate(reversed(priorities)) if p)
            found = start, priorities[start:end]
        self.parsed[letters] = found
        return found

    def positions(self, word: str) -> list[int]:
        """Offsets in word at which it may be hyphenated."""
        if self.pyphen is not None:
            return self.pyphen.positions(word)
        dotted = f".{word.lower()}."
        priorities = [0] * (len(dotted) + 1)
        for i in range(len(dotted) - 1):
            for j in range(i + 1, min(i + self.longest, len(dotted)) + 1):
                letters = dotted[i:j]
                pattern = letters in self.unparsed and self._pattern(letters)
                if pattern:
                    offset, values = pattern
                    span = slice(i + offset, i + offset + len(values))
                    priorities[span] = map(max, values, priorities[span])
        last = len(word) - EDGE
        return [i - 1 for i, priority in enumerate(priorities) if priority % 2 and EDGE <= i - 1 <= last]
