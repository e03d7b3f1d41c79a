"""A person called "Ms. Okonjo" in some references and plain "Okonjo" in others.

Flagged: the references in the person's less common style, outside quotes, with the other style as the suggestion.
A tie is settled by the style of the article's other people, then by the person's first reference. Full-name
references ("Delphine Okonjo", "Dr. Lai-Ha Chan") and titled ones ("Captain Solvang") count for neither style.
Not flagged: an article that uses honorifics throughout, or never; quotations; a surname shared by two people
("Anna Bell" and "Tom Bell", or "Mr. Bell" and "Ms. Bell"), where an honorific may be what tells them apart.
"""

from __future__ import annotations

from collections import Counter

from linter.analysis.people.names import BARE, HONORIFIC_REF, person_mentions, shared_surnames
from linter.checks.base import ENTITIES, PARSE
from linter.model.findings import block_hit

CATEGORY = "consistency"
NEEDS = (PARSE, ENTITIES)
OPTIONS = {}


def check(doc, options):
    mentions = person_mentions(doc)
    shared = shared_surnames(mentions)
    people: dict[str, list] = {}
    for m in mentions:
        if m.style in (BARE, HONORIFIC_REF) and not m.quoted and m.surname not in shared:
            people.setdefault(m.surname, []).append(m)
    article_style = Counter(m.style for refs in people.values() for m in refs)
    for surname, refs in people.items():
        styles = Counter(m.style for m in refs)
        if len(styles) < 2:
            continue
        majority = max(styles, key=lambda s: (styles[s], article_style[s], s == refs[0].style))
        written = next(m.block.text[m.start : m.surname_start] for m in refs if m.style == HONORIFIC_REF)
        for m in refs:
            if m.style == majority:
                continue
            text = m.block.text[m.start : m.end]
            suggestion = surname if majority == BARE else written + surname
            yield block_hit(m.block, m.start, m.end, suggestion=suggestion, reference=text, preferred=suggestion)
