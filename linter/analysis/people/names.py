"""Names: how an article writes the names of the people it mentions. The discourse model
(`linter.analysis.discourse`) calls `find_names` and joins each `Name` to a mention of a person, for the
consistency rules that compare references to the same person.

A person is known by a full name (a PERSON entity of two or more capitalised words: "Delphine Okonjo") or by an
honorific and a surname ("Ms. Okonjo"). Every later use of a known surname is a mention too: bare ("Okonjo
said"), with an honorific, or with a title or another name before it ("Captain Solvang"), which is neutral.
Surnames used as modifiers ("the Trump administration") are not references to the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from linter.analysis.people.words import ANY_PERSON_NOUN, HONORIFIC_GENDER, HONORIFICS, NON_PERSON_WORDS, TITLES

HONORIFIC = re.compile(r"\b(" + "|".join(HONORIFICS) + r")\b\.?\s+([A-Z][\w'’-]*[a-z][\w'’-]*)")
POSSESSIVE = re.compile(r"['’]s?$")
NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")
NICKNAME_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+[\"“][^\"“”,.?!]{1,30}[\"”]\s+$")  # Jimmy "the Whirlwind" White
MODIFIER = ("compound", "nmod")  # how a surname that modifies a noun hangs on it

FULL, HONORIFIC_REF, BARE, NEUTRAL = "full", "honorific", "bare", "neutral"
# Office nouns that may stand in a title before a name ("County Clerk Ramona Ibsen") beyond the people tables.
OFFICE_WORDS = {
    "clerk",
    "commissioner",
    "sheriff",
    "registrar",
    "comptroller",
    "controller",
    "auditor",
    "alderman",
    "dean",
    "rector",
    "ambassador",
    "envoy",
    "editor",
    "archbishop",
    "principal",
    "headteacher",
    "speaker",
    "magistrate",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "councilman",
    "councilwoman",
    "supervisor",
    "administrator",
    "inspector",
    "constable",
    "marshal",
    "coroner",
}
ROLE_WORDS = set(TITLES) | ANY_PERSON_NOUN | OFFICE_WORDS


@dataclass
class Name:
    """How one reference to a person is written, the name parts of a discourse `Mention`: [start, end) in the
    block's text covers the whole reference ("Ms. Okonjo", "County Clerk Ramona Ibsen"), with its style, surname,
    given names, honorific and the title words written before the name."""

    start: int
    end: int
    surname: str
    style: str  # FULL, HONORIFIC_REF, BARE or NEUTRAL
    given: str | None = None  # the given names of a full reference
    honorific: str | None = None
    surname_start: int = 0
    title: str | None = None  # the title words written before the given names ("County Clerk")
    title_start: int | None = None  # where those title words start in block.text
    name_start: int | None = None  # where the name itself starts, after the title words ("Ramona")


def surname_token(sdoc, name: Name):
    """The spaCy token of a name's surname (its first token, for "Smith-Jones")."""
    span = sdoc.char_span(name.surname_start, name.surname_start + len(name.surname), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _strip_possessive(word: str) -> str:
    return POSSESSIVE.sub("", word) if word.endswith(("'s", "’s", "s'", "s’")) else word


def _full_names(block, sdoc, surnames=None):
    """Full-name mentions from PERSON entities of two or more capitalised words, honorific included; from any
    entity in which a title ends before two or three name words ("Commission Chair Colette Brandt", which the small
    model may read as ORG); with known surnames, from the other entities that end in one of them too. The title
    words are kept apart from the given names; a run that ends in a word for a place or organisation ("Bracken
    Seafoods", "Larchmont Valley") is not a person."""
    for ent in (*map(_with_given_names, sdoc.ents), *_titled_runs(sdoc)):
        words = [t for t in ent if not t.is_punct and t.tag_ != "POS"]
        honorific = None
        if words and words[0].text.rstrip(".") in HONORIFIC_GENDER:
            honorific, words = words[0].text.rstrip("."), words[1:]
        elif ent.start > 0 and sdoc[ent.start - 1].text.rstrip(".") in HONORIFIC_GENDER:
            honorific = sdoc[ent.start - 1].text.rstrip(".")
        roles = [i for i, t in enumerate(words[:-2]) if t.lower_.rstrip(".") in ROLE_WORDS]
        titled = words[: roles[-1] + 1] if roles else []
        words = words[len(titled) :]
        while titled and titled[0].i > 0 and _title_word(sdoc[titled[0].i - 1]):  # "County" before "Clerk ..."
            titled.insert(0, sdoc[titled[0].i - 1])
        if (
            ent.label_ != "PERSON"
            and not (titled and len(words) <= 3)
            and (surnames is None or len(ent) > 3 or _strip_possessive(ent[-1].text) not in surnames)
        ):
            continue
        if len(words) < 2 or not all(NAME_WORD.fullmatch(t.text) and not t.text.isupper() for t in words):
            continue
        last = words[-1]
        if last.lower_ in NON_PERSON_WORDS or last.tag_ in ("NNPS", "NNS"):
            continue
        surname = _strip_possessive(last.text)
        start = sdoc[ent.start - 1].idx if honorific and ent[0].text.rstrip(".") != honorific else ent.start_char
        given = block.text[words[0].idx : words[-2].idx + len(words[-2].text)]
        name = Name(start, last.idx + len(surname), surname, FULL, given, honorific, last.idx)
        if titled:
            name.start = min(start, titled[0].idx)
            name.title_start, name.name_start = titled[0].idx, words[0].idx
            name.title = block.text[titled[0].idx : titled[-1].idx + len(titled[-1].text)]
        yield name


def _title_word(token) -> bool:
    """A capitalised proper noun outside the entities that can open a title ("County" in "County Clerk")."""
    return token.tag_ == "NNP" and token.ent_type_ == "" and NAME_WORD.fullmatch(token.text)


def _with_given_names(ent):
    """A PERSON entity with the proper nouns the model left out before it: "Priya" of "Priya Venkatesan", which the
    small model may tag as a compound of the name but not as part of the entity."""
    if ent.label_ != "PERSON":
        return ent
    doc, start = ent.doc, ent.start
    while start > 0 and _given_word(doc[start - 1], ent):
        start -= 1
    return ent if start == ent.start else doc.char_span(doc[start].idx, ent.end_char, label=ent.label_)


def _given_word(token, ent) -> bool:
    return (
        token.tag_ == "NNP"
        and token.dep_ == "compound"
        and ent.start <= token.head.i < ent.end
        and token.ent_type_ == ""
        and NAME_WORD.fullmatch(token.text) is not None
        and token.lower_.rstrip(".") not in ROLE_WORDS  # "Professor Reddy" is a titled reference, not a full name
    )


def _titled_runs(sdoc):
    """Runs of capitalised proper nouns outside PERSON entities that open with a title ("Commission Chair Colette
    Brandt", which the small model may leave out of its entities or read as ORG), as spans labelled TITLED."""
    in_entity = {t.i for ent in sdoc.ents if ent.label_ == "PERSON" for t in ent}  # "County Clerk" may be an ORG
    i = 0
    while i < len(sdoc):
        j = i
        while j < len(sdoc) and j not in in_entity and sdoc[j].tag_ == "NNP" and NAME_WORD.fullmatch(sdoc[j].text):
            j += 1
        if j - i >= 3 and any(t.lower_.rstrip(".") in ROLE_WORDS for t in sdoc[i : j - 2]):
            yield sdoc.char_span(sdoc[i].idx, sdoc[j - 1].idx + len(sdoc[j - 1].text), label="TITLED")
        i = max(j, i + 1)


def find_names(pairs) -> list[tuple]:
    """(block, spaCy doc, `Name`) of every reference to a known person in these (block, spaCy doc) pairs, in
    reading order: full names and honorific references first, then every other use of their surnames."""
    found = {id(block): [] for block, _ in pairs}
    for block, sdoc in pairs:
        names = found[id(block)]
        names.extend(_full_names(block, sdoc))
        taken = [(n.start, n.end) for n in names]
        for m in HONORIFIC.finditer(block.text):
            if not any(a <= m.start(2) < b for a, b in taken):
                surname = _strip_possessive(m.group(2))
                end = m.start(2) + len(surname)
                names.append(
                    Name(m.start(), end, surname, HONORIFIC_REF, honorific=m.group(1), surname_start=m.start(2))
                )
    surnames = {n.surname for names in found.values() for n in names}
    if not surnames:
        return []
    for block, sdoc in pairs:
        names = found[id(block)]
        taken = [(n.start, n.end) for n in names]
        names.extend(
            n for n in _full_names(block, sdoc, surnames) if not any(a < n.end and n.start < b for a, b in taken)
        )
    bare = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(surnames, key=len, reverse=True))) + r")(?![\w-]|['’]\w\w)"
    )
    for block, sdoc in pairs:
        names = found[id(block)]
        taken = [(n.start, n.end) for n in names]
        starts = {s.start for s in block.sentences}
        for m in bare.finditer(block.text):
            if not any(a <= m.start() < b for a, b in taken):
                name = Name(m.start(), m.end(), m.group(1), BARE, surname_start=m.start())
                name.style = _bare_style(block.text, m.start(), starts, surname_token(sdoc, name))
                names.append(name)
    return [(block, sdoc, n) for block, sdoc in pairs for n in sorted(found[id(block)], key=lambda n: n.start)]


def _bare_style(text: str, start: int, sentence_starts: set[int], token) -> str:
    """BARE, or NEUTRAL when a capitalised word (a title, another given name) stands before the surname in
    mid-sentence, or when the surname modifies a noun ("the Trump administration", "the Beckham virus", the book
    "Brown's Britain")."""
    before = re.search(r"([A-Z][\w'’-]*|[A-Z][a-z]{0,3}\.)\s+$", text[:start])  # "Captain", "Gov.", not "May."
    if before and (before.start(1) not in sentence_starts or _is_name_or_title(token, before.group(1))):
        return NEUTRAL
    if NICKNAME_BEFORE.search(text[:start]):  # Marion "Suge" Knight; not the speaker after a quote ("No," Knight said)
        return NEUTRAL
    if re.match(r"\w*['’]s [A-Z]", text[start:]) or re.search(r"\bthe\s+$", text[:start]):
        return NEUTRAL
    if token is not None and _modifies_or_names_something_else(token):
        return NEUTRAL
    return BARE


def _modifies_or_names_something_else(token) -> bool:
    """Whether the surname modifies a noun, alone or in a pair ("the Conlon and Maguire families", "the Blair and
    Brown camps"), or opens a longer name ("Mittal Steel", "Glazer Family Trust")."""
    word = token.head if token.dep_ == "conj" and token.head.dep_ in MODIFIER else token
    if word.dep_ in MODIFIER and word.head.text[:1].islower():
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        following is not None
        and not following.is_sent_start
        and following.tag_ in ("NNP", "NNPS")
        and NAME_WORD.fullmatch(following.text) is not None
    )


def _is_name_or_title(token, word: str) -> bool:
    """Whether the capitalised word that opens the sentence before a surname is a noun ("President Bush"), not a
    word such as "Then" or "When"."""
    if token is None or token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    return previous.text == word and previous.pos_ in ("PROPN", "NOUN")


def span_line(doc, span) -> int:
    """The 1-based line of the source file on which a (block, start, end) span of block text starts."""
    block, start, end = span
    return doc.position(block.source_span(start, end)[0])[0]


def lines_text(doc, spans) -> str:
    """ "line 4" or "lines 4, 9, 12": where the (block, start, end) spans are, for a message."""
    lines = sorted({span_line(doc, span) for span in spans})
    return ("line " if len(lines) == 1 else "lines ") + ", ".join(map(str, lines))


def related_spans(spans) -> list[tuple[int, int, str]]:
    """(block, start, end) spans as a finding's related spans: (source start, source end, the text as written)."""
    return [(*block.source_span(start, end), block.text[start:end]) for block, start, end in spans]


def similar_names(a: str, b: str) -> bool:
    """Two spellings of one name: five letters or more, the same first letter, one edit apart (two from 8 letters),
    an edit being a letter added, dropped or changed or two neighbours swapped (rapidfuzz's optimal string
    alignment distance)."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < 5:
        return False
    allowed = 2 if min(len(a), len(b)) >= 8 else 1
    return OSA.distance(a.lower(), b.lower(), score_cutoff=allowed) <= allowed


def shared_surnames(names) -> set[str]:
    """Surnames that belong to more than one person (of these `Name`s): two unlike given names, or honorifics of
    both genders."""
    given: dict[str, set] = {}
    genders: dict[str, set] = {}
    for m in names:
        if m.given:
            given.setdefault(m.surname, set()).add(m.given.split()[0])
        if m.honorific and HONORIFIC_GENDER[m.honorific]:
            genders.setdefault(m.surname, set()).add(HONORIFIC_GENDER[m.honorific])
    shared = {s for s, g in genders.items() if len(g) > 1}
    for surname, firsts in given.items():
        firsts = sorted(firsts)
        if any(not similar_names(a, b) for i, a in enumerate(firsts) for b in firsts[i + 1 :]):
            shared.add(surname)
    return shared
