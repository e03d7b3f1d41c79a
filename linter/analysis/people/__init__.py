"""The people model's word tables and names, read by the discourse model (`linter.analysis.discourse`).

- `words`: the word tables: pronouns, the one table of titles and honorifics with their gender, person nouns.
- `names`: how each reference to a person's name is written (full name, honorific, bare surname, title), found
  by `find_names`; the discourse model joins each to a mention of its person.
"""
