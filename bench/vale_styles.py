"""The public Vale styles (write-good, proselint, Joblint) through `copydesk vale`, beside copydesk's own rules.

    python bench/vale_styles.py [--corpus DIR] [--limit N]

Writes a `.vale.ini` in a temporary folder that names the three styles from Vale's test data
(`../shared/vale/testdata/styles`), runs `copydesk vale` and `copydesk check` (default rules, no cache) over the
same files, each as its own process, and prints wall time, alert/finding counts and any error output (a rule
copydesk vale cannot run, such as a Tengo `script` rule, is named there).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def files_of(corpus: Path, limit: int) -> list[str]:
    found = sorted(str(p) for p in corpus.rglob("*.txt") if p.name != "README.TXT")
    return found[:limit] if limit else found


def timed(args: list[str], cwd: str) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(SHARED / "corpora" / "bbc"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (sorted by path)")
    args = parser.parse_args()
    files = files_of(Path(args.corpus), args.limit)
    words = sum(len(Path(f).read_text(encoding="utf-8", errors="replace").split()) for f in files)
    with tempfile.TemporaryDirectory() as tmp:
        styles = SHARED / "vale" / "testdata" / "styles"
        Path(tmp, ".vale.ini").write_text(
            f"StylesPath = {styles}\nMinAlertLevel = suggestion\n\n"
            "[*]\nBasedOnStyles = write-good, proselint, Joblint\n",
            encoding="utf-8",
        )
        vale_time, vale = timed([sys.executable, "-m", "linter", "vale", "--output=line", *files], tmp)
        check_time, check = timed(
            [sys.executable, "-m", "linter", "check", "--no-cache", "--format", "json", *files], str(ROOT)
        )
    print(f"{len(files)} files, {words} words from {args.corpus}")
    print("| run | wall s | words/s | alerts | exit | stderr lines |")
    print("|---|---|---|---|---|---|")
    for name, seconds, result, count in [
        ("copydesk vale (write-good, proselint, Joblint)", vale_time, vale, len(vale.stdout.splitlines())),
        ("copydesk check (default rules)", check_time, check, check.stdout.count('"rule"')),
    ]:
        stderr = [line for line in result.stderr.splitlines() if line.strip()]
        print(f"| {name} | {seconds:.1f} | {words / seconds:.0f} | {count} | {result.returncode} | {len(stderr)} |")
    print("\ncopydesk vale stderr:")
    print("\n".join(sorted(set(vale.stderr.splitlines()))) or "(none)")


if __name__ == "__main__":
    main()
