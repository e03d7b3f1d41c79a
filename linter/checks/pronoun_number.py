"""A plural pronoun for a singular organisation or place: "China deepened their export curbs", "Brannock Shipping,
which runs ferries, said they had diverted two ships".

Flagged: they/them/their/theirs/themselves, outside quotations, whose antecedent is a singular named organisation
or place (known by an organisation word in the name, by the text itself, "X, which ...", "X, the developer", or by
spaCy's entity recogniser, run on that sentence only) or a
singular organisation noun ("the government", "the company"): the subject of the clause above the pronoun, or, for
a pronoun with no such subject, the subject of the previous sentence. Not flagged: plural or coordinated
antecedents ("The US and Japan ... their", "a company of 100 troops"), a plural noun or pronoun anywhere before the
pronoun in its sentence (and in the previous one, if the antecedent is there), which could be what it means,
"each country", people (including a person the text introduces as using they/them), and,
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


def _described_as_thing(token, organisation_nouns) -> bool:
    """A name the text itself describes as a body, not a person: "X, which runs ...", "X, the developer"."""
    for child in token.children:
        if child.dep_ == "relcl" and any(c.lower_ == "which" for c in child.children):
            return True
        if child.dep_ == "appos" and child.lower_ in organisation_nouns:
            return True
    return False


def _is_multiword_name(token) -> bool:
    """A proper name of several words, singular whatever its last word: "Norland Mills", "Velmont Foods"."""
    return token.tag_ in ("NNP", "NNPS") and any(c.dep_ == "compound" and c.tag_ == "NNP" for c in token.lefts)


def _is_plural_or_coordinated(token) -> bool:
    """A plural, coordinated or distributive noun phrase, or one of plural sense ("a company of 100 troops")."""
    of_plural = any(c.lower_ == "of" and any(o.tag_ in ("NNS", "NNPS") for o in c.children) for c in token.children)
    plural = token.tag_ in ("NNS", "NNPS") and not _is_multiword_name(token)
    return (plural or token.dep_ == "conj" or of_plural
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
                own = list(candidate.subtree)
                if any(t.lower_ in PLURAL_PRONOUNS for t in own):
                    continue  # "Their organisation was good and they ...": the pronouns are about someone else
                others = [t for t in between + [t for t in info.sent if t.i < token.i]
                          if not (t.doc is candidate.doc and candidate.left_edge.i <= t.i <= candidate.right_edge.i)]
                if any(_could_be_meant(t) for t in others):
                    continue
                if candidate.tag_ == "NN":
                    if candidate.lower_ not in organisation_nouns:
                        continue
                    collective = candidate.lower_ in collective_nouns
                    name = candidate.text
                elif candidate.tag_ == "NNP" or _is_multiword_name(candidate):
                    source = info if candidate.doc is info.sent.doc else previous
                    mention = mention_at(source, candidate)
                    if mention is not None and mention.person.gender is not None:
                        continue  # a person, known by an honorific or a he/she
                    words = _name(candidate)
                    if not (words[-1].lower_ in NON_PERSON_WORDS or _described_as_thing(candidate, organisation_nouns)
                            or _named_kind(candidate) in NAMED_KINDS):
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
