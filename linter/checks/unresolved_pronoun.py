"""A pronoun that opens a paragraph with nothing in reach that it could refer to: "She said the increase would be
reviewed" after a paragraph about a man, "They estimate ..." after one about a single commuter.

Read from the discourse model (`linter.analysis.discourse`): the first word of a paragraph other than the first,
outside quotations, is one of `pronouns`, and the last sentences of the paragraph before hold no candidate it could
mean: for he/she, no person of that gender or of unknown gender and no person noun; for they, no plural,
coordination, organisation or group, no place or name of unknown kind as a subject ("Bolton responded well"), nor an
unnamed person ("a spokesperson" takes a singular they); for it, no singular thing, organisation or place. Dates,
sums and numbers are never antecedents. Not flagged: the first paragraph (the headline may hold the referent),
quotations, a paragraph after one that opens or ends with quoted speech (its speaker carries on), and a dummy "it"
("It is expected that ..."). Confidence: 0.9 for he/she with a person of the other gender in reach, 0.7 for he/she
with no one and for they, 0.5 for it.
"""

from __future__ import annotations

from linter.analysis.discourse import (
    NEUTER_PRONOUNS,
    PERSON,
    PLACE,
    PLURAL,
    PLURAL_PRONOUNS,
    SUBJECT,
    THING,
    compatibility,
    discourse,
    paragraph_opening,
)
from linter.analysis.people.words import PRONOUN_GENDER
from linter.checks.base import ENTITIES, PARSE
from linter.model.findings import block_hit

CATEGORY = "pronoun"
NEEDS = (PARSE, ENTITIES)
OPTIONS = {"pronouns": [str]}
# Below this salience a mention of the paragraph before is out of reach: an object two sentences back (0.13), not a
# subject two sentences back in the pronoun's own role (0.36) nor an object of its last sentence (0.21).
MIN_SALIENCE = 0.15


def _dummy_it(token) -> bool:
    return token.lower_ == "it" and (token.dep_ == "expl" or token.head.lemma_ in ("be", "seem", "appear", "rain"))


def _could_mean(word: str, order: tuple, candidate) -> bool:
    """The candidate is something the paragraph-opening pronoun could refer to."""
    mention, entity = candidate.mention, candidate.entity
    if word in PLURAL_PRONOUNS:
        if entity.kind == PERSON:
            return entity.uses_they or (mention.kind == "noun" and entity.name[:1].islower())
        if entity.kind == PLACE or (entity.kind == THING and mention.kind == "name"):
            # "England won on Saturday. They ...", "Bolton responded well. They ...": a place or a name of unknown
            # kind acting as a team or a body
            return mention.role == SUBJECT
        return mention.number == PLURAL or entity.kind != THING
    if word in NEUTER_PRONOUNS:
        return not compatibility(word, order, mention)
    return not compatibility(word, order, mention) and (entity.kind == PERSON or mention.kind == "name")


def _after_quoted_paragraph(doc, model, resolution) -> bool:
    """The paragraph before opens or ends with quoted speech: its speaker, named before it, carries on ('X said: "I
    used to play ..."', then "He says ...") unless the text gave that speaker the other gender."""
    blocks = doc.prose()
    index = next((i for i, b in enumerate(blocks) if b is resolution.block), 0)
    if index == 0:
        return False
    previous = blocks[index - 1]
    text = previous.text.lstrip()
    opens = text[:1] in "\"“‘'" or previous.in_quote(len(previous.text) - len(text))
    ends = previous.text.rstrip()
    if not (previous.kind == "blockquote" or opens or (bool(ends) and previous.in_quote(len(ends) - 1))):
        return False
    speakers = [q.speaker for q in model.quotes if q.block is previous and q.speaker is not None]
    if not speakers or resolution.token.lower_ not in PRONOUN_GENDER:
        return True
    known = speakers[-1].gender_at((resolution.paragraph, resolution.token.i))
    return known is None or known.value == PRONOUN_GENDER[resolution.token.lower_]


def _confidence(word: str, resolution) -> float:
    """he/she with a person of the other gender in reach: 0.9 (a cut paragraph, most likely); he/she with no one:
    0.7 (the headline may hold them); they: 0.7; it (a clause or the story's subject can be meant): 0.5."""
    if word in NEUTER_PRONOUNS:
        return 0.5
    if word in PLURAL_PRONOUNS:
        return 0.7
    people = [c for c in resolution.candidates if c.entity.kind == PERSON and c.salience >= MIN_SALIENCE]
    return 0.9 if people else 0.7


def check(doc, options):
    wanted = {w.lower() for w in options["pronouns"]}
    model = discourse(doc)
    for resolution in paragraph_opening(model):
        token = resolution.token
        word = token.lower_
        if word not in wanted or _dummy_it(token):
            continue
        if _after_quoted_paragraph(doc, model, resolution):
            continue
        order = (resolution.paragraph, token.i)
        if any(_could_mean(word, order, c) for c in resolution.candidates if c.salience >= MIN_SALIENCE):
            continue
        hit = block_hit(resolution.block, token.idx, token.idx + len(token.text), pronoun=token.text)
        hit.confidence = _confidence(word, resolution)
        yield hit
