"""The same phrase of `min_words` words or more in neighbouring paragraphs: "bear the brunt of the storm" twice.

Paragraphs are neighbours when at most `distance` paragraphs apart (the same paragraph counts too). A phrase is the
writer's run of words without punctuation inside it, with at least `min_content_words` content words that are not
the article's subject (words of the headline or subheads, or used `topic_uses` times or more). Not flagged:
phrases with a name or a capitalised title in them ("the Ministry of Trade and Industry"), with a number, phrases
inside quotation marks or blockquotes (a quote echoed in the narrative is deliberate), and phrases whose whole
sentence is repeated (that is `duplicate-sentence`). One finding per repeat, on the second use, for the longest
phrase.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from linter.analysis.wording import is_name_like, normalised, sentence_starts, topic_words
from linter.checks.base import TAGS, Option
from linter.model.findings import block_hit
from linter.model.quotes import is_quoted

CATEGORY = "repetition"
NEEDS = (TAGS,)
OPTIONS = {
    "min_words": Option(int, minimum=2),
    "min_content_words": Option(int, minimum=0),
    "distance": Option(int, minimum=0),
    "topic_uses": Option(int, minimum=1),
}


class Word(NamedTuple):
    text: str  # lower case
    usable: bool  # may be part of a phrase
    content: bool  # a content word that is not the article's subject
    start: int  # [start, end) in block.text
    end: int


def _words(block, tokens, topic):
    """The block's words, None where punctuation breaks a phrase. Tokens written together ("short-term", "union's")
    make one word. Words of the article's subject (`topic`) are not content words: "the growth and stability pact"
    is a term."""
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
            token.is_alpha and not token.is_stop and token.lower_ not in topic and token.lemma_.lower() not in topic
        )
        if glued and words and words[-1]:
            last = words[-1]
            words[-1] = Word(
                block.text[last.start : end].lower(), last.usable and usable, last.content or content, last.start, end
            )
        elif not token.is_punct:
            words.append(Word(token.lower_, usable, content, token.idx, end))
        glued = glued_to_next(token)
    return words


def glued_to_next(token) -> bool:
    return not token.whitespace_ and token.i + 1 < len(token.doc)


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


def check(doc, options):
    from linter.analysis.nlp import parsed

    size, distance = options["min_words"], options["distance"]
    parsed_blocks = parsed(doc)
    topic = topic_words(doc, options["topic_uses"])
    paragraphs = [(block, _words(block, tokens, topic)) for block, tokens in parsed_blocks]
    grams = [_phrases(words, size) for _, words in paragraphs]
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
                if sum(w.content for w in words[b : b + length]) < options["min_content_words"]:
                    continue
                start, end, earlier_start = words[b].start, words[b + length - 1].end, first_words[a].start
                if normalised(_sentence_of(block, start)) == normalised(_sentence_of(first_block, earlier_start)):
                    continue
                line = doc.position(first_block.source_span(earlier_start, earlier_start + 1)[0])[0]
                yield block_hit(block, start, end, phrase=block.text[start:end], line=line)
