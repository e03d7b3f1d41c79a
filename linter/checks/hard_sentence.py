"""A sentence whose Flesch-Kincaid grade falls in a band: above `grade_above`, up to `grade_up_to` (null: no top).

Two rules use it, as Hemingway marks sentences "hard" and "very hard": `hard-sentence` and `very-hard-sentence`,
with adjoining bands so that a sentence is reported once. Sentences under `min_words` words are not graded (a
short sentence with one long word is not hard to read), and neither are headlines, lists, bylines or scraped
residue. A sentence mostly inside quotation marks is the speaker's, not the writer's, and is graded only with
`grade_quotes`.
"""

from __future__ import annotations

from linter.analysis.readability import sentence_grades
from linter.checks.base import KINDS, Option
from linter.model.findings import block_hit

CATEGORY = "readability"
NEEDS = ()
OPTIONS = {
    "min_words": Option(int, minimum=1),
    "grade_above": float,
    "grade_up_to": (float, type(None)),
    "grade_quotes": bool,
    "kinds": KINDS,
}


def mostly_quoted(sentence) -> bool:
    """More than half of the sentence's characters are inside quotation marks."""
    return 2 * sum(end - start for start, end in sentence.quoted_spans) > sentence.end - sentence.start


def check(doc, options):
    above, up_to = options["grade_above"], options["grade_up_to"]
    for sentence, words, grade in sentence_grades(doc, tuple(options["kinds"])):
        if not options["grade_quotes"] and mostly_quoted(sentence):
            continue
        if words >= options["min_words"] and grade > above and (up_to is None or grade <= up_to):
            yield block_hit(
                sentence.block,
                sentence.start,
                sentence.end,
                grade=f"{grade:.1f}",
                words=words,
                grade_above=f"{above:g}",
            )
