"""The discourse model as text, for `copydesk explain --entities FILE`: each entity with its kind and how that is
known, its gender and number evidence with their sources, and its mentions by line (a name mention with the style
and parts the name rules compare); then each narrative pronoun with the candidates it was weighed against, most
salient first, and whether each could be meant."""

from __future__ import annotations

from linter.analysis.discourse import discourse, named_mention, token_line
from linter.readers import parse
from linter.readers.files import read_article

CANDIDATES_SHOWN = 4


def _mention(mention) -> str:
    details = [mention.kind, mention.role] + ([mention.number] if mention.number else [])
    if mention.quoted:
        details.append("quoted")
    text = mention.text
    if mention.name is not None:
        block, start, end = mention.span
        text = block.text[start:end]
        details.append(_name(mention.name))
    return f"line {mention.line}: {text!r} ({', '.join(details)})"


def _name(name) -> str:
    """How the name rules read a name mention: its style and parts."""
    parts = [f"{name.style} name", f"surname {name.surname!r}"]
    parts += [f"{label} {value!r}" for label, value in (("given", name.given), ("honorific", name.honorific)) if value]
    if name.title:
        parts.append(f"title {name.title!r}")
    return "; ".join(parts)


def render_entities(doc, model) -> str:
    """The model of one parsed document as text."""
    shown = [e for e in model.entities if e.mentions]
    lines = [f"{doc.path}: {len(shown)} entities, {len(model.pronouns)} pronouns resolved", "", "entities:"]
    for entity in shown:
        lines.append(f"  {entity.name}: {entity.kind} ({entity.kind_source})")
        for evidence in entity.gender_evidence:
            where = f" in line {evidence.line}" if evidence.line else ""
            lines.append(f"    gender {evidence.value}: {evidence.source}{where}, strength {evidence.strength}")
        for evidence in entity.number_evidence:
            lines.append(f"    number {evidence.value}: {evidence.source} in line {evidence.line}")
        if entity.uses_they:
            lines.append("    uses they/them")
        lines.extend(f"    {_mention(m)}" for m in entity.mentions)
    lines += ["", "pronouns:"]
    for resolution in model.pronouns.values():
        token = resolution.token
        line = token_line(doc, resolution.block, token)
        lines.append(f"  line {line}: {token.text!r}")
        for candidate in resolution.candidates[:CANDIDATES_SHOWN]:
            verdict = "could be meant" if candidate.compatible else f"not: {candidate.clash}"
            name = named_mention(candidate)
            lines.append(f"    {name.text!r} (line {name.line}), salience {candidate.salience:.2f}, {verdict}")
        if not resolution.candidates:
            lines.append("    nothing in reach")
    unowned = [m for m in model.names if m.entity is None]
    if unowned:
        lines += ["", f"names two people share ({', '.join(sorted(model.shared_surnames))}), left to no one:"]
        lines.extend(f"  {_mention(m)}" for m in unowned)
    quotes = [q for q in model.quotes if q.speaker is not None]
    if quotes:
        lines += ["", "quotations and their speakers:"]
        for quote in quotes:
            line = doc.position(quote.block.source_span(quote.start, quote.start + 1)[0])[0]
            lines.append(f"  line {line}: {quote.speaker.name}")
    return "\n".join(lines) + "\n"


def explain_entities(path: str) -> str:
    """Read, parse (with the parser and entity recogniser, as the pronoun rules do) and model one article file;
    raises `linter.readers.files.UnreadableFile`."""
    source, _notices = read_article(path)
    doc = parse(path, source)
    doc.nlp_components = frozenset({"parser", "ner"})
    return render_entities(doc, discourse(doc))
