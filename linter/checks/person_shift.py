"""First or second person in the reporter's own narrative: "It helps us meet ... our market", "If you live ...".

Flagged: I, me, my, myself, we, us, our, ours, ourselves, you, your, yours, yourself, yourselves (and their
contractions, "we're", "you'll") in paragraphs, outside other people's words; one finding per sentence, on its
first such word. Other people's words are quotations (straight or curly, including one that runs on into the next
paragraph), blockquotes, and the blocks the voice analysis finds are not the writer's narrative (readers'
comments, letters, Q&A transcripts, lists of quotes: `linter.analysis.voice`). Also not flagged: headlines,
subheads and list items (by `kinds`); scraped page furniture ("subscribe to our newsletter"); "US" and other
all-capital abbreviations; a pronoun inside a name or title ("We Are the World", "Us Weekly", "Carry On at Your
Convenience", "World War I"); words and phrases in `allow` ("our correspondent", "mind you"); documents whose
front matter (any key in `genre_keys`) names a genre in `skip_genres`; and documents that use the first or second
person in `voice_sentences` sentences or more, which are written in that voice on purpose.

Generic "you" and "we" are weighed, not flagged on sight. Each finding's confidence says how sure the rule is that
the word is the writer addressing the reader or speaking for themselves:

- specific (high): "we"/"I" as the subject of a past event ("We asked the department"), "you" as the subject of a
  clause with a place, name or time of the story ("If you drive along Route 9 this week") or of advice ("you
  should move your car");
- inclusive or general (middle): "we will no longer see", "our savings";
- generic (low): "you" as the object of something else's action ("it lets you search", "to catch you out"),
  "you" with a present-tense or modal verb and nothing specific ("you can also get your TV service"), first
  person in someone's thoughts told indirectly ("Ms Roche believes it is something we should welcome") and
  "you" in reported words; first person in reported speech ("officials said our region needs the work": the
  person was not shifted) stays in the middle;
- halved when the writer's narrative is conversational (questions, exclamations or contractions of their own: a
  feature, an analysis or a column, `linter.analysis.voice.narrative_register`).

The rule's `min_confidence` (0.5 by default) leaves out the generic and reported uses; lower it to 0.4 to see the
first person of reported speech as well, or to 0.3 to see nearly every candidate.
"""

from __future__ import annotations

import re

from linter.analysis.residue import find_residue
from linter.analysis.voice import in_others_words, narrative_register
from linter.checks.base import KINDS, PARSE, Option
from linter.model.findings import block_hit

CATEGORY = "pronoun"
NEEDS = (PARSE,)
OPTIONS = {
    "allow": [str],
    "kinds": KINDS,
    "genre_keys": [str],
    "skip_genres": [str],
    "voice_sentences": Option(int, minimum=0),
}
PERSONAL = re.compile(  # "I'm" is a pronoun; "I'" before a capital is part of a name
    r"(?<![\w'’.-])(I|me|my|myself|we|us|our|ours|ourselves|you|your|yours|yourself|yourselves)"
    r"(?![\w-])(?!['’][A-Z])",
    re.IGNORECASE,
)
SECOND = {"you", "your", "yours", "yourself", "yourselves"}
WORD = re.compile(r"[\w'’]+")
TITLE_WORD = re.compile(r"[A-Z][\w'’-]*|of|the|a|an|and|at|in|on|to|for|with|from|by|my|your|our|me|you|us|we")
CLAUSES = ("advcl", "relcl", "acl", "ccomp", "xcomp", "pcomp")
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
REPORTING = {
    "say",
    "tell",
    "add",
    "claim",
    "believe",
    "think",
    "suggest",
    "argue",
    "insist",
    "warn",
    "explain",
    "state",
    "write",
    "urge",
    "accord",
    "quote",
    "see",
    "hope",
    "fear",
    "predict",
    "reckon",
}
SPEECH = {"say", "tell", "add", "claim", "insist", "warn", "explain", "state", "write", "accord", "quote"}
DIRECTIVE = {"should", "must", "need", "ought"}
DEICTIC = {"today", "tonight", "tomorrow", "yesterday", "now", "weekend"}
DEICTIC_AFTER = {"this", "next", "last"}
TIME_NOUNS = {"week", "month", "year", "morning", "afternoon", "evening", "night", "weekend", "summer", "winter"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _genres(meta: dict, keys) -> set[str]:
    """The lower-cased values of the front matter's genre keys (a string or a list of strings each)."""
    found = set()
    for key in keys:
        value = meta.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                found.add(item.strip().lower())
    return found


def _in_title(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Part of a name or title: a capitalised pronoun other than "I" inside a sentence ("the film Me Before You",
    "Windows Me") or before a capitalised word ("We Are the World", "Us Weekly"), an "I" next to a capitalised word
    that does not open the sentence ("World War I", "I, Claudius"), or a pronoun inside a run of title-case words
    that does not open the sentence ("Notes on Raising my Teenage Son", "Carry On at your Convenience")."""
    word = text[start:end]
    before = WORD.findall(text[sentence_start:start])
    gap = re.match(r"[,:]? ", text[end : end + 2])
    after = WORD.match(text, end + gap.end()) if gap else None
    capital_after = after is not None and after.group(0)[:1].isupper() and after.group(0) != "I"
    capital_before = len(before) > 1 and before[-1][:1].isupper()
    if word == "I":
        return capital_before or capital_after
    if word[0].isupper():
        return start > sentence_start or capital_after
    return (capital_before and capital_after) or (capital_after and _title_run_before(before))


def _title_run_before(before: list[str]) -> bool:
    """The words before the pronoun end in a title-case run: two capitalised words that do not open the sentence,
    then only small words ("Carry On at")."""
    capitals = 0
    for word in reversed(before[1:]):
        if not TITLE_WORD.fullmatch(word):
            return False
        if word[:1].isupper():
            capitals += 1
            if capitals == 2:
                return True
    return False


def _is_pronoun(word: str) -> bool:
    """Case rules: "I" only as a capital; no all-capital abbreviation ("US", "ME"); others in any normal case."""
    if word.lower() == "i":
        return word == "I"
    return not word.isupper()


def _allowed_spans(text: str, allowed) -> list[tuple[int, int]]:
    """The spans of the block's text that are allowed words or phrases ("our correspondent", "pay as you go"),
    found once per block."""
    lowered = text.lower()
    return [
        m.span()
        for phrase in allowed
        for m in re.finditer(r"(?<!\w)" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?!\w)", lowered)
    ]


def _residue_spans(doc) -> list[tuple[int, int]]:
    """Source spans of scraped page furniture (with the scrape-residue options in force), which is not narrative."""
    if doc.residue_options is None:
        return []
    return [(hit.start, hit.end) for hit in find_residue(doc, doc.residue_options)]


def _candidates(doc, block, allowed, residue):
    """(sentence, [match]) for each sentence of the block's narrative with first- or second-person words."""
    allowed_spans = _allowed_spans(block.text, allowed)
    for sentence in block.sentences:
        source_start, source_end = block.source_span(sentence.start, sentence.end)
        if any(a < source_end and source_start < b for a, b in residue):
            continue
        matches = [
            m
            for m in PERSONAL.finditer(block.text, sentence.start, sentence.end)
            if _is_pronoun(m.group(1))
            and not in_others_words(doc, block, m.start(), m.end())
            and not any(a <= m.start() and m.end() <= b for a, b in allowed_spans)
            and not _in_title(block.text, m.start(), m.end(), sentence.start)
        ]
        if matches:
            yield sentence, matches


def _clause_verb(token):
    """The verb (or auxiliary) whose clause the token is in."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _is_past(verb) -> bool:
    words = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any("Past" in w.morph.get("Tense") for w in words) and not any(w.tag_ == "MD" for w in words[1:])


def _modals(verb) -> set[str]:
    return {c.lower_ for c in verb.children if c.tag_ == "MD" or (c.dep_ == "aux" and c.lower_ in DIRECTIVE)}


def _is_personal(token) -> bool:
    return token.lower_ in {"i", "we", "you", "me", "us"}


def _reported(verb, sent) -> float | None:
    """How sure a clause told indirectly is still the writer's slip: under a verb of saying whose subject is
    someone else ("officials said our region needs the work": the person was not shifted, 1.0), or of thinking
    ("she believes it is something we should welcome": the thinker's generic "we", 0.0); None when not reported."""
    token = verb
    while token.head.i != token.i:
        token = token.head
        if token.lemma_.lower() in REPORTING and not any(
            c.dep_ in SUBJECTS and _is_personal(c) for c in token.children
        ):
            return 1.0 if token.lemma_.lower() in SPEECH else 0.0
    root = sent.root
    if root.lemma_.lower() in SPEECH and any(c.dep_ in SUBJECTS and not _is_personal(c) for c in root.children):
        return 1.0
    return None


def _specific(verb, sent) -> bool:
    """The clause names something of the story: a proper noun inside it (not its subject), or a time of the
    story ("this week", "on Monday", "tonight")."""
    for token in verb.subtree:
        lower = token.lower_
        if lower in DEICTIC or lower in WEEKDAYS:
            return True
        if lower in TIME_NOUNS and token.i > sent.start and token.nbor(-1).lower_ in DEICTIC_AFTER:
            return True
        if token.pos_ == "PROPN" and token.dep_ not in SUBJECTS and token.head.dep_ not in SUBJECTS:
            return True
    return False


def _confidence(token, sent) -> float:
    """How sure it is that this pronoun is the writer speaking for themselves or to the reader (see the module)."""
    verb = _clause_verb(token)
    second = token.lower_ in SECOND
    reported = _reported(verb, sent)
    if reported is not None:  # a reported "you" is generic; a reported "we" is a slip when it was said, not thought
        return 0.3 if second else (0.6 if reported else 0.45)
    subject = token.dep_ in SUBJECTS
    if not subject and token.dep_ == "poss":
        subject = token.head.dep_ in SUBJECTS and token.head.head.i == verb.i
    if second:
        if not subject:
            return 0.35  # the object of something else's doing: "it lets you", "to catch you out", "your home"
        if verb.dep_ in CLAUSES and not any(c.dep_ in SUBJECTS and c.lower_ in SECOND for c in verb.head.children):
            return 0.45  # "there is a delay when you try": a generic case inside a clause about something else
        if _modals(verb) & DIRECTIVE or _specific(verb, sent):
            return 0.95
        return 0.45  # "you can get", "you might think": generic
    if subject and _is_past(verb):
        return 0.95  # "We asked the department"
    return 0.7 if subject else 0.6  # inclusive "we will see", "our savings"


def _tagged_name(word: str, token) -> bool:
    """A capitalised pronoun that the tagger reads as a proper noun: part of a name ("Us magazine")."""
    return token is not None and word != "I" and word[:1].isupper() and token.tag_ == "NNP"


def _sentence_tokens(spacy_doc, sentence):
    return [t for t in spacy_doc if sentence.start <= t.idx < sentence.end]


def check(doc, options):
    from linter.analysis.nlp import parsed

    if _genres(doc.meta, options["genre_keys"]) & {g.lower() for g in options["skip_genres"]}:
        return
    allowed = [" ".join(w.lower().split()) for w in options["allow"]]
    residue = _residue_spans(doc)
    blocks = doc.prose(tuple(options["kinds"]))
    slips = [(b, sentence, matches) for b in blocks for sentence, matches in _candidates(doc, b, allowed, residue)]
    if not slips:
        return
    parses = {block.index: spacy_doc for block, spacy_doc in parsed(doc, tuple(options["kinds"]))}
    scored = []
    for block, sentence, matches in slips:
        tokens = {t.idx: t for t in _sentence_tokens(parses[block.index], sentence)}
        pairs = [(m, tokens.get(m.start())) for m in matches if not _tagged_name(m.group(1), tokens.get(m.start()))]
        if pairs:
            scored.append((block, pairs))
    if len(scored) >= options["voice_sentences"]:
        return
    factor = 0.5 if narrative_register(doc).conversational else 1.0
    for block, pairs in scored:
        best = max(_confidence(token, token.sent) if token is not None else 0.6 for _m, token in pairs)
        first = pairs[0][0]
        others = sorted({m.group(1) for m, _token in pairs[1:]} - {first.group(1)})
        hit = block_hit(
            block, first.start(), first.end(), word=first.group(1), more="".join(f', "{w}"' for w in others)
        )
        hit.confidence = round(best * factor, 2)
        yield hit
