"""The discourse model as text, for `copydesk explain --entities FILE`: each entity with its kind, the evidence
for its kind, number and gender, and its mentions by line; then each narrative pronoun with the candidates it
was weighed against, most salient first."""

from __future__ import annotations


def _mention(mention) -> str:
    quoted = ", quoted" if mention.quoted else ""
    number = f", {mention.number}" if mention.number else ""
    return f"line {mention.line}: {mention.text!r} ({mention.kind}, {mention.role}{number}{quoted})"


def render_entities(path: str, model) -> str:
    lines = [f"{path}: {len(model.entities)} entities, {len(model.pronouns)} pronouns resolved", ""]
    for entity in model.entities:
        if not entity.mentions:
            continue
        lines.append(f"{entity.name} - {entity.kind} ({entity.kind_source})")
        for evidence in entity.gender_evidence:
            where = f" in line {evidence.line}" if evidence.line else ""
            lines.append(f"  gender: {evidence.value} by {evidence.source}{where} (strength {evidence.strength})")
        for evidence in entity.number_evidence:
            lines.append(f"  number: {evidence.value} by {evidence.source} in line {evidence.line}")
        if entity.uses_they:
            lines.append("  uses they/them")
        lines.extend(f"  {_mention(m)}" for m in entity.mentions)
    lines.append("")
    lines.append("pronouns:")
    for resolution in model.pronouns.values():
        token = resolution.token
        line = resolution.block.source_span(token.idx, token.idx + 1)
        lines.append(f"  {token.text!r} at offset {line[0]}:")
        for candidate in resolution.candidates[:4]:
            verdict = "compatible" if candidate.compatible else f"not: {candidate.clash}"
            where = f"line {candidate.mention.line}"
            lines.append(f"    {candidate.entity.name} ({where}) salience {candidate.salience:.2f}, {verdict}")
    return "\n".join(lines) + "\n"
