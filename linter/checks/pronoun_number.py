"""A plural pronoun for a singular organisation or place: "China deepened their export curbs", "Brannock Shipping,
which runs ferries, said they had diverted two ships".

Flagged: they/them/their/theirs/themselves, outside quotations, whose antecedent is a singular named organisation
or place (found by organisation words in the name or by spaCy's entity recogniser, run on that sentence only) or a
singular organisation noun ("the government", "the company"): the subject of the clause above the pronoun, or, for
a pronoun with no such subject, the subject of the previous sentence. Not flagged: plural or coordinated
antecedents ("The US and Japan ... their"), a plural noun or pronoun between the antecedent and the pronoun (which
could be what it means), "each country", people (including a person the text introduces as using they/them), and,
with `language: en-GB`, collective nouns and named organisations and teams ("Celtic won their match") unless the
same sentences treat them as singular ("it", "has").
"""
from __future__ import annotations

import re

from linter.findings import block_hit
from linter.reference import NON_PERSON_WORDS, governing_subject, is_quoted, mention_at, track

NLP_COMPONENTS = ("parser",)
OPTIONS = {"language": str, "organisation_nouns": [str], "collective_nouns": [str]}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
SINGULAR_PRONOUNS = {"it", "its", "itself"}
DISTRIBUTIVE = {"each", "every", "either", "neither", "any", "no", "all", "both", "many", "several", "some"}
SINGULAR_VERBS = {"is", "was", "has", "does", "'s"}
NAMED_KINDS = {"ORG", "GPE"}
THEY_THEM = re.compile(r"\bthey/them\b|\b(?:uses?|prefers?|goes by)\s+(?:the\s+)?(?:pronouns?\s+)?[\"“']?they\b",
                       re.IGNORECASE)


def _name(token) -> list:
    """The proper-noun name a token heads: its compound modifiers and itself."""
    words = [c for c in token.lefts if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS")] + [token]
    return sorted(words, key=lambda t: t.i)


def _named_kind(token) -> str | None:
    """spaCy's entity label for the proper name token heads, from the entity recogniser run on its sentence."""
    from linter.nlp import load_model

    sent = token.sent
    entities = load_model().get_pipe("ner")(sent.as_doc())
    offset = token.i - sent.start
    return next((e.label_ for e in entities.ents if e.start <= offset < e.end), None)


def _is_plural_or_coordinated(token) -> bool:
    return (token.tag_ in ("NNS", "NNPS") or token.dep_ == "conj"
            or any(c.dep_ in ("conj", "cc") or c.lower_ in DISTRIBUTIVE for c in token.children))


def _could_be_meant(token) -> bool:
    """A plural noun, a coordination or a plural pronoun: something else a plural pronoun could refer to."""
    return (token.tag_ in ("NNS", "NNPS") or token.lower_ in PLURAL_PRONOUNS | {"we", "us", "our"}
            or (token.dep_ == "conj" and token.pos_ in ("NOUN", "PROPN")))


def _treated_as_singular(candidate, tokens) -> bool:
    """True when the text around treats the candidate as singular: "it"/"its" about it, or a singular verb."""
    for token in tokens:
        if token.lower_ in SINGULAR_PRONOUNS:
            subject = governing_subject(token)
            if subject is not None and subject.lower_ == candidate.lower_:
                return True
        if token.lower_ == candidate.lower_ and token.dep_ in ("nsubj", "nsubjpass"):
            verb = token.head
            if verb.tag_ == "VBZ" or verb.lower_ in SINGULAR_VERBS or any(
                    c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBZ" or c.lower_ in SINGULAR_VERBS)
                    for c in verb.children):
                return True
    return False


def _main_subject(sent):
    root = sent.root
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def check(doc, options):
    from linter.nlp import parsed

    british = options["language"].lower().replace("_", "-") == "en-gb"
    organisation_nouns = {w.lower() for w in options["organisation_nouns"]}
    collective_nouns = {w.lower() for w in options["collective_nouns"]}
    they_them = {t.text for b, p in parsed(doc) for s in p.sents if THEY_THEM.search(s.text)
                 for t in s if t.tag_ == "NNP"}
    previous = None
    for block, _parse, infos in track(doc, parsed(doc)):
        for info in infos:
            for token in info.sent:
                if token.lower_ not in PLURAL_PRONOUNS or is_quoted(block, token):
                    continue
                candidate = governing_subject(token)
                between = []
                if candidate is None and previous is not None:
                    candidate = _main_subject(previous.sent)
                    between = list(previous.sent)
                if candidate is None or _is_plural_or_coordinated(candidate) or candidate.text in they_them:
                    continue
                between = [t for t in between + list(info.sent)
                           if t.i < token.i and not (candidate.left_edge.i <= t.i <= candidate.right_edge.i)
                           and (t.doc is not candidate.doc or t.i > candidate.i)]
                if any(_could_be_meant(t) for t in between):
                    continue
                if candidate.tag_ == "NN":
                    if candidate.lower_ not in organisation_nouns:
                        continue
                    collective = candidate.lower_ in collective_nouns
                    name = candidate.text
                elif candidate.tag_ == "NNP":
                    source = info if candidate.doc is info.sent.doc else previous
                    if mention_at(source, candidate) is not None:
                        continue  # a person
                    words = _name(candidate)
                    if words[-1].lower_ not in NON_PERSON_WORDS and _named_kind(candidate) not in NAMED_KINDS:
                        continue
                    collective = True
                    name = " ".join(w.text for w in words)
                else:
                    continue
                context = list(previous.sent if previous else []) + list(info.sent)
                if british and collective and not _treated_as_singular(candidate, context):
                    continue
                yield block_hit(block, token.idx, token.idx + len(token.text), pronoun=token.text, antecedent=name)
            previous = info
