"""Checks: one module per kind of check.

Each module has a docstring with what it flags and does not, `OPTIONS` (each option's type: `int`, `float`, `bool`,
`str`, `dict`, `[str]` for a list of strings, a tuple for either), and `check(doc, options)`, a generator of
`linter.findings.Hit`. The defaults live in the rule modules (`rules/*.yml`), which must give every option.
A check that needs the spaCy parse sets `NEEDS_NLP = True` and imports the NLP layer inside `check`, so that
runs without such rules never load the model.
"""
