"""A plural pronoun for a singular organisation or place: "China deepened their export curbs", "Brannock Shipping,
which runs ferries, said they had diverted two ships".

Flagged: they/them/their/theirs/themselves, outside quotations, whose antecedent is a singular named organisation
or place (known by an organisation word in the name, by the text itself, "X, which ...", "X, the developer", or by
spaCy's entity recogniser, run on that sentence only) or a singular organisation noun ("the government", "the
company"): the subject of the clause above the pronoun that comes before it, or, for a pronoun with no such
subject, the subject of the previous sentence. Not flagged: plural, coordinated or distributive antecedents ("The
US and Japan ... their", "a company of 100 troops", "each country"); another antecedent in reach (a plural noun or
pronoun, "those", another name, before the pronoun in its sentence or as subject of the previous sentence of the
paragraph); "them" for its own clause's subject; people, including a person the text introduces as using
they/them; and, with `language: en-GB`, where any body may take "they" ("Celtic won their match", "the government
are"), a body that the sentences do not also give a singular verb ("The authority is concerned ... and said they").
"""

from __future__ import annotations

import re

from linter.analysis.people.walk import governing_subject, mention_at, track
from linter.analysis.people.words import MONTHS_AND_DAYS, NON_PERSON_WORDS
from linter.checks.base import PARSE
from linter.model.findings import block_hit
from linter.model.quotes import is_quoted

CATEGORY = "pronoun"
NEEDS = (PARSE,)
OPTIONS = {"language": str, "organisation_nouns": [str]}
PARTICIPANT_DEPS = ("nsubj", "nsubjpass")
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
DISTRIBUTIVE = {"each", "every", "either", "neither", "any", "no", "all", "both", "many", "several", "some"}
PLURAL_DETERMINERS = {"those", "these", "both", "others", "many", "several", "some", "all", "few"}
SINGULAR_VERBS = {"is", "was", "has", "does", "'s"}
NAMED_KINDS = {"ORG", "GPE"}
THEY_THEM = re.compile(
    r"\bthey/them\b|\b(?:uses?|prefers?|goes by)\s+(?:the\s+)?(?:pronouns?\s+)?[\"“']?they\b", re.IGNORECASE
)


def _name(token) -> list:
    """The proper-noun name a token heads: its compound modifiers and itself."""
    words = [c for c in token.lefts if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS")] + [token]
    return sorted(words, key=lambda t: t.i)


def _named_kind(token) -> str | None:
    """spaCy's entity label for the proper name token heads, from the entity recogniser run on its sentence."""
    from linter.analysis.nlp import load_model

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
    return (
        plural
        or token.dep_ == "conj"
        or of_plural
        or any(c.dep_ in ("conj", "cc") or c.lower_ in DISTRIBUTIVE for c in token.children)
    )


def _could_be_meant(token) -> bool:
    """A plural noun, a coordination or a plural pronoun ("those found guilty"): something else a plural pronoun
    could refer to."""
    return (
        token.tag_ in ("NNS", "NNPS")
        or token.lower_ in PLURAL_PRONOUNS | {"we", "us", "our"}
        or (token.lower_ in PLURAL_DETERMINERS and token.dep_ != "det")
        or (token.dep_ == "conj" and token.pos_ in ("NOUN", "PROPN"))
    )


def _treated_as_singular(candidate, tokens) -> bool:
    """True when the sentences give the candidate a singular verb: "The authority is concerned ...", "X has said"."""
    for token in tokens:
        if token.lower_ == candidate.lower_ and token.dep_ in ("nsubj", "nsubjpass"):
            verb = token.head
            if (
                verb.tag_ == "VBZ"
                or verb.lower_ in SINGULAR_VERBS
                or any(
                    c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBZ" or c.lower_ in SINGULAR_VERBS)
                    for c in verb.children
                )
            ):
                return True
    return False


def _main_subject(sent):
    root = sent.root
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _clause_verb(token):
    """The verb of the clause a token belongs to."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _antecedent(token, info, previous):
    """(candidate antecedent, the tokens before the pronoun that compete with it) or None: the subject of the clause
    above the pronoun, else the previous sentence's subject. The subjects of the previous sentence of the same
    paragraph compete too ("Officials say all three were ... The ministry says they ...")."""
    candidate, window = governing_subject(token), []
    if candidate is None and previous is not None:
        candidate, window = _main_subject(previous.sent), list(previous.sent)
    elif previous is not None and previous.block is info.block:
        window = [t for t in previous.sent if t.dep_ in PARTICIPANT_DEPS]
    if candidate is None or (candidate.doc is token.doc and candidate.i > token.i):
        return None  # nothing before the pronoun
    if token.lower_ == "them" and candidate.dep_ in ("nsubj", "nsubjpass") and candidate.head == _clause_verb(token):
        return None  # "China deepened them": an object pronoun is never its own clause's subject
    window += [t for t in info.sent if t.i < token.i]
    inside = (candidate.left_edge.i, candidate.right_edge.i)
    rivals = [t for t in window if not (t.doc is candidate.doc and inside[0] <= t.i <= inside[1])]
    return candidate, rivals


def _competes(token) -> bool:
    """Something other than the candidate that a plural pronoun could mean: a plural noun or pronoun, a coordinated
    noun, "those", a number as subject ("all four were"), or another name ("Kessler has beaten Ardent in two of
    their three tenders")."""
    return (
        _could_be_meant(token)
        or (token.tag_ == "CD" and token.dep_ in ("nsubj", "nsubjpass"))
        or (token.tag_ in ("NNP", "NNPS") and token.lower_ not in MONTHS_AND_DAYS)
    )


def _body_name(candidate, info, previous, organisation_nouns) -> str | None:
    """The name of the singular body or place the candidate is, or None (a person, an ordinary noun, a plural)."""
    if _is_plural_or_coordinated(candidate):
        return None
    if candidate.tag_ == "NN":
        return candidate.text if candidate.lower_ in organisation_nouns else None
    if candidate.tag_ != "NNP" and not _is_multiword_name(candidate):
        return None
    source = info if candidate.doc is info.sent.doc and candidate.i >= info.sent.start else previous
    mention = mention_at(source, candidate)
    if mention is not None and mention.person.gender is not None:
        return None  # a person, known by an honorific or a he/she
    words = _name(candidate)
    if (
        words[-1].lower_ in NON_PERSON_WORDS
        or _described_as_thing(candidate, organisation_nouns)
        or _named_kind(candidate) in NAMED_KINDS
    ):
        return " ".join(w.text for w in words)
    return None


def check(doc, options):
    from linter.analysis.nlp import parsed

    british = options["language"].lower().replace("_", "-") == "en-gb"
    organisation_nouns = {w.lower() for w in options["organisation_nouns"]}
    they_them = {
        t.text for b, p in parsed(doc) for s in p.sents if THEY_THEM.search(s.text) for t in s if t.tag_ == "NNP"
    }
    previous = None
    for block, _parse, infos in track(doc):
        for info in infos:
            for token in info.sent:
                if token.lower_ not in PLURAL_PRONOUNS or is_quoted(block, token):
                    continue
                found = _antecedent(token, info, previous)
                if found is None or found[0].text in they_them:
                    continue
                candidate, rivals = found
                if any(t.lower_ in PLURAL_PRONOUNS for t in candidate.subtree) or any(_competes(t) for t in rivals):
                    continue  # "Their organisation was good and they ...", or another antecedent in reach
                name = _body_name(candidate, info, previous, organisation_nouns)
                if name is None:
                    continue
                context = list(previous.sent if previous else []) + list(info.sent)
                if british and not _treated_as_singular(candidate, context):
                    continue
                yield block_hit(block, token.idx, token.idx + len(token.text), pronoun=token.text, antecedent=name)
            previous = info
