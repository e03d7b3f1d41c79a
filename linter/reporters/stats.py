"""`copydesk stats`: the readability figures of each article, as a table or as JSON.

Per file: body words, sentences and paragraphs, the average sentence length, every formula's score and the
hardest sentences with their lines, all computed as `reading-level` and `hard-sentence` compute them (see
`linter.analysis.readability`), so the report explains the findings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from linter import __version__
from linter.analysis import readability
from linter.readers import parse

HARDEST = 3
# Sentences shorter than this are not ranked, as hard-sentence does not grade them: one long word is not hard.
MIN_GRADED_WORDS = 14
EXCERPT_CHARS = 72


@dataclass
class HardSentence:
    line: int
    column: int
    grade: float
    words: int
    text: str


@dataclass
class ArticleStats:
    path: str
    words: int = 0
    sentences: int = 0
    paragraphs: int = 0
    scores: dict = field(default_factory=dict)
    hardest: list[HardSentence] = field(default_factory=list)

    @property
    def average_sentence_length(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "words": self.words,
            "sentences": self.sentences,
            "paragraphs": self.paragraphs,
            "average_sentence_length": round(self.average_sentence_length, 2),
            "scores": {name: round(score, 2) for name, score in self.scores.items()},
            "hardest_sentences": [
                {"line": s.line, "column": s.column, "grade": round(s.grade, 2), "words": s.words, "text": s.text}
                for s in self.hardest
            ],
        }


def article_stats(path: str, source: str, residue_options: dict) -> ArticleStats:
    """The figures of one article's body prose, leaving out the residue found with residue_options (the
    scrape-residue rule's options in force)."""
    doc = parse(path, source)
    doc.residue_options = residue_options
    return document_stats(doc)


def document_stats(doc) -> ArticleStats:
    """The figures of a parsed article whose `residue_options` are set."""
    counts = readability.document_counts(doc)
    graded = [
        (grade, sentence, words)
        for sentence, words, grade in readability.sentence_grades(doc)
        if words >= MIN_GRADED_WORDS
    ]
    graded.sort(key=lambda item: (-item[0], item[1].block.starts[item[1].start]))
    hardest = []
    for grade, sentence, words in graded[:HARDEST]:
        line, column = doc.position(sentence.block.starts[sentence.start])
        hardest.append(HardSentence(line, column, grade, words, sentence.text))
    return ArticleStats(
        doc.path, counts.words, counts.sentences, len(readability.body_blocks(doc)), readability.scores(counts), hardest
    )


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def render_text(articles: list[ArticleStats]) -> str:
    """One table per file: figures left, values right; then the hardest sentences with their lines."""
    out = []
    for a in articles:
        rows = [
            ("words", f"{a.words}"),
            ("sentences", f"{a.sentences}"),
            ("paragraphs", f"{a.paragraphs}"),
            ("average sentence length", f"{a.average_sentence_length:.1f}"),
        ]
        rows += [(readability.FORMULAS[name][0], f"{score:.1f}") for name, score in a.scores.items()]
        width = max(len(label) for label, _ in rows)
        out.append(a.path)
        out.extend(f"  {label:<{width}}  {value:>6}" for label, value in rows)
        out.append("  hardest sentences:" if a.hardest else "  hardest sentences: none graded")
        out.extend(f"    line {s.line:<4} grade {s.grade:4.1f}  {_excerpt(s.text)}" for s in a.hardest)
        out.append("")
    return "\n".join(out)


def render_json(articles: list[ArticleStats], errors: dict[str, str]) -> str:
    files = [a.to_dict() for a in articles] + [{"path": path, "error": error} for path, error in errors.items()]
    data = {
        "version": 1,
        "tool": {"name": "copydesk", "version": __version__},
        "files": sorted(files, key=lambda f: f["path"]),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
