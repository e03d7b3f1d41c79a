"""Scraped residue in a document: the page furniture that the scrape-residue rule reports and that the
readability rules leave out of the body they score (see `linter.checks.scrape_residue` for what is found).

Two passes over the lines of the blocks. A header line ("KEEP READING", "Related stories") with the run of
headline-like lines after it is one finding. Every other line is scored: each signal of
`linter.analysis.residue_signals` gives it a weight, and the line is residue when the sum reaches the rule's
`threshold`. A finding names the signals that fired.
"""

from __future__ import annotations

import re

from linter.analysis.analyses import analyses_of
from linter.analysis.patterns import PatternError, PatternTimeout, compiled, stopped
from linter.analysis.residue_signals import (
    ANY_LENGTH,
    FOOT_BIO,
    FOOT_LINES,
    NETWORKS,
    PROMPT_MAX_WORDS,
    SIGNALS,
    WORD,
    ResidueLine,
    caption_credit,
)
from linter.model.document import HEADING, PARAGRAPH, TITLE, block_lines
from linter.model.findings import Hit
from linter.readers.html_article import LinkText

DEFAULT_THRESHOLD = 1.0  # the rule module's default, for callers whose options predate the threshold
QUOTE_MARKS = "\"“”‘'"
INLINE_TAGS = r"(?:\s*</?(?:a|span|strong|b|font)\b[^>]*>)*\s*"  # links and spans inside the italics
EMPHASIS_OPEN = re.compile(rf"<(em|i|small)\b[^>]*>{INLINE_TAGS}$", re.IGNORECASE)  # italics or small print open
TOPIC_WORD = re.compile(r"\b(?:from|on|about|in)\b", re.IGNORECASE)  # "More from the debate", "More on ..."
EMPHASIS_REACH = 80  # how far before and after a line its emphasis tags are sought


def _lines(doc):
    """Every line of every block, in order: (block, start, end, text)."""
    for block in doc.blocks:
        for start, end in block_lines(block, doc.source):
            yield block, start, end, block.text[start:end]


def _is_headline(text: str, max_words: int) -> bool:
    words = text.split()
    return 0 < len(words) <= max_words and not text.rstrip().endswith((".", "!", ";", ","))


def find_residue(doc, options) -> list[Hit]:
    """The residue found with these options (the scrape-residue rule's), once per document and set of options."""
    return analyses_of(doc).residue(options)


def _residue_lines(doc, lines) -> list[ResidueLine]:
    """A `ResidueLine` for each line, with its neighbours' lengths and its place in the document."""
    links = LinkText(doc.source) if doc.format == "html" else None
    words = [WORD.findall(text) for *_, text in lines]
    network = [NETWORKS.fullmatch(text.strip(" |·•")) is not None for *_, text in lines]
    result = []
    before = []  # the text of the lines so far
    for i, (block, start, end, text) in enumerate(lines):
        stripped = text.strip()
        bio = FOOT_BIO.match(stripped) if len(lines) - i <= FOOT_LINES else None
        guessed_subhead = doc.format == "text" and block.kind == HEADING  # a plain-text short line: maybe a button
        lead = start + len(text) - len(text.lstrip())
        result.append(
            ResidueLine(
                text=stripped,
                kind=PARAGRAPH if guessed_subhead else block.kind,
                words=words[i],
                quoted=stripped[:1] in QUOTE_MARKS
                or (len(words[i]) <= PROMPT_MAX_WORDS and lead < len(block.text) and block.in_quote(lead)),
                previous_words=len(words[i - 1]) if i > 0 else 0,
                next_words=len(words[i + 1]) if i + 1 < len(lines) else 0,
                from_top=i,
                from_bottom=len(lines) - 1 - i,
                link_share=links.share(block, start, end) if links is not None else None,
                in_button_run=network[i] and (i > 0 and network[i - 1] or i + 1 < len(lines) and network[i + 1]),
                name_seen_before=bio is None or _named_in(bio.group("name"), " ".join(before)),
                set_apart=bio is not None and _set_apart(doc, block.starts[lead], block.ends[end - 1]),
            )
        )
        before.append(stripped)
    return result


def _set_apart(doc, source_start: int, source_end: int) -> bool:
    """Whether the source from source_start to source_end is wrapped whole in italics or small print."""
    before = doc.source[max(0, source_start - EMPHASIS_REACH) : source_start]
    after = doc.source[source_end : source_end + EMPHASIS_REACH]
    if doc.format == "html":
        opened = EMPHASIS_OPEN.search(before)
        closed = opened and re.match(rf"{INLINE_TAGS}</{opened.group(1)}\s*>", after, re.IGNORECASE)
        return closed is not None
    marks = re.search(r"(\*{1,2}|_{1,2})$", before)
    return marks is not None and after.startswith(marks.group(1))


def _named_in(name: str, text: str) -> bool:
    """Whether any word of a person's name occurs in text (a surname alone, "Ms Doe", counts)."""
    return any(re.search(rf"\b{re.escape(word)}\b", text) for word in name.split() if len(word) > 2)


def score_line(line: ResidueLine, extra_patterns=()) -> tuple[float, list[str]]:
    """The line's residue score and the names of the signals that fired, strongest kind first. A line that one
    of the rule's `lines` patterns matches scores the threshold at least (returned as infinity). A line longer
    than a prompt is prose: only those patterns and the signals that score any length (a foot bio) are tried on it."""
    fired, total = [], 0.0
    long_line = len(line.words) > PROMPT_MAX_WORDS
    for name, signal in SIGNALS:
        if long_line and name not in ANY_LENGTH:
            continue
        weight = signal(line)
        if weight:
            fired.append(name)
            total += weight
    for name, pattern in extra_patterns:
        if pattern.search(line.text) is not None:
            return float("inf"), [name, *fired]
    return total, fired


def _header_patterns(sources) -> list:
    """The headers' patterns; when RE2 runs each, one pattern for them all, which matches a whole line when one of
    them does (a line is then one search, not one per header)."""
    patterns = [compiled(source, re.IGNORECASE) for source in sources]
    if len(patterns) < 2 or not all(pattern.linear for pattern in patterns):
        return patterns
    try:
        union = compiled("|".join(f"(?:{source})" for source in sources), re.IGNORECASE)
    except PatternError:
        return patterns
    return [union] if union.linear else patterns


def scan_residue(doc, options):
    """The residue found with these options, scanned line by line."""
    headers = _header_patterns(options["headers"])
    extra_patterns = [(what, compiled(p)) for what, p in options["lines"].items()]
    threshold = options.get("threshold", DEFAULT_THRESHOLD)
    lines = list(_lines(doc))
    scored = _residue_lines(doc, lines)
    i = 0
    while i < len(lines):
        block, start, end, text = lines[i]
        source_start = block.starts[start]
        try:
            header = next((h for h in headers if h.fullmatch(text.strip()) is not None), None)
        except PatternTimeout as error:
            raise stopped(error, doc, source_start, "scrape-residue headers") from None
        if header is not None:
            last = i
            while last + 1 < len(lines) and _is_headline(lines[last + 1][3], options["max_headline_words"]):
                last += 1
            # A subhead such as "More from the debate" names its topic; a bare "Related" left by a list is residue
            if last == i and (block.kind == TITLE or block.kind == HEADING and TOPIC_WORD.search(text)):
                i += 1
                continue
            last_block, _, last_end, _ = lines[last]
            what = "related-headlines block" if last > i else "related-headlines header"
            yield Hit(source_start, last_block.ends[last_end - 1], {"what": what, "text": text.strip()})
            i = last + 1
            continue
        line = scored[i]
        try:
            score, fired = score_line(line, extra_patterns)
        except PatternTimeout as error:
            raise stopped(error, doc, source_start, "scrape-residue lines") from None
        credit = caption_credit(line)
        if credit is None and score >= threshold:
            yield Hit(source_start, block.ends[end - 1], {"what": " + ".join(fired), "text": line.text})
        elif credit is not None:  # the caption's own text stays; its credit is residue
            first = start + len(text) - len(text.lstrip()) + credit[0]
            last = first + credit[1] - credit[0]
            credit_text = block.text[first:last].strip()
            first += len(block.text[first:last]) - len(block.text[first:last].lstrip())
            last = first + len(credit_text)
            yield Hit(
                block.starts[first], block.ends[last - 1], {"what": "photo credit in a caption", "text": credit_text}
            )
        i += 1
