"""Vale's `sequence` rules: a run of tokens matched by their text and part-of-speech tags, in each sentence.

This follows Vale's own matcher (`internal/check/sequence.go`): the sentence is split into words by the Penn
Treebank word tokenizer Vale uses (ported below), each word gets a Penn Treebank tag (from spaCy's tagger here, since
Vale's perceptron model is not packaged; the two taggers agree on most words but not all), and the first token with a
`pattern` is the anchor: for each place the anchor's pattern matches, the tokens to its left and right are checked
word by word. A `tag` is searched for in the word's tag (`NN` also matches `NNS` and `NNP`, as in Vale), a
`pattern` in the word's text (without word boundaries: `be` matches "because", as in Vale); `skip: N` lets up to N
other words stand between a token and its neighbour on the anchor's side. `%s` in the message is the first word of
the run, `%[n]s` the nth, as Go's `Sprintf` reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from linter.vale.patterns import Pattern
from linter.vale.rules import Rule

# The Treebank tokenizer's steps, in order: (pattern, replacement).
_STARTING_QUOTES = [(r"'([ (\[{<])\"", r"\1 `` "), (r'^(")', "``"), (r'( ")', " ``"), (r"(``)", r" \1 ")]
_PUNCTUATION = [
    (r"([:,])([^\d])", r" \1 \2"),
    (r"\.\.\.", " ... "),
    (r"([^\.])(\.)([\]\)}>\"\']*)\s*$", r"\1 \2\3 "),
    (r"([^'])' ", r"\1 ' "),
    (r"([:,])$", r" \1 "),
    (r"([;@#$%&?!])", r" \1 "),
    (r"([\]\[\(\)\{\}\<\>])", r" \1 "),
    (r"--", " -- "),
]
_ENDING_QUOTES = [
    (r'"', " '' "),
    (r"'(\S)(\'\')'", r"\1 \2 "),
    (r"([^' ])('[sS]|'[mM]|'[dD]|') ", r"\1 \2 "),
    (r"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", r"\1 \2 "),
]
_CONTRACTIONS = [
    r"(?i)\b(can)(not)\b",
    r"(?i)\b(d)('ye)\b",
    r"(?i)\b(gim)(me)\b",
    r"(?i)\b(gon)(na)\b",
    r"(?i)\b(got)(ta)\b",
    r"(?i)\b(lem)(me)\b",
    r"(?i)\b(mor)('n)\b",
    r"(?i)\b(wan)(na) ",
    r"(?i) ('t)(is)\b",
    r"(?i) ('t)(was)\b",
]
_BEFORE_PADDING = [(re.compile(p, re.ASCII), r) for p, r in _STARTING_QUOTES + _PUNCTUATION]
_AFTER_PADDING = [(re.compile(p, re.ASCII), r) for p, r in _ENDING_QUOTES]
_AFTER_PADDING += [(re.compile(p, re.ASCII), r" \1 \2 ") for p in _CONTRACTIONS]
_NEWLINES = re.compile(r"\n\r|\n|\r")
_SPACES = re.compile(" {2,}")
INDEXED = re.compile(r"%(?:\[(\d+)\])?s")
TAGGING = ("tok2vec", "tagger", "attribute_ruler")  # the spaCy components that give words their tags


def treebank_words(sentence: str) -> list[str]:
    """The sentence's words as the Penn Treebank tokenizer splits them: "endpoint's" is `endpoint 's`, quotes become
    `` and '', and punctuation is a word of its own."""
    text = sentence
    for pattern, replacement in _BEFORE_PADDING:
        text = pattern.sub(replacement, text)
    text = f" {text} "
    for pattern, replacement in _AFTER_PADDING:
        text = pattern.sub(replacement, text)
    text = _SPACES.sub(" ", _NEWLINES.sub(" ", text)).strip()
    return [word for word in text.split(" ") if word]


@dataclass(frozen=True)
class Word:
    text: str
    tag: str


@lru_cache(maxsize=256)
def tagged_words(text: str) -> tuple[Word, ...]:
    """The words of a scope's text with their tags, once for every sequence rule of the style that reads it."""
    return tuple(tag_words(treebank_words(text)))


def tag_words(words: list[str]) -> list[Word]:
    """Penn Treebank tags for words already split, from spaCy's tagger (the model is loaded on first use)."""
    if not words:
        return []
    from spacy.tokens import Doc

    from linter.analysis.nlp import load_model

    nlp = load_model()
    doc = Doc(nlp.vocab, words=words)
    for name, component in nlp.pipeline:
        if name in TAGGING:
            doc = component(doc)
    return [Word(token.text, token.tag_) for token in doc]


@dataclass
class SequenceToken:
    """One position of the run after Vale expands `skip`: a token with `skip: N` becomes N optional positions (the
    first marked `start`) followed by the required one (marked `end`)."""

    pattern: Pattern | None = None
    tag: str = ""
    tag_pattern: Pattern | None = None
    negate: bool = False
    skip: int = 0
    optional: bool = False
    start: bool = False
    end: bool = False

    def matches(self, word: Word) -> bool:
        """Vale's `tokensMatch`."""
        tag_found = self.tag_pattern is None or self.tag_pattern.search(word.tag)
        failed_tag = tag_found == self.negate
        failed_text = self.pattern is not None and self.pattern.search(word.text) == self.negate
        if not self.pattern and failed_tag:
            return False
        if not self.tag and failed_text:
            return False
        return not (self.tag and self.pattern and (failed_tag or failed_text))


def expand(tokens: list[SequenceToken]) -> list[SequenceToken]:
    """Vale's `makeTokens`: each `skip` turned into optional positions before the token itself."""
    expanded = []
    for token in tokens:
        token = replace(token, optional=True)
        for i in range(token.skip, 0, -1):
            token = replace(token, start=i == token.skip)
            expanded.append(token)
        if token.pattern is not None or token.tag:
            expanded.append(replace(token, optional=False, end=True))
    return expanded


@dataclass
class Sequence(Rule):
    tokens: list[SequenceToken] = field(default_factory=list)  # already expanded

    def run(self, text, file):
        anchor_index = next((i for i, t in enumerate(self.tokens) if not t.negate and t.pattern is not None), None)
        if anchor_index is None:
            return []
        anchor = self.tokens[anchor_index]
        found = list(anchor.pattern.finditer(text))
        if not found:  # no anchor: nothing to tag
            return []
        words = tagged_words(text)
        alerts, offset, history = [], [], []
        for m in found:
            steps, index = self._matches(anchor_index, anchor, words, history)
            history.append(index)
            if not steps:
                offset.append(text[m.start() : m.end()])
                continue
            run = steps_to_string(steps)
            start = text.find(run)
            if start < 0:  # the tokenizer changed the words' spelling (quotes): Vale cannot place it either
                offset = []
                continue
            alert = self.alert(text, start, start + len(run))
            alert.message = go_sprintf(self.message, steps)
            alert.offset = offset
            alerts.append(alert)
            offset = []
        return alerts

    def _matches(self, idx: int, target: SequenceToken, words: tuple[Word, ...], history: list[int]):
        """Vale's `sequenceMatches`: the words of the run around the first unused word the anchor matches, or []."""
        tokens = self.tokens
        for jdx, word in enumerate(words):
            if not target.matches(word) or jdx in history:
                continue
            text: list[str] = []
            for i in range(1, idx + 1):  # the left-hand side, read from the anchor outwards
                if jdx - i < 0:
                    return [], jdx
                token = tokens[idx - i]
                text.insert(0, words[jdx - i].text)
                if token.skip > 0:
                    token = replace(token, optional=(token.optional or token.end) and not token.start)
                found = token.matches(words[jdx - i])
                if not found and not token.optional:
                    return [], jdx
                if found and token.optional:
                    break
            for i in range(len(tokens) - idx):  # the anchor and the right-hand side
                if jdx + i >= len(words):
                    return [], jdx
                token = tokens[idx + i]
                text.append(words[jdx + i].text)
                found = token.matches(words[jdx + i])
                if not found and not token.optional:
                    return [], jdx
                if found and token.optional:
                    break
            return text, jdx
        return [], 0


def steps_to_string(steps: list[str]) -> str:
    """The run as text: words joined by spaces, except a word starting with an apostrophe ("'s")."""
    out = ""
    for step in steps:
        out += step if step.startswith("'") else " " + step
    return out.strip(" ")


def go_sprintf(message: str, values: list[str]) -> str:
    """Vale's `FormatMessage` (Go's `Sprintf` for `%s` and `%[n]s` with one empty value added): `%s` takes the value
    after the last one used; a value past those is Go's `%!s(MISSING)`."""
    values = [*values, ""]
    position = 0

    def substitute(m: re.Match) -> str:
        nonlocal position
        index = int(m.group(1)) - 1 if m.group(1) else position
        position = index + 1
        if 0 <= index < len(values):
            return values[index]
        return "%!s(MISSING)" if index >= 0 else "%!s(BADINDEX)"

    return INDEXED.sub(substitute, message).strip()


def build_sequence(base: dict, data: dict, path: str) -> Sequence:
    prefix = "(?i)" if data.get("ignorecase") else ""
    tokens = []
    for token in data.get("tokens") or []:
        pattern, tag = token.get("pattern"), str(token.get("tag") or "")
        tokens.append(
            SequenceToken(
                pattern=Pattern(prefix + rf"(?m)(?:{pattern})", f"{path}: tokens: pattern") if pattern else None,
                tag=tag,
                tag_pattern=Pattern(tag, f"{path}: tokens: tag") if tag else None,
                negate=bool(token.get("negate", False)),
                skip=int(token.get("skip", 0) or 0),
            )
        )
    return Sequence(**{**base, "scope": ["sentence"]}, tokens=expand(tokens))
