"""The people model: the people (entities) an article names and their mentions in reading order.

- `words`: the word tables: pronouns, the one table of titles and honorifics with their gender, person nouns.
- `walk`: the pronoun rules' reference walk (`track`): each `Person`, each `Mention` of one, genders fixed.
- `names`: the consistency rules' name mentions (`person_mentions`): how each reference to a surname is written,
  with its honorific, given names and title; `named_people` groups them by person.
Both walks are computed once per document (see `linter.analysis.analyses`).
"""
