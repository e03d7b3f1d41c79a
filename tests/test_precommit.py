"""The real pre-commit tool runs the `copydesk` and `copydesk-fix` hooks of this repository on a temporary repository
of articles. `pre-commit try-repo` installs this repository into a hook environment with pip (about 30 s a call
here), so there are few such tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="pre-commit (the test extra) and git are needed"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([str(PRE_COMMIT), *args], cwd=repo, env=env, capture_output=True, text=True, timeout=1800)


def try_repo(repo: Path, hook: str = "copydesk") -> subprocess.CompletedProcess:
    return pre_commit(repo, "try-repo", str(ROOT), hook)


def test_hook_refuses_an_article_with_an_error_and_allows_a_clean_one(tmp_path):
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "desk@example.org")
    git(repo, "config", "user.name", "Desk")
    (repo / "scraped.txt").write_text("Ferry fares rise\n\nFares rise in March.\n\nAdvertisement\n", encoding="utf-8")
    git(repo, "add", "scraped.txt")
    refused = try_repo(repo)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "scraped.txt:5:1: error [scrape-residue]" in refused.stdout

    git(repo, "rm", "-q", "--cached", "scraped.txt")
    (repo / "clean.md").write_text("# Ferry fares rise\n\nFares rise in March, the operator said.\n", encoding="utf-8")
    git(repo, "add", "clean.md")
    allowed = try_repo(repo)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "copydesk" in allowed.stdout and "Passed" in allowed.stdout


def test_the_manifest_declares_a_lint_hook_and_a_fix_hook():
    assert pre_commit(ROOT, "validate-manifest", ".pre-commit-hooks.yaml").returncode == 0
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["copydesk"]["entry"] == "copydesk check"
    assert hooks["copydesk-fix"]["entry"] == "copydesk check --fix"
    assert hooks["copydesk-fix"]["types_or"] == hooks["copydesk"]["types_or"]


def test_fix_hook_fixes_and_fails_then_passes(tmp_path):
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    article = repo / "vote.md"
    article.write_text("# Council vote\n\nThe the council voted on Monday, the clerk said.\n", encoding="utf-8")
    git(repo, "add", "vote.md")

    first = try_repo(repo, "copydesk-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert article.read_text(encoding="utf-8") == "# Council vote\n\nThe council voted on Monday, the clerk said.\n"

    git(repo, "add", "vote.md")  # what a writer does after reviewing the fix
    second = try_repo(repo, "copydesk-fix")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
