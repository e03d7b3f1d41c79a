"""A pronoun of the other gender for a person whose gender the text has fixed: "Ms. Okafor ... he added".

A gender is fixed by an honorific (Mr., Ms., Mrs., Miss, Sir, Dame, Lord, Lady) or by an earlier he/she that can
only be about that person (see `linter.analysis.people.walk`). Flagged: he/him/his/himself or she/her/hers/herself,
outside quotations, whose referent can only be that person: the subject of the clause above the pronoun ("Ms.
Alderton said his neighbours ..."), or the only person in the sentence so far and the previous one. Not flagged:
pronouns in quotations and blockquotes, a speaker tag after a quotation ('"...," she said'), "his or her", pronouns
in titles ("The She Sells Boats director"), a pronoun with another person, a person noun ("her son", "the driver"),
a pronoun of its gender or a coordinated name in reach, people whose gender the text never fixes, and people who
share a surname with someone else.
"""

from __future__ import annotations

from linter.analysis.people.walk import is_pronoun_use, sole_referent, track
from linter.analysis.people.words import PRONOUN_GENDER
from linter.checks.base import PARSE
from linter.model.findings import block_hit

QUOTE_MARKS = ('"', "”", "’", "'")
CATEGORY = "pronoun"
NEEDS = (PARSE,)
OPTIONS = {}


def _generic(token) -> bool:
    """ "his or her", "his/her": a pronoun pair that covers either gender."""
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return before in ("or", "/") or after in ("or", "/")


def _attributes_quote(block, token) -> bool:
    """ "'...,' she said": a speaker tag right after a quotation, whose speaker was named before the quote."""
    return block.text[: token.idx].rstrip().endswith(QUOTE_MARKS)


def check(doc, options):
    previous = None
    for block, _parse, infos in track(doc):
        for info in infos:
            for token in info.sent:
                gender = PRONOUN_GENDER.get(token.lower_)
                if (
                    gender is None
                    or not is_pronoun_use(block, token)
                    or _generic(token)
                    or _attributes_quote(block, token)
                ):
                    continue
                person = sole_referent(token, info, previous)
                if person is not None and person.gender not in (None, gender):
                    yield block_hit(
                        block,
                        token.idx,
                        token.idx + len(token.text),
                        pronoun=token.text,
                        person=person.name,
                        gender=person.gender,
                        line=person.fixed_line,
                        fixed_by=person.fixed_by,
                    )
            previous = info
