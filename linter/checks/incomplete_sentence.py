"""Incomplete sentences: a sentence with no independent finite clause, or one cut off by an edit.

Flags, in paragraphs and blockquotes, parser sentences that end with a full stop and have no main clause: a noun
phrase with a relative or participial clause ("The senator, who had spent two decades in Congress."), a subordinate
clause ("Because the inspectors arrived late."), a participial phrase ("Hoping to reassure investors."), an
infinitive phrase ("To reduce delays at the border."), a prepositional phrase ("Despite warnings from engineers.") or
a bare noun phrase ("A major setback for the coalition.");
and a sentence that an edit cut off and ran into the next one ("said in a statement that it had The board has
since hired ..."): a capitalised function word straight after a verb or pronoun, or a capitalised common noun
straight after a subordinating conjunction, that starts a complete clause of its own.

The parse alone is not trusted: a fragment is reported only when second signals agree. Every finite verb of the
sentence (a word tagged as one, a participle that takes an object as a past tense would, or a word the tagger gives
a fair chance of being one: "More than 20 followed suit") must be accounted for by a word that introduces a
subordinate clause ("which", "who", "that", "because", ...); no word that could be the missed main verb ("-ed"
words, irregular forms such as "clung", a second verb in a relative clause) may read as one when everything before
it is replaced by a pronoun ("They clung on ..."); and the sentence re-parsed on its own must still have no main
clause. A cut is not reported at a word that the article capitalises in mid-sentence elsewhere: that is a name.

Not flagged: questions, exclamations, sentences without a closing full stop (bylines, credits), imperatives,
sentences under `min_words` words, lists of names and sentences with a colon or semicolon (line-ups, credits),
datelines ("BRISTOL --"), text in quotation marks (unless `check_quoted`), and blocks of kinds not in `kinds`
(headlines, subheads, list items, table cells, captions).
"""

from __future__ import annotations

import re
from functools import lru_cache

from linter.checks.base import KINDS, PARSE, Option
from linter.model.findings import block_hit

CATEGORY = "fragment"
NEEDS = (PARSE,)
OPTIONS = {
    "min_words": Option(int, minimum=1),
    "check_quoted": bool,
    "kinds": KINDS,
    "max_finite_chance": Option(float, minimum=0, maximum=1),
}

FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
AUXILIARY_DEPS = ("aux", "auxpass")
AUXILIARY_LEMMAS = ("be", "have", "do", "get")
OBJECT_DEPS = ("dobj", "pobj", "dative", "attr", "appos", "conj", "npadvmod")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
NOMINAL = ("NOUN", "PROPN", "PRON", "NUM", "ADJ")
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
    """A finite verb, or a verb with a finite auxiliary."""
    return token.tag_ in FINITE_TAGS or any(c.dep_ in AUXILIARY_DEPS and c.tag_ in FINITE_TAGS for c in token.children)


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


def _main_heads(sent) -> list:
    """The root and the heads coordinated with it: the candidates for the main clause."""
    heads, todo = [], [sent.root]
    while todo:
        head = todo.pop()
        heads.append(head)
        todo.extend(c for c in head.children if c.dep_ == "conj")
    return heads


def _has_main_clause(sent) -> bool:
    return any((_is_finite(h) and not _subordinator(h)) or _is_imperative(h, sent) for h in _main_heads(sent))


def _diagnosis(sent) -> str | None:
    """Why a sentence with no main clause is a fragment, or None when its parse fits no kind of fragment."""
    root, first = sent.root, sent[0]
    mark = _subordinator(root)
    if mark is not None and all(t.dep_ == "advmod" for t in sent[: mark.i - sent.start]):  # "Even though ..."
        subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.left_edge.i != mark.i + 1:
            return None  # "As agriculture minister he caused ...": "as" is a preposition there
        comma = next((t.i for t in sent if t.text == ","), sent.end)
        if any(t.tag_ in FINITE_TAGS for t in sent[comma - sent.start :]):
            return None  # "While most thought so, many disagreed.": a main clause after the comma
        return f'no main clause: "{_excerpt(sent)}" is a subordinate clause'
    if root.tag_ in ("VB", "VBN") and any(c.tag_ == "TO" and c.i == first.i for c in root.children):
        return f'no main verb: "{_excerpt(sent)}" is an infinitive phrase'
    if root.tag_ in ("VBG", "VBN") and first.i == root.i:
        return f'no main verb: "{_excerpt(sent)}" is a participial phrase'
    if root.tag_ == "IN" and first.i == root.i:
        return f'no main verb: "{_excerpt(sent)}" is a prepositional phrase'
    if root.pos_ not in NOMINAL or any(t.text in (":", ";") for t in sent):
        return None
    relative = next(
        (c for c in sent if c.dep_ == "relcl" and c.left_edge.i > sent.start and c.left_edge.nbor(-1).text == ","), None
    )
    if relative is not None:
        return f'no main verb: "{_excerpt(list(relative.subtree))}" is a relative clause'
    return f'no main verb: "{_excerpt(sent)}" is a noun phrase'


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
    return token.lower_ in SUBORDINATORS and (token.lower_ not in AMBIGUOUS_SUBORDINATORS or token.i == sent.start)


def _relative_clause(token):
    """The head of the relative clause that token is in, if any."""
    return next((a for a in [token, *token.ancestors] if a.dep_ == "relcl"), None)


def _could_be_verb(token, verb_forms) -> bool:
    """Tagged as a verb form, or a word that is one whatever its tag: "-ed", or an irregular form ("clung")."""
    return token.tag_ in ("VBD", "VBN", "VBZ", "VBP") or (
        token.tag_ in ("NN", "NNS", "JJ") and (token.lower_.endswith("ed") or token.lower_ in verb_forms)
    )


def _verb_candidates(sent, verb_forms):
    """Words the parser did not take for the main verb but that could be it, everything before them being its
    subject: "The 34-year-old made reference", "Geographic blocking works because ...", and a second verb in a
    relative clause ("Other products that helped included ..."). Not a passive participle ("a deal welcomed by
    unions"), nor a plural noun in an object's place."""
    for t in sent[1:]:
        before = t.nbor(-1)
        if (
            not t.is_lower
            or t.nbor(1).lower_ == "by"
            or before.pos_ in ("DET", "ADP", "CCONJ", "PART", "SCONJ")
            or before.tag_ in ("PRP$", "WDT", "WP", "TO", "MD")
            or before.lemma_ in AUXILIARY_LEMMAS
        ):
            continue
        relative = _relative_clause(t)
        if relative is None:
            if _could_be_verb(t, verb_forms) or (t.tag_ == "NNS" and t.dep_ not in OBJECT_DEPS):
                yield t
        elif _could_be_verb(t, verb_forms) and any(
            w.pos_ in ("VERB", "AUX") and not _is_auxiliary_of(w, t) for w in relative.subtree if w.i < t.i
        ):
            yield t


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


@lru_cache(maxsize=1)
def _irregular_verb_forms(nlp) -> frozenset:
    """Irregular verb forms ("clung", "began") from the lemmatizer's exception table."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not lemmatizer.lookups.has_table("lemma_exc"):
        return frozenset()
    return frozenset(lemmatizer.lookups.get_table("lemma_exc")["verb"])


def _has_unintroduced_finite_verb(sent, chances) -> bool:
    """A finite verb (by tag, a participle that could be a past tense, or a word the tagger gives a fair chance of
    being finite) whose clause no introducer opens: the main clause that the parse missed."""
    for t in sent:
        if t.tag_ in FINITE_TAGS or _could_be_past_tense(t) or chances[t.i] > 0:
            head = t.head if t.dep_ in AUXILIARY_DEPS else t
            while head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
                head = head.head
            if not any(_is_introducer(w, sent) and _clause_of(w) == head for w in head.subtree if w.i < head.i):
                return True
    return False


def _clause_of(token):
    """The nearest verb above token: the head of the clause it belongs to."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _finite_chances(nlp, spacy_doc, threshold: float) -> list:
    """For each token of a parsed doc, the tagger's probability that it is a finite verb, or 0 below threshold."""
    import numpy

    tagger = nlp.get_pipe("tagger")
    scores = tagger.model.predict([spacy_doc])[0]
    probabilities = numpy.exp(scores - scores.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    finite = probabilities[:, [tagger.labels.index(tag) for tag in FINITE_TAGS]].sum(axis=1)
    return [float(p) if p > threshold else 0.0 for p in finite]


def _looks_like_name_list(sent) -> bool:
    """A line-up or a credit: mostly capitalised words."""
    words = [t for t in sent if t.is_alpha]
    return sum(t.text[0].isupper() for t in words) > MAX_CAPITALISED_SHARE * len(words)


def _starts_after_a_stop(sent) -> bool:
    """The sentence opens its block or follows a stop, a dash or a closing quote: a parser boundary in mid-sentence
    ("sold a stake to the bank | Mediobanca for 775m euros.") leaves a tail that is no fragment."""
    return sent.start == 0 or sent.doc[sent.start - 1].text[-1] in SENTENCE_END_MARKS


def _fragment(nlp, block, sent, chances, verb_forms, options):
    """A hit for a sentence with no main clause, once the second signals confirm it."""
    if (
        not sent.text.rstrip(CLOSING_MARKS).endswith(".")
        or not _starts_after_a_stop(sent)
        or _has_main_clause(sent)
        or len(_words(sent)) < options["min_words"]
        or _looks_like_name_list(sent)
    ):
        return None
    reason = _diagnosis(sent)
    if reason is None or _has_unintroduced_finite_verb(sent, chances()):
        return None
    if reason.endswith(("noun phrase", "relative clause", "prepositional phrase")) and any(
        _reads_as_main_verb(nlp, sent, t) for t in _verb_candidates(sent, verb_forms)
    ):
        return None
    if any(_has_main_clause(s) for s in _parse_alone(nlp, sent.text).sents):
        return None
    problem, detail = reason.split(": ", 1)
    return block_hit(block, sent.start_char, sent.end_char, problem=problem, detail=detail)


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
    """A hit for a sentence cut off by an edit, from the sentence start to the word before the cut, when the words
    after the cut make a sentence with a main clause."""
    for token in _cut_points(sent):
        if token.lower_ not in FUNCTION_WORDS and _used_as_name(token.text, doc):
            continue
        rest = next(_parse_alone(nlp, sent.doc.text[token.idx : sent.end_char]).sents)
        if _has_main_clause(rest):
            before = token.nbor(-1)
            head = sent.doc.text[sent.start_char : before.idx + len(before)]
            return block_hit(
                block,
                sent.start_char,
                before.idx + len(before),
                problem="sentence cut off",
                detail=f'"{" ".join(head.split()[-3:])}" runs into "{_excerpt(list(rest))}"',
            )
    return None


def _sentences(block, spacy_doc, check_quoted: bool):
    """The parser's sentences of a block, without a leading dateline, and without quoted ones unless asked."""
    dateline = DATELINE.match(block.text[:DATELINE_MAX_CHARS])  # bounded: the pattern backtracks on long capitals
    lead_end = dateline.end() if dateline else 0
    for sent in spacy_doc.sents:
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

    nlp = load_model()
    verb_forms = _irregular_verb_forms(nlp)
    for block, spacy_doc in parsed(doc, options["kinds"]):
        scores = []

        def chances():  # the tagger's scores, computed for a block only when one of its sentences needs them
            if not scores:
                scores.append(_finite_chances(nlp, spacy_doc, options["max_finite_chance"]))
            return scores[0]

        for sent in _sentences(block, spacy_doc, options["check_quoted"]):
            hit = _cut(nlp, doc, block, sent) or _fragment(nlp, block, sent, chances, verb_forms, options)
            if hit:
                yield hit
