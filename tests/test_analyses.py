"""The analyses of a document: each computed once, on first use, for every check that reads it."""

from __future__ import annotations

from linter.analysis import nlp
from linter.analysis.analyses import analyses_of
from linter.analysis.discourse import discourse
from linter.analysis.people.words import GENDERED_TITLES, HONORIFIC_GENDER, TITLES
from linter.analysis.readability import body_blocks, sentence_counts
from linter.analysis.residue import find_residue
from linter.model.document import HEADING, PARAGRAPH
from linter.model.quotes import is_quoted
from linter.readers import parse

ARTICLE = (
    "# Harbour wall to be rebuilt\n\n"
    "Ms. Ana Ruiz, the harbour secretary, said the wall would be rebuilt by spring.\n\n"
    'Ruiz said: "We waited too long." The council agreed on Monday.\n\n'
    "> Her critics said the plan came late.\n\n"
    "## More news\n\n"
    "Related stories\nShips return to the old port\nA new ferry for the island\n"
)


def article():
    doc = parse("article.md", ARTICLE)
    doc.nlp_components = frozenset({"parser", "ner"})
    return doc


def test_each_block_is_parsed_once_whichever_analyses_read_it(monkeypatch):
    doc = article()
    parsed_texts = []
    real_pipe = type(nlp.load_model()).pipe

    def counting_pipe(self, texts, **kwargs):
        texts = list(texts)
        parsed_texts.extend(texts)
        return real_pipe(self, texts, **kwargs)

    monkeypatch.setattr(type(nlp.load_model()), "pipe", counting_pipe)
    discourse(doc)
    nlp.parsed(doc)
    assert sorted(parsed_texts) == sorted(b.text for b in doc.prose())


def test_an_analysis_is_computed_once_and_read_by_every_caller():
    doc = article()
    assert analyses_of(doc) is analyses_of(doc)
    model = discourse(doc)
    assert discourse(doc) is model
    assert [e.name for e in model.entities if e.kind == "person"] == ["Ana Ruiz"]
    assert [(m.entity.name, m.name.surname, m.name.style) for m in model.names] == [
        ("Ana Ruiz", "Ruiz", "full"),
        ("Ana Ruiz", "Ruiz", "bare"),
    ]


def test_analyses_with_parameters_keep_one_result_per_parameter():
    doc = article()
    options = {"headers": [r"related stories"], "lines": {}, "max_headline_words": 12}
    residue = find_residue(doc, options)
    assert find_residue(doc, dict(options)) is residue
    found = [(hit.params["what"], hit.params["text"]) for hit in residue]
    assert found == [("related-headlines block", "Related stories")]
    assert find_residue(doc, {**options, "headers": []}) == []
    doc.residue_options = options
    paragraphs = body_blocks(doc, (PARAGRAPH,))
    assert body_blocks(doc, (PARAGRAPH,)) is paragraphs
    assert [b.kind for b in body_blocks(doc, (PARAGRAPH, HEADING))] == ["paragraph", "paragraph"]
    assert sentence_counts(doc, (PARAGRAPH,)) is sentence_counts(doc, (PARAGRAPH,))


def test_one_table_gives_the_titles_the_honorifics_and_their_gender():
    assert GENDERED_TITLES == {w: g for w, g in TITLES.items() if g is not None}
    assert {"sir", "dame", "mr", "ms"} <= GENDERED_TITLES.keys()
    assert TITLES["captain"] is None and TITLES["dr"] is None
    assert HONORIFIC_GENDER == {
        "Mr": "male",
        "Mrs": "female",
        "Ms": "female",
        "Miss": "female",
        "Mx": None,
        "Dr": None,
        "Prof": None,
    }


def test_words_in_quotation_marks_or_a_blockquote_are_quoted():
    doc = article()
    paragraph, quote = doc.prose()[1], doc.prose()[2]

    class Word:
        def __init__(self, block, text):
            self.idx, self.text = block.text.index(text), text

    assert is_quoted(paragraph, Word(paragraph, "waited"))
    assert not is_quoted(paragraph, Word(paragraph, "council"))
    assert is_quoted(quote, Word(quote, "critics"))
