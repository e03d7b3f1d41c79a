"""The discourse model: who and what an article talks about, mention by mention, and what each pronoun can point
back to. Computed once per document from the spaCy parses (`linter.analysis.nlp.parsed`) and read by the pronoun
rules and by `copydesk explain --entities`.

- Entities: people, organisations, places, groups and things, each with its mentions in reading order: a run of
  proper nouns (resolved by full name, honorific and surname, or bare surname unless two people share it), a noun
  phrase ("the council", "growers"), or a pronoun bound to it.
- Each mention's number (morphology, coordination, collective nouns; organisations are singular, and under
  `language: en-GB` may also be plural unless a singular verb says otherwise), the entity's kind (spaCy's entity
  label when the run has NER, the words of the name otherwise) and so its animacy, and its grammatical role.
- Gender evidence with its source and strength: an honorific (1.0), a gendered title or noun for the person
  (0.9), a pronoun already bound to them (0.8), the first name's entry in gender-guesser's name table (0.6, when
  installed; names it calls ambiguous give nothing). Each piece holds from where it was read on.
- Salience: subjects over objects over the rest, decaying by sentence and more across a paragraph break; the
  subject of the clause above a pronoun ("X said they ...") is bound most strongly, and a candidate in the
  pronoun's own role (subject for subject) is preferred.
- Quoted speech keeps its own first and second person and its speaker: pronouns inside quotation marks or a
  blockquote are not resolved, and a quotation's speaker is the subject of its speech verb.
- Name mentions, for the consistency rules: every reference to a person's name in the writer's blocks (full name,
  honorific, bare surname, title before the name; `linter.analysis.people.names`) is a mention of its person that
  carries its `Name`. A surname two people share (unlike given names, honorifics of both genders) is no one's
  unless its own run of proper nouns says whose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from linter.analysis.people.names import FULL, Name, find_names, shared_surnames, surname_token
from linter.analysis.people.words import (
    ANY_PERSON_NOUN,
    FEMALE,
    GENDERED_NOUNS,
    GENDERED_TITLES,
    MALE,
    MONTHS_AND_DAYS,
    NON_PERSON_WORDS,
    ORGANISATION_NOUNS,
    PRONOUN_GENDER,
    TITLES,
)
from linter.analysis.voice import others_voice
from linter.model.findings import Hit, block_hit
from linter.model.quotes import is_quoted

PERSON, ORGANISATION, PLACE, GROUP, THING = "person", "organisation", "place", "group", "thing"
SINGULAR, PLURAL = "singular", "plural"
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
NEUTER_PRONOUNS = {"it", "its", "itself"}
SUBJECT, OBJECT, POSSESSIVE, OTHER = "subject", "object", "possessive", "other"
ROLE_WEIGHT = {SUBJECT: 1.0, OBJECT: 0.7, POSSESSIVE: 0.5, OTHER: 0.5}
SENTENCE_DECAY = 0.6  # salience kept per sentence back
PARAGRAPH_DECAY = 0.5  # and again across a paragraph break
BOUND_SALIENCE = 2.0  # the subject of the clause above the pronoun
PARALLEL_BOOST = 2.0  # a candidate in the pronoun's own role
QUOTED_WEIGHT = 0.5  # a mention inside someone's quoted words
REACH_SENTENCES = 4  # sentences back a pronoun can reach (within the paragraph and the one before)
# Strength of each source of gender evidence.
HONORIFIC, GENDERED_WORD, BOUND_PRONOUN, FIRST_NAME = 1.0, 0.9, 0.8, 0.6
# spaCy entity labels -> kind; measures (dates, money, numbers) are never antecedents.
ENTITY_KINDS = {"PERSON": PERSON, "ORG": ORGANISATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "NORP": GROUP}
MEASURE_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
MEASURE_NOUNS = {
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "percent", "cent", "point",
    "dollar", "pound", "euro", "million", "billion", "mile", "kilometre", "kilometer", "metre", "meter", "foot",
    "ton", "tonne", "time", "times", "way", "thing", "lot",
}  # fmt: skip
# Gendered role words that news copy also uses for women ("party chairman Petrina ..."): not gender evidence.
ROLE_WORDS = {"chairman", "spokesman", "businessman", "sportsman", "policeman", "chairwoman", "spokeswoman"}
# Pronouns and determiners that stand for people or things as a plural ("those with blogs", "many of them") or
# take a singular they ("everyone chosen").
GROUP_PRONOUNS = {"those", "these", "others", "many", "some", "several", "both", "all", "few", "most"}
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj"}
INDEFINITE_PEOPLE = {"everyone", "everybody", "anyone", "anybody", "someone", "somebody", "nobody", "no-one"}
GROUP_NOUNS = {"couple", "family", "crew", "staff", "police", "public", "audience", "panel", "jury"}
SPEECH_VERBS = {"say", "tell", "add", "ask", "write", "explain", "note", "recall", "insist", "argue", "warn"}
PLACE_WORDS = {"st", "saint", "mount", "lake", "river", "port", "fort", "north", "south", "east", "west"}
SINGULAR_VERBS = {"is", "was", "has", "does", "'s"}
END = (float("inf"),)  # an order after every mention
UNKNOWN_NAME = "a name of unknown kind"


@dataclass
class Evidence:
    """One piece of evidence about an entity: its value, where it comes from (a readable source, "honorific
    'Ms.'"), how strong it is (0-1), the line it was read on and its place in reading order."""

    value: str
    source: str
    strength: float
    line: int
    order: tuple
    sentence: int = -1  # the sentence it was read in (counted through the document), where that matters


@dataclass
class Mention:
    """One mention of an entity: tokens [start, end) of a block's spaCy doc. `kind` is "name", "noun" or
    "pronoun"; `sentence` counts sentences through the document and `paragraph` parsed blocks. A reference to a
    person's name carries its `Name` (how it is written); its entity is None when two people share the surname."""

    entity: Entity | None
    block: object
    sdoc: object
    start: int
    end: int
    kind: str
    number: str | None
    role: str
    line: int
    sentence: int
    paragraph: int
    quoted: bool
    name: Name | None = None

    @property
    def text(self) -> str:
        return self.sdoc[self.start : self.end].text

    @property
    def span(self) -> tuple:
        """(block, start, end) in the block's text: the whole reference for a name mention, else the tokens."""
        if self.name is not None:
            return self.block, self.name.start, self.name.end
        last = self.sdoc[self.end - 1]
        return self.block, self.sdoc[self.start].idx, last.idx + len(last.text)

    @property
    def surname_token(self):
        """The spaCy token of a name mention's surname."""
        return surname_token(self.sdoc, self.name)

    @property
    def head(self):
        return self.sdoc[self.end - 1]

    @property
    def order(self) -> tuple:
        return (self.paragraph, self.start)


class Entity:
    """A person, organisation, place, group or thing, with its mentions and evidence in reading order."""

    def __init__(self, name: str, kind: str, kind_source: str):
        self.name = name
        self.kind = kind
        self.kind_source = kind_source
        self.surname: str | None = None
        self.first_name: str | None = None
        self.mentions: list[Mention] = []
        self.gender_evidence: list[Evidence] = []
        self.number_evidence: list[Evidence] = []
        self.uses_they = False

    @property
    def animate(self) -> bool:
        return self.kind == PERSON or (self.kind == GROUP and self.first_mention_plural_people)

    @property
    def first_mention_plural_people(self) -> bool:
        return bool(self.mentions) and self.mentions[0].head.lower_ in ANY_PERSON_NOUN

    def gender_at(self, order: tuple) -> Evidence | None:
        """The strongest gender evidence read before `order` (the earliest of equal strength)."""
        known = [e for e in self.gender_evidence if e.order < order]
        return max(known, key=lambda e: (e.strength, [-x for x in e.order])) if known else None

    @property
    def name_mentions(self) -> list[Mention]:
        """The mentions of the person's name (with their `Name`), in reading order."""
        return [m for m in self.mentions if m.name is not None]

    def singular_verb_at(self, order: tuple) -> Evidence | None:
        return next((e for e in self.number_evidence if e.order < order), None)

    def add_gender(self, value, source, strength, line, order) -> None:
        if not any(e.value == value and e.source == source for e in self.gender_evidence):
            self.gender_evidence.append(Evidence(value, source, strength, line, order))

    def __repr__(self) -> str:
        return f"Entity({self.name!r}, {self.kind})"


@dataclass
class Quote:
    """A stretch of quoted speech in a block and its speaker, when the text names one."""

    block: object
    start: int
    end: int
    speaker: Entity | None


@dataclass
class Sentence:
    """A parsed sentence with its place in the document and the mentions in it."""

    block: object
    sent: object
    index: int
    paragraph: int
    mentions: list = field(default_factory=list)


@dataclass
class Discourse:
    """The model of one document: entities, sentences (with mentions), quotations."""

    entities: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    pronouns: dict = field(default_factory=dict)  # (paragraph, token index) -> Resolution
    names: list = field(default_factory=list)  # every name mention of a person, in reading order
    shared_surnames: set = field(default_factory=set)  # surnames that two or more people share

    def named_people(self) -> list[Entity]:
        """The people the name rules compare: one per surname that no two people share, with a name mentioned
        outside quotes, in the order of that first mention."""
        people = []
        for mention in self.names:
            entity = mention.entity
            if entity is not None and not mention.quoted and entity not in people:
                if mention.name.surname not in self.shared_surnames:
                    people.append(entity)
        return people

    def sentence_of(self, paragraph: int, token) -> Sentence:
        return next(s for s in self.sentences if s.paragraph == paragraph and s.sent.start <= token.i < s.sent.end)


@dataclass
class Candidate:
    """An entity a pronoun could mean, with its salience and its most salient mention."""

    entity: Entity
    mention: Mention
    salience: float
    compatible: bool
    clash: str = ""  # why it is not compatible: "female by honorific 'Ms.' in line 3"


@dataclass
class Resolution:
    """What a pronoun was resolved against: every candidate in reach, most salient first."""

    token: object
    block: object
    paragraph: int
    candidates: list
    sentence: int = -1  # the pronoun's sentence, counted through the document

    @property
    def best_compatible(self) -> Candidate | None:
        return next((c for c in self.candidates if c.compatible), None)


@lru_cache(maxsize=1)
def _name_table():
    """gender-guesser's detector (about two seconds to load its table: only when a first name is asked about), or
    None when it is not installed."""
    try:
        from gender_guesser.detector import Detector
    except ImportError:
        return None
    return Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """MALE or FEMALE when gender-guesser's table gives the first name as such; None when it is ambiguous
    ("mostly_", "andy"), unknown, or the table is not installed."""
    table = _name_table()
    if table is None or not name.isalpha():
        return None
    return {"male": MALE, "female": FEMALE}.get(table.get_gender(name))


@lru_cache(maxsize=4096)
def is_first_name(name: str) -> bool:
    """The word is a first name in gender-guesser's table (whatever gender it gives)."""
    table = _name_table()
    return table is not None and name.isalpha() and table.get_gender(name) != "unknown"


def _described_as_body(head) -> str:
    """ "X, which runs ferries", "X, the developer": the text itself describes the name as a body, not a person."""
    for child in head.children:
        if child.dep_ == "relcl" and any(c.lower_ == "which" for c in child.children):
            return "described by 'which'"
        if child.dep_ == "appos" and child.lemma_.lower() in ORGANISATION_NOUNS:
            return f"described as '{child.text}'"
    return ""


def _described_as_person(head) -> bool:
    """ "Amara Nwosu, chief executive of ...": a person noun in apposition to the name."""
    return any(
        c.dep_ == "appos" and (c.lower_ in ANY_PERSON_NOUN or c.lemma_ in ANY_PERSON_NOUN) for c in head.children
    )


def token_line(doc, block, token) -> int:
    """The 1-based line of the source where token starts."""
    return doc.position(block.source_span(token.idx, token.idx + len(token.text))[0])[0]


def role_of(token) -> str:
    dep = token.dep_
    if dep in ("nsubj", "nsubjpass", "csubj"):
        return SUBJECT
    if dep in ("dobj", "pobj", "dative", "attr", "oprd"):
        return OBJECT
    if dep == "poss":
        return POSSESSIVE
    if dep in ("conj", "appos", "compound") and token.head.i != token.i:
        return role_of(token.head)
    return OTHER


def governing_subject(token):
    """The subject of the nearest clause above token that does not contain it: "X said they had ..." gives X,
    "China deepened their curbs" gives China, "X warned users to update their systems" gives users (the object
    controls an infinitive). A relative pronoun is replaced by the noun it belongs to."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "xcomp" and node.pos_ == "VERB":
            controller = next((c for c in node.head.children if c.dep_ == "dobj"), None)
            if controller is not None and not (controller.left_edge.i <= token.i <= controller.right_edge.i):
                return controller  # "Microsoft warned users to update their systems": the object does it
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (child.left_edge.i <= token.i <= child.right_edge.i):
                if child.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
                    return node.head
                return child
    return None


def clause_verb(token):
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


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


def _entity_label(token) -> str | None:
    return token.ent_type_ or None


def _is_measure(token) -> bool:
    return token.ent_type_ in MEASURE_LABELS or token.lemma_.lower() in MEASURE_NOUNS or token.like_num


def _has_singular_verb(token) -> bool:
    """The token is the subject of a singular verb: "The authority is concerned", "X has said"."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    return (
        verb.tag_ == "VBZ"
        or verb.lower_ in SINGULAR_VERBS
        or any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBZ" or c.lower_ in SINGULAR_VERBS) for c in verb.children)
    )


class _Builder:
    """Reads the parsed blocks in order and builds the Discourse."""

    def __init__(self, doc):
        self.doc = doc
        self.model = Discourse()
        self.by_surname: dict[str, list[Entity]] = {}
        self.by_name: dict[str, Entity] = {}
        self.sentence_index = 0

    # -- entities and mentions -------------------------------------------------------------------------------

    def _new(self, name, kind, source) -> Entity:
        entity = Entity(name, kind, source)
        self.model.entities.append(entity)
        return entity

    def _mention(self, entity, block, sdoc, start, end, kind, number, role, sentence, quoted) -> Mention:
        head = sdoc[end - 1]
        mention = Mention(
            entity,
            block,
            sdoc,
            start,
            end,
            kind,
            number,
            role,
            token_line(self.doc, block, head),
            sentence.index,
            sentence.paragraph,
            quoted,
        )
        entity.mentions.append(mention)
        sentence.mentions.append(mention)
        if kind != "pronoun" and _has_singular_verb(head):
            verb = next((c for c in head.head.children if c.dep_ in ("aux", "auxpass")), head.head)
            entity.number_evidence.append(
                Evidence(SINGULAR, f"singular verb '{verb.text}'", 1.0, mention.line, mention.order, mention.sentence)
            )
        return mention

    def _name_kind(self, run):
        """(kind, source, gender evidence or None, name tokens) of a run of proper nouns, or None for a measure."""
        words = [t for t in run if t.text != "-" and t.text[:1].isupper()]
        if not words:
            return None
        label = next((_entity_label(t) for t in reversed(run) if _entity_label(t)), None)
        if label in MEASURE_LABELS or (len(words) == 1 and words[0].lower_.rstrip(".") in MONTHS_AND_DAYS):
            return None
        titles = [i for i, w in enumerate(words) if w.lower_.rstrip(".") in TITLES]
        gender = None
        if titles and words[0].lower_.rstrip(".") in PLACE_WORDS and len(words) > 1:
            return PLACE, f"'{words[0].text}' in the name", None, words
        if titles:
            title = next((words[i] for i in titles if words[i].lower_.rstrip(".") in GENDERED_TITLES), None)
            if title is not None:
                gender = (GENDERED_TITLES[title.lower_.rstrip(".")], title.text)
            names = words[titles[-1] + 1 :]
            if names and names[-1].lower_ not in NON_PERSON_WORDS:
                return PERSON, f"title '{words[titles[-1]].text}'", gender, names
        last = words[-1].lower_
        if last in NON_PERSON_WORDS:
            return ORGANISATION, f"'{words[-1].text}' in the name", None, words
        described = _described_as_body(run[-1])
        if described:
            return ORGANISATION, described, None, words
        if 2 <= len(words) <= 3 and is_first_name(words[0].text) and label in (None, "PERSON", "GPE", "ORG", "NORP"):
            return PERSON, f"first name '{words[0].text}'", None, words
        if _described_as_person(run[-1]):
            return PERSON, "a person noun in apposition", None, words
        if label == "PERSON" and len(words) == 1:
            return THING, UNKNOWN_NAME, None, words  # the small model calls many lone capitalised words people
        if label in ENTITY_KINDS:
            return ENTITY_KINDS[label], f"named entity {label}", None, words
        return THING, UNKNOWN_NAME, None, words

    def _add_name(self, run, block, sdoc, sentence, quoted):
        found = self._name_kind(run)
        if found is None:
            return
        kind, source, gender, words = found
        head = run[-1]
        number = PLURAL if head.tag_ == "NNPS" and len(words) == 1 else SINGULAR
        full = " ".join(w.text for w in words)
        surname = words[-1].text
        entity = None
        by_label = source.startswith("named entity")
        if kind == PERSON or (len(words) <= 2 and surname in self.by_surname and (kind == THING or by_label)):
            known = self.by_surname.get(surname, [])
            matching = [e for e in known if e.name == full or len(words) == 1 or e.name == surname]
            if gender and len(matching) > 1:  # "Mr. Brandt" and "Ms. Brandt": the honorific tells them apart
                matching = [e for e in matching if e.gender_at(END) is None or e.gender_at(END).value == gender[0]]
            if len(matching) == 1:
                entity = matching[0]
                kind = PERSON
                if len(words) > 1 and entity.name == surname:
                    entity.name = full
            elif len(words) == 1 and len(matching) > 1:
                return  # two people share the surname: this mention is ambiguous
        if entity is None and kind != PERSON:
            entity = self.by_name.get(full.lower()) or self.by_name.get(words[0].text.lower())
        if entity is None:
            entity = self._new(full, kind, source)
            if kind == PERSON:
                entity.surname = surname
                entity.first_name = words[0].text if len(words) > 1 else None
                self.by_surname.setdefault(surname, []).append(entity)
                entity.uses_they = _introduces_they(sentence.sent)
            else:
                self.by_name[full.lower()] = entity
                if len(words) > 1:
                    self.by_name.setdefault(words[0].text.lower(), entity)
        mention = self._mention(
            entity, block, sdoc, run[0].i, run[-1].i + 1, "name", number, role_of(head), sentence, quoted
        )
        if entity.kind == PERSON:
            if gender:
                entity.add_gender(gender[0], f"honorific '{gender[1]}'", HONORIFIC, mention.line, mention.order)
            elif entity.first_name and not entity.gender_evidence:
                guess = first_name_gender(entity.first_name)
                if guess:
                    entity.add_gender(guess, f"first name '{entity.first_name}'", FIRST_NAME, mention.line, (-1,))
            self._gendered_apposition(entity, head, mention)

    def _gendered_apposition(self, entity, head, mention) -> None:
        """ "Ana Ruiz, the harbour chairwoman", "grandmother Ana Ruiz": a gendered noun for the named person."""
        for token in [*head.children, head.head]:
            if token.dep_ in ("appos", "compound") or (token is head.head and head.dep_ in ("appos", "compound")):
                word = token.lower_
                for gender in (MALE, FEMALE):
                    if word in GENDERED_NOUNS[gender] and token.tag_ == "NN" and word not in ROLE_WORDS:
                        entity.add_gender(gender, f"'{token.text}'", GENDERED_WORD, mention.line, mention.order)
                        return

    def _add_noun(self, token, block, sdoc, sentence, quoted, named):
        """A common-noun phrase: an organisation noun, a person noun, a plural group or a thing."""
        if token.i in named or _is_measure(token) or token.dep_ == "compound":
            return
        if token.text in self.by_surname and token.text[:1].isupper():
            self._add_name([token], block, sdoc, sentence, quoted)  # a known surname tagged as a noun
            return
        if token.dep_ == "appos" and token.head.i in named:
            return  # "Amara Nwosu, chief executive of ...": the named person again
        word, lemma = token.lower_, token.lemma_.lower()
        plural = token.tag_ == "NNS" or word in ("police", "people")
        coordinated = any(c.dep_ == "conj" for c in token.children)
        if lemma in ORGANISATION_NOUNS:
            kind = ORGANISATION
        elif word in ANY_PERSON_NOUN or lemma in ANY_PERSON_NOUN:
            kind = GROUP if plural else PERSON
        elif word in GROUP_NOUNS:
            kind = GROUP
        else:
            kind = GROUP if plural else THING
        number = PLURAL if plural or coordinated else SINGULAR
        if any(c.lower_ == "of" and any(o.tag_ in ("NNS", "NNPS") for o in c.children) for c in token.children):
            number = PLURAL  # "a company of 100 troops"
        if any(c.lower_ in ("each", "every", "either", "neither", "no", "any") for c in token.children):
            number = None  # distributive: either number reads naturally
        entity = None
        definite = any(c.lower_ in ("the", "this", "that", "its", "their") for c in token.children)
        if definite and kind in (ORGANISATION, THING):
            entity = self._recent_with_word(lemma, sentence)
        if entity is None:
            entity = self._new(token.text, kind, f"noun '{token.text}'")
            if kind == PERSON:
                for gender in (MALE, FEMALE):
                    if word in GENDERED_NOUNS[gender]:
                        entity.add_gender(gender, f"'{token.text}'", GENDERED_WORD, 0, (-1,))
        start = token.left_edge.i if token.left_edge.i >= sentence.sent.start else token.i
        start = max(start, min((c.i for c in token.children if c.dep_ in ("det", "amod", "compound")), default=token.i))
        self._mention(entity, block, sdoc, start, token.i + 1, "noun", number, role_of(token), sentence, quoted)

    def _add_group_pronoun(self, token, block, sdoc, sentence, quoted):
        """ "those with blogs", "everyone chosen": a group (plural) or unnamed people (who take a singular they)."""
        plural = token.lower_ in GROUP_PRONOUNS
        entity = self._new(token.text, GROUP, f"pronoun '{token.text}'")
        number = PLURAL if plural else None  # "everyone" takes a singular they, and is no one's he or she
        self._mention(entity, block, sdoc, token.i, token.i + 1, "noun", number, role_of(token), sentence, quoted)

    def _recent_with_word(self, lemma, sentence):
        """The entity most recently mentioned by a name or noun ending in this word ("Harbour Council" ... "the
        council"), within the last few paragraphs."""
        for previous in reversed(self.model.sentences[-12:] + [sentence]):
            for mention in reversed(previous.mentions):
                if mention.kind != "pronoun" and mention.head.lemma_.lower() == lemma:
                    return mention.entity
        return None

    def _coordination(self, sentence, block, sdoc, quoted):
        """ "The US and Japan", "Ms Reed and her brother": a plural group made of coordinated mentions."""
        heads = {m.head.i: m for m in sentence.mentions}
        for mention in heads.values():
            conj = [heads[c.i] for c in mention.head.children if c.dep_ == "conj" and c.i in heads]
            if conj and mention.kind != "pronoun":
                members = [mention, *conj]
                name = " and ".join(m.text for m in members)
                group = self._new(name, GROUP, "coordination")
                group.members = [m.entity for m in members]
                end = max(m.end for m in members)
                self._mention(group, block, sdoc, mention.start, end, "noun", PLURAL, mention.role, sentence, quoted)

    # -- the walk ----------------------------------------------------------------------------------------------

    def build(self, parses) -> Discourse:
        for paragraph, (block, sdoc) in enumerate(parses):
            has_ents = sdoc.has_annotation("ENT_IOB")
            for sent in sdoc.sents:
                sentence = Sentence(block, sent, self.sentence_index, paragraph)
                self.sentence_index += 1
                named = set()
                for run in proper_runs(sent):
                    if not has_ents or run[-1].ent_type_ not in MEASURE_LABELS:  # "First Minister X" is a name
                        self._add_name(run, block, sdoc, sentence, is_quoted(block, run[-1]))
                    named.update(t.i for t in run)
                for token in sent:
                    if token.pos_ == "NOUN" and token.tag_ in ("NN", "NNS"):
                        self._add_noun(token, block, sdoc, sentence, is_quoted(block, token), named)
                    elif token.lower_ in GROUP_PRONOUNS | INDEFINITE_PEOPLE and token.dep_ in NOMINAL_DEPS:
                        self._add_group_pronoun(token, block, sdoc, sentence, is_quoted(block, token))
                sentence.mentions.sort(key=lambda m: m.start)
                self._coordination(sentence, block, sdoc, False)
                sentence.mentions.sort(key=lambda m: m.start)
                self.model.sentences.append(sentence)
                self._pronouns(sentence, block, sdoc)
            self._quotes(block, sdoc, paragraph)
        self._names(parses)
        return self.model

    def _names(self, parses):
        """Join each reference to a person's name to a mention of its person: the run of proper nouns the walk
        made a mention of, when it ends in the surname and is that person's, else a mention of its own. Every
        use of one surname is one person's, unless two people share it."""
        writers = [(block, sdoc) for block, sdoc in parses if others_voice(self.doc, block) is None]
        found = find_names(writers)
        shared = shared_surnames(name for _, _, name in found)
        self.model.shared_surnames = shared
        paragraph_of = {id(block): i for i, (block, _) in enumerate(parses)}
        heads = {(m.paragraph, m.end - 1): m for s in self.model.sentences for m in s.mentions if m.kind == "name"}
        person_of: dict[str, Entity] = {}
        for block, sdoc, name in found:
            token = surname_token(sdoc, name)
            if token is None:
                continue
            paragraph = paragraph_of[id(block)]
            run = heads.get((paragraph, token.i))
            if run is not None and (run.entity.kind != PERSON or run.entity.surname != name.surname or run.name):
                run = None  # not a run of this surname's person
            entity = self._person_of(name, run, person_of, shared)
            if run is not None and run.entity is entity:
                run.name = name
                self.model.names.append(run)
                continue
            span = sdoc.char_span(name.start, name.end, alignment_mode="expand") or sdoc[token.i : token.i + 1]
            sentence = self.model.sentence_of(paragraph, token)
            mention = Mention(
                entity,
                block,
                sdoc,
                span.start,
                span.end,
                "name",
                SINGULAR,
                role_of(token),
                token_line(self.doc, block, token),
                sentence.index,
                paragraph,
                is_quoted(block, token),
                name,
            )
            if entity is not None:
                entity.mentions.append(mention)
                entity.mentions.sort(key=lambda m: m.order)
            self.model.names.append(mention)

    def _person_of(self, name: Name, run, person_of: dict, shared: set) -> Entity | None:
        """The person a name mention refers to: its run's person, or the one person of an unshared surname (the
        walk's, or a new one); None for a surname two people share, outside a run that says whose."""
        surname = name.surname
        if surname in shared:
            return run.entity if run is not None else None
        if surname not in person_of:
            known = self.by_surname.get(surname, [])
            if run is not None and run.entity not in person_of.values():
                person_of[surname] = run.entity
            elif len(known) == 1 and known[0] not in person_of.values():
                person_of[surname] = known[0]
            else:
                full = f"{name.given} {surname}" if name.given else surname
                person_of[surname] = self._new(full, PERSON, f"{name.style} name")
                person_of[surname].surname = surname
        entity = person_of[surname]
        if name.style == FULL and entity.name == surname and entity.kind_source.endswith(" name"):
            entity.name = f"{name.given} {surname}"  # first named by surname, the full name given later
        return entity

    def _pronouns(self, sentence, block, sdoc):
        """Resolve each narrative pronoun of the sentence and bind it to its entity when that is safe; a block in
        someone else's voice (readers' comments, a letter, a transcript) has none."""
        if others_voice(self.doc, block) is not None:
            return
        for token in sentence.sent:
            word = token.lower_
            if word not in PRONOUN_GENDER and word not in PLURAL_PRONOUNS and word not in NEUTER_PRONOUNS:
                continue
            if is_quoted(block, token) or (token.text[:1].isupper() and token.i != sentence.sent.start):
                continue
            if _named_as_word(token):
                continue
            resolution = resolve(self.model, sentence, token)
            self.model.pronouns[(sentence.paragraph, token.i)] = resolution
            relevant = [c for c in resolution.candidates if _relevant(word, c)]
            best = next((c for c in relevant if c.compatible), None)
            if best is None or best is not relevant[0]:
                continue
            rivals = [c for c in relevant[1:] if c.compatible and c.salience >= 0.5 * best.salience]
            entity = best.entity
            mention = self._mention(
                entity,
                block,
                sdoc,
                token.i,
                token.i + 1,
                "pronoun",
                pronoun_number(word),
                role_of(token),
                sentence,
                False,
            )
            gender = PRONOUN_GENDER.get(word)
            if gender and entity.kind == PERSON and not rivals:
                known = entity.gender_at(mention.order)
                if known is None or known.strength < BOUND_PRONOUN:
                    if known is None or known.value == gender:
                        entity.add_gender(gender, f"pronoun '{token.text}'", BOUND_PRONOUN, mention.line, mention.order)
            if word in PLURAL_PRONOUNS and entity.kind == PERSON and not rivals:
                entity.uses_they = entity.uses_they or _introduces_they(token.sent)
        sentence.mentions.sort(key=lambda m: m.start)

    def _quotes(self, block, sdoc, paragraph):
        """The block's quotations and their speakers: the subject of the speech verb in the same sentence."""
        for start, end in block.quotes:
            span = sdoc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            speaker = None
            for token in span[0].sent:
                if token.lemma_ in SPEECH_VERBS and not (start <= token.idx < end):
                    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                    if subject is not None:
                        speaker = self._entity_at(paragraph, subject)
                        break
            self.model.quotes.append(Quote(block, start, end, speaker))

    def _entity_at(self, paragraph, token):
        for sentence in reversed(self.model.sentences):
            if sentence.paragraph != paragraph:
                continue
            for m in sentence.mentions:
                if m.start <= token.i < m.end:
                    return m.entity
        return None


def _relevant(word: str, candidate) -> bool:
    """The candidates that compete for a pronoun: people for he/she, anything but people for it, people, bodies,
    groups and plurals for they."""
    kind = candidate.entity.kind
    if word in PRONOUN_GENDER:
        return kind == PERSON or candidate.entity.kind_source == UNKNOWN_NAME
    if word in NEUTER_PRONOUNS:
        return kind != PERSON
    return kind != THING or candidate.mention.number == PLURAL


def _named_as_word(token) -> bool:
    """A pronoun named, not used: "uses they/them pronouns", "his or her" is used."""
    doc = token.doc
    before = doc[token.i - 1].text if token.i > 0 else ""
    after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    return "/" in (before, after) or before.startswith("/") or after.startswith("/")


def _introduces_they(sent) -> bool:
    text = sent.text.lower()
    return "they/them" in text or "pronoun" in text


def pronoun_number(word: str) -> str | None:
    if word in PLURAL_PRONOUNS:
        return PLURAL
    if word in PRONOUN_GENDER or word in NEUTER_PRONOUNS:
        return SINGULAR
    return None


def entity_number(mention: Mention, british: bool) -> set:
    """The numbers a mention's entity can take at this mention: {singular}, {plural} or both (British bodies,
    distributives)."""
    if mention.number is None:
        return {SINGULAR, PLURAL}
    entity = mention.entity
    if mention.number == PLURAL:
        return {PLURAL}
    if entity.kind in (ORGANISATION, GROUP) or (entity.kind == PLACE and british):
        return {SINGULAR, PLURAL} if british else {SINGULAR}
    return {SINGULAR}


def compatibility(word: str, order: tuple, mention: Mention, british: bool = False) -> str:
    """'' when a pronoun (lower case, at `order` in reading order) can refer to the mention's entity, else why
    not ("singular, organisation", "female by honorific 'Ms.' in line 3")."""
    entity = mention.entity
    gender = PRONOUN_GENDER.get(word)
    if gender is not None:
        if entity.kind != PERSON and not (entity.kind == THING and entity.kind_source == UNKNOWN_NAME):
            return f"{entity.kind}, not a person"
        known = entity.gender_at(order)
        if known is not None and known.value != gender:
            return f"{known.value} by {known.source} in line {known.line}"
        return ""
    if word in NEUTER_PRONOUNS:
        if entity.kind == PERSON or mention.number == PLURAL:
            return f"{'plural' if mention.number == PLURAL else 'a person'}"
        return ""
    if entity.kind == PERSON:
        known = entity.gender_at(order)
        if entity.uses_they or known is None or known.strength < BOUND_PRONOUN:
            return ""  # singular "they" for a person whose gender the text has not fixed
        return f"singular, person, {known.value} by {known.source} in line {known.line}"
    if PLURAL in entity_number(mention, british):
        return ""
    return f"singular, {entity.kind}"


def _salience(mention: Mention, sentence_index: int, paragraph: int, pronoun_role: str, bound) -> float:
    if bound is not None and mention.sdoc is bound.doc and mention.start <= bound.i < mention.end:
        return BOUND_SALIENCE if pronoun_role != OBJECT else ROLE_WEIGHT[SUBJECT]
    weight = ROLE_WEIGHT[mention.role] * SENTENCE_DECAY ** (sentence_index - mention.sentence)
    if mention.paragraph != paragraph:
        weight *= PARAGRAPH_DECAY
    if mention.role == pronoun_role:
        weight *= PARALLEL_BOOST
    if mention.quoted:
        weight *= QUOTED_WEIGHT
    return weight


def resolve(model: Discourse, sentence: Sentence, token, british: bool = False) -> Resolution:
    """The candidates in reach of a pronoun, most salient first: mentions before it in its sentence, in the
    paragraph's previous sentences and in the previous paragraph, at most REACH_SENTENCES back. A pronoun is never
    its own clause's subject ("the company sold them"), and a coordination's members are its group's."""
    bound = governing_subject(token)
    role = role_of(token)
    speaker_tag = token.dep_ == "nsubj" and token.head.lemma_ in SPEECH_VERBS
    verb = clause_verb(token)
    best: dict[int, Candidate] = {}
    for previous in reversed(model.sentences[-REACH_SENTENCES - 1 :]):
        if sentence.paragraph - previous.paragraph > 1 or sentence.index - previous.index > REACH_SENTENCES:
            continue
        for mention in previous.mentions:
            if previous is sentence and mention.start >= token.i:
                continue
            if any(c.dep_ == "poss" and c.lower_ == token.lower_ for c in mention.head.children):
                continue  # "Their organisation ... they": the owner, not the thing owned
            if token.lower_ in PLURAL_PRONOUNS and any(
                c.dep_ == "poss" and c.lower_ in PLURAL_PRONOUNS for c in mention.head.children
            ):
                continue
            same_doc = mention.sdoc is token.doc
            if same_doc and mention.start <= token.i < mention.end:
                continue
            head = mention.head
            if (
                previous is sentence
                and role != POSSESSIVE
                and head.dep_ in ("nsubj", "nsubjpass")
                and verb is not None
                and head.head == verb
                and token.lower_ not in ("themselves", "himself", "herself", "itself")
            ):
                continue  # "critics have asked them": an object is not its own clause's subject
            if speaker_tag and previous is sentence and mention.quoted:
                continue  # '"Ms. Pell was patient," he said': the speaker is not someone named in the quote
            salience = _salience(mention, sentence.index, sentence.paragraph, role, bound)
            clash = compatibility(token.lower_, (sentence.paragraph, token.i), mention, british)
            key = id(mention.entity)
            if key not in best or salience > best[key].salience:
                best[key] = Candidate(mention.entity, mention, salience, not clash, clash)
    candidates = sorted(best.values(), key=lambda c: -c.salience)
    return Resolution(token, sentence.block, sentence.paragraph, candidates, sentence.index)


def build_discourse(doc) -> Discourse:
    """The discourse model of a document, built from its parses (computed once, see `linter.analysis.analyses`)."""
    from linter.analysis.nlp import parsed

    return _Builder(doc).build(parsed(doc))


def discourse(doc) -> Discourse:
    """The document's discourse model, built on first use and shared by every rule that reads it."""
    from linter.analysis.analyses import analyses_of

    return analyses_of(doc).discourse


@dataclass
class Clash:
    """A pronoun whose most salient candidate it cannot refer to, with no compatible one nearly as salient."""

    resolution: Resolution
    candidate: Candidate
    reason: str  # "singular, organisation", "female by honorific 'Ms.' in line 3"
    confidence: float


def find_clash(
    resolution: Resolution, relevant, british: bool = False, margin: float = 0.5, same_sentence_rivals: bool = False
) -> Clash | None:
    """The clash of a resolved pronoun, or None. `relevant(candidate)` keeps the candidates that compete (people
    for he/she, bodies and plurals for they); the top one must be incompatible, and every compatible one less
    salient than `margin` times it; with `same_sentence_rivals`, any compatible one in the pronoun's own sentence
    before it (outside a relative clause or apposition: "X, which runs ferries, said they") prevents the clash.
    The confidence is the evidence's strength times the salience gap."""
    token = resolution.token
    order = (resolution.paragraph, token.i)
    candidates = [c for c in resolution.candidates if relevant(c)]
    if not candidates:
        return None
    top = candidates[0]
    reason = compatibility(token.lower_, order, top.mention, british)
    if not reason:
        return None
    compatible = [c for c in candidates[1:] if not compatibility(token.lower_, order, c.mention, british)]
    rival = max((c.salience for c in compatible), default=0)
    if rival >= margin * top.salience:
        return None
    if same_sentence_rivals and any(_in_own_sentence(c.mention, token) for c in compatible):
        return None
    gap = 1.0 - rival / top.salience
    return Clash(resolution, top, reason, round(evidence_strength(top, order) * (0.5 + 0.5 * gap), 2))


def _in_own_sentence(mention: Mention, token) -> bool:
    """The mention is in the pronoun's sentence, before it, and not inside a relative clause or an apposition that
    does not also hold the pronoun ("Toyota led, popularised by celebrities keen to burnish their image": the
    celebrities are in reach)."""
    if mention.sdoc is not token.doc or not (token.sent.start <= mention.start < token.i):
        return False
    pronoun_clauses = {a.i for a in token.ancestors}
    embedded = any(
        a.dep_ in ("relcl", "appos") and a.i < token.i and a.i not in pronoun_clauses for a in mention.head.ancestors
    )
    return not embedded and mention.head.dep_ != "appos"


def evidence_strength(candidate: Candidate, order: tuple) -> float:
    """How sure the model is of what it knows about the candidate: the gender evidence's strength for a person,
    else how its kind is known (a word of its name or a noun: 1.0, spaCy's entity label: 0.8)."""
    entity = candidate.entity
    if entity.kind == PERSON:
        known = entity.gender_at(order)
        return known.strength if known else 0.5
    return 0.8 if entity.kind_source.startswith("named entity") else 1.0


def named_mention(candidate: Candidate) -> Mention:
    """The candidate's latest mention by name or noun up to its salient mention (a bound pronoun names nothing)."""
    mentions = candidate.entity.mentions
    upto = [m for m in mentions[: mentions.index(candidate.mention) + 1] if m.kind != "pronoun"]
    return upto[-1] if upto else candidate.mention


def clash_hit(resolution, clash, antecedent: str, confidence: float, related: str) -> Hit:
    """The finding of a pronoun that clashes with its salient candidate: on the pronoun, with the antecedent, the
    evidence and its line for the message, and the antecedent's named mention as the related span."""
    token, mention = resolution.token, named_mention(clash.candidate)
    hit = block_hit(
        resolution.block,
        token.idx,
        token.idx + len(token.text),
        pronoun=token.text,
        antecedent=antecedent,
        evidence=clash.reason,
        line=mention.line,
    )
    first, last = mention.sdoc[mention.start], mention.sdoc[mention.end - 1]
    start, end = mention.block.source_span(first.idx, last.idx + len(last.text))
    hit.confidence = confidence
    hit.related = [(start, end, f"{related}: {mention.text}")]
    return hit


def paragraph_opening(model: Discourse):
    """(resolution) of each pronoun that opens a paragraph other than the first."""
    for (paragraph, i), resolution in model.pronouns.items():
        if paragraph == 0:
            continue
        sdoc = resolution.token.doc
        first = next((t for t in sdoc if not t.is_punct and not t.is_space), None)
        if first is not None and first.i == i:
            yield resolution
