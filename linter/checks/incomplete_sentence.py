"""Incomplete sentences: a sentence with no independent finite clause, or one cut off by an edit.

Flags, in paragraphs and blockquotes, parser sentences that end with a full stop and have no main clause: a noun
phrase with a relative or participial clause ("The senator, who had spent two decades in Congress."), a subordinate
clause ("Because the inspectors arrived late."), a participial phrase ("Hoping to reassure investors."), an
infinitive phrase ("To reduce delays at the border.") or a bare noun phrase ("A major setback for the coalition.");
and a sentence that an edit cut off and ran into the next one ("said in a statement that it had The board has
since hired ..."), seen as a capitalised function word or common noun mid-sentence that starts a clause of its own.

Each fragment is confirmed by a second signal before it is reported: no token outside the subordinate parts is
tagged as a finite verb, the sentence re-parsed on its own still has no main clause, and the tagger gives no token
a fair chance of being a finite verb ("More than 20 followed suit": "followed" is nearly as likely past tense as a
participle). Not flagged: questions, exclamations, sentences without a closing full stop (bylines, credits),
imperatives, sentences under `min_words` words, datelines ("BRISTOL --"), text in quotation marks (unless
`check_quoted`), and blocks of kinds not in `kinds` (headlines, subheads, list items, table cells, captions).
"""
from __future__ import annotations

import re

from linter.findings import block_hit

NLP_COMPONENTS = ("parser",)
OPTIONS = {"min_words": int, "check_quoted": bool, "kinds": [str], "max_finite_chance": float}

FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
# Dependents that hold a clause of their own, below the main one.
SUBORDINATE_DEPS = ("relcl", "acl", "advcl")
AUXILIARY_DEPS = ("aux", "auxpass")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
# Conjunctions whose clause cannot stand alone; "that" is left out ("That he resigned surprised nobody.").
SUBORDINATORS = {
    "because", "although", "though", "while", "whilst", "whereas", "if", "unless", "since", "as", "when",
    "whenever", "after", "before", "until", "till", "once", "whether", "so", "lest", "wherever",
}
# Closed-class words that open a sentence; written with a capital in mid-sentence, they start one.
FUNCTION_WORDS = {
    "the", "a", "an", "this", "these", "those", "it", "he", "she", "they", "we", "his", "her", "its", "their",
    "our", "there", "but", "however", "meanwhile",
}
CAN_PRECEDE_CUT = ("VERB", "AUX", "SCONJ", "CCONJ", "PRON", "PART", "ADV")
# A dateline that leads a story: "BRISTOL --", "PORT ELLERY —", "WASHINGTON (Reuters) -".
DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:,? [A-Z][A-Za-z.]*)*(?: \([^)]{1,40}\))? ?(?:--|—|–|-) ")
EXCERPT_WORDS = 4


def _is_finite(token) -> bool:
    """A finite verb, or a verb with a finite auxiliary."""
    return token.tag_ in FINITE_TAGS or any(
        c.dep_ in AUXILIARY_DEPS and c.tag_ in FINITE_TAGS for c in token.children)


def _subordinator(token):
    """The subordinating conjunction that marks token's clause, if any."""
    return next((c for c in token.children if c.dep_ == "mark" and c.lower_ in SUBORDINATORS), None)


def _is_imperative(token, sent) -> bool:
    """A bare verb that opens the sentence with no subject: "Read the report."."""
    return (token.tag_ == "VB" and not any(c.dep_ in SUBJECT_DEPS + AUXILIARY_DEPS for c in token.children)
            and all(t.dep_ in ("advmod", "intj", "punct") for t in sent if t.i < token.i))


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


def _words(tokens) -> list:
    return [t for t in tokens if t.is_alpha or t.like_num or "-" in t.text]


def _excerpt(tokens) -> str:
    """The first words of tokens, with "..." when more follow."""
    words = [t.text for t in _words(tokens)]
    return " ".join(words[:EXCERPT_WORDS]) + (" ..." if len(words) > EXCERPT_WORDS else "")


def _subordinate_clauses(sent) -> list:
    """The heads of the outermost clauses that hang below a word of the sentence (relative, participial, adverbial)."""
    return [t for t in sent if t.dep_ in SUBORDINATE_DEPS and t.i != sent.root.i
            and not any(a.dep_ in SUBORDINATE_DEPS for a in t.ancestors if a.i != sent.root.i)]


def _diagnosis(sent):
    """(what is wrong, the words outside the subordinate parts) for a sentence with no main clause, or (None, ...)
    when the parse fits none of the kinds of fragment; the words returned must hold no finite verb for the diagnosis
    to stand."""
    root, first = sent.root, sent[0]
    clauses = _subordinate_clauses(sent)
    inside = {t.i for c in clauses for t in c.subtree}
    outside = [t for t in sent if t.i not in inside and t.i != root.i]
    mark = _subordinator(root)
    if mark is not None and mark.i == first.i:
        return f'no main clause: "{_excerpt(sent)}" is a subordinate clause', []
    if root.tag_ == "VB" and any(c.tag_ == "TO" and c.i == first.i for c in root.children):
        return f'no main verb: "{_excerpt(sent)}" is an infinitive phrase', outside
    if root.tag_ in ("VBG", "VBN") and first.i == root.i:
        return f'no main verb: "{_excerpt(sent)}" is a participial phrase', outside
    if root.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        return None, []
    relative = next((c for c in clauses if c.dep_ == "relcl" and c.left_edge.i > sent.start
                     and c.left_edge.nbor(-1).text == ","), None)
    if relative is not None:
        return f'no main verb: "{_excerpt(list(relative.subtree))}" is a relative clause', outside
    return f'no main verb: "{_excerpt(sent)}" is a noun phrase', outside


def _could_be_past_tense(token) -> bool:
    """A participle that the parser may have misread for a past tense: "20 followed suit", "the upgrade, in 1994,
    added lights". A participle after a determiner, adjective, adverb or auxiliary ("a closed session") is not."""
    return token.tag_ == "VBN" and token.i > 0 and token.nbor(-1).pos_ not in ("DET", "ADJ", "ADV", "AUX") \
        and token.nbor(-1).tag_ != "PRP$"


def _finite_chance(nlp, doc):
    """For each token of doc, the tagger's probability that it is a finite verb."""
    import numpy

    tagger = nlp.get_pipe("tagger")
    scores = tagger.model.predict([doc])[0]
    probabilities = numpy.exp(scores - scores.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    finite = [tagger.labels.index(tag) for tag in FINITE_TAGS]
    return probabilities[:, finite].sum(axis=1)


def _confirmed(nlp, sent, outside, max_chance: float) -> bool:
    """The second signal: the sentence re-parsed alone has no main clause either, and no token outside its
    subordinate parts is likely to be a finite verb."""
    if any(t.tag_ in FINITE_TAGS or _could_be_past_tense(t) for t in outside):
        return False
    alone = nlp(sent.text, disable=[n for n in nlp.pipe_names if n == "ner"])
    if any(_has_main_clause(s) for s in alone.sents):
        return False
    chances = _finite_chance(nlp, alone)
    whole = list(alone.sents)[0]
    if len(list(alone.sents)) > 1:
        return False
    _, alone_outside = _diagnosis(whole)
    return all(chances[t.i] <= max_chance for t in alone_outside)


def _fragments(nlp, block, sent, options):
    """Hits for a sentence with no main clause."""
    if not sent.text.endswith(".") or len(_words(sent)) < options["min_words"] or _has_main_clause(sent):
        return
    reason, outside = _diagnosis(sent)
    if reason and _confirmed(nlp, sent, outside, options["max_finite_chance"]):
        yield block_hit(block, sent.start_char, sent.end_char, problem=reason.split(":")[0],
                        detail=reason.split(": ", 1)[1])


def _cut_points(sent):
    """Tokens that start a new sentence in the middle of this one: a capitalised function word or common noun
    straight after a lower-case verb, pronoun or conjunction, followed by a lower-case word."""
    for token in sent[1:]:
        before, after = token.nbor(-1), token.nbor(1) if token.i + 1 < len(token.doc) else None
        capitalised = token.text[0].isupper() and token.text[1:].islower() and token.text != "I"
        if not (capitalised and before.is_alpha and before.is_lower and before.pos_ in CAN_PRECEDE_CUT
                and after is not None and after.text[0].islower()):
            continue
        if token.lower_ in FUNCTION_WORDS or (token.tag_ in ("NN", "NNS") and token.dep_ in SUBJECT_DEPS):
            yield token


def _cuts(nlp, block, sent, start):
    """Hits for a sentence cut off by an edit: the span runs from the sentence start to the word before the cut."""
    for token in _cut_points(sent):
        rest = nlp(sent.doc.text[token.idx:sent.end_char], disable=[n for n in nlp.pipe_names if n == "ner"])
        first = next(rest.sents)
        if not _has_main_clause(first):
            continue
        before = token.nbor(-1)
        head = sent.doc.text[start:before.idx + len(before)]
        yield block_hit(block, start, before.idx + len(before), problem="sentence cut off",
                        detail=f'"{" ".join(head.split()[-3:])}" runs into "{_excerpt(list(first))}"')
        return


def check(doc, options):
    from linter.nlp import load_model, parsed

    nlp = load_model()
    for block, spacy_doc in parsed(doc, options["kinds"]):
        dateline = DATELINE.match(block.text)
        lead_end = dateline.end() if dateline else 0
        for sent in spacy_doc.sents:
            if sent.end_char <= lead_end:
                continue
            if lead_end > sent.start_char:
                sent = spacy_doc.char_span(lead_end, sent.end_char, alignment_mode="expand")
                if sent is None or not len(sent):
                    continue
            if not options["check_quoted"] and any(a < sent.end_char and b > sent.start_char
                                                   for a, b in block.quotes):
                continue
            hits = list(_cuts(nlp, block, sent, sent.start_char))
            yield from hits or _fragments(nlp, block, sent, options)
