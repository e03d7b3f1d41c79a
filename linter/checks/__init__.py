"""Checks: one module per kind of check.

Each module has a docstring with what it flags and does not, `OPTIONS` (each option's type: `int`, `float`, `bool`,
`str`, `dict`, `[str]` for a list of strings, a tuple for either), and `check(doc, options)`, a generator of
`linter.model.findings.Hit`. The defaults live in the rule modules (`rules/*.yml`), which must give every option.
A check that needs the spaCy parse sets `NEEDS_NLP = True` and imports the NLP layer inside `check`, so that
runs without such rules never load the model.
A check that relays an outside tool sets `SECONDARY = True`: where another rule reports the same span in the same
category, the engine drops its finding. It may set `Hit.category` and `Hit.severity` per hit, and raises
`linter.errors.RuleError` when it cannot run (the other rules still run; the run exits 2).
"""
