"""Rule-based sentence segmentation that knows news abbreviations.

Keeps "Mr.", "Dr.", "U.N.", "a.m.", "Jan." and initials inside a sentence, and still ends one at "the U.S. These
resources ...": after a dotted abbreviation, a sentence ends only when the next word is one that opens sentences
("The", "These", "He", ...). Rules that need the parser's sentences get them from the NLP layer instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that never end a sentence: a name or a number always follows them.
TITLES = {
    "mr",
    "mrs",
    "ms",
    "mx",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "capt",
    "sgt",
    "cmdr",
    "adm",
    "maj",
    "sen",
    "rep",
    "gov",
    "pres",
    "rev",
    "fr",
    "hon",
    "st",
    "mt",
    "ft",
    "no",
    "nos",
    "vol",
    "fig",
    "pp",
    "vs",
    "v",
    "cf",
    "e.g",
    "i.e",
    "approx",
    "dept",
    "est",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
}
# Abbreviations that can end a sentence: the next word decides.
ENDING_ABBREVIATIONS = {"inc", "ltd", "co", "corp", "jr", "sr", "etc", "plc", "llc", "bros"}
# Words that open sentences; after "U.S." or "p.m." they mark a new sentence.
SENTENCE_OPENERS = {
    "a",
    "an",
    "the",
    "this",
    "these",
    "that",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "there",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "as",
    "after",
    "before",
    "since",
    "while",
    "when",
    "if",
    "although",
    "though",
    "because",
    "however",
    "meanwhile",
    "still",
    "also",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "no",
    "not",
    "one",
    "two",
    "what",
    "who",
    "why",
    "how",
    "where",
    "such",
    "officials",
    "critics",
    "analysts",
    "experts",
}
CANDIDATE = re.compile(r"[.!?…]+(?:[\"'”’)\]]+)?(?=\s+|$)")
WORD_BEFORE = re.compile(r"([\w.]+)\.$")
NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]*(\w+)")


WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")  # a word as the length and readability rules count them


def count_words(text: str) -> int:
    """The words of text: runs of letters or digits, with inner apostrophes, dots and hyphens."""
    return len(WORD.findall(text))


@dataclass
class Sentence:
    """A sentence of a block: [start, end) indexes into block.text."""

    block: object
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when the block-relative span lies inside quotation marks."""
        return self.block.in_quote(start, end)

    @property
    def quoted_spans(self) -> list[tuple[int, int]]:
        """Quoted spans that overlap this sentence, clipped to it."""
        return [(max(a, self.start), min(b, self.end)) for a, b in self.block.quotes if a < self.end and b > self.start]


def _word_before(text: str, stop: int):
    """WORD_BEFORE's match for the word before the full stop at `stop`. The word holds no space, so the search
    starts at the last space before it: a block with many full stops costs linear time, not quadratic."""
    return WORD_BEFORE.search(text, text.rfind(" ", 0, stop) + 1, stop + 1)


def _ends_sentence(text: str, match: re.Match) -> bool:
    """Decide whether the punctuation in match ends a sentence."""
    end = match.end()
    if end >= len(text):
        return True
    following = NEXT_WORD.match(text, end)
    next_word = following.group(1) if following else ""
    if next_word[:1].islower():
        return False  # a lower-case word continues the sentence: "“Food?” she asked."
    if not match.group(0).startswith(".") or len(match.group(0).rstrip("\"'”’)]")) > 1:
        return True  # "!", "?", "...", or a closing quote after the stop
    before = _word_before(text, match.start())
    if not before:
        return True
    word = before.group(1).lower()
    if word in TITLES:
        return False
    is_initial = len(word) == 1 and word.isalpha()
    is_dotted = "." in word and not word[0].isdigit()  # U.S, a.m, U.N; not a decimal number (1.5, 3.8bn)
    if is_initial or is_dotted or word in ENDING_ABBREVIATIONS:
        return next_word.lower() in SENTENCE_OPENERS
    return True


def split_sentences(block) -> list[Sentence]:
    """The sentences of a block, trimmed of surrounding white space."""
    text = block.text
    sentences, start = [], 0
    for match in CANDIDATE.finditer(text):
        if _ends_sentence(text, match):
            sentences.append((start, match.end()))
            start = match.end()
    if start < len(text):
        sentences.append((start, len(text)))
    result = []
    for a, b in sentences:
        while a < b and text[a].isspace():
            a += 1
        if a < b:
            result.append(Sentence(block, a, b))
    return result
