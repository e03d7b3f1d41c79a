"""One person given two different titles: "Finance Minister Ada Rusk" and later "Trade Minister Ada Rusk".

A title is a role noun from the rule's `roles` list found by the parse in one of four places: before the name
("Provost Hannah Liebowitz"), in an apposition after it ("Liebowitz, the university's vice president") or before
it ("Australia's minister for industry, Sanae Takaichi"), or after "position as" / "role as". Two titles of one
person conflict when their roles differ (synonyms aside), when their ranks differ ("vice", "deputy"), when their
qualifiers share nothing ("finance" / "trade"), or when they name different owners ("Australia's" / "Japan's").
Not flagged: a title the story says changed (a word from `change_words` in either sentence: "former", "then",
"became", "was named"), unless the two titles belong to different countries; titles in quotes; two titles in one
sentence; a surname shared by two people; descriptions that are not roles ("a retired teacher", "a mother of three").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.analysis.discourse import discourse
from linter.checks.base import ENTITIES, PARSE
from linter.model.findings import block_hit

CATEGORY = "consistency"
NEEDS = (PARSE, ENTITIES)
OPTIONS = {"roles": [str], "synonyms": dict, "ranks": [str], "change_words": [str], "ignore_modifiers": [str]}
HOLDER_NOUNS = {"position", "role", "post", "job", "tenure", "capacity", "term", "time"}
LOOK_BACK = 120  # characters before a title searched for its owner or rank
WORD_BEFORE = re.compile(r"(\w+)\s+$")
OWNER_BEFORE = re.compile(
    r"(?:\bthe\s+)?((?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*|[a-z]+(?:\s[a-z]+)?)['’]s\s+"
    r"((?:[a-z-]+\s+)*)$"
)


@dataclass
class Title:
    text: str
    block: object
    start: int
    end: int
    roles: frozenset  # "president and chief executive" holds two
    lemmas: frozenset  # every word's lemma: "chair of the judges" is a judge too
    ranks: frozenset
    qualifiers: frozenset
    owner: str | None
    owner_is_country: bool
    changed: bool
    sentence: int = 0  # the character offset where the title's sentence starts in its block


def _span_tokens(tokens):
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "det"):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens


def _title_nodes(token, name_tokens, roles):
    """(role token, tokens of the title) for each title the parse gives the person whose surname is token."""
    before = [
        t
        for child in token.children
        if child.dep_ in ("compound", "amod", "nmod") and child.i < token.i and child not in name_tokens
        for t in child.subtree
        if t not in name_tokens
    ]
    first = min(before, key=lambda t: t.i) if before else None
    # "how good a prime minister Gordon Brown will make" is a prediction, not a title
    if before and not (first.i and first.doc[first.i - 1].lower_ in ("a", "an")):
        yield max(before, key=lambda t: (t.lower_ in roles or t.lemma_.lower() in roles, t.i)), before
    for child in token.children:
        if child.dep_ == "appos":
            yield child, list(child.subtree)
    if token.dep_ == "appos":
        head = token.head
        set_off = token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ","
        if head.pos_ == "NOUN" and set_off:  # "the minister, Ada Rusk", not "a better minister Ada Rusk"
            yield head, [t for t in head.subtree if t not in set(token.subtree) and t.i < token.i]
        for sibling in head.children:
            if sibling.dep_ == "appos" and sibling.i < token.i and sibling is not token:
                yield sibling, list(sibling.subtree)
    if token.dep_ == "poss" and token.head.lemma_.lower() in HOLDER_NOUNS:
        for prep in token.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        yield obj, list(obj.subtree)


def _written_title(name, token, roles):
    """(role token, tokens) of the title written before the full name ("County Clerk" in "County Clerk Ramona
    Ibsen"), which the parse may not attach to the surname."""
    if name.title is None:
        return
    tokens = sorted(_tokens_starting_within(token, name.title_start, name.name_start), key=lambda t: t.i)
    node = next((t for t in reversed(tokens) if t.lower_ in roles or t.lemma_.lower() in roles), None)
    if node is not None:
        yield node, tokens


def _tokens_starting_within(token, start: int, end: int) -> set:
    """The tokens of token's doc that start at a character in [start, end), found by walking out from token (the
    surname, at or next to that range) instead of over the whole doc."""
    doc, i = token.doc, token.i
    while i > 0 and doc[i - 1].idx >= start:
        i -= 1
    while i < len(doc) and doc[i].idx < start:
        i += 1
    j = i
    while j < len(doc) and doc[j].idx < end:
        j += 1
    return set(doc[i:j])


def _titles_of(mention, roles, rank_words, ignore, change_words):
    """The titles the article gives the person at this name mention, with their role, ranks, qualifiers and owner."""
    token, name = mention.surname_token, mention.name
    name_tokens = _tokens_starting_within(token, name.name_start or name.start, name.end)
    for node, tokens in (*_title_nodes(token, name_tokens, roles), *_written_title(name, token, roles)):
        held = {roles.get(t.lower_) or roles.get(t.lemma_.lower()) for t in (node, *node.conjuncts)} - {None}
        tokens = _span_tokens([t for t in tokens if t not in name_tokens])
        if not (roles.get(node.lower_) or roles.get(node.lemma_.lower())) or not tokens:
            continue
        words = [t for t in tokens if t is not node]
        block, text = mention.block, mention.block.text
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        owner = next((t for t in node.children if t.dep_ == "poss" and t.pos_ != "PRON"), None)
        owner_text = " ".join(t.text for t in owner.subtree if t.dep_ != "case") if owner else None
        window = max(0, start - LOOK_BACK)  # the words just before: a bounded search, however long the paragraph
        before = OWNER_BEFORE.search(text, window, start)
        if owner is None and before:  # "Australia's then new minister": the parse may miss the owner
            owner_text, start = before.group(1), before.start(1)
        owner_words = set((owner_text or "").lower().split())
        qualifiers = {
            t.lower_
            for t in words
            if t.pos_ in ("NOUN", "PROPN", "ADJ")
            and t.lower_ not in ignore
            and t.lower_ not in owner_words
            and t.ent_type_ not in ("NORP", "GPE", "PERSON")
            and t.lower_ not in rank_words
            and t.lower_ not in roles
        }
        ranks = {t.lower_ for t in words if t.lower_ in rank_words}
        rank_before = WORD_BEFORE.search(text, max(0, start - LOOK_BACK), start)
        if rank_before and rank_before.group(1).lower() in rank_words:  # "shadow" misread as a verb
            ranks.add(rank_before.group(1).lower())
            start = rank_before.start(1)
        sentence = node.sent
        changed = any(t.lower_ in change_words or t.lemma_.lower() in change_words for t in sentence) or any(
            w in change_words for w in text[start:end].lower().split()
        )
        country = owner_text is not None and any(e.label_ == "GPE" and e.text in owner_text for e in token.doc.ents)
        yield Title(
            text[start:end],
            block,
            start,
            end,
            frozenset(held),
            frozenset(t.lemma_.lower() for t in tokens),
            frozenset(ranks),
            frozenset(qualifiers),
            owner_text,
            country,
            changed,
            sentence.start_char,
        )


def _owners_differ(a: Title, b: Title) -> bool:
    if not a.owner or not b.owner:
        return False
    words_a, words_b = set(a.owner.lower().split()), set(b.owner.lower().split())
    return not (words_a & words_b)


def _same_role(a: Title, b: Title) -> bool:
    return bool(a.roles & b.roles or a.roles & b.lemmas or b.roles & a.lemmas)


def conflict(a: Title, b: Title) -> bool:
    """Whether two titles cannot both be the person's, unless the story says one changed. Two titles in one
    sentence describe the person together ("the prosecutor, State Comptroller Alan Hevesi")."""
    if a.block is b.block and a.sentence == b.sentence:
        return False
    if a.owner_is_country and b.owner_is_country and _owners_differ(a, b):
        return True
    if a.changed or b.changed:
        return False
    other_role = not _same_role(a, b)
    if other_role or a.ranks != b.ranks or _owners_differ(a, b):
        return True
    described_a = a.qualifiers | set((a.owner or "").lower().split())
    described_b = b.qualifiers | set((b.owner or "").lower().split())
    return bool(a.qualifiers and b.qualifiers and not described_a & described_b)


def check(doc, options):
    roles = {}
    for role in options["roles"]:
        roles[role.lower()] = role.lower()
    for name, words in options["synonyms"].items():
        for word in words:
            roles[str(word).lower()] = str(name).lower()
    rank_words = {w.lower() for w in options["ranks"]}
    ignore = {w.lower() for w in options["ignore_modifiers"]}
    change_words = {w.lower() for w in options["change_words"]}
    model = discourse(doc)
    titles: dict[object, list[Title]] = {}  # person -> the titles given so far
    for m in model.names:
        surname = m.name.surname
        if surname in model.shared_surnames or m.quoted:
            continue
        for title in _titles_of(m, roles, rank_words, ignore, change_words):
            known = titles.setdefault(m.entity, [])
            if any(t.block is title.block and t.start < title.end and title.start < t.end for t in known):
                continue
            earlier = next((t for t in known if conflict(t, title)), None)
            known.append(title)
            if earlier is not None:
                hit = block_hit(title.block, title.start, title.end, name=surname, title=title.text, other=earlier.text)
                # Two different offices are clearer evidence than two descriptions of one office.
                hit.confidence = 0.8 if not _same_role(earlier, title) else 0.6
                hit.related = [(*earlier.block.source_span(earlier.start, earlier.end), earlier.text)]
                yield hit
