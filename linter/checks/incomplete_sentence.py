"""Incomplete sentences: a sentence with no independent finite clause, or one cut off or cut short by an edit.

Flags, in paragraphs and blockquotes, sentences that end with a full stop and have no main clause: a noun phrase
with a relative or participial clause ("The senator, who had spent two decades in Congress.", "The walkout, called
after talks collapsed."), a subordinate clause ("Because the inspectors arrived late."), a participial phrase
("Hoping to reassure investors.", "Having sat idle for years."), an infinitive phrase ("To reduce delays at the
border."), a prepositional phrase ("Despite warnings from engineers.", "Such as the queues at the gates.") or a bare
noun phrase ("A major setback for the coalition.");
a sentence that an edit cut off and ran into the next one ("said in a statement that it had The board has since
hired ..."): a capitalised function word straight after a verb or pronoun, or a capitalised common noun straight
after a subordinating conjunction, that starts a complete clause of its own;
and a sentence cut short on a word that needs more after it: an article, a possessive, a conjunction with nothing
to join, or a preposition with no object where no clause could have moved its object away ("would pay between.";
not "the house they grew up in.", "hard to argue with.", "has been dealt with.", "prices have fallen since.").

Sentences are the parser's, rejoined where it broke after a "!" or "?" that a lower-case word follows (a title:
"hits such as Who Needs Sleep? and ..."). The parse alone is not trusted: a fragment is reported only when second
signals agree. Every finite verb of the sentence (a word tagged as one, a participle that takes an object as a past
tense would, or a word the tagger gives a fair chance of being one: "More than 20 followed suit") must be accounted
for by a word that introduces a subordinate clause ("which", "who", "that", "because", ...); no word that could be
the missed main verb ("-ed" words, irregular forms such as "clung", a second verb in a relative clause, a noun or
adjective that the lemmatizer's tables know as a verb form: "the pair contest the final") may read as one when
everything before it is replaced by a pronoun ("They clung on ..."), after the comma of an opening participial
phrase too ("Writing in the journal, Dr Paniccia and colleagues show ..."); the sentence re-parsed on its own, the
words after its first comma, and those after an elliptical opening ("If necessary extra buses could ..."), must
still have no main clause. A cut is not reported at a word that the article
capitalises in mid-sentence elsewhere: that is a name. Each hit's confidence follows its evidence (`CONFIDENCE`).

Each fragment has a kind (`KINDS_OF_FRAGMENT`), from the shape of what is left: `cut-short`, `run-on`,
`subordinate`, `relative` (a noun left with only its relative or participle clause), `participial`, `infinitive`,
`prepositional`, `nominal` (a bare noun phrase). The kinds in `error_kinds` point to an edit gone wrong and are
reported at the rule's level; the others are warnings with a confidence of at most 0.7: a short verbless sentence
("A triumph.", "What a result.", "Much more than the basics.") is as often a writer's device as a defect.

Not flagged: questions, exclamations, sentences without a closing full stop (bylines, credits), imperatives,
sentences under `min_words` words, lists of names and sentences with a colon or semicolon (line-ups, credits),
datelines ("BRISTOL --"), text in quotation marks and blocks in other people's voice (readers' comments, letters,
Q&A transcripts, lists of quotes: `linter.analysis.voice`) unless `check_quoted`, and blocks of kinds not in `kinds`
(headlines, subheads, list items, table cells, captions).
"""

from __future__ import annotations

import re

from linter.analysis.voice import others_voice
from linter.checks.base import KINDS, PARSE, Option
from linter.model.findings import block_hit

# The kinds of fragment, by the shape of what is left.
CUT_SHORT = "cut-short"  # ends on a word that needs more after it: "would pay between."
RUN_ON = "run-on"  # a cut ran it into the next sentence: "said that it had The board ..."
SUBORDINATE = "subordinate"  # "Because the inspectors arrived late."
RELATIVE = "relative"  # a noun left with only its relative or participle clause: "The senator, who had ..."
PARTICIPIAL = "participial"  # "Hoping to reassure investors."
INFINITIVE = "infinitive"  # "To reduce delays at the border."
PREPOSITIONAL = "prepositional"  # "Despite warnings from engineers."
NOMINAL_KIND = "nominal"  # a bare noun phrase: "A major setback for the coalition.", or one used for effect
KINDS_OF_FRAGMENT = (CUT_SHORT, RUN_ON, SUBORDINATE, RELATIVE, PARTICIPIAL, INFINITIVE, PREPOSITIONAL, NOMINAL_KIND)
# The severity of a kind not in `error_kinds`: a verbless sentence may be a writer's device, not an edit's damage.
OTHER_KINDS_SEVERITY = "warning"

CATEGORY = "fragment"
NEEDS = (PARSE,)
OPTIONS = {
    "min_words": Option(int, minimum=1),
    "check_quoted": bool,
    "kinds": KINDS,
    "max_finite_chance": Option(float, minimum=0, maximum=1),
    "error_kinds": Option([str], allowed=KINDS_OF_FRAGMENT),
}

FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
AUXILIARY_DEPS = ("aux", "auxpass")
AUXILIARY_LEMMAS = ("be", "have", "do", "get")
OBJECT_DEPS = ("dobj", "pobj", "dative", "attr", "appos", "conj", "npadvmod")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
NOMINAL = ("NOUN", "PROPN", "PRON", "NUM", "ADJ")
SUBJECT_OPENERS = ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ", "VERB")  # the first word of a subject
# Conjunctions whose clause cannot stand alone; "that" is left out ("That he resigned surprised nobody.").
SUBORDINATORS = {
    "because",
    "although",
    "though",
    "while",
    "whilst",
    "whereas",
    "if",
    "unless",
    "since",
    "as",
    "when",
    "whenever",
    "after",
    "before",
    "until",
    "till",
    "once",
    "whether",
    "so",
    "lest",
    "wherever",
}
# Subordinators that are more often prepositions or adverbs in mid-sentence ("as chairman", "since 2002").
AMBIGUOUS_SUBORDINATORS = {"as", "so", "since", "after", "before", "until", "till", "once"}
WH_TAGS = ("WDT", "WP", "WP$", "WRB")
# Closed-class words that open a sentence; written with a capital in mid-sentence, they start one.
FUNCTION_WORDS = {
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "his",
    "her",
    "its",
    "their",
    "our",
    "there",
    "but",
    "however",
    "meanwhile",
}
BEFORE_CUT_FUNCTION_WORD = ("VERB", "AUX", "SCONJ", "CCONJ", "PRON", "PART", "ADV")
# A dateline that leads a story: "BRISTOL --", "PORT ELLERY —", "WASHINGTON (Reuters) -".
DATELINE_MAX_CHARS = 200
DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:,? [A-Z][A-Za-z.]*)*(?: \([^)]{1,40}\))? ?(?:--|—|–|-) ")
EXCERPT_WORDS = 4
CLOSING_MARKS = "\"'”’)]"
SENTENCE_END_MARKS = ".!?:;…\"'”’)]—–-"
MAX_CAPITALISED_SHARE = 0.6
SELF_STANDING_POSSESSIVES = {"his", "hers", "mine", "yours", "ours", "theirs"}
ADVERB_TAGS = ("RB", "RP")
# A preposition at the end that the tagger gives at least this chance of being an adverb or particle may be one:
# "prices have fallen since." (0.5), "24% against" (0.06); "would pay between." 0.01-0.03.
# The agent of a passive ("lit by.") is never an adverb.
MIN_ADVERB_CHANCE = 0.05
# The confidence of a finding, by the evidence behind it.
CONFIDENCE = {
    "agreed": 0.9,  # no main clause in either parse, no word that could be the main verb
    "verb tried": 0.75,  # a word that could have been the main verb was tried and read as none
    "ambiguous opener": 0.6,  # a subordinate clause opened by "as", "after", "once", "since", ...
    "ends on a function word": 0.9,  # an article, a possessive or a conjunction at the end
    "ends on a preposition": 0.8,
    "run into the next": 0.85,  # a capitalised function word in mid-sentence opens a clause of its own
    "no sign of damage": 0.7,  # the most for a kind not in `error_kinds`: a bare noun phrase may be on purpose
}


def _parse_alone(nlp, text: str):
    """A piece of text parsed on its own, with the tagger and parser only."""
    from linter.analysis.nlp import disabled_components

    return nlp(text, disable=disabled_components(nlp, ("parser",)))


def _words(tokens) -> list:
    return [t for t in tokens if t.is_alpha or t.like_num or "-" in t.text]


def _excerpt(tokens) -> str:
    """The first words of tokens, with "..." when more follow."""
    words = [t.text for t in _words(tokens)]
    return " ".join(words[:EXCERPT_WORDS]) + (" ..." if len(words) > EXCERPT_WORDS else "")


def _is_finite(token) -> bool:
    """A finite verb, or a verb with a finite auxiliary; not a past form after "having" or "being" ("Having sat
    idle for years"): that is a participle whatever its tag."""
    if any(c.dep_ in AUXILIARY_DEPS and c.tag_ in FINITE_TAGS for c in token.children):
        return True
    return token.tag_ in FINITE_TAGS and not _is_participle_by_auxiliary(token)


def _is_participle_by_auxiliary(token) -> bool:
    """A verb after "having" or "being" is a participle, whatever the tagger made of it."""
    return any(c.dep_ in AUXILIARY_DEPS and c.lower_ in ("having", "being") for c in token.children)


def _subordinator(token):
    """The subordinating conjunction that marks token's clause, if any."""
    return next((c for c in token.children if c.dep_ == "mark" and c.lower_ in SUBORDINATORS), None)


def _is_imperative(token, sent) -> bool:
    """A bare verb that opens the sentence with no subject: "Read the report."."""
    return (
        token.tag_ == "VB"
        and not any(c.dep_ in SUBJECT_DEPS + AUXILIARY_DEPS for c in token.children)
        and all(t.dep_ in ("advmod", "intj", "punct") for t in sent if t.i < token.i)
    )


def _roots(sent) -> list:
    """The words of a span whose head lies outside it: the root of a sentence, or of each part of a rejoined one."""
    return [t for t in sent if t.head.i == t.i or not sent.start <= t.head.i < sent.end]


def _main_heads(sent) -> list:
    """The roots and the heads coordinated with them: the candidates for the main clause."""
    heads, todo = [], _roots(sent)
    while todo:
        head = todo.pop()
        heads.append(head)
        todo.extend(c for c in head.children if c.dep_ == "conj")
    return heads


def _has_main_clause(sent) -> bool:
    return any((_is_finite(h) and not _subordinator(h)) or _is_imperative(h, sent) for h in _main_heads(sent))


def _opens_with(sent, head, deps) -> bool:
    """The sentence opens with head, or with words of the given relations to it: "Having" before "sat idle"."""
    return all(t.head.i == head.i and t.dep_ in deps for t in sent[: head.i - sent.start])


def _diagnosis(sent) -> tuple[str, str] | None:
    """The kind of fragment a sentence with no main clause is, and why (see `KINDS_OF_FRAGMENT`), or None when its
    parse fits no kind."""
    root, first = sent.root, sent[0]
    mark = _subordinator(root)
    if mark is not None and all(t.dep_ == "advmod" for t in sent[: mark.i - sent.start]):  # "Even though ..."
        subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.left_edge.i != mark.i + 1:
            return None  # "As agriculture minister he caused ...": "as" is a preposition there
        comma = next((t.i for t in sent if t.text == ","), sent.end)
        if any(t.tag_ in FINITE_TAGS for t in sent[comma - sent.start :]):
            return None  # "While most thought so, many disagreed.": a main clause after the comma
        return SUBORDINATE, f'no main clause: "{_excerpt(sent)}" is a subordinate clause'
    if root.tag_ in ("VB", "VBN") and any(c.tag_ == "TO" and c.i == first.i for c in root.children):
        return INFINITIVE, f'no main verb: "{_excerpt(sent)}" is an infinitive phrase'
    participle = root.tag_ in ("VBG", "VBN") or _is_participle_by_auxiliary(root)
    if participle and _opens_with(sent, root, ("aux", "auxpass")):  # "Having sat idle ..."
        if not any(c.dep_ in SUBJECT_DEPS for c in root.children):
            return PARTICIPIAL, f'no main verb: "{_excerpt(sent)}" is a participial phrase'
    if root.tag_ == "IN" and _opens_with(sent, root, ("amod", "advmod")):  # "Such as ...", "Just after ..."
        return PREPOSITIONAL, f'no main verb: "{_excerpt(sent)}" is a prepositional phrase'
    if root.pos_ not in NOMINAL or any(t.text in (":", ";") for t in sent):
        return None
    relative = next(
        (c for c in sent if c.dep_ == "relcl" and c.left_edge.i > sent.start and c.left_edge.nbor(-1).text == ","), None
    )
    if relative is not None:
        return RELATIVE, f'no main verb: "{_excerpt(list(relative.subtree))}" is a relative clause'
    if any(_is_set_off_participle(c) for c in root.children):  # "The walkout, called after talks collapsed."
        return RELATIVE, f'no main verb: "{_excerpt(sent)}" is a noun with only a participle clause'
    return NOMINAL_KIND, f'no main verb: "{_excerpt(sent)}" is a noun phrase'


def _is_set_off_participle(token) -> bool:
    """A participle clause set off by a comma after the noun it modifies: the noun is a subject waiting for its
    verb."""
    return (
        token.dep_ == "acl"
        and token.tag_ in ("VBN", "VBG")
        and token.left_edge.i > token.sent.start
        and token.left_edge.nbor(-1).text == ","
    )


def _could_be_past_tense(token) -> bool:
    """A participle that the parser may have misread for a past tense: one with an object, or one modifying the
    noun after it straight after a noun ("20 followed suit", "the upgrade, in 1994, added lights"); not one after
    a determiner, adjective, adverb, preposition or auxiliary ("a closed session")."""
    if token.tag_ != "VBN" or token.i == 0 or any(c.dep_ in AUXILIARY_DEPS for c in token.children):
        return False
    before = token.nbor(-1)
    if before.pos_ in ("DET", "ADJ", "ADV", "AUX", "ADP") or before.tag_ == "PRP$":
        return False
    return any(c.dep_ == "dobj" for c in token.children) or (token.dep_ == "amod" and token.head.i > token.i)


def _is_introducer(token, sent) -> bool:
    """A word that introduces a subordinate clause: a relative or question word, "that", a subordinating conjunction
    (the ambiguous ones, "as chairman", "since 2002", only at the start of the sentence)."""
    if token.tag_ in WH_TAGS or (token.lower_ == "that" and token.dep_ in ("mark", "nsubj", "nsubjpass", "dobj")):
        return True
    if token.lower_ not in SUBORDINATORS:
        return False
    return token.lower_ not in AMBIGUOUS_SUBORDINATORS or token.i == sent.start or _marks_clause_with_subject(token)


def _marks_clause_with_subject(token) -> bool:
    """The word marks a clause whose subject follows it straight away, inside a clause that is itself subordinate
    ("The walkout, called after talks collapsed"): a conjunction there, not the preposition of "as chairman" or
    "since 2002". A clause hung on the sentence's root may be a misparse of the main clause ("earnings before
    interest remained flat"), so it does not count."""
    head = token.head
    return (
        token.dep_ == "mark"
        and head.dep_ == "advcl"
        and head.head.dep_ != "ROOT"
        and any(c.dep_ in SUBJECT_DEPS and c.left_edge.i == token.i + 1 for c in head.children)
    )


def _relative_clause(token):
    """The head of the relative clause that token is in, if any."""
    return next((a for a in [token, *token.ancestors] if a.dep_ == "relcl"), None)


def _could_be_verb(token, verb_forms) -> bool:
    """Tagged as a verb form, or a word that is one whatever its tag: "-ed", or an irregular form ("clung")."""
    return token.tag_ in ("VBD", "VBN", "VBZ", "VBP") or (
        token.tag_ in ("NN", "NNS", "JJ") and (token.lower_.endswith("ed") or token.lower_ in verb_forms.irregular)
    )


def _spelt_as_verb(token, verb_forms) -> bool:
    """A word the tagger called a noun or an adjective that the lemmatizer's tables know as a verb form, after a
    word that can end a subject: "thousands of computers bombard sites", "the awards, now in their 20th year,
    honour", "Many marvel at"; not after an adjective in a noun phrase ("a hard blow") or "not" ("but not staff"),
    nor before a stop or comma: a verb misread as a noun is followed by its object or complement, a noun by a comma
    ("The state grant, which ...")."""
    before = token.nbor(-1)
    return (
        token.tag_ in ("NN", "NNS", "JJ")
        and not token.nbor(1).is_punct
        and token.text in verb_forms
        and (before.pos_ != "ADJ" or before.i == token.sent.start)
        and before.dep_ != "neg"
        and (before.pos_ != "PUNCT" or before.text in (",", ")"))
    )


def _opens_parenthesis(token) -> bool:
    """The word follows a comma straight after the noun phrase that opens the sentence: "The walkout, called after
    talks collapsed." starts a parenthesis, and a verb there cannot be the main verb of the
    noun before it (no single comma parts a subject from its verb)."""
    comma = token.nbor(-1)
    if comma.text != "," or comma.i == 0:
        return False
    noun = comma.nbor(-1)
    return noun.pos_ in ("NOUN", "PROPN") and noun.left_edge.i == token.sent.start


def _verb_candidates(sent, verb_forms):
    """Words the parser did not take for the main verb but that could be it, everything before them being its
    subject: "The 34-year-old made reference", "Geographic blocking works because ...", a verb the tagger took
    for a noun ("The pair contest the 60m"), and a second verb in a relative clause ("Other products that helped
    included ...", "people who rely on farming face ...", but not its object: "which will add 2,400 seats and").
    Not a passive participle ("a deal welcomed by unions"), nor a plural noun in an object's place, nor a word that
    opens a parenthesis."""
    for t in sent[1:]:
        before = t.nbor(-1)
        if (
            not t.is_lower
            or t.nbor(1).lower_ == "by"
            or before.pos_ in ("DET", "ADP", "CCONJ", "PART", "SCONJ")
            or before.tag_ in ("PRP$", "WDT", "WP", "TO", "MD")
            or before.lemma_ in AUXILIARY_LEMMAS
            or _opens_parenthesis(t)
        ):
            continue
        relative = _relative_clause(t)
        if relative is None:
            if _is_introduced(t, sent):
                continue
            if (
                _could_be_verb(t, verb_forms)
                or (t.tag_ == "NNS" and t.dep_ not in OBJECT_DEPS)
                or _spelt_as_verb(t, verb_forms)
            ):
                yield t
        elif (_could_be_verb(t, verb_forms) or (_spelt_as_verb(t, verb_forms) and t.dep_ not in OBJECT_DEPS)) and any(
            w.pos_ in ("VERB", "AUX") and not _is_auxiliary_of(w, t) for w in relative.subtree if w.i < t.i
        ):
            yield t


def _is_introduced(verb, sent) -> bool:
    """A word opens the verb's clause as a subordinate one: "after talks collapsed", "which covers"."""
    return any(_is_introducer(w, sent) and _clause_of(w) == verb for w in verb.subtree if w.i < verb.i)


def _is_auxiliary_of(word, verb) -> bool:
    """A true auxiliary of verb ("was" in "was presented"), not a verb that the parser made one."""
    return word.head.i == verb.i and (word.lemma_ in AUXILIARY_LEMMAS or word.tag_ in ("MD", "TO"))


def _reads_as_main_verb(nlp, sent, token) -> bool:
    """The probe: with a pronoun for everything before it, token heads (or is the auxiliary of) a finite main
    clause whose subject is the pronoun."""
    pronoun = "It" if token.text.endswith("s") else "They"
    probe = next(_parse_alone(nlp, f"{pronoun} {sent.doc.text[token.idx : sent.end_char]}").sents)
    verb = probe[1].head if probe[1].dep_ in AUXILIARY_DEPS else probe[1]
    return verb.dep_ == "ROOT" and _is_finite(verb) and any(c.i == 0 and c.dep_ in SUBJECT_DEPS for c in verb.children)


def _has_unintroduced_finite_verb(sent, chances) -> bool:
    """A finite verb (by tag, a participle that could be a past tense, or a word the tagger gives a fair chance of
    being finite) whose clause no introducer opens: the main clause that the parse missed."""
    for t in sent:
        if _is_participle_by_auxiliary(t):
            continue
        if t.tag_ in FINITE_TAGS or _could_be_past_tense(t) or chances[t.i] > 0:
            head = t.head if t.dep_ in AUXILIARY_DEPS else t
            while head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
                head = head.head
            if not _is_introduced(head, sent):
                return True
    return False


def _clause_of(token):
    """The nearest verb above token: the head of the clause it belongs to."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _tag_chances(nlp, spacy_doc, tags) -> list:
    """For each token of a parsed doc, the tagger's probability that its tag is one of tags."""
    import numpy

    tagger = nlp.get_pipe("tagger")
    scores = tagger.model.predict([spacy_doc])[0]
    probabilities = numpy.exp(scores - scores.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    return [float(p) for p in probabilities[:, [tagger.labels.index(tag) for tag in tags]].sum(axis=1)]


def _finite_chances(nlp, spacy_doc, threshold: float) -> list:
    """For each token of a parsed doc, the tagger's probability that it is a finite verb, or 0 below threshold."""
    return [p if p > threshold else 0.0 for p in _tag_chances(nlp, spacy_doc, FINITE_TAGS)]


def _dangling_end(sent) -> str | None:
    """What the sentence's last word is when it needs words after it that never come: an article or a possessive
    ("hire staff from the."), a conjunction with nothing to join ("a new wing and."), a preposition with no object
    where no clause could have moved its object away ("would pay between.", "to be lit by.")."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(words) < 2:
        return None
    last = words[-1]
    if "Art" in last.morph.get("PronType"):
        return "an article"
    if last.tag_ in ("PRP$", "WP$") and last.lower_ not in SELF_STANDING_POSSESSIVES:
        return "a possessive"
    if last.dep_ == "cc" and not any(c.dep_ == "conj" and c.i > last.i for c in last.head.children):
        return "a conjunction"
    if last.tag_ == "IN" and last.dep_ != "prt" and not any(True for _ in last.children) and not _may_strand(last):
        return "a preposition"
    return None


def _may_strand(preposition) -> bool:
    """A clause before the preposition may have moved its object away: a relative or question clause ("the house
    they grew up in", "what it was made of"), one with no relative word ("the wages employers got away with"), an
    infinitive on a noun ("loopholes to take advantage of"), a comparison ("less than they had hoped for"), a
    participle or infinitive on a noun or an adjective ("nothing to worry about", "hard to argue with"), a passive
    ("has been dealt with"); or the preposition is an adverb after another one ("from within")."""
    head, before = preposition.head, list(preposition.sent)[: preposition.i - preposition.sent.start]
    if head.pos_ == "ADP" or any(t.tag_ in WH_TAGS or t.lower_ == "than" for t in before):
        return True
    if head.pos_ in ("VERB", "AUX") and preposition.dep_ != "agent" and any(c.dep_ == "auxpass" for c in head.children):
        return True
    for clause in [head, *head.ancestors]:
        if clause.dep_ in ("relcl", "acl", "pcomp") or (clause.dep_ == "xcomp" and clause.head.pos_ == "ADJ"):
            return True
    return any(_opens_bare_relative(t) for t in before)


def _opens_bare_relative(noun) -> bool:
    """A noun followed straight away by the subject of a clause ("the wages employers got away with") or by an
    infinitive ("loopholes to take advantage of"): a relative clause with no relative word."""
    if noun.pos_ not in ("NOUN", "PROPN", "PRON") or noun.i + 2 >= len(noun.doc):
        return False
    after = noun.nbor(1)
    if after.tag_ == "TO" and after.nbor(1).tag_ == "VB":
        return True
    return after.pos_ in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM") and any(
        t.dep_ in SUBJECT_DEPS and t.left_edge.i == after.i and t.head.i > noun.i for t in [after, *after.ancestors]
    )


def _looks_like_name_list(sent) -> bool:
    """A line-up or a credit: mostly capitalised words."""
    words = [t for t in sent if t.is_alpha]
    return sum(t.text[0].isupper() for t in words) > MAX_CAPITALISED_SHARE * len(words)


def _starts_after_a_stop(sent) -> bool:
    """The sentence opens its block or follows a stop, a dash or a closing quote: a parser boundary in mid-sentence
    ("sold a stake to the bank | Mediobanca for 775m euros.") leaves a tail that is no fragment."""
    return sent.start == 0 or sent.doc[sent.start - 1].text[-1] in SENTENCE_END_MARKS


def _cut_at_end(nlp, block, sent):
    """(kind, hit) for a sentence that ends on a word needing more after it, when the sentence parsed alone ends on the
    same kind of word and the tagger gives that word no fair chance of being an adverb."""
    what = _dangling_end(sent)
    if what is None:
        return None
    alone = _parse_alone(nlp, sent.text)
    if _dangling_end(list(alone.sents)[-1]) != what:
        return None
    last = [t for t in alone if not (t.is_punct or t.is_space)][-1]
    if (
        what == "a preposition"
        and last.dep_ != "agent"
        and _tag_chances(nlp, alone, ADVERB_TAGS)[last.i] >= MIN_ADVERB_CHANCE
    ):
        return None
    end = [t for t in sent if not (t.is_punct or t.is_space)][-1]
    tail = " ".join(sent.doc.text[sent.start_char : end.idx + len(end)].split()[-3:])
    detail = f'"{tail}" ends on {what}'
    hit = block_hit(block, sent.start_char, sent.end_char, problem="sentence cut off", detail=detail)
    hit.confidence = CONFIDENCE["ends on a preposition" if what == "a preposition" else "ends on a function word"]
    return CUT_SHORT, hit


def _fragment(nlp, block, sent, chances, verb_forms, options):
    """(kind, hit) for a sentence with no main clause, or cut short, once the second signals confirm it."""
    if (
        not sent.text.rstrip(CLOSING_MARKS).endswith(".")
        or not _starts_after_a_stop(sent)
        or len(_words(sent)) < options["min_words"]
    ):
        return None
    cut_short = _cut_at_end(nlp, block, sent)
    if cut_short is not None:
        return cut_short
    if _has_main_clause(sent) or _looks_like_name_list(sent):
        return None
    diagnosis = _diagnosis(sent)
    if diagnosis is None or _has_unintroduced_finite_verb(sent, chances()):
        return None
    kind, reason = diagnosis
    candidates = []
    if kind in (NOMINAL_KIND, RELATIVE, PREPOSITIONAL):
        candidates = list(_verb_candidates(sent, verb_forms))
    elif kind in (PARTICIPIAL, INFINITIVE):
        candidates = _after_opening_phrase(sent, _verb_candidates(sent, verb_forms))
    if any(_reads_as_main_verb(nlp, sent, t) for t in candidates):
        return None
    if any(_has_main_clause(s) for s in _parse_alone(nlp, sent.text).sents) or _main_clause_after_comma(nlp, sent):
        return None
    if kind == SUBORDINATE and _elliptical_opening(nlp, sent):
        return None
    problem, detail = reason.split(": ", 1)
    hit = block_hit(block, sent.start_char, sent.end_char, problem=problem, detail=detail)
    hit.confidence = _fragment_confidence(sent, kind, candidates)
    return kind, hit


def _after_opening_phrase(sent, candidates) -> list:
    """The candidates after the comma that closes an opening participial or infinitive phrase, with a word before
    them that can be their subject: "Writing in the journal, Dr Paniccia and colleagues show ...", "Seen as
    costly, Section 404 obliges ..." (the tagger read "show" and "obliges" as nouns). Inside the phrase itself a
    verb form belongs to it ("Standing with his hands clasped ..."), and so does one after a comma that a
    preposition or conjunction follows ("Designed by the firm, with a reading room facing the river.")."""
    comma = next((t.i for t in sent if t.text == ","), None)
    if comma is None or comma + 1 >= sent.end or sent.doc[comma + 1].pos_ not in SUBJECT_OPENERS:
        return []
    return [t for t in candidates if t.i > comma + 1]


def _main_clause_after_comma(nlp, sent) -> bool:
    """The words after the sentence's first comma, parsed alone, make a main clause with its own subject: the
    opening was an adverbial ("According to the figures, producing a print costs ...", "As a result, the farmers
    face ..."), and the parser missed the main verb after it. Not when they open with a relative or subordinate
    word ("The senator, who had spent ...")."""
    comma = next((t for t in sent if t.text == ","), None)
    if comma is None or comma.i + 1 >= sent.end:
        return False
    return _main_clause_from(nlp, sent, comma.nbor(1))


def _elliptical_opening(nlp, sent) -> bool:
    """A subordinator and one word make a clause of their own with no comma after it ("If necessary detailed
    information could be called upon", "Where possible officials will ..."), and the words after them, parsed
    alone, make a main clause."""
    first, second = sent[0], sent[1]
    if first.lower_ not in SUBORDINATORS or second.pos_ not in ("ADJ", "ADV") or second.i + 1 >= sent.end:
        return False
    return _main_clause_from(nlp, sent, second.nbor(1))


def _main_clause_from(nlp, sent, after) -> bool:
    """The words of sent from `after` on, parsed alone, make a main clause with its own subject."""
    if after.tag_ in WH_TAGS or after.lower_ in SUBORDINATORS or after.lower_ == "that":
        return False
    rest = next(_parse_alone(nlp, sent.doc.text[after.idx : sent.end_char]).sents)
    return any(
        _is_finite(h) and not _subordinator(h) and any(c.dep_ in SUBJECT_DEPS for c in h.children)
        for h in _main_heads(rest)
    )


def _fragment_confidence(sent, kind: str, candidates) -> float:
    """How sure the verdict is: both parses and every probe agree (high); a word that could have been the main verb
    was tried and rejected, or the sentence opens with a word that is as often an adverb or a preposition as a
    conjunction ("After that income would be taxed"), leaves a doubt (lower)."""
    if kind == SUBORDINATE and sent[0].lower_ in AMBIGUOUS_SUBORDINATORS:
        return CONFIDENCE["ambiguous opener"]
    return CONFIDENCE["verb tried" if candidates else "agreed"]


def _cut_points(sent):
    """Tokens that start a new sentence in the middle of this one, with no punctuation before them: a capitalised
    function word after a lower-case verb, pronoun or conjunction ("that it had The board"), or a capitalised
    common noun subject after a subordinating conjunction in mid-clause ("out of service while Divers inspected";
    after a comma, ", while Spurs play ...", the clause is whole and the noun a name); a lower-case word follows."""
    for token in sent[1:]:
        if token.i + 1 >= len(token.doc):
            return
        if not (token.text[0].isupper() and token.text[1:].islower()):
            continue
        before, after = token.nbor(-1), token.nbor(1)
        if not (before.is_alpha and before.is_lower and before.tag_ != "PRP$" and after.text[0].islower()):
            continue
        if (token.lower_ in FUNCTION_WORDS and before.pos_ in BEFORE_CUT_FUNCTION_WORD) or (
            token.tag_ in ("NN", "NNS")
            and token.dep_ in SUBJECT_DEPS
            and before.pos_ == "SCONJ"
            and before.i > sent.start
            and before.nbor(-1).is_alpha
        ):
            yield token


def _used_as_name(word: str, doc) -> bool:
    """The word is capitalised in mid-sentence elsewhere in the article too: a name ("while Angels remains ...",
    the song), not a common noun left capitalised by a cut."""
    return len(re.findall(rf"(?<=[\w,;:'\"’”] ){re.escape(word)}\b", "\n".join(b.text for b in doc.blocks))) > 1


def _cut(nlp, doc, block, sent):
    """(kind, hit) for a sentence cut off by an edit, from the sentence start to the word before the cut, when the words
    after the cut make a sentence with a main clause."""
    for token in _cut_points(sent):
        if token.lower_ not in FUNCTION_WORDS and _used_as_name(token.text, doc):
            continue
        rest = next(_parse_alone(nlp, sent.doc.text[token.idx : sent.end_char]).sents)
        if _has_main_clause(rest):
            before = token.nbor(-1)
            head = sent.doc.text[sent.start_char : before.idx + len(before)]
            hit = block_hit(
                block,
                sent.start_char,
                before.idx + len(before),
                problem="sentence cut off",
                detail=f'"{" ".join(head.split()[-3:])}" runs into "{_excerpt(list(rest))}"',
            )
            hit.confidence = CONFIDENCE["run into the next"]
            return RUN_ON, hit
    return None


def _rejoined(spacy_doc):
    """The parser's sentences, rejoined where it broke after a "!" or "?" that a lower-case word or an opening
    parenthesis follows: the mark belongs to a title or a name ("hits such as Who Let the Dogs Out? and ...", "from
    his days in Wham! to ...", "a company named POW! (Purveyors of Wonder) Entertainment")."""
    start = None
    sents = list(spacy_doc.sents)
    for sent, following in zip(sents, sents[1:] + [None]):
        start = sent.start if start is None else start
        first_word = next((t for t in following if t.is_alpha), None) if following is not None else None
        goes_on = first_word is not None and (first_word.is_lower or following[0].text == "(")
        if goes_on and sent.text.rstrip(CLOSING_MARKS).endswith(("!", "?")):
            continue
        yield spacy_doc[start : sent.end]
        start = None


def _sentences(block, spacy_doc, check_quoted: bool):
    """The sentences of a block (the parser's, rejoined after a "!" or "?" in a title), without a leading dateline,
    and without quoted ones unless asked."""
    dateline = DATELINE.match(block.text[:DATELINE_MAX_CHARS])  # bounded: the pattern backtracks on long capitals
    lead_end = dateline.end() if dateline else 0
    for sent in _rejoined(spacy_doc):
        if sent.end_char <= lead_end:
            continue
        if sent.start_char < lead_end:
            sent = spacy_doc.char_span(lead_end, sent.end_char, alignment_mode="expand")
        if sent is None or not len(sent):
            continue
        if check_quoted or not any(a < sent.end_char and b > sent.start_char for a, b in block.quotes):
            yield sent


def check(doc, options):
    from linter.analysis.nlp import load_model, parsed
    from linter.analysis.verb_forms import verb_forms as lexicon_of_verb_forms

    nlp = load_model()
    verb_forms = lexicon_of_verb_forms(nlp)
    for block, spacy_doc in parsed(doc, options["kinds"]):
        scores = []

        def chances():  # the tagger's scores, computed for a block only when one of its sentences needs them
            if not scores:
                scores.append(_finite_chances(nlp, spacy_doc, options["max_finite_chance"]))
            return scores[0]

        if not options["check_quoted"] and others_voice(doc, block) is not None:
            continue  # readers' comments, a letter, a transcript: informal fragments are theirs
        for sent in _sentences(block, spacy_doc, options["check_quoted"]):
            found = _cut(nlp, doc, block, sent) or _fragment(nlp, block, sent, chances, verb_forms, options)
            if found:
                yield _graded(*found, options["error_kinds"])


def _graded(kind: str, hit, error_kinds):
    """The hit at the rule's level when its kind shows an edit's damage (`error_kinds`), else a warning whose
    confidence is at most "no sign of damage"."""
    if kind not in error_kinds:
        hit.severity = OTHER_KINDS_SEVERITY
        hit.confidence = min(hit.confidence, CONFIDENCE["no sign of damage"])
    return hit
