"""First or second person in the reporter's own narrative: "It helps us meet ... our market", "If you live ...".

Flagged: I, me, my, myself, we, us, our, ours, ourselves, you, your, yours, yourself, yourselves (and their
contractions, "we're", "you'll") in paragraphs, outside quotation marks ("mine" is left out: in news it
is a pit). Not flagged: quotations, straight or curly, including one that runs on into the next paragraph;
blockquotes, headlines, subheads and list items (by `kinds`); "US" and other all-capital abbreviations; a
capitalised pronoun inside a title ("We Are the World", "World War I"); words and phrases in `allow` ("our
correspondent"); documents whose front matter (any key in `genre_keys`) names a genre in
`skip_genres` (opinion, column, letter, first-person essay, review); and documents that use the first or second
person in `voice_sentences` sentences or more, which are written in that voice on purpose (a player's diary, a
review, an unlabelled column).
"""

from __future__ import annotations

import re

from linter.checks.base import KINDS, Option
from linter.model.findings import block_hit

CATEGORY = "pronoun"
NEEDS = ()
OPTIONS = {
    "allow": [str],
    "kinds": KINDS,
    "genre_keys": [str],
    "skip_genres": [str],
    "voice_sentences": Option(int, minimum=0),
}
PERSONAL = re.compile(  # "I'm" is a pronoun; "I'" before a capital is part of a name
    r"(?<![\w'’.-])(I|me|my|myself|we|us|our|ours|ourselves|you|your|yours|yourself|yourselves)"
    r"(?![\w-])(?!['’][A-Z])",
    re.IGNORECASE,
)
WORD = re.compile(r"[\w'’]+")


def _genres(meta: dict, keys) -> set[str]:
    """The lower-cased values of the front matter's genre keys (a string or a list of strings each)."""
    found = set()
    for key in keys:
        value = meta.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                found.add(item.strip().lower())
    return found


def _in_title(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Part of a name or title: a capitalised pronoun other than "I" inside a sentence ("the film Me Before You",
    "Windows Me") or before a capitalised word ("We Are the World"), an "I" next to a capitalised word that does
    not open the sentence ("World War I", "I, Claudius"), or a pronoun between two capitalised words that do not open
    it ("Notes on Raising my Teenage Son")."""
    word = text[start:end]
    before = WORD.findall(text[sentence_start:start])
    gap = re.match(r"[,:]? ", text[end : end + 2])
    after = WORD.match(text, end + gap.end()) if gap else None
    capital_after = after is not None and after.group(0)[:1].isupper() and after.group(0) != "I"
    capital_before = len(before) > 1 and before[-1][:1].isupper()
    if word == "I":
        return capital_before or capital_after
    if word[0].isupper():
        return start > sentence_start or capital_after
    return capital_before and capital_after


def _is_pronoun(word: str) -> bool:
    """Case rules: "I" only as a capital; no all-capital abbreviation ("US", "ME"); others in any normal case."""
    if word.lower() == "i":
        return word == "I"
    return not word.isupper()


def _allowed(text: str, start: int, end: int, allowed) -> bool:
    """The word, or an allowed phrase around it ("our correspondent", "pay as you go"), is in the allow list."""
    lowered = text.lower()
    for phrase in allowed:
        for m in re.finditer(r"(?<!\w)" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?!\w)", lowered):
            if m.start() <= start and end <= m.end():
                return True
    return False


def _slips(block, allowed):
    """(sentence, match) for each first- or second-person word of the block's narrative."""
    for sentence in block.sentences:
        for m in PERSONAL.finditer(block.text, sentence.start, sentence.end):
            word = m.group(1)
            if (
                not _is_pronoun(word)
                or block.in_quote(m.start(), m.end())
                or _allowed(block.text, m.start(), m.end(), allowed)
                or _in_title(block.text, m.start(), m.end(), sentence.start)
            ):
                continue
            yield sentence, m


def check(doc, options):
    if _genres(doc.meta, options["genre_keys"]) & {g.lower() for g in options["skip_genres"]}:
        return
    allowed = [" ".join(w.lower().split()) for w in options["allow"]]
    slips = [
        (block, sentence, m) for block in doc.prose(tuple(options["kinds"])) for sentence, m in _slips(block, allowed)
    ]
    if len({(block.index, sentence.start) for block, sentence, _ in slips}) >= options["voice_sentences"]:
        return
    for block, _sentence, m in slips:
        yield block_hit(block, m.start(), m.end(), word=m.group(1))
