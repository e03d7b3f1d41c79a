"""Latency of `copydesk lsp` while typing, beside a full `copydesk check` of the same file, and a fuzzed soak.

    python bench/lsp_latency.py [--edits 50] [--fuzz 1000] [--seed 7]

Starts the server over stdio with pygls's client, opens bench/lsp_article.md (about 1,000 words, written for
this benchmark) and waits for the full diagnostics (model loaded, paragraphs parsed: a warm server). Then changes
one word of one paragraph per edit, cycling over the paragraphs, and times from sending `didChange` to the first
`publishDiagnostics` (the parse-free rules) and to the second (every rule). Prints median and p95 of both, and the
wall time of `copydesk check` on the file (a new process, as a pre-commit hook runs it; median of 3).

The soak then sends --fuzz edits (seeded: random insertions, emoji included, and deletions) without waiting, with
a hover and a code-action request every 50 edits, and reports error responses, error log messages, the server's
threads, its worker processes and their RSS at the start and the end, and whether a worker outlives the server.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ARTICLE = Path(__file__).resolve().parent / "lsp_article.md"
ALPHABET = "abcdefghijklmnopqrstuvwxyz     ,.\n'\"😀é"


class Client(LanguageClient):
    def __init__(self):
        super().__init__("lsp-bench", "1")
        self.publishes: list[tuple[float, list]] = []
        self.errors: list[str] = []
        self.published = asyncio.Event()

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_publish(params: types.PublishDiagnosticsParams):
            self.publishes.append((time.perf_counter(), params.diagnostics))
            self.published.set()

        @self.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(params: types.LogMessageParams):
            if params.type == types.MessageType.Error:
                self.errors.append(params.message)

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def on_show(params: types.ShowMessageParams):
            if params.type == types.MessageType.Error:
                self.errors.append(params.message)

    async def publishes_after(self, count: int) -> None:
        while len(self.publishes) < count:
            self.published.clear()
            await asyncio.wait_for(self.published.wait(), 120)


def descendants(pid: int) -> list[int]:
    """The process's children, their children and so on."""
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return children + [grandchild for child in children for grandchild in descendants(child)]


def server_stats(pid: int) -> tuple[int, int, int]:
    """(RSS in MB of the server and its worker processes, the server's threads, its worker processes)."""
    workers = descendants(pid)
    rss, threads = 0, 0
    for number in [pid, *workers]:
        status = Path(f"/proc/{number}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss += int(fields["VmRSS"].split()[0]) // 1024
        threads = threads or int(fields["Threads"])
    return rss, threads, len(workers)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def full_check_seconds(runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "linter", "check", "--no-cache", str(ARTICLE)], capture_output=True, check=False
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def change(uri: str, version: int, line: int, start: int, end: int, text: str) -> types.DidChangeTextDocumentParams:
    where = types.Range(types.Position(line, start), types.Position(line, end))
    return types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangePartial(range=where, text=text)],
    )


async def latency(client: Client, uri: str, lines: list[str], edits: int) -> tuple[list[float], list[float]]:
    paragraphs = [n for n, line in enumerate(lines) if len(line.split()) > 20]
    quick, full = [], []
    for i in range(edits):
        line = paragraphs[i % len(paragraphs)]
        word_end = lines[line].index(" ")
        old = lines[line][:word_end]
        new = old + "s" if i % 2 == 0 else old  # append, then take back, so the article stays itself
        current = lines[line][:word_end] if i % 2 == 0 else old + "s"
        seen = len(client.publishes)
        sent = time.perf_counter()
        client.text_document_did_change(change(uri, i + 2, line, 0, len(current), new))
        await client.publishes_after(seen + 2)
        quick.append(client.publishes[seen][0] - sent)
        full.append(client.publishes[seen + 1][0] - sent)
    return quick, full


async def fuzz(client: Client, uri: str, text: str, count: int, seed: int) -> dict:
    rng = random.Random(seed)
    lines = text.split("\n")
    failures = 0
    for i in range(count):
        line = rng.randrange(len(lines))
        if rng.random() < 0.7 or not lines[line]:
            at = rng.randint(0, len(lines[line]))
            piece = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 6)))
            client.text_document_did_change(
                change(
                    uri,
                    1000 + i,
                    line,
                    len(lines[line][:at].encode("utf-16-le")) // 2,
                    len(lines[line][:at].encode("utf-16-le")) // 2,
                    piece,
                )
            )
            lines[line] = lines[line][:at] + piece + lines[line][at:]
            lines[line : line + 1] = lines[line].split("\n")
        else:
            a = rng.randint(0, len(lines[line]))
            b = rng.randint(a, min(len(lines[line]), a + 8))
            units = lambda s: len(s.encode("utf-16-le")) // 2  # noqa: E731
            client.text_document_did_change(
                change(uri, 1000 + i, line, units(lines[line][:a]), units(lines[line][:b]), "")
            )
            lines[line] = lines[line][:a] + lines[line][b:]
        if i % 50 == 49:
            point = types.Position(rng.randrange(len(lines)), 0)
            try:
                await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), point))
                await client.text_document_code_action_async(
                    types.CodeActionParams(
                        types.TextDocumentIdentifier(uri), types.Range(point, point), types.CodeActionContext([])
                    )
                )
            except Exception as exc:  # an error response
                failures += 1
                client.errors.append(repr(exc))
        await asyncio.sleep(0)
    seen = len(client.publishes)
    await client.publishes_after(seen + 1)
    await asyncio.sleep(2)  # let the last full run finish
    return {"failures": failures, "text": "\n".join(lines)}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--fuzz", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    text = ARTICLE.read_text(encoding="utf-8")
    words = len(text.split())
    client = Client()
    await client.start_io(sys.executable, "-m", "linter", "lsp")
    pid = client._server.pid
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = from_fs_path(str(ARTICLE))
    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text)))
    await client.publishes_after(2)
    cold = time.perf_counter() - started
    print(f"article: {ARTICLE.name}, {words} words; open to full diagnostics (cold server): {cold:.2f} s")
    quick, full = await latency(client, uri, text.split("\n"), args.edits)
    check = full_check_seconds()
    for name, times in (("parse-free", quick), ("all-rule", full)):
        median, p95 = statistics.median(times) * 1000, percentile(times, 0.95) * 1000
        print(f"edit -> {name} diagnostics over {args.edits} edits: median {median:.0f} ms, p95 {p95:.0f} ms")
    print(f"full `copydesk check` of the same file (new process, median of 3): {check * 1000:.0f} ms")
    print(f"median all-rule edit / full check: {statistics.median(full) / check:.1%}")
    if args.fuzz:
        rss, threads, workers = server_stats(pid)
        print(
            f"soak: RSS {rss} MB (server and workers), {threads} server threads, {workers} worker processes before "
            f"{args.fuzz} fuzzed edits (seed {args.seed})"
        )
        result = await fuzz(client, uri, text, args.fuzz, args.seed)
        rss, threads, workers = server_stats(pid)
        failures, errors = result["failures"], len(client.errors)
        print(
            f"soak: RSS {rss} MB, {threads} server threads, {workers} worker processes after; "
            f"error responses {failures}, error messages {errors}"
        )
        for message in client.errors[:5]:
            print("  ", message[:300])
    workers = descendants(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await asyncio.wait_for(client._server.wait(), 10)
    for _ in range(50):  # a worker may take a moment to notice that the server is gone
        left = [number for number in workers if Path(f"/proc/{number}").exists()]
        if not left:
            break
        await asyncio.sleep(0.1)
    print(f"server exit code after shutdown/exit: {client._server.returncode}; worker processes left: {len(left)}")
    await client.stop()


if __name__ == "__main__":
    asyncio.run(main())
