"""A plural pronoun for a singular organisation or place: "China deepened their export curbs", "Brannock Shipping,
which runs ferries, said they had diverted two ships".

Read from the discourse model (`linter.analysis.discourse`): they/them/their/theirs/themselves, outside quotations,
whose most salient candidate in reach is one body or place (an organisation word in its name, an organisation noun
such as "the council", or spaCy's entity label), most salient being the subject of the clause above the pronoun ("X
said they ..."), else the mentions of the sentence so far and the sentences before it, subjects and mentions in the
pronoun's own role first, fading with distance and across a paragraph break. Not flagged when a compatible candidate
is nearly as salient, or is in the pronoun's own sentence before it outside a relative clause or apposition
("Microsoft is restricting people running pirated copies ... their access"): a plural noun or pronoun, a
coordination ("The US and Japan ... their"), a group ("a company of 100 troops"), several bodies named together
("Kessler has beaten Ardent in two of their tenders"), a person (singular they); "each country"; "them" for its own
clause's subject; dates, sums and numbers are never candidates. With `language: en-GB`, where any body may take
"they" ("Celtic won their match", "the government are"), only a body that the text has just given a singular verb is
flagged ("The authority is concerned ... and said they"). `organisation_nouns` adds common nouns for bodies.
"""

from __future__ import annotations

from linter.analysis.discourse import (
    GROUP,
    OBJECT,
    ORGANISATION,
    PERSON,
    PLACE,
    PLURAL,
    PLURAL_PRONOUNS,
    SUBJECT,
    THING,
    clash_hit,
    discourse,
    find_clash,
    named_mention,
)
from linter.checks.base import ENTITIES, PARSE

CATEGORY = "pronoun"
NEEDS = (PARSE, ENTITIES)
RELATED = "the antecedent"
OPTIONS = {"language": str, "organisation_nouns": [str]}
BODIES = (ORGANISATION, PLACE)


def _is_body(candidate, organisation_nouns) -> bool:
    entity = candidate.entity
    head = candidate.mention.head.lemma_.lower()
    return entity.kind in BODIES or (entity.kind == THING and head in organisation_nouns)


def _competes(candidate, organisation_nouns) -> bool:
    """People, bodies, groups and plural things compete for a plural pronoun; a singular thing does not."""
    entity = candidate.entity
    return (
        entity.kind in (PERSON, GROUP) or candidate.mention.number == PLURAL or _is_body(candidate, organisation_nouns)
    )


def _joint_bodies(resolution) -> bool:
    """Two or more bodies or people as arguments of one verb in the pronoun's sentence before it ("Kessler has
    beaten Ardent in two of their tenders", "Ms Reed and the council said their"): "their" can mean them together."""
    token = resolution.token
    verbs: dict[int, set] = {}
    for candidate in resolution.candidates:
        mention = candidate.mention
        if mention.sdoc is not token.doc or not (token.sent.start <= mention.start < token.i):
            continue
        if candidate.entity.kind in (ORGANISATION, PLACE, PERSON) and mention.role in (SUBJECT, OBJECT):
            head = mention.head
            verb = head.head.head if head.dep_ == "pobj" else head.head
            verbs.setdefault(verb.i, set()).add(id(candidate.entity))
    return any(len(entities) >= 2 for entities in verbs.values())


def _plural_in_last_sentences(resolution, organisation_nouns) -> bool:
    """Under en-GB a body's "they" is wrong only by agreement, so any other plural, person or group in the pronoun's
    sentence or the one before is taken as what it means ("all four were held ... The Pentagon says they")."""
    top = resolution.candidates[0].entity if resolution.candidates else None
    return any(
        c.entity is not top
        and c.mention.sentence >= resolution.sentence - 1
        and (c.mention.number == PLURAL or c.entity.kind in (PERSON, GROUP))
        for c in resolution.candidates
    )


def _cataphora(token) -> bool:
    """A pronoun in a clause before its sentence's subject, which it can mean: "Despite giving their backing, the
    Conservatives insisted"."""
    root = token.sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i), None)
    if subject is None or not any(a.i < subject.i and a.dep_ in ("advcl", "prep") for a in token.ancestors):
        return False
    return subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)


def _mixed_agreement(clash, order) -> bool:
    """The body was given a singular verb in the pronoun's sentence or the one before ("The authority is
    concerned ... and said they")."""
    sentence = clash.resolution.sentence
    return any(e.order < order and 0 <= sentence - e.sentence <= 1 for e in clash.candidate.entity.number_evidence)


def check(doc, options):
    british = options["language"].lower().replace("_", "-") == "en-gb"
    organisation_nouns = {w.lower() for w in options["organisation_nouns"]}
    for resolution in discourse(doc).pronouns.values():
        token = resolution.token
        if token.lower_ not in PLURAL_PRONOUNS or _joint_bodies(resolution):
            continue
        clash = find_clash(resolution, lambda c: _competes(c, organisation_nouns), same_sentence_rivals=True)
        if clash is None or not _is_body(clash.candidate, organisation_nouns) or clash.candidate.entity.uses_they:
            continue
        order = (resolution.paragraph, token.i)
        if british and (
            not _mixed_agreement(clash, order) or _plural_in_last_sentences(resolution, organisation_nouns)
        ):
            continue
        if _cataphora(token):
            continue
        yield clash_hit(resolution, clash, named_mention(clash.candidate).text, clash.confidence, RELATED)
