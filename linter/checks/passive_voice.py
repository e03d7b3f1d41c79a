"""A passive construction, found in the dependency parse: a passive auxiliary ("was", "been", "got") on a verb.

Flagged: "was approved", "has been sold", "will be built", "were not told", in body paragraphs and blockquotes.
The span runs from the first auxiliary to the participle; the agent, when the sentence names one, is in the
message. Not flagged: passives inside quotation marks (the speaker's words), adjectives after "be" that the
parser reads as such ("was closed" as a state), readers' comments, letters and transcripts
(`linter.analysis.voice`), participles without an auxiliary ("the plan, approved last year, ..."), headlines
and lists. A word list would flag "was tired" and miss "got fired"; the parse tells
them apart.
"""

from __future__ import annotations

from linter.analysis.readability import body_blocks
from linter.analysis.voice import in_others_words
from linter.checks.base import KINDS, PARSE
from linter.model.findings import block_hit

CATEGORY = "style"
NEEDS = (PARSE,)
OPTIONS = {"kinds": KINDS}
AUXILIARIES = ("aux", "auxpass", "neg")


def check(doc, options):
    from linter.analysis.nlp import parsed

    body = {id(block) for block in body_blocks(doc, tuple(options["kinds"]))}
    for block, sdoc in parsed(doc):
        if id(block) not in body:
            continue
        for verb in sdoc:
            if not any(child.dep_ == "auxpass" for child in verb.children):
                continue
            first = min(
                (c for c in verb.children if c.dep_ in AUXILIARIES and c.i < verb.i), key=lambda c: c.i, default=verb
            )
            start, end = first.idx, verb.idx + len(verb)
            if in_others_words(doc, block, start, end):
                continue
            yield block_hit(block, start, end, phrase=block.text[start:end], agent=_agent(verb))


def _agent(verb) -> str:
    """' (by the council)' when the passive names its agent (its noun phrase up to the noun), else ''."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    noun = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if noun is None:
        return ""
    return f" ({agent.text} {agent.doc[noun.left_edge.i : noun.i + 1].text})"
