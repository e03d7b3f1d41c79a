"""The check contract: what a check module declares, so that config load can validate it and the engine can plan.

A check module has a docstring (what it flags and what it does not), then module-level constants:

- `CATEGORY`: the category of its findings, one of `linter.model.findings.CATEGORIES`; None for a check that
  takes it from its rule module (`existence`, `substitution`: a house rule names its own).
- `OPTIONS`: option name -> `Option` (or a bare type, short for `Option(type)`). The defaults live in the rule
  modules (`rules/*.yml`), which must give every option.
- `NEEDS`: the analyses it reads (`ANALYSES`): "tags" (spaCy tokens with tags and lemmas), "parse" (the
  dependency parse and its sentences) and "entities" (named entities). An empty tuple means the check needs no
  model; the engine loads spaCy only when an enabled check names one of them, and runs only the components named.
- `SECONDARY = True` (optional): a check that relays an outside tool; where another rule reports the same span in
  the same category, the engine drops its finding.
- `check(doc, options)`: a generator of `linter.model.findings.Hit`. It may set `Hit.category` and `Hit.severity`
  per hit, `Hit.confidence` (0-1: how sure it is; 1.0 unless set) and `Hit.related` (the other spans the finding
  is about), and raises `linter.errors.RuleError` when it cannot run (the other rules still run; the run exits 2).
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.analysis.nlp import ANALYSES
from linter.model.document import BLOCK_KINDS

TAGS, PARSE, ENTITIES = ANALYSES  # the names a check's NEEDS may hold
UNIVERSAL_POS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN")
UNIVERSAL_POS += ("PUNCT", "SCONJ", "SYM", "VERB", "X")


@dataclass(frozen=True)
class Option:
    """One option's schema: its type (`int`, `float`, `bool`, `str`, `dict`, `[str]` for a list of strings, a
    tuple for either), the values allowed (for a string or each item of a list), the range of a number, and
    whether its strings (each item of a list, each value of a mapping) are regular expressions, which are
    compiled when the rules load (`linter.analysis.patterns`)."""

    type: object
    allowed: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: bool = False


KINDS = Option([str], allowed=BLOCK_KINDS)  # the block kinds a check reads
MIN_CONFIDENCE = "min_confidence"
# Options that every rule takes, with their defaults: a rule module or a configuration may set them.
COMMON_OPTIONS = {MIN_CONFIDENCE: (Option(float, minimum=0.0, maximum=1.0), 0.0)}


def option_schema(check_module) -> dict[str, Option]:
    """A check module's OPTIONS with every entry an Option, and the options every rule takes."""
    schema = {name: spec if isinstance(spec, Option) else Option(spec) for name, spec in check_module.OPTIONS.items()}
    return schema | {name: spec for name, (spec, _) in COMMON_OPTIONS.items()}
