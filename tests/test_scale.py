"""Archive scale: parallel files give the same bytes, the result cache is reused and never stale, progress."""

from __future__ import annotations

import click
from conftest import run_cli

from linter.cli import ProgressBar
from linter.run import engine


def make_articles(folder, count=12):
    folder.mkdir()
    for i in range(count):
        (folder / f"a{i:02}.md").write_text(
            f"# Story {i}\n\nThe board met at the the house {i}.\n\nAdvertisement\n", encoding="utf-8"
        )
    return folder


def test_jobs_output_is_identical_to_one_job(tmp_path):
    articles = make_articles(tmp_path / "news")
    one = run_cli("check", "--no-cache", "--jobs", "1", "--format", "json", str(articles))
    two = run_cli("check", "--no-cache", "--jobs", "2", "--format", "json", str(articles))
    assert one.stdout == two.stdout and one.exit_code == two.exit_code == 1
    assert one.stdout.count('"rule": "scrape-residue"') == 12


def test_cache_is_reused_for_unchanged_files(tmp_path, monkeypatch):
    (tmp_path / ".copydesk.yml").write_text("rules: {}\n", encoding="utf-8")
    articles = make_articles(tmp_path / "news", 3)
    linted = []
    real_lint_document = engine.lint_document
    monkeypatch.setattr(
        engine, "lint_document", lambda doc, *args: linted.append(doc.path) or real_lint_document(doc, *args)
    )

    first = run_cli("check", "--jobs", "1", "news", cwd=str(tmp_path))
    assert len(linted) == 3
    assert (tmp_path / ".copydesk_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    second = run_cli("check", "--jobs", "1", "news", cwd=str(tmp_path))
    assert (second.stdout, second.exit_code) == (first.stdout, first.exit_code)
    assert len(linted) == 3
    (articles / "a00.md").write_text("# Story\n\nAt the the end.\n", encoding="utf-8")
    run_cli("check", "--jobs", "1", "news", cwd=str(tmp_path))
    assert linted[3:] == ["news/a00.md"]


def test_cache_is_never_stale_after_a_config_change(tmp_path):
    config = tmp_path / ".copydesk.yml"
    config.write_text("rules: {}\n", encoding="utf-8")
    make_articles(tmp_path / "news", 2)
    assert "repeated-word" in run_cli("check", "--jobs", "1", "news", cwd=str(tmp_path)).stdout
    config.write_text("rules: {repeated-word: off}\n", encoding="utf-8")
    assert "repeated-word" not in run_cli("check", "--jobs", "1", "news", cwd=str(tmp_path)).stdout
    config.write_text("rules: {scrape-residue: warning}\n", encoding="utf-8")
    result = run_cli("check", "--jobs", "1", "news", cwd=str(tmp_path))
    assert "warning [scrape-residue]" in result.stdout and result.exit_code == 0


def test_cached_findings_take_the_new_path_of_a_renamed_file(tmp_path):
    (tmp_path / ".copydesk.yml").write_text("rules: {}\n", encoding="utf-8")
    articles = make_articles(tmp_path / "news", 1)
    run_cli("check", "news", cwd=str(tmp_path))
    (articles / "a00.md").rename(articles / "renamed.md")
    assert run_cli("check", "news", cwd=str(tmp_path)).stdout.startswith("news/renamed.md:3:18:")


def test_progress_bar_only_for_many_files(monkeypatch):
    lines = []
    monkeypatch.setattr(click, "echo", lambda message="", **kwargs: lines.append(message))
    small = ProgressBar()
    small.start(3)
    for _ in range(3):
        small.advance()
    small.finish()
    assert lines == []
    big = ProgressBar()
    big.start(60)
    for _ in range(60):
        big.advance()
    assert lines[-1] == "\r[" + "#" * 30 + "] 60/60 files"
    assert lines[0] == "\r[#####.........................] 10/60 files"
