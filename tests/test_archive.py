"""`copydesk archive` on a real Dask LocalCluster of two worker processes: the same findings as `copydesk check`,
Parquet tables that a rerun leaves unchanged, bad articles recorded, a killed worker's partition redone."""

from __future__ import annotations

import collections
import datetime
import json
import os
import re
import signal
import threading
import time
from pathlib import Path

import dask
import distributed
import pyarrow.parquet as pq
import pytest
from conftest import run_cli

from linter.analysis.readability import FORMULAS
from linter.archive.runner import ArchiveOptions, local_cluster, run_archive
from linter.archive.sources import Columns, partition_sizes, plan
from linter.run.config import load_config

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]

ARTICLES = {
    "desk/ferry.md": (
        "# Ferry crossing cancelled\n\nThe ferry was cancelled on Monday. The ferry operator said the ferry would "
        "sail again when the ferry crew returned. Passengers waited at the ferry terminal for hours.\n\n"
        "Passengers waited at the ferry terminal for hours.\n"
    ),
    "desk/council.txt": (
        "Council approves budget\n\nThe council approved the the budget on Tuesday after a long debate that ran "
        "late into the evening and covered roads, schools, libraries, parks, bins, buses, lighting, parking, "
        "housing and the new swimming pool that residents have asked for since the old one closed years ago.\n"
    ),
    "desk/market.html": (
        "<html><body><h1>Market reopens</h1><p>The market reopened on Saturday. Traders said trade was slow. "
        "Traders said trade was slow.</p></body></html>\n"
    ),
    "desk/clean.md": "# A quiet day\n\nNothing happened in the town today, officials said.\n",
    "desk/more/harbour.md": (
        "# Harbour wall repaired\n\nWorkers repaired the harbour wall. They said the colour of the stone was "
        "matched. The color was chosen by the council.\n"
    ),
    "desk/more/school.md": (
        "# School opens\n\nThe school opened its doors on Wednesday. The school the school said was ready.\n"
    ),
}

DOCS = Path(__file__).resolve().parent.parent / "docs" / "archive.md"
STATS_COLUMNS = ("words", "sentences", "paragraphs", "average_sentence_length", *FORMULAS)


def no_model_config(folder) -> str:
    """A configuration that turns off every rule that needs the spaCy model (fast workers)."""
    rules = load_config(None, start=str(folder)).rules
    off = {rid: "off" for rid, rule in rules.items() if rule.check_module.NEEDS}
    path = folder / "no-model.yml"
    path.write_text(json.dumps({"rules": off}), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as local:
        yield local


@pytest.fixture
def desk(tmp_path, monkeypatch):
    for name, text in ARTICLES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_findings(*args, unreadable: bool = False) -> list[dict]:
    result = run_cli("check", *args, "--no-cache", "--format", "json")
    assert result.exit_code in ((2,) if unreadable else (0, 1)), result.stderr
    return json.loads(result.stdout)["findings"]


def archive(cluster, source, out, **kwargs):
    options = ArchiveOptions(source, str(out), scheduler=cluster.scheduler_address, progress=False, **kwargs)
    return run_archive(options, echo=lambda message: None)


def table(out, name) -> list[dict]:
    return pq.read_table(os.path.join(out, name)).to_pylist()


def archived_findings(out) -> list[dict]:
    rows = []
    for row in table(out, "findings"):
        assert row.pop("article_id") == row["path"]
        if row["suggestion"] is None:
            del row["suggestion"]
        if not row["related"]:
            del row["related"]
        rows.append(row)
    return sorted(rows, key=lambda f: (f["path"], f["line"], f["column"], f["rule"], f["end_line"], f["end_column"]))


def test_folder_findings_are_those_of_check(cluster, desk):
    config = no_model_config(desk)
    summary = archive(cluster, "desk", desk / "out", config_path=config, partition_size=2)
    expected = check_findings("desk", "--config", config)
    assert expected  # the fixtures have findings to compare
    assert archived_findings(desk / "out") == expected
    assert summary.partitions == 3 and summary.skipped == 0 and summary.failed == []
    articles = {row["article_id"]: row for row in table(desk / "out", "articles")}
    assert sorted(articles) == sorted(os.path.normpath(name) for name in ARTICLES)
    assert all(row["linted"] and row["error"] is None for row in articles.values())
    ferry = articles["desk/ferry.md"]
    assert ferry["findings"] == sum(1 for f in expected if f["path"] == "desk/ferry.md")
    assert ferry["findings_repetition"] == sum(
        1 for f in expected if f["path"] == "desk/ferry.md" and f["category"] == "repetition"
    )
    assert article_stats(desk / "out") == stats_of("desk")


def stats_of(*paths) -> dict[str, dict]:
    """The figures of `copydesk stats --format json` per path, named as the articles table's columns."""
    files = json.loads(run_cli("stats", *paths, "--format", "json").stdout)["files"]
    return {f["path"]: {name: f[name] if name in f else f["scores"][name] for name in STATS_COLUMNS} for f in files}


def article_stats(out) -> dict[str, dict]:
    """The statistics columns of the articles table, per article id."""
    return {row["article_id"]: {name: row[name] for name in STATS_COLUMNS} for row in table(out, "articles")}


def test_default_rules_through_the_command_line(cluster, desk):
    result = run_cli("archive", "desk", "--out", "out", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.stderr
    assert archived_findings(desk / "out") == check_findings("desk")
    assert "6 articles (0 with errors)" in result.stderr


def test_jsonl_rows_and_bad_articles_are_recorded(cluster, desk):
    config = no_model_config(desk)
    (desk / "desk" / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    with open(desk / "desk" / "huge.md", "wb") as f:
        f.truncate(21 * 1024 * 1024)
    expected = check_findings("desk", "--config", config, unreadable=True)
    rows = [json.dumps({"id": name, "text": text, "section": "news"}) for name, text in ARTICLES.items()]
    rows.insert(2, "{not json")
    rows.insert(4, json.dumps({"id": "no-text", "body": "the text is under another name"}))
    (desk / "export.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")

    archive(cluster, "export.jsonl", desk / "rows", config_path=config, block_size=300)
    assert archived_findings(desk / "rows") == [f for f in expected if f["path"] in ARTICLES]
    errors = {row["article_id"]: row["error"] for row in table(desk / "rows", "articles") if row["error"]}
    bad_row = f"{desk}/export.jsonl@{len(chr(10).join(rows[:2])) + 1}"  # named by its file and byte offset
    assert errors == {bad_row: errors[bad_row], "no-text": "no text in column 'text'"}
    assert errors[bad_row].startswith("invalid JSON")
    assert len(table(desk / "rows", "articles")) == len(rows)

    summary = archive(cluster, "desk", desk / "files", config_path=config)
    articles = {row["article_id"]: row for row in table(desk / "files", "articles")}
    assert articles["desk/binary.txt"]["error"] == "binary file (contains NUL bytes); not linted"
    assert articles["desk/huge.md"]["error"] == (
        "file is 21.0 MB, over the 1 MB limit (limits: max_file_mb in the configuration); not linted"
    )
    assert summary.article_errors == 2 and summary.failed == []
    assert archived_findings(desk / "files") == expected


def test_rerun_after_a_worker_is_killed_holds_every_article_once(cluster, desk):
    config = no_model_config(desk)
    for n in range(30):
        (desk / "desk" / f"copy-{n:02d}.md").write_text(ARTICLES["desk/ferry.md"], encoding="utf-8")
    client = distributed.Client(cluster)
    pids = list(client.run(os.getpid).values())
    outcome = {}
    thread = threading.Thread(
        target=lambda: outcome.update(
            summary=archive(cluster, "desk", desk / "out", config_path=config, partition_size=1)
        )
    )
    thread.start()
    deadline = time.monotonic() + 60
    while not (desk / "out" / "manifest").is_dir() or not os.listdir(desk / "out" / "manifest"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(pids[0], signal.SIGKILL)
    thread.join(120)
    client.close()
    assert outcome["summary"].failed == []
    expected = check_findings("desk", "--config", config)
    assert archived_findings(desk / "out") == expected
    ids = [row["article_id"] for row in table(desk / "out", "articles")]
    assert len(ids) == len(set(ids)) == 36

    again = archive(cluster, "desk", desk / "out", config_path=config, partition_size=1)
    assert (again.skipped, again.partitions) == (36, 36)
    assert archived_findings(desk / "out") == expected
    forced = archive(cluster, "desk", desk / "out", config_path=config, partition_size=1, force=True)
    assert forced.skipped == 0 and len(table(desk / "out", "articles")) == 36


def test_a_removed_partition_is_redone_and_a_removed_file_forgotten(cluster, desk):
    config = no_model_config(desk)
    archive(cluster, "desk", desk / "out", config_path=config, partition_size=1)
    first = sorted(table(desk / "out", "findings"), key=json.dumps)
    manifest = sorted(os.listdir(desk / "out" / "manifest"))[0]
    os.remove(desk / "out" / "manifest" / manifest)  # as if the run had stopped before this partition finished
    summary = archive(cluster, "desk", desk / "out", config_path=config, partition_size=1)
    assert (summary.skipped, summary.partitions) == (5, 6)
    assert sorted(table(desk / "out", "findings"), key=json.dumps) == first
    os.remove(desk / "desk" / "ferry.md")
    summary = archive(cluster, "desk", desk / "out", config_path=config, partition_size=1)
    assert summary.removed == 1
    assert "desk/ferry.md" not in {row["article_id"] for row in table(desk / "out", "articles")}


def put_in_memory(files: dict) -> None:
    import fsspec

    fs = fsspec.filesystem("memory")
    for name, text in files.items():
        fs.pipe(f"/desk/{name}", text.encode("utf-8"))


def test_memory_and_file_urls(cluster, desk):
    config = no_model_config(desk)
    expected = check_findings("desk", "--config", config)
    files = {name.removeprefix("desk/"): text for name, text in ARTICLES.items()}
    put_in_memory(files)  # the client lists the source, each worker process reads its own memory filesystem
    client = distributed.Client(cluster)
    client.run(put_in_memory, files)
    client.close()
    archive(cluster, "memory://desk", desk / "mem", config_path=config)
    by_url = [{**f, "path": f["path"].replace("memory:///desk/", "desk/")} for f in archived_findings(desk / "mem")]
    assert sorted(by_url, key=json.dumps) == sorted(expected, key=json.dumps)

    archive(cluster, f"file://{desk}/desk", desk / "local", config_path=config)
    local = [{**f, "path": os.path.relpath(f["path"], desk)} for f in archived_findings(desk / "local")]
    assert sorted(local, key=json.dumps) == sorted(expected, key=json.dumps)


def test_results_of_another_run_are_refused(cluster, desk):
    config = no_model_config(desk)
    archive(cluster, "desk", desk / "out", config_path=config)
    result = run_cli("archive", "desk/more", "--out", "out", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 2
    assert "out: holds the results of another run (its source, configuration differ); use --force" in result.stderr


def test_columns_name_the_text_and_the_id(cluster, desk):
    import pyarrow as pa

    config = no_model_config(desk)
    names = list(ARTICLES)
    pq.write_table(pa.table({"key": names, "body": [ARTICLES[n] for n in names]}), desk / "export.parquet")
    archive(cluster, "export.parquet", desk / "out", config_path=config, columns=Columns("body", "key"))
    expected = check_findings("desk", "--config", config)
    assert archived_findings(desk / "out") == expected


def test_dataset_rows_with_the_model_rules_get_the_findings_of_check(cluster, desk):
    texts = {**ARTICLES, "desk/appeal.md": "# Appeal\n\nThe company said they would appeal the ruling on Friday.\n"}
    (desk / "desk" / "appeal.md").write_text(texts["desk/appeal.md"], encoding="utf-8")
    rows = [json.dumps({"id": name, "text": text}) for name, text in texts.items()]
    (desk / "export.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    archive(cluster, "export.jsonl", desk / "rows", block_size=10_000)
    expected = check_findings("desk")
    assert {f["rule"] for f in expected} & {"pronoun-number", "incomplete-sentence", "echo-word", "repeated-phrase"}
    assert archived_findings(desk / "rows") == expected
    assert article_stats(desk / "rows") == stats_of("desk")


def test_default_partitions_are_whole_engine_batches_with_smaller_ones_last(tmp_path):
    assert partition_sizes(400) == [16] * 23 + [4] * 8
    assert partition_sizes(2225) == [48] * 44 + [12] * 9 + [5]
    assert set(partition_sizes(10**6)[:-20]) == {192}
    assert partition_sizes(6) == [4, 2] and partition_sizes(0) == []
    for i in range(20):
        (tmp_path / f"{i:02d}.txt").write_text("A short article.\n", encoding="utf-8")
    partitions = plan(str(tmp_path), load_config(None, start=str(tmp_path)), Columns(), None, 1024)
    assert [len(p.items) for p in partitions] == [4] * 5
    assert [os.path.basename(item) for p in partitions for item in p.items] == [f"{i:02d}.txt" for i in range(20)]


def test_the_local_cluster_workers_run_without_the_profiler_and_with_glibc_malloc_tuning():
    client, cluster = local_cluster(1)
    try:
        settings = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
        assert list(settings.values()) == [False]
        trim = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
        assert list(trim.values()) == [os.environ.get("MALLOC_TRIM_THRESHOLD_")]  # the user's own setting, if any
    finally:
        client.close()
        cluster.close()


def docs_blocks(language: str) -> list[str]:
    """The fenced code blocks of docs/archive.md in that language."""
    return re.findall(rf"```{language}\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)


def test_the_queries_of_the_docs_run_on_a_results_folder(cluster, tmp_path, monkeypatch, capsys):
    import duckdb
    import pyarrow as pa

    monkeypatch.chdir(tmp_path)
    where = {"ferry.md": ("sport", 2019), "council.txt": ("politics", 2019), "market.html": ("business", 2020)}
    where |= {"clean.md": ("politics", 2020), "harbour.md": ("business", 2021), "school.md": ("politics", 2021)}
    ids = {}
    for name, text in ARTICLES.items():
        section, year = where[os.path.basename(name)]
        path = tmp_path / "archive" / section / str(year) / os.path.basename(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        ids[str(path.relative_to(tmp_path))] = (section, year)
    (tmp_path / "archive" / "sport" / "2019" / "broken.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    published = [datetime.date(year, 6, 1) for _, year in ids.values()]
    export = {"id": list(ids), "section": [section for section, _ in ids.values()], "published": published}
    pq.write_table(pa.table(export), "export.parquet")
    archive(cluster, "archive", tmp_path / "lint", config_path=no_model_config(tmp_path))
    articles, findings = table("lint", "articles"), table("lint", "findings")

    worst, errors, per_section = [query for block in docs_blocks("sql") for query in block.split(";") if query.strip()]
    linted = sorted((a for a in articles if a["linted"]), key=lambda a: (-a["errors"], -a["findings"] / a["words"]))
    ranked = duckdb.sql(worst).fetchall()  # article_id, words, errors, findings, per_1000_words
    assert sorted(row[0] for row in ranked) == sorted(a["article_id"] for a in linted)
    assert [(row[2], row[3] / row[1]) for row in ranked] == [(a["errors"], a["findings"] / a["words"]) for a in linted]
    assert duckdb.sql(errors).fetchall() == [("binary file (contains NUL bytes); not linted", 1)]
    counts = collections.Counter((*ids[f["article_id"]], f["category"]) for f in findings)
    assert len(counts) > 3  # findings in several sections, years and categories
    assert sorted(duckdb.sql(per_section).fetchall()) == sorted((*key, n) for key, n in counts.items())

    [pandas_example] = docs_blocks("python")
    exec(pandas_example, {})
    printed = capsys.readouterr().out
    assert linted[0]["article_id"] in printed and all(section in printed for section, _ in where.values())
