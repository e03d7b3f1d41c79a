"""Web-scraping residue: page furniture that a scraper copied into the article.

Flagged: a "KEEP READING" / "Related" / "More from" / "Read more" header with the list of unrelated headlines after
it (one finding for the whole block), and any line whose residue signals (`linter.analysis.residue_signals`) add up
to the `threshold`: "Advertisement", "You have read 4 of your 5 free articles", "Listen to this story · 6 min",
"© 2026 Tallis Courier", "Share on Facebook · Share on X", "Photo: Tallis Harbour Board", "Related: <headline>",
"We use cookies ...", "Jane Doe is a reporter covering ...", "<Name> Avatar", an orphan "By" line. The finding
names the signals that fired. Not flagged: a real byline ("By Ana Ruiz"), a sentence that mentions sharing,
subscribing or following ("the council voted to share the cost"), a quoted call ("Follow the money," he said), a
subhead that reads like a header ("More from the debate") with no list of headlines after it.
"""

from __future__ import annotations

from linter.analysis.residue import find_residue
from linter.checks.base import Option

CATEGORY = "boilerplate"
NEEDS = ()
OPTIONS = {
    "headers": Option([str], pattern=True),
    "lines": Option(dict, pattern=True),
    "max_headline_words": Option(int, minimum=1),
    "threshold": Option(float, minimum=0.1),
}


def check(doc, options):
    return find_residue(doc, options)
