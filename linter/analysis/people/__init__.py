"""The people model: the people (entities) an article names and their mentions in reading order.

- `words`: the word tables: pronouns, the one table of titles and honorifics with their gender, person nouns.
- `names`: the consistency rules' name mentions (`person_mentions`): how each reference to a surname is written,
  with its honorific, given names and title; `named_people` groups them by person.
The discourse model that the pronoun rules read is `linter.analysis.discourse`; both are computed once per
document (see `linter.analysis.analyses`).
"""
