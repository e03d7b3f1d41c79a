"""A person called "Ms. Okonjo" in some references and plain "Okonjo" in others, or "Dr. Okonjo" and later
"Ms. Okonjo".

Flagged, once per person, at the first reference in the person's less common style, outside quotes, with the
lines of both styles in the message and the common style as the suggestion. A tie is settled by the style of the
article's other people, then by the person's first reference. Full-name references ("Delphine Okonjo") and titled
ones ("Captain Solvang") count for neither style. A person given two honorifics of the same gender or of none
("Dr. Lai-Ha Chan", later "Ms. Chan") is flagged at the first reference with the less common honorific. A person
first called by honorific and surname ("Dr. Chan said") and given a full name only later is flagged there.
Not flagged: an article that uses honorifics throughout, or never; quotations; a surname shared by two people
("Anna Bell" and "Tom Bell", or "Mr. Bell" and "Ms. Bell"), where an honorific may be what tells them apart; a
surname that modifies a noun or opens a longer name ("the Conlon and Maguire families", "Mittal Steel").
"""

from __future__ import annotations

from collections import Counter

from linter.analysis.discourse import discourse
from linter.analysis.people.names import BARE, FULL, HONORIFIC_REF, NEUTRAL, lines_text, related_spans
from linter.checks.base import ENTITIES, PARSE
from linter.model.findings import block_hit

CATEGORY = "consistency"
NEEDS = (PARSE, ENTITIES)
OPTIONS = {}
PICK_STYLE = "pick one style"
ONE_HONORIFIC = "one person, one honorific"
FULL_NAME_FIRST = "give the full name at the first reference"
ACADEMIC = {"Dr", "Prof"}
# A full name that comes after "Mr Blair" is weak evidence: well-known people are often named so from the start,
# and the rule's default min_confidence leaves it out (measured on edited British copy: one in eight was right).
LATE_FULL_NAME = 0.3


def check(doc, options):
    people = {}  # each person the discourse model names, with the mentions of their name outside quotes
    for person in discourse(doc).named_people():
        mentions = [m for m in person.name_mentions if not m.quoted]
        if any(m.name.style != NEUTRAL for m in mentions):
            people[person] = mentions
    styled = {p: [m for m in refs if m.name.style in (BARE, HONORIFIC_REF)] for p, refs in people.items()}
    article_style = Counter(m.name.style for refs in styled.values() for m in refs)
    for person, mentions in people.items():
        refs = [m for m in mentions if m.name.style != NEUTRAL]
        surname, introduced = refs[0].name.surname, any(m.name.style == FULL for m in mentions)
        yield from _style_mix(doc, surname, styled[person], article_style, introduced, refs)
        yield from _honorific_change(doc, surname, [m for m in refs if m.name.honorific], introduced)
        yield from _introduced_late(doc, surname, refs)


def _style_mix(doc, surname, refs, article_style, introduced, every_mention):
    styles = Counter(m.name.style for m in refs)
    if len(styles) < 2:
        return
    majority = max(styles, key=lambda s: (styles[s], article_style[s], s == refs[0].name.style))
    written = Counter(_as_written(m) for m in refs if m.name.style == HONORIFIC_REF)
    preferred = surname if majority == BARE else written.most_common(1)[0][0] + surname
    minority = [m for m in refs if m.name.style != majority]
    first = minority[0]
    others = article_style - styles  # how the article's other people are called
    usual = [m for m in refs if m.name.style == majority]
    hit = _reference_hit(doc, surname, first, minority, usual, preferred, preferred, PICK_STYLE)
    # Evidence that the mix is a slip: the person was introduced by full name (the references are one person's),
    # one style clearly dominates, and the article's other people are called in that style too.
    hit.confidence = (
        0.5
        + 0.2 * introduced
        + 0.2 * (len(minority) * 3 <= len(refs))
        + 0.1 * (others[majority] > others[first.name.style])
    )
    hit.related = related_spans(m.span for m in every_mention if m is not first)
    yield hit


def _reference_hit(doc, surname, first, minority, usual, preferred, suggestion, advice):
    """The finding on the first of a person's references written the less common way, with the lines of those
    and of the usual ones."""
    block, start, end = first.span
    return block_hit(
        block,
        start,
        end,
        suggestion=suggestion,
        person=surname,
        reference=block.text[start:end],
        lines=lines_text(doc, [m.span for m in minority]),
        preferred=preferred,
        other_lines=lines_text(doc, [m.span for m in usual]),
        advice=advice,
    )


def _honorific_change(doc, surname, refs, introduced):
    honorifics = Counter(m.name.honorific for m in refs)
    if len(honorifics) < 2:
        return
    first_seen = {h: i for i, h in reversed(list(enumerate(m.name.honorific for m in refs)))}
    majority = max(honorifics, key=lambda h: (honorifics[h], -first_seen[h]))
    minority = [m for m in refs if m.name.honorific != majority]
    first = next((m for m in minority if m.name.style == HONORIFIC_REF), minority[0])
    preferred = _as_written(next(m for m in refs if m.name.honorific == majority)) + surname
    usual = [m for m in refs if m.name.honorific == majority]
    suggestion = preferred if first.name.style == HONORIFIC_REF else None
    hit = _reference_hit(doc, surname, first, minority, usual, preferred, suggestion, ONE_HONORIFIC)
    # A doctor or professor later called Mr or Ms is a clearer slip than Mrs for Ms, which some desks vary on.
    academic = bool(set(honorifics) & ACADEMIC)
    hit.confidence = 0.5 + 0.2 * introduced + 0.2 * academic + 0.1 * (honorifics[majority] >= 2)
    hit.related = related_spans(m.span for m in refs if m is not first)
    yield hit


def _introduced_late(doc, surname, refs):
    """The person's first reference is the surname ("Dr Nobles said"), and the full name only comes later."""
    first = refs[0]
    full = next((m for m in refs if m.name.style == FULL), None)
    # Only an honorific reference: a bare surname before a full name may be a relative ("her parents, Arjun and
    # Meera Venkatesan") or a name that is no person's ("Ask Jeeves has bought").
    if full is None or first.name.style != HONORIFIC_REF or full.name.honorific not in (None, first.name.honorific):
        return
    (related,) = related_spans([full.span])
    hit = _reference_hit(doc, surname, first, [first], [full], related[2], None, FULL_NAME_FIRST)
    hit.confidence = LATE_FULL_NAME
    hit.related = [related]
    yield hit


def _as_written(mention) -> str:
    """The mention's honorific as the article writes it, with its full stop if any and a space: "Dr. ", "Mr "."""
    name = mention.name
    text = mention.block.text[name.start : name.surname_start]
    at = text.find(name.honorific)
    dot = "." if text[at + len(name.honorific) : at + len(name.honorific) + 1] == "." else ""
    return name.honorific + dot + " "
