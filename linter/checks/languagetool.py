"""LanguageTool's grammar, spelling and style matches, from a LanguageTool server through language-tool-python.

Flagged: whatever the server's enabled rules match in the document's prose blocks (the `kinds` option), each
match mapped back to its exact source span, its first replacement as the suggestion, and its LanguageTool
category (or rule id) mapped to a copydesk category and level by the `categories` option.
Not flagged: anything outside prose blocks (Markdown syntax, code, HTML, front matter are never sent), a match on
the placeholder words that stand for inline code and URLs, and a match that a copydesk rule also reports on the
same span in the same category (the engine keeps copydesk's).

Only a running server is used: the `server` option, else the COPYDESK_LANGUAGETOOL_URL environment variable, or
`local` for a LanguageTool that language-tool-python has already installed. Nothing is ever downloaded. A server
that cannot be reached, answers with an error or not within `timeout` seconds raises RuleError; the failure is
remembered, so the next files of the run fail at once instead of waiting again.
"""

from __future__ import annotations

import os
from bisect import bisect_right

from linter.checks.base import KINDS, Option
from linter.errors import CopydeskError, RuleError
from linter.model.findings import CATEGORIES, LEVELS, block_hit

CATEGORY = "grammar"
NEEDS = ()
OPTIONS = {
    "server": str,
    "language": str,
    "timeout": Option(float, minimum=0),
    "kinds": KINDS,
    "enabled_rules": [str],
    "disabled_rules": [str],
    "enabled_categories": [str],
    "disabled_categories": [str],
    "enabled_only": bool,
    "picky": bool,
    "categories": dict,
}
SECONDARY = True
SERVER_VARIABLE = "COPYDESK_LANGUAGETOOL_URL"
LOCAL = "local"
SEPARATOR = "\n\n"  # blocks are sent as paragraphs; block texts never hold a line break

_clients: dict[tuple, object] = {}  # (server, language, timeout) -> client, or the RuleError it failed with


def check(doc, options):
    mapping = category_map(options["categories"])
    blocks = doc.prose(tuple(options["kinds"]))
    if not blocks:
        return
    text = SEPARATOR.join(b.text for b in blocks)
    block_starts = []
    offset = 0
    for block in blocks:
        block_starts.append(offset)
        offset += len(block.text) + len(SEPARATOR)
    for match in matches(text, options, mapping):
        target = {**mapping.get(match.category, {}), **mapping.get(match.rule_id, {})}
        if target.get("level") == "off":
            continue
        start = match.offset
        end = python_end(text, start, match.error_length)
        index = bisect_right(block_starts, start) - 1
        block = blocks[index]
        block_start, block_end = start - block_starts[index], min(end - block_starts[index], len(block.text))
        if block_start >= block_end or stands_in(block, block_start, block_end):
            continue  # a match on the separator between blocks, or on a placeholder word
        hit = block_hit(
            block,
            block_start,
            block_end,
            suggestion=(match.replacements or [None])[0],
            message=match.message.strip(),
            lt_rule=match.rule_id,
        )
        hit.category, hit.severity = target.get("category"), target.get("level")
        yield hit


def category_map(value: dict) -> dict[str, dict]:
    """The `categories` option checked: LanguageTool category or rule id -> {category, level} (either optional)."""
    where = "rule languagetool: option 'categories'"
    for key, target in value.items():
        if not isinstance(target, dict) or set(target) - {"category", "level"}:
            raise CopydeskError(f"{where}: {key} must map to {{category: ..., level: ...}}, not {target!r}")
        if "category" in target and target["category"] not in CATEGORIES:
            raise CopydeskError(
                f"{where}: {key}: category '{target['category']}' is not one of {', '.join(CATEGORIES)}"
            )
        if "level" in target and target["level"] not in LEVELS:
            raise CopydeskError(f"{where}: {key}: level '{target['level']}' is not one of {', '.join(LEVELS)}")
    return value


def stands_in(block, start: int, end: int) -> bool:
    """True when block.text[start:end] touches a placeholder word ("CODE" for inline code, "URL"): a run of
    characters that all stand for one source span, so the file does not hold the matched text."""
    return any(block.starts[k] == block.starts[k + 1] for k in range(max(start - 1, 0), min(end, len(block.text) - 1)))


def python_end(text: str, start: int, utf16_length: int) -> int:
    """The end index in text of a span that starts at start and is utf16_length UTF-16 code units long
    (LanguageTool counts in Java characters: a character outside the BMP counts two)."""
    end, units = start, 0
    while units < utf16_length and end < len(text):
        units += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return end


def matches(text: str, options: dict, mapping: dict) -> list:
    """LanguageTool's matches for text (language_tool_python Match objects, offsets in Python characters)."""
    from language_tool_python.exceptions import LanguageToolError

    client = get_client(options)
    off = {key for key, target in mapping.items() if target.get("level") == "off"}  # rule or category ids
    client.enabled_rules = set(options["enabled_rules"])
    client.disabled_rules = set(options["disabled_rules"]) | off
    client.enabled_categories = set(options["enabled_categories"])
    client.disabled_categories = set(options["disabled_categories"]) | off
    client.enabled_rules_only = options["enabled_only"]
    client.picky = options["picky"]
    try:
        return client.check(text)
    except (LanguageToolError, KeyError, TypeError) as exc:  # no answer, an HTTP error, or not LanguageTool's JSON
        error = RuleError(f"the LanguageTool server at {server_url(options)} failed: {reason(exc, options['timeout'])}")
        if unreachable(exc):  # the server is gone or stuck, not just unhappy with this text: the next files fail now
            _clients[client_key(options)] = error
        raise error from None


def server_url(options: dict) -> str:
    return options["server"] or os.environ.get(SERVER_VARIABLE, "")


def client_key(options: dict) -> tuple:
    return server_url(options), options["language"], options["timeout"]


def get_client(options: dict):
    """The process's client for this server, language and timeout; a failure to connect is raised again at once
    for every later file."""
    server = server_url(options)
    if not server:
        raise RuleError(
            f"no LanguageTool server: set the rule's `server` option or {SERVER_VARIABLE} (see the README to start one)"
        )
    key = client_key(options)
    if key not in _clients:
        try:
            _clients[key] = connect(server, options["language"], options["timeout"])
        except RuleError as exc:
            _clients[key] = exc
    if isinstance(_clients[key], RuleError):
        raise _clients[key]
    return _clients[key]


def connect(server: str, language: str, timeout: float):
    """A language_tool_python client for a running server (it asks the server for its languages), or for a local
    LanguageTool that language-tool-python has installed, started here. Never downloads anything."""
    try:
        import language_tool_python
        from language_tool_python.download_lt import LocalLanguageTool
    except ImportError:
        raise RuleError("language-tool-python is not installed: pip install 'copydesk[languagetool]'") from None

    class Client(language_tool_python.LanguageTool):
        _TIMEOUT = timeout  # seconds per request; the library's default is 300

        def _start_server_on_free_port(self):
            self._start_local_server()  # one try: the library would go on through 900 ports

        def _query_server(self, url, params=None, num_tries=1, method="get"):
            return super()._query_server(url, params, 1, method)  # one try: `timeout` is the longest wait

    if server == LOCAL:
        installed = LocalLanguageTool.get_latest_installed_version()
        if installed is None:
            raise RuleError(
                "no local LanguageTool found in language-tool-python's folder (LTP_PATH); copydesk "
                "never downloads it: start a server and set its URL instead"
            )
        try:
            return Client(language, language_tool_download_version=installed.version_name)
        except Exception as exc:  # Java missing or too old, server exited: one message, never a traceback
            raise RuleError(
                f"the local LanguageTool {installed.version_name} did not start: {reason(exc, timeout)}"
            ) from None
    try:
        return Client(language, remote_server=server.rstrip("/").removesuffix("/v2") + "/")
    except language_tool_python.exceptions.LanguageToolError as exc:
        raise RuleError(f"cannot reach the LanguageTool server at {server}: {reason(exc, timeout)}") from None
    except ValueError as exc:  # the server does not offer the language
        raise RuleError(f"the LanguageTool server at {server}: {exc}") from None


def unreachable(exc: Exception) -> bool:
    """True when a request failed for want of a server (refused, or no answer in time) rather than an answer."""
    import requests

    return isinstance(exc.__cause__, (requests.Timeout, requests.ConnectionError))


def reason(exc: Exception, timeout: float) -> str:
    """A short reason for a failed request: refused, timed out, or the server's own words."""
    import requests

    if isinstance(exc, (KeyError, TypeError)):
        return "its answer is not LanguageTool's JSON"
    if isinstance(exc.__cause__, requests.Timeout):
        return f"no answer within {timeout:g} s"
    if unreachable(exc):
        return "connection refused or host unreachable"
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__
