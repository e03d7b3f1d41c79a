"""The real pre-commit tool runs the `copydesk` hook of this repository on a temporary repository of articles."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
pytestmark = pytest.mark.skipif(not PRE_COMMIT.exists() or shutil.which("git") is None,
                                reason="pre-commit (the test extra) and git are needed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def try_repo(repo: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([str(PRE_COMMIT), "try-repo", str(ROOT), "copydesk"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=1800)


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
