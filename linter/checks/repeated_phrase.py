"""The same phrase of `min_words` words or more twice close together: "bear the brunt of the storm" twice.

A phrase is the writer's run of words without punctuation inside it, as long as the repeat runs ("according to a
person familiar with the investigation" is one finding). Not flagged: phrases with a name or a capitalised title in
them ("the Ministry of Trade and Industry"), with a number, phrases inside quotation marks or blockquotes (a quote
echoed in the narrative is deliberate), and phrases whose whole sentence is repeated (that is `duplicate-sentence`).

What is ordinary is measured, not listed. A phrase needs `min_content_words` content units: words that are not
function words, not the article's subject (words of the headline or subheads, or used `topic_uses` times or more)
and not inside a date, time or quantity ("the end of the year", "the past decade": spaCy's entities); a run of
nouns is one unit, since it names one thing. Its units must be surprising together: the information of each,
-log10 of its probability (9 minus its Zipf frequency in `wordfreq`, a compound by its rarest word, and no more
than the rate at which the rest of the article uses it implies), must add up to `min_surprise`. Stock phrases of
news are built from the commonest words and fall short ("over the long term", 6.96), a figure of
speech or a detail does not ("the heart of the community", 7.4; "bear the brunt of the storm", 14.5). A noun
phrase alone, or as the subject of "said" or "told" ("the basic state pension", "the foreign secretary told"), is
the story's name for something: not flagged.

How close: the two uses must start at most `window` words apart for a phrase at `min_surprise`, twice as far for
every SURPRISE_DOUBLING points more (a long or rare phrase is heard from further off), and in paragraphs at most
`distance` apart. One finding per repeat, on the second use, for the longest phrase, with the first use as a
related span; its confidence rises with the surprise and with closeness.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import NamedTuple

from linter.analysis.analyses import analyses_of
from linter.analysis.word_frequency import zipf_frequency
from linter.analysis.wording import is_name_like, normalised, sentence_starts, topic_words
from linter.checks.base import ENTITIES, TAGS, Option
from linter.model.findings import block_hit
from linter.model.quotes import is_quoted

CATEGORY = "repetition"
NEEDS = (TAGS, ENTITIES)
OPTIONS = {
    "min_words": Option(int, minimum=2),
    "min_content_words": Option(int, minimum=0),
    "min_surprise": Option(float, minimum=0),
    "distance": Option(int, minimum=0),
    "window": Option(int, minimum=1),
    "topic_uses": Option(int, minimum=1),
}
FRAME_ENTITIES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
NOUNS = {"NOUN", "PROPN"}
NOMINAL = NOUNS | {"DET", "ADJ", "PART", "CCONJ", "NUM"}
MAX_SURPRISE = 8.0  # a word wordfreq has never seen counts as one in 100 million, no rarer
SURPRISE_DOUBLING = 3.0  # the reach of a phrase doubles with every 3 points of surprise (a thousandfold rarer)
REPORTING_VERBS = {"say", "tell", "add", "ask", "write"}


class Word(NamedTuple):
    text: str  # lower case
    usable: bool  # may be part of a phrase
    content: bool  # a content word that is not the article's subject
    noun: bool  # ends in a noun: a following noun makes one term with it
    nominal: bool  # a determiner, adjective, noun, possessive or "and": a word a noun phrase may be made of
    lemma: str
    start: int  # [start, end) in block.text
    end: int


def _words(block, tokens, topic):
    """The block's words, None where punctuation breaks a phrase. Tokens written together ("short-term", "union's")
    make one word. Words of the article's subject (`topic`) and of dates, times and quantities are not content
    words: "the growth and stability pact" is a term, "the end of the year" a date."""
    starts = sentence_starts(block)
    words, glued = [], False
    for token in tokens:
        if token.is_space:
            continue
        if token.is_punct and not (token.text == "-" and words and words[-1] and glued_to_next(token)):
            words.append(None)
            glued = False
            continue
        end = token.idx + len(token)
        usable = not (token.like_num or is_name_like(token, starts) or is_quoted(block, token))
        content = (
            token.is_alpha
            and not token.is_stop
            and token.ent_type_ not in FRAME_ENTITIES
            and token.lower_ not in topic
            and token.lemma_.lower() not in topic
        )
        if glued and words and words[-1]:
            last = words[-1]
            text = block.text[last.start : end].lower()
            nominal = last.nominal and token.pos_ in NOMINAL
            words[-1] = Word(
                text,
                last.usable and usable,
                last.content or content,
                token.pos_ in NOUNS,
                nominal,
                text,
                last.start,
                end,
            )
        elif not token.is_punct:
            noun, nominal = token.pos_ in NOUNS, token.pos_ in NOMINAL
            words.append(Word(token.lower_, usable, content, noun, nominal, token.lemma_.lower(), token.idx, end))
        glued = glued_to_next(token)
    return words


def glued_to_next(token) -> bool:
    return not token.whitespace_ and token.i + 1 < len(token.doc)


def surprise(word: Word, rate_elsewhere: float) -> float:
    """-log10 of the word's probability: in English, 9 minus its Zipf frequency ("year" 3.0, "brunt" 5.9), unless
    the rest of the article uses it more often than English does (its own vocabulary is no surprise)."""
    english = min(MAX_SURPRISE, 9 - zipf_frequency(word.text))
    return min(english, -math.log10(rate_elsewhere)) if rate_elsewhere > 0 else english


def content_units(words, rate_elsewhere) -> list[float]:
    """The surprise of each content unit of a phrase: a content word, or a run of nouns taken as one term and
    counted by its rarest word. `rate_elsewhere(word)`: how often the article uses the word outside the two uses
    of the phrase, per word of prose."""
    units, previous = [], None
    for word in words:
        if not word.content:
            previous = None
            continue
        information = surprise(word, rate_elsewhere(word))
        if previous is not None and previous.noun and word.noun:
            units[-1] = max(units[-1], information)
        else:
            units.append(information)
        previous = word
    return units


def is_term(words) -> bool:
    """A noun phrase with no preposition or verb in it ("the basic state pension", "a senior defence official"),
    alone or as the subject of a reporting verb ("the foreign secretary told"): the story's name for a thing or a
    person, which is repeated rather than varied."""
    if len(words) > 1 and words[-1].lemma in REPORTING_VERBS:
        words = words[:-1]
    return all(word.nominal for word in words) and words[-1].noun


def _phrases(words, size):
    """{n-gram: [start positions]} of the usable n-grams of a word list."""
    found = defaultdict(list)
    texts = [w.text if w else None for w in words]
    run = 0  # usable words in a row, up to the current one
    for end, word in enumerate(words, 1):
        run = run + 1 if word and word.usable else 0
        if run >= size:
            found[tuple(texts[end - size : end])].append(end - size)
    return found


def _sentence_of(block, offset):
    return next((s.text for s in block.sentences if s.start <= offset < s.end), "")


def reach_for(information: float, min_surprise: float, window: int) -> float:
    """How many words apart the two uses of a phrase this surprising may start: `window` at `min_surprise`, doubling
    for every SURPRISE_DOUBLING more."""
    return window * 2 ** ((information - min_surprise) / SURPRISE_DOUBLING)


def confidence(information: float, min_surprise: float, gap: int, reach: float) -> float:
    """0.5 to 1.0: half for being a repeat at all, a quarter for surprise (full at twice `min_surprise`), a quarter
    for closeness (how little of its reach the gap between the two uses takes)."""
    rarity = min(1.0, (information - min_surprise) / min_surprise) if min_surprise else 1.0
    closeness = max(0.0, 1 - gap / reach)
    return round(0.5 + 0.25 * rarity + 0.25 * closeness, 2)


def check(doc, options):
    from linter.analysis.nlp import parsed

    size, distance = options["min_words"], options["distance"]
    parsed_blocks = parsed(doc)
    topic = topic_words(doc, options["topic_uses"])
    _, _, uses = analyses_of(doc).topic_counts
    prose_words = max(1, sum(t.is_alpha for _, tokens in parsed_blocks for t in tokens))

    def rate_elsewhere(word):
        return max(0, uses.get(word.lemma, 0) - 2) / prose_words

    paragraphs = [(block, _words(block, tokens, topic)) for block, tokens in parsed_blocks]
    grams = [_phrases(words, size) for _, words in paragraphs]
    offsets = [0]
    for _, words in paragraphs:
        offsets.append(offsets[-1] + sum(word is not None for word in words))

    def word_index(paragraph, words, position):
        return offsets[paragraph] + sum(word is not None for word in words[:position])

    for later, (block, words) in enumerate(paragraphs):
        reported = set()
        for earlier in range(later, max(0, later - distance) - 1, -1):
            first_block, first_words = paragraphs[earlier]
            pairs = {
                (a, b)
                for gram, positions in grams[later].items()
                for b in positions
                for a in grams[earlier].get(gram, ())
                if a + size <= b or earlier < later
            }
            for a, b in sorted(pairs):
                if (a - 1, b - 1) in pairs or b in reported:
                    continue  # inside a longer repeated phrase, or already reported against a nearer paragraph
                length = size
                while (a + length - size + 1, b + length - size + 1) in pairs:
                    length += 1
                reported.update(range(b, b + length - size + 1))
                phrase = words[b : b + length]
                units = content_units(phrase, rate_elsewhere)
                information = sum(units)
                too_weak = len(units) < options["min_content_words"] or information < options["min_surprise"]
                if too_weak or is_term(phrase):
                    continue
                gap = word_index(later, words, b) - word_index(earlier, first_words, a)
                reach = reach_for(information, options["min_surprise"], options["window"])
                if gap > reach:
                    continue
                start, end, earlier_start = words[b].start, words[b + length - 1].end, first_words[a].start
                if normalised(_sentence_of(block, start)) == normalised(_sentence_of(first_block, earlier_start)):
                    continue
                line = doc.position(first_block.source_span(earlier_start, earlier_start + 1)[0])[0]
                hit = block_hit(block, start, end, phrase=block.text[start:end], line=line)
                hit.confidence = confidence(information, options["min_surprise"], gap, reach)
                earlier_end = first_words[a + length - 1].end
                hit.related = [(*first_block.source_span(earlier_start, earlier_end), "first used here")]
                yield hit
