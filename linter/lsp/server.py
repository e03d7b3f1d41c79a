"""The Language Server: diagnostics while typing, code actions (safe fix, suppression comments), hover.

Each edit is linted in two steps: the rules that need no parse run on the event loop after a short debounce and
are published at once (beside the parse-based findings of the last full run), then every rule runs in one worker
thread (the spaCy model loaded once per server, paragraphs already parsed taken from the cache); a newer edit makes
the running or queued full run stale, and its result is dropped. Positions: copydesk counts code points; the
client's `positionEncoding` (negotiated by pygls in the client's order of preference) is honoured on the way out.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

import yaml
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from linter import __version__
from linter.lsp import linting
from linter.reporters.rule_doc import rule_doc
from linter.run.rules import builtin_rules_dir

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
DEBOUNCE_SECONDS = 0.02
SOURCE = "copydesk"
CONFIG_LINE = re.compile(r":(\d+):")


class CopydeskProtocol(LanguageServerProtocol):
    """pygls's protocol, choosing utf-32 positions (copydesk's own columns) whenever the client offers them, else
    pygls's choice (the client's first of utf-8 and utf-16, utf-16 when it names none)."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        general = params.capabilities.general
        offered = general.position_encodings if general else None
        if offered and types.PositionEncodingKind.Utf32 in offered:
            general.position_encodings = [types.PositionEncodingKind.Utf32]
        return (yield from super().lsp_initialize(params))


class CopydeskServer(LanguageServer):
    def __init__(self):
        super().__init__(
            "copydesk",
            __version__,
            protocol_cls=CopydeskProtocol,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.language: str | None = None
        self.min_severity = "info"
        # The parse-based rules run in a process of their own, so that spaCy never holds this process's GIL while
        # the quick rules of the next edit run; a thread waits on it, one run at a time, dropping stale runs.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copydesk-parse")
        self.parser: ProcessPoolExecutor | None = None
        self.versions: dict[str, int] = {}  # uri -> edit count, to tell a stale run
        self.pending: dict[str, asyncio.Task] = {}
        self.quick: dict[str, list] = {}  # uri -> findings of the parse-free rules
        self.full: dict[str, list] = {}  # uri -> findings of the last full run
        self.configs: dict[str, tuple] = {}  # document folder -> (config, config path, error)
        self.bad_configs: set[str] = set()

    # configuration
    def config(self, path: str):
        folder = path.rsplit("/", 1)[0]
        if folder not in self.configs:
            config, config_path, error = linting.config_for(path)
            self.configs[folder] = (linting.with_language(config, self.language), config_path, error)
            self.report_config(config_path, error)
        return self.configs[folder][0]

    def report_config(self, config_path: str | None, error: str | None) -> None:
        if config_path is None:
            return
        uri = from_fs_path(config_path)
        diagnostics = []
        if error:
            match = CONFIG_LINE.search(error[len(config_path) :] if error.startswith(config_path) else error)
            line = int(match.group(1)) - 1 if match else 0
            where = types.Range(types.Position(line, 0), types.Position(line + 1, 0))
            diagnostics.append(types.Diagnostic(where, error, types.DiagnosticSeverity.Error, source=SOURCE))
            self.bad_configs.add(uri)
        elif uri not in self.bad_configs:
            return
        else:
            self.bad_configs.discard(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics))

    def reload(self) -> None:
        self.configs.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, debounce=0)

    # linting
    def schedule(self, uri: str, debounce: float = DEBOUNCE_SECONDS) -> None:
        self.versions[uri] = self.versions.get(uri, 0) + 1
        if uri in self.pending:
            self.pending[uri].cancel()
        self.pending[uri] = asyncio.ensure_future(self.lint(uri, self.versions[uri], debounce))

    async def lint(self, uri: str, version: int, debounce: float) -> None:
        if debounce:
            await asyncio.sleep(debounce)
        document = self.workspace.get_text_document(uri)
        path, source = to_fs_path(uri) or uri, document.source
        config = self.config(path)
        quick_ids = set(linting.quick_rule_ids(config, path))
        self.quick[uri], error = linting.lint(path, config, source, self.min_severity, sorted(quick_ids))
        self.report_error(path, error)
        stale_full = linting.carry_over([f for f in self.full.get(uri, []) if f.rule not in quick_ids], source)
        self.publish(uri, self.quick[uri] + stale_full, source)
        full = await asyncio.get_running_loop().run_in_executor(
            self.worker, self.lint_if_current, uri, version, path, config, source
        )
        if full is not None and self.versions.get(uri) == version:
            self.full[uri] = full
            self.publish(uri, full, source)

    def lint_if_current(self, uri, version, path, config, source):
        if self.versions.get(uri) != version:
            return None
        for _attempt in range(2):
            if self.parser is None:
                context = multiprocessing.get_context("spawn")
                self.parser = ProcessPoolExecutor(1, mp_context=context, initializer=linting.start_cache)
            try:
                findings, error = self.parser.submit(linting.lint, path, config, source, self.min_severity).result()
                self.report_error(path, error)
                return findings
            except BrokenProcessPool:  # the parser process died (killed, out of memory): start another
                self.parser = None
        return None

    def report_error(self, path: str, error: str | None) -> None:
        """Show why a document was not linted (over its time limit), as `copydesk check` prints it."""
        if error:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, f"copydesk: {path}: {error}"))

    def stop_workers(self) -> None:
        self.worker.shutdown(wait=True, cancel_futures=True)
        if self.parser is not None:
            self.parser.shutdown(wait=True, cancel_futures=True)

    def publish(self, uri: str, findings: list, source: str) -> None:
        document = self.workspace.get_text_document(uri)
        diagnostics = [self.diagnostic(document, f) for f in findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics))

    def findings(self, uri: str) -> list:
        return self.full.get(uri) or self.quick.get(uri, [])

    # conversion
    @staticmethod
    def range_of(document, finding) -> types.Range:
        start = ServerTextPosition(finding.line - 1, finding.column - 1)
        end = ServerTextPosition(finding.end_line - 1, finding.end_column - 1)
        return document.range_to_client_units(ServerTextRange(start, end))

    @staticmethod
    def offset_range(document, start: int, end: int) -> types.Range:
        return types.Range(document.client_position_at_offset(start), document.client_position_at_offset(end))

    def diagnostic(self, document, finding) -> types.Diagnostic:
        related = [
            types.DiagnosticRelatedInformation(types.Location(document.uri, self.range_of(document, span)), message)
            for span, message in ((SimpleNamespace(**span), span["message"]) for span in finding.related)
        ]
        return types.Diagnostic(
            range=self.range_of(document, finding),
            message=finding.message,
            severity=SEVERITY[finding.severity],
            code=finding.rule,
            code_description=types.CodeDescription(rule_docs(finding.rule)),
            source=SOURCE,
            related_information=related or None,
            data={"start": finding.start, "end": finding.end, "rule": finding.rule},
        )


def rule_docs(rule_id: str) -> str:
    """A link to the rule's documentation: the rule module (description, options, examples) as installed."""
    return from_fs_path(str(builtin_rules_dir() / f"{rule_id}.yml"))


def explanation(rule, options: dict, finding) -> str:
    """Markdown for a hover: the message, the rule's documentation (what `copydesk explain` prints), its options in
    force and the suggestion."""
    parts = [f"**{rule.id}** ({rule.category}, {finding.severity}): {finding.message}", rule_doc(rule)]
    if options:
        lines = [
            f"- `{name}`: {yaml.safe_dump(value, default_flow_style=True, width=1000).strip()}"
            for name, value in options.items()
        ]
        parts.append("Options in force:\n" + "\n".join(line.replace("\n...", "") for line in lines))
    if finding.suggestion is not None:
        parts.append(f"Suggestion: `{finding.suggestion}`" if finding.suggestion else "Suggestion: delete it")
    return "\n\n".join(parts)


server = CopydeskServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CopydeskServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, debounce=0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CopydeskServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CopydeskServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, debounce=0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CopydeskServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.versions[uri] = ls.versions.get(uri, 0) + 1  # a running full lint is stale
    for store in (ls.quick, ls.full):
        store.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: CopydeskServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.reload()


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: CopydeskServer, params: types.DidChangeConfigurationParams) -> None:
    settings = params.settings if isinstance(params.settings, dict) else {}
    settings = settings.get("copydesk", settings)
    ls.language = settings.get("language", ls.language)
    ls.min_severity = settings.get("minSeverity", ls.min_severity)
    ls.reload()


def _overlaps(document, finding, wanted: types.Range) -> bool:
    got = CopydeskServer.range_of(document, finding)
    return (got.start.line, got.start.character) <= (wanted.end.line, wanted.end.character) and (
        wanted.start.line,
        wanted.start.character,
    ) <= (got.end.line, got.end.character)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: CopydeskServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    path, source = to_fs_path(uri) or uri, document.source
    config = ls.config(path)
    actions = []
    for finding in [f for f in ls.findings(uri) if _overlaps(document, f, params.range)]:
        diagnostic = ls.diagnostic(document, finding)
        fix = linting.fix_edit(source, finding, config.rules)
        if fix is not None:
            start, end, replacement = fix
            actions.append(_action(f"Fix: {finding.message}", uri, document, start, end, replacement, diagnostic, True))
        offset, comment = linting.line_suppression(path, source, finding)
        actions.append(
            _action(f"Suppress {finding.rule} on this line", uri, document, offset, offset, comment, diagnostic)
        )
        offset, line = linting.file_directive(path, source, finding.rule)
        actions.append(
            _action(f"Suppress {finding.rule} in this file", uri, document, offset, offset, line + "\n", diagnostic)
        )
    return actions


def _action(title, uri, document, start, end, new_text, diagnostic, preferred=False) -> types.CodeAction:
    edit = types.TextEdit(CopydeskServer.offset_range(document, start, end), new_text)
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
        is_preferred=preferred or None,
    )


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: CopydeskServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    path = to_fs_path(uri) or uri
    point = types.Range(params.position, params.position)
    hits = [f for f in ls.findings(uri) if _overlaps(document, f, point)]
    if not hits:
        return None
    config = ls.config(path)
    text = "\n\n---\n\n".join(explanation(config.rules[f.rule], config.options(f.rule, path), f) for f in hits)
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), ls.range_of(document, hits[0]))


@server.feature(types.SHUTDOWN)
def shutdown(ls: CopydeskServer, params) -> None:
    ls.stop_workers()


def main() -> None:
    server.start_io()
