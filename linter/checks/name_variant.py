"""One person's name spelled two ways: "Kirwan" and "Kirwin", "Katharine Bell" and "Katherine Bell".

The names come from the discourse model's name mentions (`linter.analysis.discourse`); a capitalised word one
edit away from one of their names (two for long names), and not a place, date or other named thing, is a variant.
Flagged, once per pair of spellings: the first use of the less common one, with the lines of both in the message
and the common one as the suggestion (on a tie, the spelling used first wins).
Not flagged: two people with similar names that the article tells apart ("Tom Johnson" and "Amy Johnston",
"Mr. Hanson" and "Ms. Hansen"), similar given names with different surnames, a given name and its short form
("Steven" and "Steve Gerrard"), a family ("the Smiths").
"""

from __future__ import annotations

import re
from collections import Counter

from linter.analysis.discourse import discourse
from linter.analysis.people.names import FULL, lines_text, related_spans, similar_names
from linter.analysis.people.words import HONORIFIC_GENDER
from linter.analysis.word_frequency import zipf_frequency
from linter.checks.base import ENTITIES, PARSE
from linter.model.findings import block_hit

CATEGORY = "consistency"
NEEDS = (PARSE, ENTITIES)
OPTIONS = {}
# Zipf frequency from which a capitalised word ("Games", "Beauty") is taken for an English word, not a name.
COMMON_WORD = 4.0
# Zipf frequency below which a word is no English word at all ("Kirwin"), only a name.
RARE_WORD = 2.5
# Entity types that name places and things, never people.
NOT_PEOPLE = {
    "GPE",
    "LOC",
    "FAC",
    "NORP",
    "DATE",
    "TIME",
    "EVENT",
    "PRODUCT",
    "LAW",
    "LANGUAGE",
    "WORK_OF_ART",
    "MONEY",
    "PERCENT",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
}


def _people(names):
    """surname -> first words of its given names, surname -> genders, given name -> surnames."""
    firsts_of, genders, surnames_of = {}, {}, {}
    for m in names:
        firsts_of.setdefault(m.surname, set())
        if m.style == FULL:
            first = _given_name(m.given)
            firsts_of[m.surname].add(first)
            surnames_of.setdefault(first, set()).add(m.surname)
        if m.honorific and HONORIFIC_GENDER[m.honorific]:
            genders.setdefault(m.surname, set()).add(HONORIFIC_GENDER[m.honorific])
    return firsts_of, genders, surnames_of


def _given_name(given: str) -> str:
    """The given name nearest the surname that is not an initial: "Ali" in "Ayatollah Ali", "John" in "John F."."""
    words = given.split()
    return next((w for w in reversed(words) if not (len(w) <= 2 or w.endswith("."))), words[0])


def _same_person(a: str, b: str, firsts_of, genders, surnames_of) -> bool:
    """Whether two similar known name words, or a known surname and another word, can be one name spelled two
    ways. A given name and a surname ("David Davis") never are."""
    if a in firsts_of and b in firsts_of:  # two surnames: unless the article gives unlike first names or genders
        first_a, first_b = firsts_of[a], firsts_of[b]
        if first_a and first_b and not any(x == y or similar_names(x, y) for x in first_a for y in first_b):
            return False
        return not (genders.get(a) and genders.get(b) and genders[a] != genders[b])
    if a in surnames_of and b in surnames_of:  # two given names: with the same surname, and not a short form
        return bool(surnames_of[a] & surnames_of[b]) and not (a.startswith(b) or b.startswith(a))
    known_a, known_b = a in firsts_of or a in surnames_of, b in firsts_of or b in surnames_of
    return (a in firsts_of and not known_b) or (b in firsts_of and not known_a)


def _stands_for(word: str, surname: str, uses, firsts_of) -> bool:
    """Whether every use of an unknown word can be the surname: never a first name (a capitalised word after it)
    and never after a first name other than the person's ("Paul Muller" is not "Miller"); a plural form only as
    the subject of a verb ("Fitzwilliams said")."""
    mine = [use for use in uses if use[0] == word]
    if any(
        capital_after or (before and before not in firsts_of.get(surname, ())) for *_, before, capital_after, _ in mine
    ):
        return False
    if word.rstrip("s") == surname.rstrip("s"):  # "the Smiths", "ex-Smiths star": a plural unless it is a subject
        return any(subject for *_, subject in mine)
    return True


def _roster(text: str) -> bool:
    """A team sheet or list of names ("Sheahan, Horan, O'Callaghan, Miller"), where similar names are teammates."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return len(words) >= 6 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _uses(pairs, word_pattern):
    """(word, block, start, end, in a PERSON entity, capitalised word before it, whether one follows, whether it is
    a subject) of each
    capitalised word that may name a person: not a named place or thing, not after "the", never written in lower
    case in the article, not in a list of names."""
    lowered = {w for block, _ in pairs for w in re.findall(r"\b[a-z]+\b", block.text)}
    for block, sdoc in pairs:
        if _roster(block.text):
            continue
        for token in sdoc:
            text = token.text
            if not word_pattern.fullmatch(text) or token.ent_type_ in NOT_PEOPLE or text.lower() in lowered:
                continue
            if token.i and sdoc[token.i - 1].lower_ == "the":
                continue
            previous = sdoc[token.i - 1] if token.i else None
            before = (
                previous.text
                if previous is not None and not token.is_sent_start and word_pattern.fullmatch(previous.text)
                else None
            )
            following = sdoc[token.i + 1] if token.i + 1 < len(sdoc) else None
            capital_after = following is not None and word_pattern.fullmatch(following.text) is not None
            yield (
                text,
                block,
                token.idx,
                token.idx + len(text),
                token.ent_type_ == "PERSON",
                before,
                capital_after,
                token.dep_ in ("nsubj", "nsubjpass"),
            )


def _name_like(word: str, uses) -> bool:
    """A word read as a person's name at least once, or too rare as an English word to be anything else."""
    return any(use[4] for use in uses if use[0] == word) or zipf_frequency(word.lower()) < COMMON_WORD


def check(doc, options):
    from linter.analysis.nlp import parsed

    names = [m.name for m in discourse(doc).names]
    if not names:
        return
    firsts_of, genders, surnames_of = _people(names)
    known = set(firsts_of) | set(surnames_of)
    uses = list(_uses(parsed(doc), re.compile(r"[A-Z][a-z][\w'-]+")))
    counts = Counter(word for word, *_ in uses)
    first_use = {}
    for i, (word, *_) in enumerate(uses):
        first_use.setdefault(word, i)
    reported = set()
    for name in sorted(known):
        for other in counts:
            if other == name or (other, name) in reported or not similar_names(name, other):
                continue
            if not _same_person(name, other, firsts_of, genders, surnames_of):
                continue
            if other not in known and not (_name_like(other, uses) and _stands_for(other, name, uses, firsts_of)):
                continue
            reported.add((name, other))
            ranked = sorted((name, other), key=lambda w: (-counts[w], first_use.get(w, len(uses))))
            majority, minority = ranked
            spelled = [(block, start, end) for word, block, start, end, *_ in uses if word == minority]
            usual = [(block, start, end) for word, block, start, end, *_ in uses if word == majority]
            if not spelled:  # the minority spelling is only used where a name cannot be told (a team sheet)
                continue
            hit = block_hit(
                *spelled[0],
                suggestion=majority,
                form=minority,
                lines=lines_text(doc, spelled),
                majority=majority,
                other_lines=lines_text(doc, usual) if usual else "the full name",
            )
            # Evidence of one name misspelt: the common spelling is used more than once and the other only once
            # (a slip), the other is no English word, and the article does not present both as people's names.
            hit.confidence = (
                0.5
                + 0.2 * (len(spelled) == 1 and len(usual) >= 2)
                + 0.2 * (minority not in known)
                + 0.1 * (zipf_frequency(minority.lower()) < RARE_WORD)
            )
            hit.related = related_spans(usual)
            yield hit
