"""A pronoun that opens a paragraph with nothing before it that it could refer to: "She said the increase would
be reviewed" after a paragraph about a man.

Flagged, at the first word of a paragraph (outside quotations): he/him/his or she/her when the previous paragraph
names no person, person noun or pronoun of that gender, or of unknown gender; they/them/their when the previous
paragraph has no plural noun, plural pronoun, coordination, organisation or person; it/its when the previous
paragraph has no noun at all. Not flagged: the first paragraph (the headline may hold the referent), quotations,
and "it" as a dummy subject ("It is expected that ...", "It was raining").
"""

from __future__ import annotations

from linter.analysis.people.walk import track
from linter.analysis.people.words import PRONOUN_GENDER
from linter.checks.base import PARSE
from linter.model.findings import block_hit
from linter.model.quotes import is_quoted

CATEGORY = "pronoun"
NEEDS = (PARSE,)
OPTIONS = {"pronouns": [str]}
PLURAL = {"they", "them", "their"}


def _opening_word(parse):
    """The first word token of a parse (after any opening punctuation)."""
    return next((t for t in parse if not t.is_punct and not t.is_space), None)


def _has_referent(word: str, infos) -> bool:
    """True when the sentences hold something the opening pronoun could refer to."""
    tokens = [t for info in infos for t in info.sent]
    gender = PRONOUN_GENDER.get(word)
    if gender is not None:
        people = any(m.person.gender in (None, gender) for info in infos for m in info.mentions)
        nouns = any(g in (None, gender) for info in infos for g in info.person_nouns.values())
        pronouns = any(PRONOUN_GENDER.get(t.lower_) == gender for t in tokens)
        return people or nouns or pronouns
    if word in PLURAL:
        return any(t.tag_ in ("NNS", "NNPS", "NNP") or t.lower_ in PLURAL or t.dep_ == "conj" for t in tokens)
    return any(t.pos_ in ("NOUN", "PROPN") for t in tokens)


def _dummy_it(token) -> bool:
    return token.lower_ == "it" and (token.dep_ == "expl" or token.head.lemma_ in ("be", "seem", "appear", "rain"))


def check(doc, options):
    wanted = {w.lower() for w in options["pronouns"]}
    previous_infos = None
    for block, parse, infos in track(doc):
        token = _opening_word(parse)
        if (
            previous_infos is not None
            and token is not None
            and token.lower_ in wanted
            and not is_quoted(block, token)
            and not _dummy_it(token)
            and not _has_referent(token.lower_, previous_infos)
        ):
            yield block_hit(block, token.idx, token.idx + len(token.text), pronoun=token.text)
        previous_infos = infos
