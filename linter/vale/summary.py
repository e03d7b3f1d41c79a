"""The counts Vale's `metric` and `readability` rules read, as Vale's `summarize.NewDocument` takes them.

The text (the file's summary: its prose blocks) is split into paragraphs at blank lines, each paragraph into
sentences, each sentence into words (runs of letters, digits and apostrophes, or an initialism such as "U.S.");
syllables are counted by the rules of Vale's summarize package (a port of the `syllable` estimator: vowel groups,
corrections for silent and double syllables, prefixes and suffixes, and a list of exceptions). Vale segments
sentences with a trained Punkt model, which is not packaged; the sentences here are cut at `.`, `!` or `?` before a
capital or digit, which agrees on ordinary prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"(?:[A-Z]\.){2,}|(?:[^\W_]|')+")
WORD_CHARACTERS = re.compile(r"[^\W_]")

CORNER_CASES = {
    **dict.fromkeys(["abed", "adieu", "cafe", "cafes", "chile", "chloe", "circe", "jesse", "jukebox", "maybe"], 2),
    **dict.fromkeys(["people", "shoreline", "daphne", "phoebe", "zoe"], 2),
    **dict.fromkeys(["abare", "acreage", "adame", "adobe", "apache", "coyote", "forever", "karate", "machete"], 3),
    **dict.fromkeys(["recipe", "sesame", "simile", "syncope", "tamale", "euterpe"], 3),
    **dict.fromkeys(["abalone", "abruzzese", "abbruzzese", "anemone", "aphrodite", "apostrophe", "ariadne"], 4),
    **dict.fromkeys(["calliope", "catastrophe", "epitome", "facsimile", "gethsemane", "guacamole", "hyperbole"], 4),
    **dict.fromkeys(["yosemite", "eurydice", "hermione", "penelope", "persephone"], 4),
    **dict.fromkeys(["aborigine", "aborigines"], 5),
}
_ED = "b|c|ch|dg|f|g|gh|gn|k|l|lch|ll|lv|m|mm|n|nc|ng|nch|nn|p|r|rc|rn|rs|rv|s|sc|sk|sl|squ|ss|th|v|y|z"
_ES = "b|ch|d|f|gh|gn|k|l|lch|ll|lv|m|mm|n|nch|nn|p|r|rn|rs|rv|s|sc|sk|sl|squ|ss|st|t|th|v|y"
_E = "b|c|ch|d|dg|f|g|gh|gn|k|l|ll|lv|m|mm|n|nc|ng|nn|p|r|rc|rn|rs|rv|s|sc|sk|sl|squ|ss|st|t|th|v|y|z"
MONOSYLLABIC_ONE = re.compile(
    r"cia(?:l|$)|tia|cius|cious|[^aeiou]giu|[aeiouy][^aeiouy]ion|iou|sia$|eous$|[oa]gue$|.[^aeiuoycgltdb]{2,}ed$|"
    rf".ely$|^jua|uai|eau|^busi$|(?:[aeiouy](?:{_ED})ed$)|(?:[aeiouy](?:{_ES})es$)"
)
MONOSYLLABIC_TWO = re.compile(rf"[aeiouy](?:{_E})e$")
DOUBLE_SYLLABIC = [
    re.compile(
        r"(?:[^aeiouy]ie(?:r|st|t)|[aeiouym]bl|eo|ism|asm|thm|dnt|uity|dea|gean|oa|ua|eings?|[aeiouy]sh?e[rsd])$"
    ),
    re.compile(r"[^gq]ua[^auieo]|[aeiou]{3}|^(?:ia|mc|coa[dglx].)"),
    re.compile(r"[^aeiou]y[ae]|[^l]lien|riet|dien|iu|io|ii|uen|real|iell|eo[^aeiou]|[aeiou]y[aeiou]"),
    re.compile(r"[^s]ia"),
]
VOWELS = re.compile(r"[aeiouy]+")
PREFIXES = [
    ["above", "anti", "ante", "counter", "hyper", "afore", "agri", "infra", "intra", "inter", "over", "semi"]
    + ["ultra", "under", "extra", "dia", "micro", "mega", "kilo", "pico", "nano", "macro"],
    ["un", "fore", "ware", "none", "non", "out", "post", "sub", "pre", "pro", "dis", "side"],
]
SUFFIXES = [
    ["ology", "ologist", "onomy", "onomist"],
    ["fully", "berry", "woman", "women"],
    ["ly", "less", "some", "ful", "er", "ers", "ness", "cian", "cians", "ment", "ments", "ette", "ettes", "ville"]
    + ["villes", "ships", "ship", "side", "sides", "port", "ports", "shire", "shires", "tion", "tioned"],
]
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]”’]*\s+(?=[\"'(\[“‘]?[A-Z0-9])")


def _clear(word: str, options: list[list[str]], prefix: bool) -> tuple[str, int]:
    """The word without the first prefix (or suffix) of the earliest list that has one, and the count that list
    adds (more for the earlier lists, as in Vale)."""
    for i, parts in enumerate(options):
        for part in parts:
            if word.startswith(part) if prefix else word.endswith(part):
                return (word[len(part) :] if prefix else word[: -len(part)]), len(options) - i
    return word, 0


def syllables(word: str) -> int:
    """Vale's syllable count of one word."""
    if len(word) < 1:
        return 0
    if len(word) < 3:
        return 1
    word = word.lower()
    if word in CORNER_CASES:
        return CORNER_CASES[word]
    word, count = _clear(word, PREFIXES, True)
    word, added = _clear(word, SUFFIXES, False)
    count += added + len(VOWELS.findall(word))
    count -= len(MONOSYLLABIC_ONE.findall(word)) + len(MONOSYLLABIC_TWO.findall(word))
    count += sum(len(pattern.findall(word)) for pattern in DOUBLE_SYLLABIC)
    return max(count, 1)


@dataclass
class DocumentCounts:
    words: int = 0
    sentences: int = 0
    paragraphs: int = 0  # as Vale counts them: the blank-line-separated parts, less one
    characters: int = 0  # letters and digits
    syllables: int = 0
    polysyllabic_words: int = 0  # more than two syllables
    complex_words: int = 0  # more than two syllables once an -es, -ed or -ing is left out
    long_words: int = 0  # more than six characters


def document_counts(text: str) -> DocumentCounts:
    counts = DocumentCounts()
    parts = text.split("\n\n")
    for paragraph in parts:
        for sentence in (s.strip() for s in SENTENCE_END.split(paragraph)):
            if not sentence:
                continue
            counts.sentences += 1
            for word in WORD.findall(sentence):
                counts.words += 1
                counts.characters += len(WORD_CHARACTERS.findall(word))
                counts.long_words += len(word.encode()) > 6  # Go's len counts bytes
                n = syllables(word)
                counts.syllables += n
                counts.polysyllabic_words += n > 2
                counts.complex_words += (n - word.endswith(("es", "ed", "ing"))) > 2
    counts.paragraphs = len(parts) - 1
    return counts
