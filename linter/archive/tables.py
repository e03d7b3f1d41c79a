"""The results folder: `findings/` and `articles/` (one Parquet file per partition), `manifest/` (one JSON file per
finished partition, written last) and `run.json` (what the results are of).

Every file is written under `_tmp/` and then renamed into place, so a reader (or a rerun) never sees half a
partition: a partition is finished when its manifest exists, and its tables are complete then.
"""

from __future__ import annotations

import json
import uuid

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from linter.analysis.readability import FORMULAS
from linter.model.findings import CATEGORIES

FINDINGS, ARTICLES, MANIFEST, TMP, RUN_RECORD = "findings", "articles", "manifest", "_tmp", "run.json"

FINDINGS_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("path", pa.string()),
        ("line", pa.int32()),
        ("column", pa.int32()),
        ("end_line", pa.int32()),
        ("end_column", pa.int32()),
        ("rule", pa.string()),
        ("category", pa.string()),
        ("severity", pa.string()),
        ("message", pa.string()),
        ("excerpt", pa.string()),
        ("suggestion", pa.string()),
        ("confidence", pa.float64()),
        (
            "related",
            pa.list_(
                pa.struct(
                    [(name, pa.int32()) for name in ("line", "column", "end_line", "end_column")]
                    + [("excerpt", pa.string()), ("message", pa.string())]
                )
            ),
        ),
    ]
)

ARTICLES_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("path", pa.string()),
        ("partition", pa.string()),
        ("linted", pa.bool_()),
        ("error", pa.string()),
        ("rule_errors", pa.list_(pa.string())),
        ("notices", pa.list_(pa.string())),
        ("words", pa.int64()),
        ("sentences", pa.int64()),
        ("paragraphs", pa.int64()),
        ("average_sentence_length", pa.float64()),
        *[(name, pa.float64()) for name in FORMULAS],
        ("findings", pa.int64()),
        *[(f"findings_{category}", pa.int64()) for category in CATEGORIES],
        ("errors", pa.int64()),
        ("warnings", pa.int64()),
        ("infos", pa.int64()),
    ]
)


class ResultsFolder:
    """RESULTS_DIR, a local folder or an fsspec URL that every worker can write to."""

    def __init__(self, url: str):
        self.url = url
        self.fs, self.root = fsspec.core.url_to_fs(url)

    def _path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def _put(self, final: str, write) -> None:
        """Write through `write(file)` under a temporary name, then rename it to `final`."""
        temporary = self._path(TMP, f"{uuid.uuid4().hex}.part")
        self.fs.makedirs(self._path(TMP), exist_ok=True)
        self.fs.makedirs(final.rsplit("/", 1)[0], exist_ok=True)
        with self.fs.open(temporary, "wb") as f:
            write(f)
        self.fs.mv(temporary, final)

    def write_partition(
        self, partition_id: str, findings: list[dict], articles: list[dict], manifest: dict, clock=None
    ) -> None:
        """The partition's two tables, then its manifest: each renamed into place once complete. With a clock
        (see `linter.archive.worker.PhaseClock`), the manifest also holds its timings, the write's included."""
        for folder, rows, schema in ((FINDINGS, findings, FINDINGS_SCHEMA), (ARTICLES, articles, ARTICLES_SCHEMA)):
            table = pa.Table.from_pylist(rows, schema=schema)
            self._put(self._path(folder, f"{partition_id}.parquet"), lambda f, table=table: pq.write_table(table, f))
        if clock is not None:
            clock.lap("write")
            manifest.update(clock.figures())
        data = json.dumps(manifest, indent=1).encode()
        self._put(self._path(MANIFEST, f"{partition_id}.json"), lambda f: f.write(data))

    def finished(self) -> set[str]:
        """The ids of the partitions whose manifest is written."""
        if not self.fs.isdir(self._path(MANIFEST)):
            return set()
        names = [p.rsplit("/", 1)[-1] for p in self.fs.ls(self._path(MANIFEST), detail=False)]
        return {name[: -len(".json")] for name in names if name.endswith(".json")}

    def manifests(self) -> list[dict]:
        return [json.loads(self.fs.cat_file(self._path(MANIFEST, f"{pid}.json"))) for pid in sorted(self.finished())]

    def remove_partition(self, partition_id: str) -> None:
        """Forget a partition: its manifest first, so that it never looks finished without its tables."""
        for folder, suffix in ((MANIFEST, ".json"), (FINDINGS, ".parquet"), (ARTICLES, ".parquet")):
            path = self._path(folder, partition_id + suffix)
            if self.fs.exists(path):
                self.fs.rm(path)

    def clear_temporary(self) -> None:
        """Remove what a killed worker left half-written."""
        if self.fs.isdir(self._path(TMP)):
            self.fs.rm(self._path(TMP), recursive=True)

    def run_record(self) -> dict | None:
        path = self._path(RUN_RECORD)
        return json.loads(self.fs.cat_file(path)) if self.fs.exists(path) else None

    def write_run_record(self, record: dict) -> None:
        data = json.dumps(record, indent=1, sort_keys=True).encode()
        self._put(self._path(RUN_RECORD), lambda f: f.write(data))
