"""Web-scraping residue: page furniture that a scraper copied into the article.

Flagged: a "KEEP READING" / "Related" / "More from" / "Read more" header with the list of unrelated headlines after
it (one finding for the whole block); lines such as "Advertisement", "Share this article: Facebook | X",
"Click here to subscribe", "<Name> Avatar", an orphan "By" line, "Related: <headline>", cookie notices and photo
credits. Not flagged: a real byline ("By Ana Ruiz"), a sentence that mentions sharing or subscribing, a subhead
that reads like a header ("More from the debate") with no list of headlines after it.
"""

from __future__ import annotations

from linter.analysis.residue import find_residue
from linter.checks.base import Option

CATEGORY = "boilerplate"
NEEDS = ()
OPTIONS = {"headers": [str], "lines": dict, "max_headline_words": Option(int, minimum=1)}


def check(doc, options):
    return find_residue(doc, options)
