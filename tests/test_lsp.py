"""The language server over stdio, driven by a real LSP client (pytest-lsp launching `python -m linter lsp`)."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, make_test_lsp_client

ARTICLE = (
    "# Port deal\n\nThe the council approved the plan on Monday.\n\nThe company said they would appeal the ruling.\n"
)


def capabilities(encodings=None) -> types.ClientCapabilities:
    return types.ClientCapabilities(general=types.GeneralClientCapabilities(position_encodings=encodings))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "linter", "lsp"]))
async def client(lsp_client: LanguageClient):
    lsp_client.init = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities()))
    yield
    await lsp_client.shutdown_session()


async def diagnostics_until(client: LanguageClient, uri: str, done, timeout: float = 60.0) -> list:
    """The document's diagnostics once `done(diagnostics)` holds, waiting for publishes."""

    async def wait():
        while not done(client.diagnostics.get(uri, [])):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]

    return await asyncio.wait_for(wait(), timeout)


def summary(diagnostics) -> list:
    return sorted(
        (d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in diagnostics
    )


def open_document(client: LanguageClient, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text)))
    return uri


def has_rule(rule):
    return lambda diagnostics: any(d.code == rule for d in diagnostics)


@pytest.mark.asyncio
async def test_open_publishes_exact_diagnostics_with_rule_links(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "a.md", ARTICLE)
    found = await diagnostics_until(client, uri, has_rule("pronoun-number"))
    assert summary(found) == [
        ("pronoun-number", types.DiagnosticSeverity.Error, 4, 17, 4, 21),
        ("repeated-word", types.DiagnosticSeverity.Warning, 2, 0, 2, 7),
    ]
    by_rule = {d.code: d for d in found}
    assert by_rule["repeated-word"].code_description.href.endswith("/rules/repeated-word.yml")
    assert Path(by_rule["repeated-word"].code_description.href.removeprefix("file://")).is_file()
    assert by_rule["pronoun-number"].message.startswith('"they" refers back to "The company" (singular, organisation)')
    assert client.init.capabilities.position_encoding == types.PositionEncodingKind.Utf16


@pytest.mark.asyncio
async def test_an_edit_updates_the_diagnostics(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "a.md", ARTICLE)
    await diagnostics_until(client, uri, has_rule("pronoun-number"))
    change = types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(4, 17), types.Position(4, 21)), text="it"
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(uri=uri, version=2), [change])
    )
    found = await diagnostics_until(client, uri, lambda ds: ds and not has_rule("pronoun-number")(ds))
    assert summary(found) == [("repeated-word", types.DiagnosticSeverity.Warning, 2, 0, 2, 7)]


async def actions_at(client, uri, line, character):
    point = types.Range(types.Position(line, character), types.Position(line, character))
    return await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), point, types.CodeActionContext(diagnostics=[]))
    )


def apply(text: str, edit: types.TextEdit) -> str:
    lines = text.splitlines(keepends=True)
    offset = lambda p: sum(len(x) for x in lines[: p.line]) + p.character  # noqa: E731 (ASCII text)
    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]


@pytest.mark.asyncio
async def test_code_actions_fix_and_suppress(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "a.md", ARTICLE)
    await diagnostics_until(client, uri, has_rule("pronoun-number"))
    actions = {a.title: a for a in await actions_at(client, uri, 2, 1)}
    assert sorted(actions) == [
        'Fix: doubled word "the"',
        "Suppress repeated-word in this file",
        "Suppress repeated-word on this line",
    ]
    fixed = apply(ARTICLE, actions['Fix: doubled word "the"'].edit.changes[uri][0])
    assert fixed.splitlines()[2] == "The council approved the plan on Monday."
    on_line = apply(ARTICLE, actions["Suppress repeated-word on this line"].edit.changes[uri][0])
    assert on_line.splitlines()[2:4] == ["<!-- copydesk-disable-next-line repeated-word -->", ARTICLE.splitlines()[2]]
    in_file = apply(ARTICLE, actions["Suppress repeated-word in this file"].edit.changes[uri][0])
    assert in_file.splitlines()[0] == "<!-- copydesk-disable repeated-word -->"

    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [types.TextDocumentContentChangeWholeDocument(on_line)],
        )
    )
    expected = [("pronoun-number", types.DiagnosticSeverity.Error, 5, 17, 5, 21)]
    assert summary(await diagnostics_until(client, uri, lambda ds: summary(ds) == expected)) == expected


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "name, expected",
    [
        ("b.md", ["The plan was approved on Monday. <!-- copydesk-disable-next-line repeated-word -->"]),
        ("b.txt", ["The plan was approved on Monday.", "copydesk-disable-next-line repeated-word"]),
    ],
)
async def test_suppressing_a_line_inside_a_paragraph_keeps_the_paragraph_whole(
    client: LanguageClient, tmp_path, name, expected
):
    text = "Port deal\n\nThe plan was approved on Monday.\nThe the council met again today.\n"
    uri = open_document(client, tmp_path / name, text)
    await diagnostics_until(client, uri, has_rule("repeated-word"))
    actions = {a.title: a for a in await actions_at(client, uri, 3, 1)}
    suppressed = apply(text, actions["Suppress repeated-word on this line"].edit.changes[uri][0])
    assert suppressed.splitlines()[2 : 2 + len(expected)] == expected
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [types.TextDocumentContentChangeWholeDocument(suppressed)],
        )
    )
    await diagnostics_until(client, uri, lambda ds: not has_rule("repeated-word")(ds))


@pytest.mark.asyncio
async def test_hover_explains_the_rule_with_options_and_suggestion(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "a.md", ARTICLE)
    await diagnostics_until(client, uri, has_rule("pronoun-number"))
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 5))
    )
    text = hover.contents.value
    assert text.startswith('**repeated-word** (repetition, warning): doubled word "the"')
    assert "Suggestion: `The`" in text
    assert hover.range == types.Range(types.Position(2, 0), types.Position(2, 7))
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(4, 18))
    )
    assert "- `language`: en-US" in hover.contents.value
    assert (
        await client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 3))
        )
        is None
    )


@pytest.mark.asyncio
async def test_a_bad_config_is_a_diagnostic_on_the_config_file(client: LanguageClient, tmp_path):
    config = tmp_path / ".copydesk.yml"
    config.write_text("rules:\n  repeated-word: [oops\n", encoding="utf-8")
    uri = open_document(client, tmp_path / "a.md", ARTICLE)
    config_uri = from_fs_path(str(config))
    bad = await diagnostics_until(client, config_uri, bool)
    assert len(bad) == 1 and "invalid YAML" in bad[0].message and bad[0].severity == types.DiagnosticSeverity.Error
    await diagnostics_until(client, uri, has_rule("pronoun-number"))  # the document is linted with the defaults

    config.write_text("rules:\n  repeated-word: off\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(config_uri, types.FileChangeType.Changed)])
    )
    assert list(await diagnostics_until(client, config_uri, lambda ds: not ds)) == []
    found = await diagnostics_until(client, uri, lambda ds: ds and not has_rule("repeated-word")(ds))
    assert [d.code for d in found] == ["pronoun-number"]


@pytest.mark.asyncio
async def test_a_document_over_the_time_limit_is_named_in_a_message(client: LanguageClient, tmp_path):
    """The server lints through the engine of `copydesk check`, so `limits: max_file_seconds` holds there too: a
    document over it gets no diagnostics and the line that `copydesk check` prints, as a warning message."""
    (tmp_path / ".copydesk.yml").write_text("limits: {max_file_seconds: 0.001}\n", encoding="utf-8")
    path = tmp_path / "long.md"
    open_document(client, path, "# Port deal\n\n" + "The the council approved the plan on Monday.\n\n" * 300)

    async def first_message():
        while not client.messages:
            await asyncio.sleep(0.1)

    await asyncio.wait_for(first_message(), 60)
    stopped = re.compile(
        rf"copydesk: {re.escape(str(path))}: stopped after \d+\.\d s, over the 0\.001 s time limit "
        r"\(limits: max_file_seconds in the configuration\); not linted"
    )
    assert all(stopped.fullmatch(m.message) and m.type == types.MessageType.Warning for m in client.messages)
    assert not client.diagnostics.get(from_fs_path(str(path)))


@pytest.mark.asyncio
async def test_configuration_switches_language_and_minimum_severity(client: LanguageClient, tmp_path):
    uri = open_document(client, tmp_path / "a.md", ARTICLE)
    await diagnostics_until(client, uri, has_rule("pronoun-number"))
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams({"copydesk": {"language": "en-GB"}}))
    found = await diagnostics_until(client, uri, lambda ds: ds and not has_rule("pronoun-number")(ds))
    assert [d.code for d in found] == ["repeated-word"]
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams({"copydesk": {"language": "en-US", "minSeverity": "error"}})
    )
    found = await diagnostics_until(client, uri, lambda ds: [d.code for d in ds] == ["pronoun-number"])
    assert summary(found) == [("pronoun-number", types.DiagnosticSeverity.Error, 4, 17, 4, 21)]


ASTRAL = "Fans 😀🎉 cheered. The the team won.\n"  # two astral characters before the finding


@pytest.mark.parametrize(
    ("encodings", "chosen", "column"),
    [
        (None, types.PositionEncodingKind.Utf16, 19),
        ([types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf32], types.PositionEncodingKind.Utf32, 17),
        ([types.PositionEncodingKind.Utf16], types.PositionEncodingKind.Utf16, 19),
    ],
)
@pytest.mark.asyncio
async def test_positions_after_astral_characters(tmp_path, encodings, chosen, column):
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "linter", "lsp")
    init = await client.initialize_session(types.InitializeParams(capabilities=capabilities(encodings)))
    assert init.capabilities.position_encoding == chosen
    uri = open_document(client, tmp_path / "e.txt", ASTRAL)
    found = await diagnostics_until(client, uri, has_rule("repeated-word"))
    (diagnostic,) = [d for d in found if d.code == "repeated-word"]
    assert diagnostic.range == types.Range(types.Position(0, column), types.Position(0, column + 7))
    await client.shutdown_session()
    assert client._server.returncode == 0  # shutdown, then exit: a clean exit


def descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return children + [grandchild for child in children for grandchild in descendants(child)]


@pytest.mark.asyncio
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
async def test_the_parser_runs_in_a_worker_process_that_ends_with_the_server(tmp_path):
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "linter", "lsp")
    await client.initialize_session(types.InitializeParams(capabilities=capabilities()))
    uri = open_document(client, tmp_path / "a.md", ARTICLE)
    await diagnostics_until(client, uri, has_rule("pronoun-number"))
    workers = descendants(client._server.pid)
    assert workers  # spaCy parses outside the server's process
    await client.shutdown_session()
    assert client._server.returncode == 0
    for _ in range(100):
        if not any(Path(f"/proc/{pid}").exists() for pid in workers):
            break
        await asyncio.sleep(0.05)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
