"""The `languagetool` rule against a fake LanguageTool server on loopback that answers `/v2/check` with responses
recorded for the fixtures (tests/fixtures/languagetool/*.json, in LanguageTool's JSON format), and against a real
server when COPYDESK_LANGUAGETOOL_URL is set."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from conftest import FIXTURES, ROOT, assert_spans_match, cli_json, lint, run_cli

from linter.checks import languagetool
from linter.errors import CopydeskError
from linter.model.findings import Finding

pytest.importorskip("language_tool_python")
pytestmark = [pytest.mark.allow_hosts(["127.0.0.1"]), pytest.mark.timeout(300)]  # a hung server fails the test

LT = FIXTURES / "languagetool"
ARTICLE = LT / "article.md"
LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]


class FakeLanguageTool(ThreadingHTTPServer):
    """LanguageTool's HTTP API on a free loopback port: `/v2/languages`, and `/v2/check` answered with the recorded
    response for the exact text sent (HTTP 500 for any other text). It keeps the form of every check request."""

    daemon_threads = True

    def __init__(self, recordings, delay: float = 0, fail: str | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.responses = {r["text"]: r["response"] for r in recordings}
        self.delay, self.fail = delay, fail
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if urlparse(self.path).path == "/v2/languages":
            self.reply(200, json.dumps(LANGUAGES))
        else:
            self.reply(404, "not found")

    def do_POST(self):
        if urlparse(self.path).path != "/v2/check":
            return self.reply(404, "not found")
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        self.server.requests.append(form)
        time.sleep(self.server.delay)
        if self.server.fail:
            return self.reply(500, self.server.fail)
        response = self.server.responses.get(form.get("text"))
        if response is None:
            return self.reply(500, "Error: no recording for this text")
        self.reply(200, json.dumps(response))

    def reply(self, status: int, body: str):
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client gave up (timeout test)
            pass

    def log_message(self, *args):
        pass


def recordings(name: str) -> list[dict]:
    data = json.loads((LT / name).read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


@pytest.fixture(autouse=True)
def fresh_clients(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1")  # a proxy set in the environment must not carry loopback requests
    languagetool._clients.clear()
    yield
    languagetool._clients.clear()


@pytest.fixture
def start_server():
    servers = []

    def start(recorded=(), **kwargs) -> FakeLanguageTool:
        server = FakeLanguageTool(list(recorded), **kwargs)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def server(start_server):
    return start_server(recordings("article.json"))


def closed_port_url() -> str:
    """The URL of a loopback port where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def lint_article(server_url: str, rules=("languagetool", "repeated-word"), **options):
    source = ARTICLE.read_text(encoding="utf-8")
    findings = lint(source, rules, name="article.md", options={"languagetool": {"server": server_url, **options}})
    return source, findings


def rule_errors(source: str, **options) -> list[str]:
    """The errors that the languagetool rule leaves on a document (the engine keeps them on `doc.errors`)."""
    from linter.readers import parse
    from linter.run.config import load_config
    from linter.run.engine import lint_document

    settings = load_config(None, start=str(FIXTURES)).effective("article.md", select=["languagetool"])
    settings[0].options.update(options)
    doc = parse("article.md", source)
    assert lint_document(doc, settings) == []
    return doc.errors


def summary(findings):
    return [(f.rule, f.line, f.column, f.excerpt, f.category, f.severity, f.suggestion) for f in findings]


# --- the fixture's matches, mapped back to the file ---


def test_matches_land_on_exact_source_spans(server):
    source, findings = lint_article(server.url)
    assert summary(findings) == [
        ("languagetool", 6, 23, "dreging", "spelling", "warning", "dredging"),
        ("languagetool", 8, 39, "recieve", "spelling", "warning", "receive"),
        ("repeated-word", 8, 47, "the the", "repetition", "warning", "the"),
        ("languagetool", 10, 50, "there", "grammar", "warning", "their"),
        ("languagetool", 18, 8, "start", "grammar", "warning", "starts"),
        ("languagetool", 19, 36, "in order to", "style", "info", "to"),
        ("languagetool", 21, 7, "has", "grammar", "warning", "have"),
    ]
    assert_spans_match(source, findings)
    assert findings[0].message == "Possible spelling mistake found. (MORFOLOGIK_RULE_EN_US)"


def test_span_text_equals_the_text_languagetool_matched(server):
    _, findings = lint_article(server.url)
    recorded = recordings("article.json")[0]
    text = recorded["text"]
    sent = text.encode("utf-16-le")  # LanguageTool counts offsets in UTF-16 units
    matched = {
        sent[2 * m["offset"] : 2 * (m["offset"] + m["length"])].decode("utf-16-le")
        for m in recorded["response"]["matches"]
    }
    for f in findings:
        if f.rule == "languagetool":
            assert f.excerpt in matched


def test_offsets_after_an_emoji_count_utf16_units(server):
    """🎣 is two UTF-16 units: the match on "there" after it must not shift by one."""
    _, findings = lint_article(server.url)
    assert [f.excerpt for f in findings if f.suggestion == "their"] == ["there"]


def test_doubled_word_is_reported_once_as_copydesks(server):
    _, both = lint_article(server.url)
    assert [(f.rule, f.excerpt) for f in both if "the the" in f.excerpt] == [("repeated-word", "the the")]
    _, alone = lint_article(server.url, rules=("languagetool",))
    doubled = [f for f in alone if f.excerpt == "the the"]
    assert [(f.rule, f.category, f.suggestion) for f in doubled] == [("languagetool", "repetition", "the")]


def test_matches_on_placeholders_and_off_categories_are_left_out(server):
    """The recording matches "CODE" (inline code's placeholder) and a CREATIVE_WRITING rule, mapped to off."""
    _, findings = lint_article(server.url)
    assert not [f for f in findings if "march" in f.excerpt or "skipper" in f.excerpt]


# --- what is sent ---


def test_only_prose_is_sent(server):
    lint_article(server.url)
    [request] = server.requests
    assert request["text"] == recordings("article.json")[0]["text"]
    for not_prose in ("---", "tags:", "status: recieve", "```", "#", "`", "](", "https://", "> ", "- Work"):
        assert not_prose not in request["text"]
    assert request["language"] == "en-US"
    off = {"CREATIVE_WRITING", "TEXT_ANALYSIS"}  # mapped to off: the server is told not to run them
    assert set(request["disabledRules"].split(",")) == {"PUNCTUATION_PARAGRAPH_END", *off}
    assert set(request["disabledCategories"].split(",")) == off


def test_language_and_rule_options_are_sent(server):
    lint_article(
        server.url,
        language="en-GB",
        enabled_rules=["EN_QUOTES"],
        enabled_categories=["TYPOGRAPHY"],
        enabled_only=True,
        picky=True,
        disabled_rules=[],
        categories={},
    )
    [request] = server.requests
    assert request["language"] == "en-GB"
    assert request["enabledRules"] == "EN_QUOTES"
    assert request["enabledCategories"] == "TYPOGRAPHY"
    assert request["enabledOnly"] == "true"
    assert request["level"] == "picky"
    assert "disabledRules" not in request and "disabledCategories" not in request


def test_server_url_from_the_environment(server, monkeypatch):
    monkeypatch.setenv("COPYDESK_LANGUAGETOOL_URL", server.url + "/v2/")
    _, findings = lint_article("")
    assert "dreging" in [f.excerpt for f in findings]


def test_a_document_without_prose_sends_nothing(server):
    findings = lint(
        "```\nrecieve\n```\n", "languagetool", name="code.md", options={"languagetool": {"server": server.url}}
    )
    assert findings == [] and server.requests == []


def test_rule_examples_against_recorded_answers(start_server):
    server = start_server(recordings("examples.json"))
    rule = yaml.safe_load((ROOT / "rules" / "languagetool.yml").read_text(encoding="utf-8"))
    options = {"languagetool": {"server": server.url}}
    for example in rule["examples"]["bad"]:
        assert [f.rule for f in lint(example, "languagetool", options=options)] == ["languagetool"], example
    for example in rule["examples"]["good"]:
        assert lint(example, "languagetool", options=options) == [], example


# --- failures: one clear line, the other rules unchanged, exit 2 ---


def write_config(folder, server_url: str, **options):
    rules = {"languagetool": {"level": "warning", "server": server_url, **options}}
    (folder / ".copydesk.yml").write_text(yaml.safe_dump({"rules": rules}), encoding="utf-8")


def two_articles(tmp_path):
    for name in ("a.md", "b.md"):
        shutil.copy(ARTICLE, tmp_path / name)


def other_rules_findings(tmp_path):
    return cli_json("check", "a.md", "b.md", "--ignore", "languagetool", cwd=str(tmp_path))["findings"]


def test_server_down_one_line_other_rules_unchanged_exit_2(tmp_path):
    two_articles(tmp_path)
    url = closed_port_url()
    write_config(tmp_path, url)
    result = run_cli("check", "a.md", "b.md", "--format", "json", cwd=str(tmp_path))
    assert result.exit_code == 2
    error = (
        f"rule languagetool did not run: cannot reach the LanguageTool server at {url}: connection refused or "
        "host unreachable"
    )
    assert result.stderr.splitlines() == [f"copydesk: a.md and 1 more file: {error}"]
    report = json.loads(result.stdout)
    assert report["findings"] == other_rules_findings(tmp_path) != []
    assert [(f["status"], f["errors"]) for f in report["files"]] == [("linted", [error])] * 2


def test_server_error_is_one_line_and_exit_2(start_server, tmp_path):
    server = start_server(fail="Error: Internal Error: java.lang.OutOfMemoryError")
    shutil.copy(ARTICLE, tmp_path / "a.md")
    write_config(tmp_path, server.url)
    result = run_cli("check", "a.md", cwd=str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"copydesk: a.md: rule languagetool did not run: the LanguageTool server at {server.url} failed: "
        "Error: Internal Error: java.lang.OutOfMemoryError"
    )
    assert "[repeated-word]" in result.stdout and "[languagetool]" not in result.stdout


def test_a_slow_server_times_out_once_for_the_run(start_server):
    server = start_server(recordings("article.json"), delay=3)
    error = f"rule languagetool did not run: the LanguageTool server at {server.url} failed: no answer within 0.3 s"
    for _ in range(2):
        assert rule_errors(ARTICLE.read_text(encoding="utf-8"), server=server.url, timeout=0.3) == [error]
    assert len(server.requests) == 1  # one try, and the second file is not sent to a stuck server


def test_an_error_for_one_text_does_not_stop_the_next(start_server):
    server = start_server(recordings("examples.json"))
    options = {"server": server.url}
    assert rule_errors("A text that was never recorded.", **options) == [
        f"rule languagetool did not run: the LanguageTool server at {server.url} failed: "
        "Error: no recording for this text"
    ]
    assert [
        f.excerpt for f in lint("He have denied the charges.", "languagetool", options={"languagetool": options})
    ] == ["have"]


def test_a_failed_server_is_not_asked_again_for_the_next_files(tmp_path):
    url = closed_port_url()
    options = {"languagetool": {"server": url}}
    lint("A first text.", "languagetool", options=options)
    failure = languagetool._clients[(url, "en-US", 20)]
    lint("A second text.", "languagetool", options=options)
    assert languagetool._clients[(url, "en-US", 20)] is failure


def test_no_server_configured(monkeypatch, tmp_path):
    monkeypatch.delenv("COPYDESK_LANGUAGETOOL_URL", raising=False)
    shutil.copy(ARTICLE, tmp_path / "a.md")
    write_config(tmp_path, "")
    result = run_cli("check", "a.md", cwd=str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "copydesk: a.md: rule languagetool did not run: no LanguageTool server: set the rule's `server` option or "
        "COPYDESK_LANGUAGETOOL_URL (see the README to start one)"
    )


def test_a_language_the_server_lacks(server, tmp_path):
    shutil.copy(ARTICLE, tmp_path / "a.md")
    write_config(tmp_path, server.url, language="xx-YY")
    result = run_cli("check", "a.md", cwd=str(tmp_path))
    assert result.exit_code == 2
    assert "unsupported language: 'xx-YY'" in result.stderr.splitlines()[0]


@pytest.mark.disable_socket
def test_local_mode_without_an_install_never_downloads(monkeypatch, tmp_path):
    """`server: local` with nothing installed: one error, and no socket at all (any would raise here)."""
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    assert rule_errors(ARTICLE.read_text(encoding="utf-8"), server="local") == [
        "rule languagetool did not run: no local LanguageTool found in language-tool-python's "
        "folder (LTP_PATH); copydesk never downloads it: start a server and set its URL instead"
    ]
    assert os.listdir(tmp_path) == []


def test_local_mode_starts_an_installed_languagetool_once(monkeypatch):
    """A local server that fails to start is one error after one try (the library alone would try 900 ports)."""
    from language_tool_python import LanguageTool
    from language_tool_python.download_lt import LocalLanguageTool
    from language_tool_python.exceptions import ServerError

    class Installed:
        version_name = "6.8"

    tries = []

    def fail_to_start(self):
        tries.append(self)
        raise ServerError("LanguageTool server exited early with code 1")

    monkeypatch.setattr(LocalLanguageTool, "get_latest_installed_version", classmethod(lambda cls: Installed))
    monkeypatch.setattr(LanguageTool, "_start_local_server", fail_to_start)
    options = {"languagetool": {"server": "local"}}
    assert lint("A text.", "languagetool", options=options) == []
    assert len(tries) == 1
    assert isinstance(languagetool._clients[("local", "en-US", 20)], languagetool.RuleError)
    assert str(languagetool._clients[("local", "en-US", 20)]) == (
        "the local LanguageTool 6.8 did not start: LanguageTool server exited early with code 1"
    )


def test_an_answer_that_is_not_languagetools(start_server):
    server = start_server([{"text": "A text.", "response": {"error": "busy"}}])
    assert rule_errors("A text.", server=server.url) == [
        f"rule languagetool did not run: the LanguageTool server at {server.url} failed: its "
        "answer is not LanguageTool's JSON"
    ]


def test_a_rule_id_mapping_refines_its_categorys(server):
    _, findings = lint_article(
        server.url,
        rules=("languagetool",),
        categories={
            "TYPOS": {"category": "spelling", "level": "error"},
            "MORFOLOGIK_RULE_EN_US": {"level": "info"},
            "PRP_HAS": {"level": "off"},
        },
    )
    assert [(f.excerpt, f.category, f.severity) for f in findings if f.excerpt in ("recieve", "has")] == [
        ("recieve", "spelling", "info")
    ]


def test_a_bad_category_mapping_is_a_configuration_error(server):
    with pytest.raises(CopydeskError, match="TYPOS: category 'speling' is not one of"):
        lint_article(server.url, categories={"TYPOS": {"category": "speling"}})


# --- pieces ---


def test_python_end_counts_astral_characters_twice():
    text = "a 🎣🎣 b"
    assert languagetool.python_end(text, 2, 4) == 4
    assert languagetool.python_end(text, 2, 5) == 5
    assert languagetool.python_end(text, 0, 99) == len(text)


def finding(rule, category, start, end):
    return Finding("a.md", 1, start + 1, 1, end + 1, rule, category, "warning", "", "", start=start, end=end)


def test_duplicates_need_the_same_category_and_about_the_same_span():
    from linter.run.engine import drop_duplicates

    own = finding("repeated-word", "repetition", 10, 17)
    outside = [
        finding("languagetool", "repetition", 10, 17),  # same span, same category: dropped
        finding("languagetool", "repetition", 14, 17),  # overlaps less than half of copydesk's span
        finding("languagetool", "grammar", 10, 17),  # same span, another reason
        finding("languagetool", "repetition", 30, 37),
    ]  # elsewhere
    assert drop_duplicates([own, *outside], {"languagetool"}) == [own, *outside[1:]]
    assert drop_duplicates([own, *outside], set()) == [own, *outside]


# --- a real server ---


@pytest.mark.enable_socket
@pytest.mark.skipif(
    not os.environ.get("COPYDESK_LANGUAGETOOL_URL"),
    reason="COPYDESK_LANGUAGETOOL_URL is not set: no LanguageTool server to test against (see the README to start one)",
)
def test_against_a_real_server():
    source = "# Ferry service resumes\n\nThe ferry will recieve its new engines in the spring.\n"
    findings = lint(source, "languagetool", name="ferry.md")
    assert_spans_match(source, findings)
    assert [(f.line, f.excerpt, f.category, f.suggestion) for f in findings] == [(3, "recieve", "spelling", "receive")]
