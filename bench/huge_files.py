"""Huge inputs: how long `copydesk check` takes on three 10 MB files, and how much memory it needs.

    python bench/huge_files.py [--corpus DIR] [--mb 10] [--out DIR] [--config FILE] [--only NAME]

Writes three files of --mb megabytes into a temporary folder (or --out), then runs `copydesk check --no-cache` on
each under `/usr/bin/time -v` and prints one Markdown table: wall time, peak resident memory, exit code and the
first line copydesk printed on standard error.

- `one-line.txt`: one line of words with no punctuation and no line break (an export without line breaks, a
  minified page): the worst case for a sentence splitter and a parser.
- `one-paragraph.txt`: the sentences of real prose, one after another on one line (a paragraph of --mb MB).
- `paragraphs.txt`: 1,000 paragraphs separated by blank lines, each made of whole sentences.

The prose is read at run time from the articles of --corpus (default: the BBC corpus beside the project), so no
text of it is stored here; without the corpus, a few sentences written for this script stand in. --config passes
a configuration to copydesk (say, one that raises `limits: {max_file_mb: 20}` to measure linting them whole).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
BIN = Path(sys.executable).parent
FALLBACK = [
    "The council voted on Tuesday to close the library for the winter.",
    "Residents said they had not been told of the plan until the meeting.",
    "A spokesman for the council said the building needed a new roof.",
    "The work is expected to cost about two million pounds over three years.",
]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def corpus_sentences(corpus: Path, limit: int = 600) -> list[str]:
    """Sentences of the corpus articles (body paragraphs only), or the fallback sentences."""
    sentences = []
    for path in sorted(corpus.glob("*/*.txt"))[:limit]:
        paragraphs = path.read_text(encoding="latin-1").split("\n\n")[1:]
        for paragraph in paragraphs:
            sentences += [s for s in SENTENCE_END.split(" ".join(paragraph.split())) if s.endswith((".", "?", "!"))]
    return sentences or FALLBACK


def one_line(sentences: list[str], size: int, rng: random.Random) -> str:
    words = [w.strip(".,;:!?\"'") for s in sentences for w in s.split()]
    words = [w for w in words if w.isalpha()]
    out, total = [], 0
    while total < size:
        word = rng.choice(words)
        out.append(word)
        total += len(word) + 1
    return " ".join(out) + "\n"


def prose(sentences: list[str], size: int, rng: random.Random) -> list[str]:
    out, total = [], 0
    while total < size:
        sentence = rng.choice(sentences)
        out.append(sentence)
        total += len(sentence) + 1
    return out


def write_files(folder: Path, corpus: Path, megabytes: float) -> list[Path]:
    rng = random.Random(22)
    size = int(megabytes * 1024 * 1024)
    sentences = corpus_sentences(corpus)
    files = {
        "one-line.txt": one_line(sentences, size, rng),
        "one-paragraph.txt": "A headline for one long paragraph\n\n" + " ".join(prose(sentences, size, rng)) + "\n",
    }
    body = prose(sentences, size, rng)
    per_paragraph = -(-len(body) // 1000)
    paragraphs = [" ".join(body[i : i + per_paragraph]) for i in range(0, len(body), per_paragraph)]
    files["paragraphs.txt"] = "A headline for a thousand paragraphs\n\n" + "\n\n".join(paragraphs) + "\n"
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def measure(path: Path, config: str | None) -> dict:
    """Wall time, peak memory, exit code and first line of standard error of one `copydesk check` run."""
    command = ["/usr/bin/time", "-v", str(BIN / "copydesk"), "check", "--no-cache", "--format", "json"]
    command += ["--config", config] if config else []
    env = dict(os.environ, COPYDESK_PARSE_CACHE="")
    done = subprocess.run([*command, str(path)], capture_output=True, text=True, env=env)
    report = dict(
        line.strip().split(": ", 1) for line in done.stderr.splitlines() if line.startswith("\t") and ": " in line
    )
    said = [line for line in done.stderr.splitlines() if line.startswith("copydesk:")]
    findings = done.stdout.count('"rule":')
    return {
        "file": path.name,
        "mb": path.stat().st_size / 1024 / 1024,
        "wall": report.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "?"),
        "peak_mb": int(report.get("Maximum resident set size (kbytes)", "0")) / 1024,
        "exit": report.get("Exit status", str(done.returncode)),
        "findings": findings,
        "stderr": said[0] if said else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--out", type=Path, help="Write the files here and keep them.")
    parser.add_argument("--config", help="A configuration file for copydesk (say, with raised limits).")
    parser.add_argument("--only", help="Measure only the files whose names contain this.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.out or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        paths = write_files(folder, args.corpus, args.mb)
        print("| file | MB | wall (m:ss) | peak memory (MB) | exit | findings | first line on stderr |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for path in paths:
            if args.only and args.only not in path.name:
                continue
            row = measure(path, args.config)
            print(
                f"| {row['file']} | {row['mb']:.1f} | {row['wall']} | {row['peak_mb']:.0f} | {row['exit']} | "
                f"{row['findings']} | {row['stderr'][:110]} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
