"""The real pre-commit tool runs the `copydesk-fix` hook of this repository on a temporary repository of articles:
the first run fixes the doubled word and fails (a file changed), the second run passes.

`pre-commit try-repo` installs this repository into a hook environment (pip, from PyPI: about 30 s here), as a
newsroom's pre-commit would; each call in a working tree with uncommitted changes installs it again, so there is
only this one test of it.
"""
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
pytestmark = pytest.mark.skipif(not PRE_COMMIT.exists() or shutil.which("git") is None,
                                reason="pre-commit (the test extra) and git are needed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([str(PRE_COMMIT), *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=1800)


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

    first = pre_commit(repo, "try-repo", str(ROOT), "copydesk-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert article.read_text(encoding="utf-8") == "# Council vote\n\nThe council voted on Monday, the clerk said.\n"

    git(repo, "add", "vote.md")
    second = pre_commit(repo, "try-repo", str(ROOT), "copydesk-fix")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
