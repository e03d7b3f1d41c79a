"""SOURCE: article files (a folder, a glob, an fsspec URL) or datasets of one article per row (JSON Lines, Parquet),
planned as partitions that name their articles without holding their text, and read back on a worker."""

from __future__ import annotations

import glob
import hashlib
import json
import os
from dataclasses import dataclass, field

import fsspec
import pyarrow.parquet as pq

from linter.errors import CopydeskError
from linter.readers.files import MAX_BYTES, SKIPPED_DIRS, UnreadableFile, decode_article, discover, is_article
from linter.run.engine import FILES_PER_BATCH

DATASETS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
GLOB_CHARS = set("*?[")
NEWLINE_SCAN = 64 * 1024
# Files are split into about this many partitions, of a whole number of the engine's batches (a partial batch costs
# CPU: its last parser minibatch is part-empty) and at most MAX_PARTITION_ARTICLES files. The last files go in
# partitions a quarter of that size, so that the last tasks leave no worker idle for long. The sizes depend on the
# file count only, so that a rerun finds the same partitions.
PARTITIONS = 64
MAX_PARTITION_ARTICLES = 12 * FILES_PER_BATCH
TAIL_SPLIT = 4
MAX_BLOCK_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Partition:
    """A unit of work: local files, fsspec URLs of files, a byte range of a JSON Lines file (the rows that start in
    it) or a row group of a Parquet file. Its id is a digest of what it holds, so a rerun finds it again."""

    kind: str  # "files", "urls", "jsonl" or "parquet"
    items: tuple  # paths or URLs; (url, offset, length); (url, row_group)
    base: str = ""  # files: the client's working folder, which relative paths are relative to

    @property
    def id(self) -> str:
        return hashlib.sha1(json.dumps([self.kind, list(self.items), self.base]).encode()).hexdigest()[:16]


@dataclass
class Article:
    """One article read on a worker: text to lint under `path`, or a local file the engine reads (at `location`,
    its absolute path, as the worker's working folder may differ from the client's), or an error."""

    id: str
    path: str
    text: str | None = None
    local: bool = False
    location: str = ""
    notices: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class Columns:
    text: str = "text"
    id: str = "id"


def _is_local(source: str) -> bool:
    protocol, _ = fsspec.core.split_protocol(source)
    return protocol in (None, "file", "local")


def _local_path(source: str) -> str:
    return fsspec.core.split_protocol(source)[1] if "://" in source else source


def _dataset_kind(path: str) -> str | None:
    return DATASETS.get(os.path.splitext(path)[1].lower())


def _local_datasets(folder: str) -> list[str]:
    found = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        found += [os.path.join(parent, n) for n in sorted(names) if _dataset_kind(n)]
    return found


def _expand_local(source: str, config) -> tuple[list[str], list[str]]:
    """(article files, dataset files) of a local folder, glob or file; article files found as `check` finds them."""
    path = _local_path(source)
    if GLOB_CHARS & set(path):
        matches = sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
        return [p for p in matches if is_article(p) and config.is_included(p)], [p for p in matches if _dataset_kind(p)]
    if os.path.isdir(path):
        return discover([path], config)[0], _local_datasets(path)
    if os.path.isfile(path):
        return ([], [path]) if _dataset_kind(path) else ([path], [])
    raise CopydeskError(f"{source}: no such file or folder")


def _expand_remote(source: str) -> tuple[list[str], list[str]]:
    """(article URLs, dataset URLs) of an fsspec folder, glob or file."""
    fs, path = fsspec.core.url_to_fs(source)
    if GLOB_CHARS & set(path):
        paths = sorted(fs.glob(path))
    elif fs.isdir(path):
        paths = sorted(fs.find(path))
    elif fs.exists(path):
        paths = [path]
    else:
        raise CopydeskError(f"{source}: no such file or folder")
    urls = [fs.unstrip_protocol(p) for p in paths]
    single = len(paths) == 1 and path == paths[0]
    return [u for u in urls if (single or is_article(u)) and not _dataset_kind(u)], [
        u for u in urls if _dataset_kind(u)
    ]


def _dataset_partitions(url: str, columns: Columns, block_size: int) -> list[Partition]:
    if _dataset_kind(url) == "jsonl":
        fs, path = fsspec.core.url_to_fs(url)
        size = fs.size(path)
        return [
            Partition("jsonl", (url, offset, min(block_size, size - offset))) for offset in range(0, size, block_size)
        ]
    with fsspec.open(url, "rb") as f:
        parquet = pq.ParquetFile(f)
        names = parquet.schema_arrow.names
        groups = parquet.metadata.num_row_groups
    if columns.text not in names:
        raise CopydeskError(f"{url}: no text column '{columns.text}' (columns: {', '.join(names)}); see --text-column")
    return [Partition("parquet", (url, group)) for group in range(groups)]


def partition_sizes(count: int) -> list[int]:
    """The default sizes of the partitions of `count` files, in order: full partitions (a multiple of the engine's
    batch), then the last two full partitions' worth of files (or fewer) in partitions a quarter that size."""
    batches = -(-count // PARTITIONS // FILES_PER_BATCH) if count else 1
    size = min(MAX_PARTITION_ARTICLES, FILES_PER_BATCH * max(1, batches))
    full = max(0, count - 2 * size) // size
    small = max(1, size // TAIL_SPLIT)
    rest = count - full * size
    return [size] * full + [small] * (rest // small) + ([rest % small] if rest % small else [])


def plan(source: str, config, columns: Columns, partition_size: int | None, block_size: int) -> list[Partition]:
    """The partitions of SOURCE: files in groups of partition_size (default: see `partition_sizes`), JSON Lines
    files in blocks of block_size bytes, Parquet files by row group."""
    if _is_local(source):
        files, datasets = _expand_local(source, config)
        kind = "files"
    else:
        files, datasets = _expand_remote(source)
        kind = "urls"
    if not files and not datasets:
        raise CopydeskError(
            f"{source}: no article files (.md .markdown .txt .html .htm .docx) or datasets (.jsonl .parquet)"
        )
    sizes = [partition_size] * -(-len(files) // partition_size) if partition_size else partition_sizes(len(files))
    base = os.getcwd() if kind == "files" else ""
    partitions, start = [], 0
    for size in sizes:
        partitions.append(Partition(kind, tuple(files[start : start + size]), base))
        start += size
    for url in datasets:
        partitions += _dataset_partitions(os.path.abspath(url) if kind == "files" else url, columns, block_size)
    return partitions


def read_partition(partition: Partition, columns: Columns) -> list[Article]:
    """The articles of a partition, each with its text or the reason it cannot be linted."""
    if partition.kind == "files":
        return [
            Article(path, path, local=True, location=os.path.join(partition.base, path)) for path in partition.items
        ]
    if partition.kind == "urls":
        return [_read_url(url) for url in partition.items]
    if partition.kind == "jsonl":
        return _read_jsonl(*partition.items, columns)
    return _read_parquet(*partition.items, columns)


def _read_url(url: str) -> Article:
    try:
        fs, path = fsspec.core.url_to_fs(url)
        size = fs.size(path)
        if size is not None and size > MAX_BYTES:
            raise UnreadableFile(f"file is {size / 1024 / 1024:.1f} MB, over the 20 MB limit; not linted")
        text, notices = decode_article(path, fs.cat_file(path))
    except UnreadableFile as exc:
        return Article(url, url, error=str(exc))
    except OSError as exc:
        return Article(url, url, error=f"cannot read: {exc.strerror or exc}")
    return Article(url, url, text, notices=notices)


def _next_line_start(f, position: int) -> int:
    """The first offset at or after position where a line starts (the end of the file if none does)."""
    if position == 0:
        return 0
    f.seek(position - 1)
    offset = position - 1
    while True:
        chunk = f.read(NEWLINE_SCAN)
        if not chunk:
            return offset
        found = chunk.find(b"\n")
        if found >= 0:
            return offset + found + 1
        offset += len(chunk)


def _read_jsonl(url: str, offset: int, length: int, columns: Columns) -> list[Article]:
    """The rows whose line starts in [offset, offset + length)."""
    with fsspec.open(url, "rb") as f:
        start = _next_line_start(f, offset)
        end = _next_line_start(f, offset + length)
        f.seek(start)
        data = f.read(max(0, end - start))
    articles, position = [], start
    for line in data.splitlines(keepends=True):
        if line.strip():
            articles.append(_row_article(line, f"{url}@{position}", columns))
        position += len(line)
    return articles


def _row_article(line: bytes, where: str, columns: Columns) -> Article:
    try:
        row = json.loads(line)
    except ValueError as exc:
        return Article(where, where, error=f"invalid JSON: {exc}")
    if not isinstance(row, dict):
        return Article(where, where, error="the row is not a JSON object")
    return _article(row.get(columns.id), row.get(columns.text), where, columns)


def _article(article_id, text, where: str, columns: Columns) -> Article:
    name = where if article_id is None else str(article_id)
    if not isinstance(text, str):
        return Article(name, name, error=f"no text in column '{columns.text}'")
    if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return Article(name, name, error=f"text is over the {MAX_BYTES // 1024 // 1024} MB limit; not linted")
    return Article(name, name, text, notices=[] if text.strip() else ["empty file; nothing to lint"])


def _read_parquet(url: str, group: int, columns: Columns) -> list[Article]:
    with fsspec.open(url, "rb") as f:
        parquet = pq.ParquetFile(f)
        wanted = [c for c in (columns.text, columns.id) if c in parquet.schema_arrow.names]
        table = parquet.read_row_group(group, columns=wanted)
    first = sum(parquet.metadata.row_group(g).num_rows for g in range(group))
    texts = table.column(columns.text).to_pylist()
    ids = table.column(columns.id).to_pylist() if columns.id in wanted else [None] * len(texts)
    return [_article(i, t, f"{url}@{first + n}", columns) for n, (i, t) in enumerate(zip(ids, texts))]
