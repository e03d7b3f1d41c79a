"""An unusual word echoed: the same content word (by lemma) used `count` times close together.

How close depends on how unusual the word is: the window is `window` words for a word of Zipf frequency 4 (about
one in 100,000 words of English, per `wordfreq`), doubles for each Zipf point rarer and halves for each point more
common, and words at or above `max_zipf` are never echoes. So "underscore" (Zipf 3.0) three times over 300 words is
flagged, "said" (Zipf 6.0) in every paragraph is not.

Counted: the writer's words of the chosen parts of speech in paragraphs and blockquotes. Not counted: function
words, proper names and capitalised words that do not open a sentence, numbers and ordinals, words inside quotation
marks or blockquotes (the writer cannot change a quote), the second of two adjacent identical words (a doubled word is
`repeated-word`'s finding, never this rule's), and the article's subject: words of its headline or subheads, with
`lede` the content words of its first paragraph ("Police detained two men" makes "detain" the story's verb), and
words it uses `topic_uses` times or more. A cluster in which two uses are followed by the same content word is a
fixed term ("portable media players"), not an echo. One finding per cluster, spanning the first use to the last,
with each use as a related span.

Confidence weighs the two pieces of evidence: how rare the word is (a word at `max_zipf` adds nothing, one 1.5
Zipf points rarer adds the most) and how tight the cluster is (uses spread over the whole window add nothing, uses
side by side the most): 0.5 + 0.25 * rarity + 0.25 * tightness.
"""

from __future__ import annotations

from collections import defaultdict

from linter.analysis.word_frequency import zipf_frequency
from linter.analysis.wording import is_name_like, sentence_starts, topic_words
from linter.checks.base import TAGS, UNIVERSAL_POS, Option
from linter.model.findings import Hit
from linter.model.quotes import is_quoted

CATEGORY = "repetition"
NEEDS = (TAGS,)
OPTIONS = {
    "count": Option(int, minimum=2),
    "window": Option(int, minimum=1),
    "max_zipf": Option(float, minimum=0, maximum=8),
    "parts_of_speech": Option([str], allowed=UNIVERSAL_POS),
    "topic_uses": Option(int, minimum=1),
    "lede": bool,
}
REFERENCE_ZIPF = 4.0
RARE_SPAN = 1.5  # Zipf points below max_zipf at which a word's rarity counts in full towards confidence


def window_for(zipf: float, window: int) -> float:
    """The span, in words, within which `count` uses of a word of this Zipf frequency make an echo."""
    return window * 2 ** (REFERENCE_ZIPF - zipf)


def word_uses(parsed_blocks, parts_of_speech):
    """(lemma, word index, block, token) for each counted word, in reading order."""
    index, previous = 0, None
    for block, tokens in parsed_blocks:
        starts = sentence_starts(block)
        for token in tokens:
            if not (token.is_alpha or token.like_num):
                continue
            index += 1
            lower, doubled = token.lower_, token.lower_ == previous
            previous = lower
            if (
                doubled
                or token.pos_ not in parts_of_speech
                or token.is_stop
                or not token.is_alpha
                or token.like_num
                or is_name_like(token, starts)
                or is_quoted(block, token)
            ):
                continue
            yield token.lemma_.lower(), index, block, token
        previous = None


def _is_term(run) -> bool:
    """True when two uses are followed by the same content word: a fixed term ("portable media", "postal vote")."""
    following = [
        t.nbor(1).lower_ for _, _, t in run if t.i + 1 < len(t.doc) and t.nbor(1).is_alpha and not t.nbor(1).is_stop
    ]
    return len(following) != len(set(following))


def clusters(indexes: list[int], count: int, window: float) -> list[tuple[int, int]]:
    """[first, last] positions in indexes of the maximal runs in which every `count` uses lie within window words."""
    runs = []
    for i in range(len(indexes) - count + 1):
        j = i + count - 1
        if indexes[j] - indexes[i] + 1 <= window:
            if runs and runs[-1][1] >= i:
                runs[-1] = (runs[-1][0], j)
            else:
                runs.append((i, j))
    return runs


def confidence(zipf: float, max_zipf: float, words: int, window: float) -> float:
    """0.5 to 1.0: half for being an echo at all, a quarter for the word's rarity, a quarter for the cluster's
    tightness (how little of the window its uses span)."""
    rarity = min(1.0, (max_zipf - zipf) / RARE_SPAN)
    tightness = max(0.0, 1 - words / window)
    return round(0.5 + 0.25 * rarity + 0.25 * tightness, 2)


def check(doc, options):
    from linter.analysis.nlp import parsed

    parsed_blocks = parsed(doc)
    topic = topic_words(doc, options["topic_uses"], lede=options["lede"])
    uses = defaultdict(list)
    for lemma, index, block, token in word_uses(parsed_blocks, set(options["parts_of_speech"])):
        uses[lemma].append((index, block, token))
    for lemma, found in uses.items():
        if len(found) < options["count"] or lemma in topic or found[0][2].lower_ in topic:
            continue
        zipf = max(zipf_frequency(lemma), zipf_frequency(found[0][2].lower_))
        if zipf >= options["max_zipf"]:
            continue
        indexes = [index for index, _, _ in found]
        window = window_for(zipf, options["window"])
        for first, last in clusters(indexes, options["count"], window):
            run = found[first : last + 1]
            if _is_term(run):
                continue
            (_, first_block, first_token), (_, last_block, last_token) = run[0], run[-1]
            start, _ = first_block.source_span(first_token.idx, first_token.idx + 1)
            _, end = last_block.source_span(last_token.idx, last_token.idx + len(last_token))
            lines = sorted({doc.position(b.source_span(t.idx, t.idx + 1)[0])[0] for _, b, t in run})
            words = indexes[last] - indexes[first] + 1
            uses = [(*b.source_span(t.idx, t.idx + len(t)), f'"{lemma}" used here') for _, b, t in run]
            yield Hit(
                start,
                end,
                {
                    "word": lemma,
                    "count": len(run),
                    "words": words,
                    "lines": ("lines " if len(lines) > 1 else "line ") + ", ".join(map(str, lines)),
                },
                confidence=confidence(zipf, options["max_zipf"], words, window),
                related=uses,
            )
