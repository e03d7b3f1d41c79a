"""Word-level helpers shared by the repetition checks: text normalised for comparison, words that open sentences,
names and quoted words among spaCy tokens, and the words that make an article's subject."""

from __future__ import annotations

import re
from collections import Counter

from linter.analysis.analyses import analyses_of
from linter.model.document import HEADING, PARAGRAPH, TITLE

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


def topic_words(doc, min_uses: int, lede: bool = False) -> set[str]:
    """The article's subject words: every word of its headline and subheads (with the lemmas those words have in
    the prose: "denies" in the headline makes "deny" a subject word), the lemmas its prose (the parsed paragraphs and
    blockquotes) uses at least min_uses times, and with `lede` the content words of its first paragraph, which
    says what the story is about. Repeating these is clear reporting, not an echo."""
    headline, first_paragraph, uses = analyses_of(doc).topic_counts
    words = headline | {lemma for lemma, n in uses.items() if n >= min_uses}
    return words | first_paragraph if lede else words


INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def base_forms(word: str) -> set[str]:
    """The word and what it is with an inflection taken off: "denies" gives "deny", "detained" "detain", "hacking"
    "hack". Headlines are not parsed, so their words are matched to the prose's lemmas this way."""
    forms = {word}
    for suffix, replacement in INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.add(word[: -len(suffix)] + replacement)
    return forms


LEDE_MIN_WORDS = 8  # a byline or dateline paragraph ("By Grace Adeyemi") is shorter than any lede


def count_topic_words(doc) -> tuple[set[str], set[str], Counter]:
    """The words of the headline and subheads, the content words of the lede (the first paragraph of at least
    LEDE_MIN_WORDS words, when more prose follows it), and how often the prose uses each content lemma; counted
    once per document for the rules that ask (echo-word, repeated-phrase)."""
    from linter.analysis.nlp import parsed

    parsed_blocks = parsed(doc)
    headline = set()
    for block in doc.prose((TITLE, HEADING)):
        for word in re.findall(r"[^\W\d_]+", block.text.casefold()):
            headline.update(base_forms(word))
    uses, lemmas_of_forms, lede = Counter(), {}, None
    for position, (block, tokens) in enumerate(parsed_blocks, 1):
        content = [t for t in tokens if t.is_alpha and not t.is_stop]
        for token in content:
            lemma = token.lemma_.lower()
            uses[lemma] += 1
            lemmas_of_forms.setdefault(token.lower_, set()).add(lemma)
        opens_a_story = position < len(parsed_blocks)  # a lone paragraph is a snippet: it has no lede
        if (
            lede is None
            and opens_a_story
            and block.kind == PARAGRAPH
            and sum(t.is_alpha for t in tokens) >= LEDE_MIN_WORDS
        ):
            lede = {w for t in content for w in (t.lower_, t.lemma_.lower())}
    headline |= {lemma for word in headline for lemma in lemmas_of_forms.get(word, ())}
    return headline, lede or set(), uses
