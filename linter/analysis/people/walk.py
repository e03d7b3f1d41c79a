"""The reference walk for the pronoun rules: the people (entities) a document names and their mentions in reading
order, and what a pronoun can point back to.

Works on the spaCy parses of `linter.analysis.nlp.parsed` (tagger and parser; no NER, which doubles the cost of a
parse).
A person is a run of proper nouns with an honorific or title ("Ms. Okafor", "Captain Ingrid Solvang") or of two or
more proper nouns with no organisation or place word in it ("Lena Marsh"); a later bare surname ("Marsh") is the
same person unless two people share it. A person's gender is fixed by an honorific (Mr., Ms., Mrs., Miss, Sir,
Dame, Lord, Lady) or by a he/she that can only be about them; the line where it was fixed is kept for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.analysis.analyses import analyses_of
from linter.analysis.people.words import (
    ANY_PERSON_NOUN,
    FEMALE,
    GENDERED_NOUNS,
    GENDERED_TITLES,
    MALE,
    MONTHS_AND_DAYS,
    NON_PERSON_WORDS,
    PRONOUN_GENDER,
    TITLES,
)
from linter.model.quotes import is_quoted


class Person:
    """One person the text mentions: their name, gender (or None) and where the gender was fixed.

    The reference walk is made once per document for all the rules that read it (see `track`), but a person's
    name and gender change as the text goes on ("Marsh" becomes "Lena Marsh"; "she" fixes a gender). So each value
    carries the block from which it holds, and a rule sees the values as they stood at the block it is reading:
    the block `track` last yielded (`reading[0]`, shared by everyone in the document)."""

    def __init__(self, name: str, surname: str, reading: list[int]):
        self.surname = surname
        self._reading = reading
        self._names = [(reading[0], name)]  # (from block, name), in order
        self._gender: tuple | None = None  # (from block, gender, line where fixed, words that fixed it)

    @property
    def name(self) -> str:
        return next(name for since, name in reversed(self._names) if since <= self._reading[0])

    @name.setter
    def name(self, full: str) -> None:
        self._names.append((self._reading[0], full))

    def _fixed(self) -> tuple:
        return self._gender if self._gender and self._gender[0] <= self._reading[0] else (None, None, None, "")

    @property
    def gender(self) -> str | None:
        return self._fixed()[1]

    @property
    def fixed_line(self) -> int | None:
        return self._fixed()[2]

    @property
    def fixed_by(self) -> str:
        return self._fixed()[3]

    def fix_gender(self, gender: str, line: int, by: str) -> None:
        """Fix the person's gender from the block being read on."""
        self._gender = (self._reading[0], gender, line, by)


@dataclass
class Mention:
    """A person mentioned by a run of proper nouns: tokens [start, end) of a spaCy doc, linked to the person the
    walk resolved it to. (The consistency rules read `NameMention` instead: how a surname is written, which the walk
    does not record, and found by another walk, so that both keep their behaviour.)"""

    person: Person
    start: int
    end: int


def is_pronoun_use(block, token) -> bool:
    """A he/she/they... token used as a pronoun in the narrative: not quoted, not part of a capitalised title
    ("The She Sells Boats director")."""
    in_title = token.text[:1].isupper() and token.i != token.sent.start and token.text != "I"
    return not in_title and not is_quoted(block, token)


def token_line(doc, block, token) -> int:
    """The 1-based line of the source where token starts."""
    return doc.position(block.source_span(token.idx, token.idx + len(token.text))[0])[0]


def governing_subject(token):
    """The subject of the nearest clause above token that does not contain it: "X said they had ..." gives X,
    "China deepened their curbs" gives China. A relative pronoun is replaced by the noun it belongs to."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (child.left_edge.i <= token.i <= child.right_edge.i):
                if child.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
                    return node.head
                return child
    return None


def proper_runs(sent):
    """Maximal runs of proper-noun tokens (joined by hyphens and the dots of initials) in a spaCy span."""
    run = []
    for token in sent:
        joins = run and token.text == "-" and token.i + 1 < sent.end and token.nbor(1).tag_ == "NNP"
        if token.tag_ in ("NNP", "NNPS") or joins:
            run.append(token)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _person_words(run):
    """(honorific gender or None, has a title, name tokens) of a run of proper nouns, or None if not a person."""
    words = [t for t in run if t.text != "-" and t.text[:1].isupper()]
    gender, titled = None, False
    titles = [i for i, w in enumerate(words) if w.lower_.rstrip(".") in TITLES]
    if titles:  # "Harbour Secretary Ana Ruiz": the name follows the last title word
        gender = next(
            (
                GENDERED_TITLES[words[i].lower_.rstrip(".")]
                for i in titles
                if words[i].lower_.rstrip(".") in GENDERED_TITLES
            ),
            None,
        )
        titled, words = True, words[titles[-1] + 1 :]
    if not words:
        return None
    last = words[-1]
    lowered = {w.lower_.rstrip(".") for w in words}
    if last.lower_ in NON_PERSON_WORDS or lowered & MONTHS_AND_DAYS or last.tag_ == "NNPS" or last.text.isupper():
        return None
    if any(not w.text[:1].isupper() or not w.text.replace("'", "").replace("’", "").isalpha() for w in words):
        return None
    return gender, titled, words


class People:
    """The people of a document, found in reading order: names, shared surnames, genders."""

    def __init__(self):
        self.by_surname: dict[str, list[Person]] = {}
        self.reading = [0]  # the position of the block being read (see Person)

    def mention(self, run, line: int) -> Person | None:
        """The person a run of proper nouns names, creating them on a first full mention; None if not a person."""
        found = _person_words(run)
        if found is None:
            return None
        gender, titled, words = found
        surname = words[-1].text
        known = self.by_surname.get(surname, [])
        if len(words) == 1 and not titled and not known:
            return None  # a lone capitalised word is not known to be a person
        full = " ".join(w.text for w in words)
        candidates = [p for p in known if p.name == full or len(words) == 1 or p.name == surname]
        if gender:
            candidates = [p for p in candidates if p.gender in (None, gender)]
        person = candidates[0] if len(candidates) == 1 else None
        if person is None:
            if len(words) == 1 and len(candidates) > 1:
                return None  # two people share the surname: this mention is ambiguous
            person = Person(full, surname, self.reading)
            self.by_surname.setdefault(surname, []).append(person)
        elif len(words) > 1 and person.name == surname:
            person.name = full
        if gender and person.gender is None:
            person.fix_gender(gender, line, f"{run[0].text} {surname}")
        return person


@dataclass
class SentenceInfo:
    """What reference tracking saw in one sentence."""

    block: object
    sent: object
    mentions: list  # Mention, in order
    person_nouns: dict = field(default_factory=dict)  # token index -> gender or None


def track(doc):
    """Walk the document's parsed blocks (`linter.analysis.nlp.parsed`) in order: yields (block, spaCy doc,
    [SentenceInfo]) with every person mention resolved and genders fixed by honorifics and by he/she pronouns that
    can only be about one person. The walk is made once per document for all the rules that call this; while a rule
    reads a block, people's names and genders are what the walk knew after that block."""
    people, walked = analyses_of(doc).reference_walk
    for position, (block, parse, infos) in enumerate(walked):
        people.reading[0] = position
        yield block, parse, infos


def walk_references(doc) -> tuple[People, list]:
    """The reference walk itself, made once per document (see `linter.analysis.analyses`): the people and, for each
    parsed block in order, (block, spaCy doc, [SentenceInfo])."""
    from linter.analysis.nlp import parsed

    people, walked = People(), []
    previous = None
    for position, (block, parse) in enumerate(parsed(doc)):
        people.reading[0] = position
        infos = []
        for sent in parse.sents:
            info = SentenceInfo(block, sent, [])
            for run in proper_runs(sent):
                person = people.mention(run, token_line(doc, block, run[0]))
                if person is not None:
                    info.mentions.append(Mention(person, run[0].i, run[-1].i + 1))
            named = {i for m in info.mentions for i in range(m.start, m.end)}
            # One pass for person nouns and pronouns: a pronoun only looks back at the nouns before it.
            for token in sent:
                word = token.lower_
                if word in ANY_PERSON_NOUN and token.tag_ == "NN" and not _describes_mention(token, named):
                    info.person_nouns[token.i] = next((g for g in (MALE, FEMALE) if word in GENDERED_NOUNS[g]), None)
                gender = PRONOUN_GENDER.get(word)
                if gender is None or not is_pronoun_use(block, token):
                    continue
                person = sole_referent(token, info, previous)
                if person is not None and person.gender is None:
                    person.fix_gender(gender, token_line(doc, block, token), token.text)
            infos.append(info)
            previous = info
        walked.append((block, parse, infos))
    return people, walked


def _describes_mention(noun, named) -> bool:
    """A person noun that is part of a named mention: "Ms. Ferreira, a nurse", "council member Ray Odom"."""
    return noun.head.i in named or any(c.i in named for c in noun.children if c.dep_ in ("appos", "compound"))


def mention_at(info, token):
    """The mention that covers token, if any."""
    return next((m for m in info.mentions if m.start <= token.i < m.end), None)


def candidates_in_reach(token, info, previous, gender=None):
    """What a he/she pronoun could refer to in the sentence up to it and the previous sentence: (people, the number
    of other candidates: person nouns, pronouns of the same gender, coordinated names). With gender, only people
    and nouns of that gender or of unknown gender are kept."""
    people, others = [], 0
    same = PRONOUN_GENDER[token.lower_]
    for source, limit in ((info, token.i), (previous, None)):
        if source is None:
            continue
        for m in source.mentions:
            if (limit is None or m.start < limit) and m.person not in people:
                if gender is None or m.person.gender in (None, gender):
                    people.append(m.person)
                head = source.sent.doc[m.end - 1]
                others += head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)
        for i, noun_gender in source.person_nouns.items():
            if (limit is None or i < limit) and (gender is None or noun_gender in (None, gender)):
                others += 1
        others += sum(
            1
            for t in source.sent
            if (limit is None or t.i < limit)
            and t.i != token.i
            and PRONOUN_GENDER.get(t.lower_) == same
            and is_pronoun_use(source.block, t)
        )
    return people, others


def sole_referent(token, info, previous):
    """The one person a he/she pronoun can be about, or None: the subject of the clause above it when that is a
    person, else the only person in reach, provided no other person or person noun could be meant."""
    subject = governing_subject(token)
    if subject is not None:
        mention = mention_at(info, subject)
        if mention is None:
            return None
        people, others = candidates_in_reach(token, info, previous, PRONOUN_GENDER[token.lower_])
        rivals = [p for p in people if p is not mention.person]
        return mention.person if not rivals and not others else None
    people, others = candidates_in_reach(token, info, previous)
    return people[0] if len(people) == 1 and not others else None
