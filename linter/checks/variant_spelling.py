"""Two forms of one term in the same article: "US" and "U.S.", "per cent" and "percent", "colour" and "color".

Flagged: every use of a minority form, naming the form the article uses most (the suggestion); on a tie, the form
used first wins. With `language: en-GB` (or `en-US`), a mix of British and American spellings is settled in that
language's favour whatever the counts. A word form after a spelled-out number ("Forty per cent") is compared only
with the other word forms, since a symbol ("%") can only follow a figure in digits. The terms come from the rule's
`terms` option; British/American spelling pairs come from the word list of the `breame` package when
`british_american` is on. Quotes count like the rest of the text.
Not flagged: an article that keeps to one form, British or American, whatever the `language`; a form inside a
proper name listed in `proper_names` ("US Open"); capitalised words in mid-sentence (names such as "Pearl Harbor")
and a capitalised word that opens a longer name ("Email Systems"); pairs listed in `spelling_exceptions`, where
both words are correct with different meanings ("practice"/"practise", "program"/"programme"); lines in capitals.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from linter.analysis.voice import others_voice
from linter.checks.base import KINDS
from linter.model.findings import block_hit

CATEGORY = "consistency"
NEEDS = ()
OPTIONS = {
    "language": str,
    "terms": dict,
    "british_american": bool,
    "spelling_exceptions": [str],
    "proper_names": [str],
    "kinds": KINDS,
}
WORD = re.compile(r"[A-Za-z]+")
# How sure a reported use is a slip: in the writer's narrative, or in a quotation, which some desks transcribe as
# the speaker or the document wrote it.
IN_NARRATIVE, IN_QUOTE = 0.9, 0.6
HOUSE_SPELLING = {"en-gb": "British", "en-us": "American"}  # the `language` whose spelling wins a mix
AFTER_DIGIT = re.compile(r"\d[ \t]?$")  # "5%", "5 per cent"; not "five per cent", which "%" cannot replace


def form_pattern(form: str) -> str:
    """A regex for one written form: whole words only; case matters when the form has a capital letter."""
    body = re.escape(form).replace(r"\ ", r"\s+")
    if form[:1].isalnum():
        body = r"(?<![\w.])" + body
    if form[-1:].isalnum():
        body += r"(?!\w|\.\w)"
    elif form.endswith("."):
        body += r"(?!\w)"
    return body if any(c.isupper() for c in form) else f"(?i:{body})"


@lru_cache(maxsize=32)
def compile_terms(terms: tuple) -> re.Pattern | None:
    """One regex over every form of every term; group `t<i>f<j>` names term i, form j. It starts by looking ahead
    for a first character of some form, which lets the regex engine skip the other positions quickly (four times
    faster on news text than trying every form everywhere)."""
    forms = [form for _, term_forms in terms for form in term_forms]
    if not forms:
        return None
    parts = [
        f"(?P<t{i}f{j}>{form_pattern(form)})"
        for i, (_, term_forms) in enumerate(terms)
        for j, form in enumerate(term_forms)
    ]
    exact = {form[0] for form in forms if any(c.isupper() for c in form)}
    any_case = {form[0] for form in forms} - exact
    first = "|".join(
        [f"[{re.escape(''.join(sorted(exact)))}]"] * bool(exact)
        + [f"(?i:[{re.escape(''.join(sorted(any_case)))}])"] * bool(any_case)
    )
    return re.compile(f"(?={first})(?:{'|'.join(parts)})")


@lru_cache(maxsize=8)
def spelling_pairs(exceptions: tuple) -> dict[str, tuple[str, str, str]]:
    """Each British or American word -> (term key, spelling, the word in the other spelling); a plural shares the
    key of its singular."""
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    excluded = {w.lower() for w in exceptions}
    pairs = {}
    for british, american in BRITISH_ENGLISH_SPELLINGS.items():
        if british in excluded or american in excluded or british == american:
            continue
        singular = british[:-1] if british.endswith("s") and british[:-1] in BRITISH_ENGLISH_SPELLINGS else british
        key = f"{singular}/{BRITISH_ENGLISH_SPELLINGS[singular]}"
        pairs[british] = (key, "British", american)
        pairs[american] = (key, "American", british)
    return pairs


def _shouting(text: str) -> bool:
    if not text.isupper():  # a lower-case letter, or no cased letter at all: not shouting (the quick answer)
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def uses(doc, options):
    """(term key, form, block, start, end, {form: the word to write in that form}) for every use, in reading
    order. A listed term's forms are its written forms; a spelling pair's forms are "British" and "American"."""
    terms = tuple((name, tuple(str(f) for f in forms)) for name, forms in options["terms"].items())
    regex = compile_terms(terms)
    names = re.compile("|".join(re.escape(n) for n in options["proper_names"])) if options["proper_names"] else None
    pairs = spelling_pairs(tuple(options["spelling_exceptions"])) if options["british_american"] else {}
    for block in doc.prose(tuple(options["kinds"])):
        if _shouting(block.text) or others_voice(doc, block) is not None:  # readers spell as they do
            continue
        found = []
        protected = [m.span() for m in names.finditer(block.text)] if names else []
        starts = {s.start for s in block.sentences}
        for m in regex.finditer(block.text) if regex else ():
            if any(a <= m.start() and m.end() <= b for a, b in protected):
                continue
            term, form = (int(x) for x in m.lastgroup[1:].split("f"))
            written = terms[term][1][form]
            if written.islower() and _in_a_name(block.text, m.start(), m.end(), starts):
                continue
            found.append((terms[term][0], written, m.start(), m.end(), {f: f for f in terms[term][1]}))
        paired = pairs.keys() & set(map(str.lower, WORD.findall(block.text))) if pairs else None
        if paired:
            for m in _words_pattern(frozenset(paired)).finditer(block.text):
                word = m.group(0)
                entry = pairs.get(word.lower())
                if entry and (word[0].islower() or _opens_sentence_not_a_name(block.text, m.start(), m.end(), starts)):
                    key, spelling, other = entry
                    other_spelling = "American" if spelling == "British" else "British"
                    found.append(
                        (key, spelling, m.start(), m.end(), {spelling: word, other_spelling: _same_case(other, word)})
                    )
        for term, form, start, end, spellings in sorted(found, key=lambda x: x[2]):
            yield term, form, block, start, end, spellings


@lru_cache(maxsize=1024)
def _words_pattern(words: frozenset) -> re.Pattern:
    """A regex for the given lower-case words where WORD would find them (whole runs of letters, any case)."""
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", re.IGNORECASE | re.ASCII)


def _opens_sentence_not_a_name(text: str, start: int, end: int, starts: set[int]) -> bool:
    """A capitalised word that opens a sentence ("Organisations also"), not the first word of a name there ("Labor
    Party leaders")."""
    return _opens_sentence(text, start, starts) and not _in_a_name(text, start, end, starts)


def _opens_sentence(text: str, start: int, starts: set[int]) -> bool:
    """True when only quotation marks or brackets stand between a sentence start and this word."""
    i = start
    while i > 0 and text[i - 1] in "\"'“‘([":
        i -= 1
    return i in starts


def _in_a_name(text: str, start: int, end: int, sentence_starts: set[int]) -> bool:
    """Whether a capitalised use of a lower-case form is a word of a longer name ("Email Systems", "Percent
    Club"): a capitalised word follows it in the same sentence, or one stands before it in mid-sentence."""
    if not text[start].isupper():
        return False
    if re.match(r"[ \t]+[A-Z][a-z]", text[end:]) and end + 1 not in sentence_starts:
        return True
    before = re.search(r"[A-Z][a-z][\w'’-]*[ \t]+$", text[:start])
    return before is not None and before.start() not in sentence_starts


def _symbol_free(form: str) -> bool:
    """A form written as a symbol ("%"), which only a figure in digits can take."""
    return not any(c.isalnum() for c in form)


def check(doc, options):
    house = HOUSE_SPELLING.get(options["language"].lower().replace("_", "-"))
    by_term: dict[str, list] = {}
    for term, form, block, start, end, spellings in uses(doc, options):
        by_term.setdefault(term, []).append((form, block, start, end, spellings))
    for found in by_term.values():
        symbols = {f for f in found[0][4] if _symbol_free(f)}
        after_figure = [
            not symbols or form in symbols or AFTER_DIGIT.search(block.text[:start]) for form, block, start, *_ in found
        ]
        free = [use for use, figure in zip(found, after_figure) if figure]
        words = [use for use in found if use[0] not in symbols]
        free_majority = _majority(free)
        word_majority = _majority(words)
        if house and house in found[0][4] and free_majority:  # a British/American pair in a set language
            free_majority = word_majority = house
        for use, figure in zip(found, after_figure):
            form, block, start, end, spellings = use
            majority = free_majority if figure else word_majority
            if majority is not None and form != majority:
                written = block.text[start:end]
                suggestion = _same_case(spellings[majority], written)
                hit = block_hit(block, start, end, suggestion=suggestion, form=written, majority=suggestion)
                hit.confidence = IN_QUOTE if block.in_quote(start, end) else IN_NARRATIVE
                yield hit


def _majority(found) -> str | None:
    """The form used most among these uses (on a tie, the one used first), or None when they keep to one form."""
    counts = Counter(form for form, *_ in found)
    if len(counts) < 2:
        return None
    first_seen = {form: i for i, (form, *_) in reversed(list(enumerate(found)))}
    return max(counts, key=lambda f: (counts[f], -first_seen[f]))


def _same_case(form: str, written: str) -> str:
    """The suggested form with the capital of the written word: "Colour" for a sentence-opening "Color"."""
    if written[:1].isupper() and form[:1].islower():
        return form[:1].upper() + form[1:]
    return form
