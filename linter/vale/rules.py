"""Vale rules from a style's YAML files: existence, substitution, occurrence, repetition, conditional and metric,
with Vale's fields.

Each rule turns a block of text into alerts `(start, end, match, message)` in characters of the block; it is also
given the file being linted (`linter.vale.lint.ValeFile`), for what a rule keeps across a file's blocks (the
terms a conditional rule has seen defined) or counts over the whole file (a metric's variables). Rule kinds
copydesk does not run yet are loaded as `Unsupported`, reported once on stderr and skipped. `script` rules run in
`linter.vale.script`.
"""

from __future__ import annotations

import ast
import math
import os
import re
from dataclasses import dataclass, field

import yaml

from linter.vale.actions import NO_ACTION, Action, ActionError, fixes, go_expand, read_action
from linter.vale.patterns import Pattern, PatternError

WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = r"(?m)(?:%s)"
IGNORE_CASE = "(?i)"
LEVEL_NAMES = ("suggestion", "warning", "error")
METRIC_VARIABLES = (
    "words",
    "sentences",
    "paragraphs",
    "characters",
    "syllables",
    "complex_words",
    "long_words",
    "polysyllabic_words",
    "pre",
    "list",
    "blockquote",
    *(f"heading_h{level}" for level in range(1, 7)),
)


@dataclass
class Alert:
    check: str
    level: str
    start: int
    end: int
    match: str
    message: str
    link: str = ""
    line: int = 0
    column: int = 0
    offset: list[str] = field(default_factory=list)  # earlier matches to pass over when placing it (Vale's Offset)
    action: Action = NO_ACTION  # the fix the rule offers (its `action`, with params a substitution fills in)


@dataclass
class Rule:
    name: str
    kind: str
    level: str = "suggestion"
    scope: list[str] = field(default_factory=lambda: ["text"])
    message: str = ""
    link: str = ""
    limit: int = 0  # the most alerts of this rule reported in one file (0: no limit)
    action: Action = NO_ACTION

    def run(self, text: str, file) -> list[Alert]:
        return []

    def alert(self, text: str, start: int, end: int, *subs: str) -> Alert:
        """An alert on text[start:end]; as in Vale, a rule with an action gets its fix as the message's second
        `%s` (several choices quoted and joined with "or")."""
        match = text[start:end]
        if not subs:
            subs = (match,)
            if self.action.name:
                fixed = fixes(self.action, match) or [match]
                subs = (match, fixed[0] if len(fixed) == 1 else to_sentence(fixed, "or"))
        message = format_message(self.message, *subs)
        return Alert(self.name, self.level, start, end, match, message, self.link, action=self.action)


def format_message(message: str, *subs: str) -> str:
    """Vale's `%s` substitution: each `%s` takes the next value; extra `%s` stay as they are."""
    parts = message.split("%s")
    out = parts[0]
    for i, part in enumerate(parts[1:]):
        out += (subs[i] if i < len(subs) else "%s") + part
    return out.strip()


def _make_regex(ignorecase: bool, word: bool, body: str) -> str:
    regex = (WORD_TEMPLATE if word else NONWORD_TEMPLATE) % body
    return (IGNORE_CASE + regex) if ignorecase else regex


def _exceptions(terms: list[str], where: str) -> Pattern | None:
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    body = "|".join(t if t.startswith("(?i)") else f"(?-i:{t})" for t in ordered)
    return Pattern(WORD_TEMPLATE % body, where)


@dataclass
class Existence(Rule):
    pattern: Pattern | None = None
    exceptions: Pattern | None = None

    def run(self, text, file):
        alerts = []
        for m in self.pattern.finditer(text):
            if m.end() == m.start():
                continue
            observed = text[m.start() : m.end()].strip()
            if self.exceptions is None or not self.exceptions.search(observed):
                alerts.append(self.alert(text, m.start(), m.end()))
        return alerts


@dataclass
class Substitution(Rule):
    """Each `swap` key found is an alert unless it already reads as its replacement. As in Vale: the replacement
    is capitalized when `capitalize` is set and the match starts with a capital; `$1` in it is the match's own
    group; a replacement of letters, digits, spaces and hyphens must equal the match, any other is a pattern the
    match must fill; with `action: replace`, the message's first `%s` is the quoted choice(s) ('a' or 'b')."""

    pattern: Pattern | None = None
    terms: list[str] = field(default_factory=list)  # the swap keys as written, longest first
    replacements: list[str] = field(default_factory=list)
    exceptions: Pattern | None = None
    capitalize: bool = False
    ignorecase: bool = False

    def run(self, text, file):
        alerts = []
        for m in self.pattern.finditer(text):
            for index in range(len(self.replacements)):
                start, end = m.span(index + 1)
                if start == -1:
                    continue
                observed = text[start:end].strip()
                expected = self.expected(index, observed)
                if same_token(expected, observed) or (self.exceptions and self.exceptions.search(observed)):
                    continue
                message, action = self.message, self.action
                if action.name == "replace" and not action.params:  # the choices are the replacement's
                    choices = expected.split("|")
                    if self.capitalize and observed == cap_first(observed):
                        choices = [cap_first(choice) for choice in choices]
                    action = Action("replace", tuple(choices))
                    expected = to_sentence(choices, "or")
                    message = unquote_first(message)
                alert = self.alert(text, start, end)
                alert.message = format_message(message, expected, observed)
                alert.action = action
                alerts.append(alert)
        return alerts

    def expected(self, index: int, observed: str) -> str:
        """The replacement for a match of the index-th term: capitalized as the match, `$1` filled from it."""
        expected = self.replacements[index]
        if self.capitalize and observed == cap_first(observed):
            expected = cap_first(expected)
        if not GO_GROUP_REFERENCE.search(expected):
            return expected
        term = Pattern((IGNORE_CASE if self.ignorecase else "") + self.terms[index]).python()
        return term.sub(lambda m: go_expand(expected, m), observed)


GO_GROUP_REFERENCE = re.compile(r"\$\d+")


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def to_sentence(words: list[str], conjunction: str) -> str:
    """Vale's `ToSentence`: 'a'; 'a' or 'b'; 'a', 'b', or 'c'."""
    quoted = [f"'{w}'" for w in words]
    if len(quoted) <= 2:
        return f" {conjunction} ".join(quoted)
    return ", ".join(quoted[:-1]) + f", {conjunction} " + quoted[-1]


def unquote_first(message: str) -> str:
    """A message with two `'%s'` (or two `"%s"`) loses the quotes of the first, since the choices come quoted."""
    for spec in ("'%s'", '"%s"'):
        if message.count(spec) == 2:
            message = message.replace(spec, "%s", 1)
    return message


def same_token(expected: str, observed: str) -> bool:
    """Vale's `matchToken`: a plain phrase must equal the match; anything else is a pattern it must fill."""
    if all(c.isalpha() or c.isdigit() or c in " -" for c in expected):
        return expected == observed
    try:
        return Pattern(f"^(?:{expected})$").search(observed)
    except PatternError:
        return expected == observed


@dataclass
class Occurrence(Rule):
    """`token` must occur at most `max` and at least `min` times in the scope; `%s` in the message is the count.
    As in Vale, the alert is placed on the first match that is not masked code (a run of `*` or `@`), or at the
    file's start when there is no match at all; a scope whose matches are all code gets no alert."""

    pattern: Pattern | None = None
    maximum: int = 0
    minimum: int = 0

    def run(self, text, file):
        found = list(self.pattern.finditer(text))
        count = len(found)
        if not ((self.maximum and count > self.maximum) or (self.minimum and count < self.minimum)):
            return []
        message = format_message(self.message, str(count))
        if not found:
            return [Alert(self.name, self.level, 0, 0, "", message, self.link)]
        for m in found:
            matched = text[m.start() : m.end()]
            if matched.strip() and not is_code(matched):
                alert = self.alert(text, m.start(), m.end())
                alert.message = message
                return [alert]
        return []


def is_code(text: str) -> bool:
    """Vale's `IsCode`: text the walker has masked (only `*` and `@`)."""
    return all(c in "*@" for c in text)


@dataclass
class Repetition(Rule):
    pattern: Pattern | None = None
    exceptions: Pattern | None = None
    ignorecase: bool = False
    alpha: bool = False
    maximum: int = 0

    def run(self, text, file):
        alerts, prev, ploc, count = [], "", (0, 0), 0
        for m in self.pattern.finditer(text):
            curr = text[m.start() : m.end()].strip()
            hit = curr != "" and (curr.lower() == prev.lower() if self.ignorecase else curr == prev)
            hit = hit and (not self.alpha or curr.isalpha())
            if hit:
                count += 1
            if hit and count > self.maximum:
                span = text[ploc[0] : m.end()]
                if "\n" not in span and not (self.exceptions and self.exceptions.search(span)):
                    alert = self.alert(text, ploc[0], m.end())
                    alert.message = format_message(self.message, curr)
                    alerts.append(alert)
                    count = 0
            ploc, prev = (m.start(), m.end()), curr
        return alerts


BUILTIN_REPETITION = {
    "extends": "repetition",
    "level": "error",
    "message": "'%s' is repeated!",
    "scope": "text",
    "alpha": True,
    "action": {"name": "edit", "params": ["truncate", " "]},
    "tokens": [r"[^\s]+"],
}


@dataclass
class Conditional(Rule):
    """`first` must not appear unless `second` has defined it: each match of `second` (say "World Health
    Organization (WHO)") defines its captured terms for the rest of the file; a match of `first` ("WHO") whose
    captured term is not defined yet, and is not an exception, is an alert."""

    first: Pattern | None = None
    second: Pattern | None = None
    exceptions: Pattern | None = None

    def run(self, text, file):
        for m in self.second.finditer(text):
            file.defined.update(group for group in m.groups() if group)
        alerts = []
        for m in self.first.finditer(text):
            start, end = m.span(1) if m.groups() and m.start(1) >= 0 else m.span()
            term = text[start:end]
            if term not in file.defined and not (self.exceptions and self.exceptions.search(term)):
                alerts.append(self.alert(text, start, end))
        return alerts


@dataclass
class Terms(Rule):
    """Vale.Terms: an accepted Vocab term written in another case ("log4j" for "Log4j") is an alert. A term is a
    pattern: a use matches it ignoring case, and is right when it matches it as written ("[pP]y.*" accepts both
    cases of its first letter; "(?i)GitHub" any case)."""

    terms: list[tuple[str, Pattern, Pattern]] = field(default_factory=list)  # (term, any case, as written)

    def run(self, text, file):
        alerts, taken = [], []
        for term, any_case, _ in sorted(self.terms, key=lambda t: -len(t[0])):  # the longest term first
            for m in any_case.finditer(text):
                observed = text[m.start() : m.end()]
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue
                taken.append(m.span())
                if not any(w.span() == (0, len(observed)) for _, _, w2 in self.terms for w in w2.finditer(observed)):
                    alert = self.alert(text, m.start(), m.end())
                    alert.message = format_message(self.message, term, observed)
                    alerts.append(alert)
        return sorted(alerts, key=lambda a: a.start)


def vocabulary_rules(accepted: list[str], rejected: list[str]) -> dict[str, Rule]:
    """Vale's built-in Vale.Terms and Vale.Avoid for the Vocab's accepted and rejected terms."""
    rules: dict[str, Rule] = {}
    where = "Vocab"
    accepted = list({term.lower(): term for term in accepted}.values())  # a later vocabulary's spelling wins
    if accepted:
        terms = [
            (term, Pattern(IGNORE_CASE + WORD_TEMPLATE % term, f"{where}: accept"), Pattern(term, f"{where}: accept"))
            for term in accepted
        ]
        rules["Vale.Terms"] = Terms(
            "Vale.Terms", "substitution", "error", message="Use '%s' instead of '%s'.", terms=terms
        )
    if rejected:
        pattern = Pattern(WORD_TEMPLATE % "|".join(rejected), f"{where}: reject")
        rules["Vale.Avoid"] = Existence(
            "Vale.Avoid", "existence", "error", message="Avoid using '%s'.", pattern=pattern
        )
    return rules


@dataclass
class Consistency(Rule):
    """Of each pair in `either` ("colour" and "color"), only one form may appear in a file. As in Vale, each form
    seen is remembered for the rest of the file; a block with a match, once both forms have been seen, gets one
    alert, on its last match."""

    pairs: list[tuple[Pattern, int]] = field(default_factory=list)  # `(first)|(second)`, the second's group number

    def run(self, text, file):
        alerts = []
        for index, (pattern, second) in enumerate(self.pairs):
            last = None
            for m in pattern.finditer(text):
                for group in range(1, len(m.groups()) + 1):
                    if m.start(group) >= 0:
                        last = m.span(group)
                        if group in (1, second):
                            file.forms_seen.add((self.name, index, group))
            if last is not None and {(self.name, index, 1), (self.name, index, second)} <= file.forms_seen:
                alerts.append(self.alert(text, *last))
        return alerts


SMALL_WORDS_AP = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "so", "the"}
SMALL_WORDS_AP |= {"to", "up", "yet", "via", "per", "off", "out"}
SMALL_WORDS_CHICAGO = SMALL_WORDS_AP | {"about", "above", "across", "after", "against", "along", "among", "around"}
SMALL_WORDS_CHICAGO |= {"before", "behind", "below", "beneath", "beside", "between", "beyond", "down", "during"}
SMALL_WORDS_CHICAGO |= {"except", "from", "inside", "into", "like", "near", "onto", "over", "past", "since"}
SMALL_WORDS_CHICAGO |= {"than", "through", "toward", "towards", "under", "until", "upon", "with", "within"}
NON_SPACE = re.compile(r"\S+")
WORD_EDGES = "\"'`“”‘’()[]{}.,;:!?*_"


@dataclass
class Capitalization(Rule):
    """The whole scope (a heading, say) in one case: `$sentence`, `$title` (AP or Chicago), `$lower`, `$upper` or a
    pattern it must match. For sentence and title case, the share of words in the right case must exceed
    `threshold`; exceptions (and the Vocab's accepted terms) are always right, as is a word after one that ends with
    an indicator (":"), a number or symbol, and an acronym. `prefix` ("a. ") is left out first."""

    match: str = "$title"
    style: str = "AP"
    threshold: float = 0.8
    indicators: list[str] = field(default_factory=list)
    exceptions: Pattern | None = None
    prefix: Pattern | None = None
    pattern: Pattern | None = None

    def run(self, text, file):
        subject = text.strip()
        if not subject or self.right(subject):
            return []
        start = text.index(subject)
        alert = self.alert(text, start, start + len(subject))
        alert.message = format_message(self.message, subject, self.title_case(subject))
        return [alert]

    def right(self, text: str) -> bool:
        if self.match == "$lower":
            return text == text.lower()
        if self.match == "$upper":
            return text == text.upper()
        if self.match not in ("$sentence", "$title"):
            return bool(self.pattern and any(m.span() == (0, len(text)) for m in self.pattern.finditer(text)))
        if self.prefix is not None:
            found = next(iter(self.prefix.finditer(text)), None)
            if found is not None and found.start() == 0:
                text = text[found.end() :]
        spans = [m.span() for m in NON_SPACE.finditer(text)]
        if not spans:
            return True
        words = [text[a:b] for a, b in spans]
        excepted = self._excepted(text, spans)
        judge = self._sentence_word if self.match == "$sentence" else self._title_word
        good = sum(1 for i in range(len(words)) if excepted[i] or judge(words, i))
        return good / len(words) > self.threshold or good == len(words)

    def _excepted(self, text: str, spans: list[tuple[int, int]]) -> list[bool]:
        """For each word, whether exceptions cover all its letters (an exception may be several words, or part
        of one: "hubba" covers "hubba-hubba")."""
        covered = set()
        if self.exceptions is not None:
            for m in self.exceptions.finditer(text):
                covered.update(range(*m.span()))
        return [all(k in covered for k in range(a, b) if text[k].isalnum()) for a, b in spans]

    def _free(self, words: list[str], i: int) -> bool:
        """True when the word's case is free: not a word, an acronym, after an indicator, or after only numbers."""
        core = words[i].strip(WORD_EDGES)
        if not any(c.isalpha() for c in core) or (len(core) > 1 and core.isupper()):
            return True
        if i and any(words[i - 1].endswith(indicator) for indicator in self.indicators):
            return True
        return i > 0 and not any(c.isalpha() for word in words[:i] for c in word)

    def _sentence_word(self, words: list[str], i: int) -> bool:
        core = words[i].strip(WORD_EDGES)
        if self._free(words, i):
            return True
        if i == 0:
            return core[:1].isupper()
        return core == core.lower()

    def _title_word(self, words: list[str], i: int) -> bool:
        core = words[i].strip(WORD_EDGES)
        if self._free(words, i):
            return True
        small = SMALL_WORDS_CHICAGO if self.style.lower() == "chicago" else SMALL_WORDS_AP
        if 0 < i < len(words) - 1 and core.lower() in small:
            return core == core.lower()
        return core[:1].isupper() or not core[:1].isalpha()

    def title_case(self, text: str) -> str:
        """The text in title case, for messages with a second `%s`."""
        words = text.split()
        small = SMALL_WORDS_CHICAGO if self.style.lower() == "chicago" else SMALL_WORDS_AP
        out = []
        for i, word in enumerate(words):
            lower = word.lower()
            inner = 0 < i < len(words) - 1 and lower.strip(WORD_EDGES) in small
            out.append(lower if inner else word[:1].upper() + word[1:])
        return " ".join(out)


@dataclass
class Metric(Rule):
    """A formula over the file's counts (`words / sentences`, `heading.h2`), reported once for the file, at its
    start, when `condition` ("> 8") holds; `%s` in the message is the value with two decimals."""

    formula: str = ""
    condition: str = ""
    where: str = ""

    def run(self, text, file):
        variables = file.metrics(text)
        if not variables.get("words"):
            return []
        value = evaluate(self.formula, variables, f"{self.where}: formula")
        operator, limit = _condition(self.condition, f"{self.where}: condition")
        if not COMPARISONS[operator](value, limit):
            return []
        return [Alert(self.name, self.level, 0, 0, "", format_message(self.message, f"{value:.2f}"), self.link)]


@dataclass
class Readability(Rule):
    """The mean grade of the named `metrics` (Gunning Fog, Coleman-Liau, Flesch-Kincaid, SMOG, Automated
    Readability) over the file's prose, reported once, at its start, when it is above `grade`; `%s` in the message
    is the grade with two decimals. The counts are the metric rules' (`linter.vale.summary`, Vale's way)."""

    metrics: list[str] = field(default_factory=list)
    grade: float = 0.0

    def run(self, text, file):
        v = file.metrics(text)
        if not v.get("words") or not v.get("sentences") or not self.metrics:
            return []
        words, sentences = v["words"], v["sentences"]
        formulas = {
            "SMOG": lambda: 1.0430 * math.sqrt(v["polysyllabic_words"] * 30.0 / sentences) + 3.1291,
            "Gunning Fog": lambda: 0.4 * (words / sentences + 100.0 * v["complex_words"] / words),
            "Coleman-Liau": lambda: 0.0588 * (v["characters"] / words) * 100 - 0.296 * (sentences / words) * 100 - 15.8,
            "Flesch-Kincaid": lambda: 0.39 * words / sentences + 11.8 * v["syllables"] / words - 15.59,
            "Automated Readability": lambda: 4.71 * (v["characters"] / words) + 0.5 * (words / sentences) - 21.43,
        }
        grade = sum(formulas[name]() for name in self.metrics if name in formulas) / len(self.metrics)
        if grade <= self.grade:
            return []
        return [Alert(self.name, self.level, 0, 0, "", format_message(self.message, f"{grade:.2f}"), self.link)]


READABILITY_METRICS = ("Gunning Fog", "Coleman-Liau", "Flesch-Kincaid", "SMOG", "Automated Readability")

COMPARISONS = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}
CONDITION = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
MATH_FUNCTIONS = {"sqrt": math.sqrt, "log": math.log, "log10": math.log10, "pow": math.pow, "abs": abs}
OPERATORS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b if b else 0.0,
    ast.Pow: lambda a, b: a**b,
}


def _condition(condition: str, where: str) -> tuple[str, float]:
    match = CONDITION.match(condition)
    if not match:
        raise RuleFileError(f"{where}: {condition!r} is not a comparison such as '> 8'")
    return match.group(1), float(match.group(2))


def evaluate(formula: str, variables: dict, where: str) -> float:
    """The value of a metric formula: numbers, the file's counts by name (`heading.h1` is `heading_h1`), + - * /
    and ** with parentheses, and math.sqrt, log, log10, pow; anything else is an error naming the rule file."""
    source = re.sub(r"\bheading\.(h[1-6])\b", r"heading_\1", " ".join(formula.split()))
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise RuleFileError(f"{where}: cannot read {formula.strip()!r}") from None

    def value(node) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            if node.id not in variables:
                raise RuleFileError(f"{where}: unknown variable {node.id!r}")
            return float(variables[node.id])
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return -value(node.operand) if isinstance(node.op, ast.USub) else value(node.operand)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "math"
            and node.func.attr in MATH_FUNCTIONS
            and not node.keywords
        ):
            return float(MATH_FUNCTIONS[node.func.attr](*(value(arg) for arg in node.args)))
        raise RuleFileError(f"{where}: {ast.unparse(node)!r} is not allowed in a formula")

    try:
        return value(tree.body)
    except (ArithmeticError, TypeError) as error:
        raise RuleFileError(f"{where}: {error}") from None


@dataclass
class Unsupported(Rule):
    reason: str = ""


def _convert_capture_groups(pattern: str) -> str:
    import regex

    return regex.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)


def _action(data, path: str) -> Action:
    try:
        return read_action(data, path)
    except ActionError as error:
        raise RuleFileError(str(error)) from None


def build_rule(name: str, data: dict, path: str, accepted: list[str], styles_path: str = "") -> Rule:
    """A rule from one YAML mapping; `accepted` is the Vocab's accepted terms (exceptions everywhere); a spelling
    rule finds its dictionaries and ignore lists from `styles_path` as Vale does."""
    kind = str(data.get("extends", ""))
    scope = data.get("scope", ["text"])
    base = dict(
        name=name,
        kind=kind,
        level=str(data.get("level", "warning")),  # Vale's default level
        scope=scope if isinstance(scope, list) else [scope],
        message=str(data.get("message", "")),
        link=str(data.get("link", "")),
        limit=int(data.get("limit", 0) or 0),
        action=_action(data.get("action"), path),
    )
    ignorecase = bool(data.get("ignorecase", False))
    nonword = bool(data.get("nonword", False))
    vocabulary = accepted if data.get("vocab", True) else []  # `vocab: false`: the Vocab's terms are no exceptions
    exceptions = _exceptions([str(e) for e in data.get("exceptions") or []] + vocabulary, f"{path}: exceptions")
    if kind == "existence":
        tokens = [str(t) for t in data.get("tokens") or [] if str(t).strip()]
        raw = "".join(str(r) for r in data.get("raw") or [])
        regex = _make_regex(ignorecase, not nonword and bool(tokens), "|".join(tokens))
        regex = regex + raw if data.get("append") else raw + regex if raw else regex
        if raw and not tokens:
            regex = (IGNORE_CASE if ignorecase else "") + NONWORD_TEMPLATE % "" + raw
        return Existence(**base, pattern=Pattern(regex, f"{path}: tokens/raw"), exceptions=exceptions)
    if kind == "substitution":
        swap = {str(k): str(v) for k, v in (data.get("swap") or {}).items()}
        terms = sorted(swap, key=len, reverse=True)
        groups = []
        for term in terms:
            if term.count("(") != term.count("(?") + term.count(r"\("):
                term = _convert_capture_groups(term)
            groups.append(f"({term})")
        regex = _make_regex(bool(data.get("ignorecase", False)), not nonword, "|".join(groups))
        return Substitution(
            **base,
            pattern=Pattern(regex, f"{path}: swap"),
            terms=terms,
            replacements=[swap[t] for t in terms],
            exceptions=exceptions,
            capitalize=bool(data.get("capitalize", False)),
            ignorecase=ignorecase,
        )
    if kind == "occurrence":
        token = str(data.get("token", ""))
        regex = (IGNORE_CASE if ignorecase else "") + f"(?:{token})"
        return Occurrence(
            **base,
            pattern=Pattern(regex, f"{path}: token"),
            maximum=int(data.get("max", 0) or 0),
            minimum=int(data.get("min", 0) or 0),
        )
    if kind == "repetition":
        tokens = "|".join(str(t) for t in data.get("tokens") or [])
        return Repetition(
            **base,
            pattern=Pattern((IGNORE_CASE if ignorecase else "") + f"({tokens})", f"{path}: tokens"),
            exceptions=exceptions,
            ignorecase=ignorecase,
            alpha=bool(data.get("alpha", False)),
            maximum=int(data.get("max", 0) or 0),
        )
    if kind == "conditional":
        prefix = IGNORE_CASE if ignorecase else ""
        return Conditional(
            **base,
            first=Pattern(prefix + str(data.get("first", "")), f"{path}: first"),
            second=Pattern(prefix + str(data.get("second", "")), f"{path}: second"),
            exceptions=exceptions,
        )
    if kind == "sequence":
        from linter.vale.sequence import build_sequence

        return build_sequence(base, data, path)
    if kind == "consistency":
        pairs = []
        for first, second in (data.get("either") or {}).items():
            body = f"({first})|({second})"
            regex = _make_regex(ignorecase, not nonword, body)
            pattern = Pattern(regex, f"{path}: either")
            pairs.append((pattern, 2 + Pattern(str(first), f"{path}: either").python().groups))
        return Consistency(**base, pairs=pairs)
    if kind == "capitalization":
        match = str(data.get("match", "$title"))
        prefix = data.get("prefix")
        return Capitalization(
            **base,
            match=match,
            style=str(data.get("style", "AP")),
            threshold=float(data.get("threshold", 0.8)),
            indicators=[str(i) for i in data.get("indicators") or []],
            exceptions=exceptions,
            prefix=Pattern(str(prefix), f"{path}: prefix") if prefix else None,
            pattern=None if match.startswith("$") else Pattern(match, f"{path}: match"),
        )
    if kind == "metric":
        metric = Metric(
            **{**base, "scope": ["summary"]},
            formula=str(data.get("formula", "")),
            condition=str(data.get("condition", "")),
            where=path,
        )
        evaluate(metric.formula, dict.fromkeys(METRIC_VARIABLES, 1.0), f"{path}: formula")
        _condition(metric.condition, f"{path}: condition")
        return metric
    if kind == "readability":
        metrics = [str(m) for m in data.get("metrics") or []]
        unknown = [m for m in metrics if m not in READABILITY_METRICS]
        if unknown:
            raise RuleFileError(f"{path}: metrics: {unknown[0]!r} is not one of {', '.join(READABILITY_METRICS)}")
        return Readability(**{**base, "scope": ["summary"]}, metrics=metrics, grade=float(data.get("grade", 0) or 0))
    if kind == "spelling":
        from linter.vale.spelling import MissingDictionary, build_spelling

        try:
            return build_spelling(base, data, path, styles_path, accepted)
        except MissingDictionary as error:
            return Unsupported(**base, reason=str(error))
    if kind == "script":
        from linter.vale.script import build_script

        return build_script(base, data, path, styles_path)
    return Unsupported(**base, reason=f"rule kind {kind!r} ({path}) is not one copydesk knows")


class RuleFileError(ValueError):
    """A rule file that cannot be read (not YAML, a metric formula that is not arithmetic); the message names the
    file."""


def read_rule_file(path: str) -> dict:
    """A rule's YAML; Go's YAML reader accepts `\\'` inside double quotes, so it is read as `'` here too."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError:
        try:
            return yaml.safe_load(text.replace("\\'", "'")) or {}
        except yaml.YAMLError as error:
            raise RuleFileError(f"{path}: not a valid rule file: {error}") from None


def load_style(styles_path: str, style: str, accepted: list[str]) -> dict[str, Rule]:
    """Every rule of one style folder under StylesPath, keyed `Style.Rule`."""
    folder = os.path.join(styles_path, style)
    rules: dict[str, Rule] = {}
    if not os.path.isdir(folder):
        return rules
    for entry in sorted(os.listdir(folder)):
        if not entry.endswith((".yml", ".yaml")):
            continue
        path = os.path.join(folder, entry)
        data = read_rule_file(path)
        name = f"{style}.{os.path.splitext(entry)[0]}"
        rules[name] = build_rule(name, data, path, accepted, styles_path)
    return rules
