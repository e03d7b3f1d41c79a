"""Checks: one module per kind of check.

Each module declares its contract as module-level constants (`CATEGORY`, `OPTIONS`, `NEEDS`, optionally
`SECONDARY`) beside `check(doc, options)`; `linter.checks.base` describes them and holds `Option`, the options
schema that config load validates every rule's options against. The defaults live in the rule modules
(`rules/*.yml`), which must give every option.
"""
