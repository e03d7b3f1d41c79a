"""Word-level helpers shared by the repetition checks: text normalised for comparison, words that open sentences,
names and quoted words among spaCy tokens, and the words that make an article's subject."""

from __future__ import annotations

import re
from collections import Counter

from linter.analysis.analyses import analyses_of
from linter.model.document import HEADING, TITLE

QUOTE_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
OPENING_WORD = re.compile(r"[\"'“‘(\[]*([^\W\d_][\w'’-]*)")


def normalised(text: str) -> str:
    """Text folded for a verbatim comparison: curly quotes and dashes made plain, white space single, case folded,
    final full stop dropped."""
    return " ".join(text.translate(QUOTE_FOLD).split()).casefold().rstrip(" .")


def opening_word(text: str) -> re.Match | None:
    """The first word of a sentence, or None when the sentence starts with a quotation mark or not with a word."""
    if text[:1] in "\"'“‘":
        return None
    return OPENING_WORD.match(text)


def sentence_starts(block) -> set[int]:
    """Offsets in block.text where a sentence begins, including after an opening quotation mark."""
    starts = set()
    for sentence in block.sentences:
        match = OPENING_WORD.match(block.text, sentence.start)
        starts.add(match.start(1) if match else sentence.start)
    return starts


def is_name_like(token, starts: set[int]) -> bool:
    """A proper noun, or a capitalised word that does not open a sentence (names, titles, "the Ministry")."""
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and token.idx not in starts)


def topic_words(doc, min_uses: int) -> set[str]:
    """The article's subject words: every word of its headline and subheads, and the lemmas its prose (the parsed
    paragraphs and blockquotes) uses at least min_uses times. Repeating these is clear reporting, not an echo."""
    words, uses = analyses_of(doc).topic_counts
    return words | {lemma for lemma, n in uses.items() if n >= min_uses}


def count_topic_words(doc) -> tuple[set[str], Counter]:
    """The words of the headline and subheads, and how often the prose uses each content lemma; counted once per
    document for the rules that ask (echo-word, repeated-phrase)."""
    from linter.analysis.nlp import parsed

    parsed_blocks = parsed(doc)
    words = set()
    for block in doc.prose((TITLE, HEADING)):
        for word in re.findall(r"[^\W\d_]+", block.text.casefold()):
            words.update((word, word.removesuffix("s")))
    uses = Counter(t.lemma_.lower() for _, tokens in parsed_blocks for t in tokens if t.is_alpha and not t.is_stop)
    return words, uses
