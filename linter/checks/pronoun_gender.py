"""A pronoun of the other gender for the person it can only be about: "Ms. Okafor ... he added".

Read from the discourse model (`linter.analysis.discourse`): he/him/his/himself or she/her/hers/herself, outside
quotations, whose most salient person in reach (the subject of the clause above the pronoun, "Ms. Alderton said
his neighbours ...", else the people of the sentence so far and the sentences before it, subjects first, fading
with distance and across a paragraph break) has the other gender by the evidence read so far: an honorific
(Mr., Ms., Mrs., Miss, Sir, Dame, Lord, Lady), a gendered title or noun ("the chairwoman"), a he/she already
bound to them, or their first name in gender-guesser's table (weaker; names it calls ambiguous give nothing).
Not flagged: pronouns in quotations and blockquotes, "his or her", pronouns in titles ("The She Sells Boats
director"), a person or person noun of the pronoun's gender nearly as salient ("her son", "the driver"), a named
person in reach whose gender the text has fixed as the pronoun's ("Mrs Quinn's son ... he said she resisted"; in
the paragraph before only when the pronoun's sentence does not name the clashing person),
people whose gender only a first name suggests, a clashing person who is not a subject in reach, a person named
inside a speaker tag's own quotation, and people who share a surname with someone else. The confidence is the
evidence's strength times how far ahead of any compatible person the clashing one is, times 0.7 for a possessive
or object pronoun ("her body") when someone of its gender was named earlier, out of reach.
"""

from __future__ import annotations

from linter.analysis.discourse import (
    BOUND_PRONOUN,
    PERSON,
    THING,
    UNKNOWN_NAME,
    clash_hit,
    compatibility,
    discourse,
    find_clash,
)
from linter.analysis.people.words import PRONOUN_GENDER
from linter.checks.base import ENTITIES, PARSE

CATEGORY = "pronoun"
NEEDS = (PARSE, ENTITIES)
RELATED = "the person"
OPTIONS = {}
# Any person of the pronoun's gender (or of unknown gender) in the pronoun's sentence or the one before, or further
# back at a sixth of the clashing one's salience or more, is taken as the referent.
MARGIN = 0.15
# The clashing person must be a subject of the pronoun's sentence or the last one (or bound to it).
MIN_SALIENCE = 1.0
# Confidence kept when someone of the pronoun's gender was named earlier, out of reach.
ELSEWHERE_FACTOR = 0.7


def _generic(token) -> bool:
    """ "his or her", "his/her": a pronoun pair that covers either gender."""
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return before in ("or", "/") or after in ("or", "/")


def _a_person(candidate) -> bool:
    entity = candidate.entity
    return entity.kind == PERSON or (entity.kind == THING and entity.kind_source == UNKNOWN_NAME)


def _fixed_and_named(clash, resolution) -> bool:
    """Only a named person whose gender an honorific, a gendered word or a bound pronoun fixed (a first name alone
    is too weak: "Jan", "Sol", "Merrill"), and who is a subject in reach ("the correct man ... she picks" is not
    about the man)."""
    entity = clash.candidate.entity
    known = entity.gender_at((resolution.paragraph, resolution.token.i))
    named = any(m.kind == "name" for m in entity.mentions)
    return named and known is not None and known.strength >= BOUND_PRONOUN and clash.candidate.salience >= MIN_SALIENCE


def _someone_just_before(resolution) -> bool:
    """A person the pronoun could mean in its own sentence or the one before ("Mr Blake said he found Ms Bakley dead
    ... discovered her body")."""
    order = (resolution.paragraph, resolution.token.i)
    return any(
        c.mention.sentence >= resolution.sentence - 1
        and _a_person(c)
        and not compatibility(resolution.token.lower_, order, c.mention)
        for c in resolution.candidates
    )


def _named_match_in_reach(resolution, clash) -> bool:
    """A person named in reach whom the text has already given the pronoun's gender (an honorific, a gendered word,
    a pronoun bound to them), however far behind the clashing person in salience: named in the pronoun's paragraph
    ("Mr Blunkett is seeking access to Mrs Quinn's son ... he said that she resisted"), or in the paragraph before
    when the pronoun's sentence does not name the clashing person ("But she said his return ..." after a paragraph
    about Mr Campbell; not "Mr. Osei said her members")."""
    token = resolution.token
    gender, order = PRONOUN_GENDER[token.lower_], (resolution.paragraph, token.i)
    clasher_named_here = _named_in_sentence(clash.candidate.entity, token)
    for candidate in resolution.candidates:
        entity = candidate.entity
        known = entity.gender_at(order) if entity.kind == PERSON else None
        if known is None or known.value != gender or known.strength < BOUND_PRONOUN:
            continue
        named = [m for m in entity.mentions if m.kind == "name" and m.order < order]
        if any(m.paragraph == resolution.paragraph for m in named):
            return True
        if named and not clasher_named_here:
            return True
    return False


def _named_in_sentence(entity, token) -> bool:
    return any(
        m.kind == "name" and m.sdoc is token.doc and token.sent.start <= m.start < token.i for m in entity.mentions
    )


def _someone_else_of_that_gender(model, resolution) -> bool:
    """A possessive or object pronoun ("her body", "his return") while the story has named someone of its gender
    before, out of reach: the writer may mean them, so the finding is less sure."""
    token = resolution.token
    if token.dep_ in ("nsubj", "nsubjpass") or token.lower_.endswith("self"):
        return False
    gender, order = PRONOUN_GENDER[token.lower_], (resolution.paragraph, token.i)
    in_reach = {id(c.entity) for c in resolution.candidates}
    return any(
        e.kind == PERSON
        and id(e) not in in_reach
        and e.mentions[0].order < order
        and (e.gender_at(order) is not None and e.gender_at(order).value == gender)
        for e in model.entities
        if e.mentions
    )


def check(doc, options):
    model = discourse(doc)
    for resolution in model.pronouns.values():
        token = resolution.token
        if token.lower_ not in PRONOUN_GENDER or _generic(token):
            continue
        clash = find_clash(resolution, _a_person, margin=MARGIN)
        if clash is None or not _fixed_and_named(clash, resolution) or _someone_just_before(resolution):
            continue
        if _named_match_in_reach(resolution, clash):
            continue
        confidence = clash.confidence
        if _someone_else_of_that_gender(model, resolution):
            confidence = round(confidence * ELSEWHERE_FACTOR, 2)
        yield clash_hit(resolution, clash, clash.candidate.entity.name, confidence, RELATED)
