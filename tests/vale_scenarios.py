"""Vale's Gherkin scenarios (`../shared/vale/testdata/features/*.feature`) read and run with `copydesk vale`.

Each `When` step is mapped to the folder and command line that Vale's `steps.rb` gives it; the command runs in a
subprocess in that folder. Steps that write files (`Given a file named ...`) run in a temporary folder laid out like
Aruba's `tmp/aruba` (two levels below a folder whose `styles` and `fixtures` link to Vale's).
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

VALE = Path(__file__).resolve().parent.parent.parent / "shared" / "vale" / "testdata"
DOCBOOK_XSL = Path("/usr/share/xml/docbook/stylesheet/docbook-xsl")  # Debian's docbook-xsl package
FLAGS = ["--output=line", "--sort", "--normalize", "--relative", "--no-global"]

# step pattern -> (folder under testdata/fixtures or None for the aruba folder, argument builder)
STEPS = [
    (r'I run command "(.*)"', lambda c: ("formats", shlex.split(c))),
    (r'I sync pkg "(.*)"', None),
    (r'I fix "(.*)"', lambda c: ("actions", ["fix", *shlex.split(c)])),
    (r'I use filter "(.*)"', lambda f: ("filters", [f"--filter=filter/{f}.expr", "."])),
    (r'I lint simple "(.*)"', lambda f: ("formats", ["--ignore-syntax", *shlex.split(f)])),
    (r"I lint path with exclusions", lambda: ("folders", ["."])),
    (r'I lint path "(.*)"', lambda p: (f"formats/{p}", ["."])),
    (r'I lint Sphinx "(.*)"', lambda f: ("formats/Sphinx", shlex.split(f))),
    (r'I test template "(.*)"', lambda t: ("templates", [f"--output={t}", "."])),
    (r'I lint AsciiDoc "(.*)"', lambda f: ("formats/adoc", shlex.split(f))),
    (r'I lint reStructuredText "(.*)"', lambda f: ("formats/rst", shlex.split(f))),
    (r'I lint file "([^\s]+)" as "([^\s]+)"', lambda f, e: ("formats", [f"--ext={e}", f])),
    (r'I lint with config "(.*)"', lambda c: ("formats", [f"--config={c}", "test.md"])),
    (r'I lint "(.*)"', lambda f: ("formats", shlex.split(f))),
    (r'I test "(.*)"', lambda d: (d, ["."])),
    (r'I inspect "(.*)"', None),
    (r'I test comments for "(.*)"', lambda e: ("comments", [f"test{e}"])),
    (r'I test patterns for "(.*)"', lambda f: ("patterns", [f])),
    (r'I test plugins for "(.*)"', lambda f: ("plugins", [f])),
    (r'I test scope "(.*)"', lambda s: (f"scopes/{s}", ["."])),
    (r'I apply style "(.*)"', lambda s: (f"styles/{s}", ["."])),
    (r'I use Vocab "(.*)"', lambda p: (f"vocab/{p}", ["."])),
    (r'I run vale "(.*)"', lambda f: (None, shlex.split(f))),
    (r'I assign minAlertLevel "([^\s]+)" "([^\s]+)"', lambda lv, f: (None, [f"--minAlertLevel={lv}", f])),
    (r'I test glob "(.*)"', lambda g: ("formats", [f"--glob={g}", "."])),
    (r'I test dir glob "(.*)"', lambda g: ("glob", [f"--glob={g}", "."])),
    (r'I run cat "([^\s]+)" "([^\s]+)"', lambda f, e: ("formats", [f"--ext={e}"], f)),
    (r'I lint string "(.*)"', lambda s: ("formats", [s])),
]


@dataclass
class Scenario:
    feature: str
    name: str
    when: str
    files: dict[str, str] = field(default_factory=dict)
    exactly: str | None = None
    contains: str | None = None
    not_contains: list[str] = field(default_factory=list)
    status: int | None = None

    @property
    def id(self) -> str:
        return f"{self.feature}::{self.name}"


def _docstring(lines: list[str], i: int) -> tuple[str, int]:
    """The `\"\"\"` block starting at line i, dedented by its opening quotes' indent; returns (text, next line)."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    body = []
    i += 1
    while lines[i].strip() != '"""':
        body.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i].lstrip())
        i += 1
    return "\n".join(body), i + 1


def parse_feature(path: Path) -> list[Scenario]:
    lines = path.read_text(encoding="utf-8").splitlines()
    background: dict[str, str] = {}
    scenarios: list[Scenario] = []
    current: Scenario | None = None
    names: dict[str, int] = {}
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if line.startswith("#") or not line:
            continue
        if line.startswith("Scenario:"):
            name = line.split(":", 1)[1].strip()
            names[name] = names.get(name, 0) + 1
            if names[name] > 1:
                name = f"{name} ({names[name]})"
            current = Scenario(path.name, name, "", dict(background))
            scenarios.append(current)
            continue
        step = re.sub(r"^(Given|When|Then|And)\s+", "", line)
        if m := re.match(r'a file named "(.*)" with:', step):
            text, i = _docstring(lines, i)
            (current.files if current else background)[m.group(1)] = text + "\n"
        elif step.startswith("the output should contain exactly:"):
            current.exactly, i = _docstring(lines, i)
        elif step.startswith("the output should contain:"):
            current.contains, i = _docstring(lines, i)
        elif m := re.match(r'the output should not contain "(.*)"', step):
            current.not_contains.append(m.group(1))
        elif m := re.match(r"the exit status should be (\d+)", step):
            current.status = int(m.group(1))
        elif current is not None and line.startswith("When"):
            current.when = step
        elif step == "on Unix":
            continue
    return scenarios


def scenarios() -> list[Scenario]:
    return [s for f in sorted((VALE / "features").glob("*.feature")) for s in parse_feature(f)]


def command_for(scenario: Scenario):
    """(folder relative to Aruba's tmp/aruba, copydesk arguments, stdin) or None when steps.rb's step is not run."""
    for pattern, build in STEPS:
        if m := re.fullmatch(pattern, scenario.when):
            if build is None:
                return None
            built = build(*m.groups())
            folder, args = built[0], built[1]
            stdin = built[2] if len(built) > 2 else None
            return (None if folder is None else f"../../fixtures/{folder}"), FLAGS + args, stdin
    raise ValueError(f"no step for {scenario.when!r}")


def extensions(scenario: Scenario) -> set[str]:
    """The file extensions the scenario's command lints (the files it names, or those under a folder it names)."""
    folder, args, _ = command_for(scenario)
    cwd = VALE / "tmp" / "aruba" / folder if folder else None
    found = {os.path.splitext(name)[1] for name in scenario.files}
    for arg in (a for a in args if not a.startswith("-") and cwd is not None):
        path = Path(os.path.normpath(cwd / arg))
        names = [p.name for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path.name]
        found |= {os.path.splitext(name)[1] for name in names}
    return found


@functools.cache
def testdata() -> Path:
    """Vale's testdata folder, or, when its DocBook XSL snapshot (the XML fixtures' `Transform`) was left out and
    Debian's docbook-xsl is installed, a mirror of it (real folders, links to the files) whose
    `fixtures/XSL/docbook-xsl-snapshot` is Debian's stylesheets."""
    if (VALE / "fixtures" / "XSL").exists() or not DOCBOOK_XSL.is_dir():
        return VALE
    mirror = Path(tempfile.mkdtemp(prefix="vale-testdata-"))
    atexit.register(shutil.rmtree, mirror, True)
    (mirror / "styles").symlink_to(VALE / "styles")
    for root, _, names in os.walk(VALE / "fixtures"):
        folder = mirror / Path(root).relative_to(VALE)
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            (folder / name).symlink_to(Path(root) / name)
    (mirror / "fixtures" / "XSL").mkdir()
    (mirror / "fixtures" / "XSL" / "docbook-xsl-snapshot").symlink_to(DOCBOOK_XSL)
    return mirror


def run(scenario: Scenario) -> tuple[str, int]:
    """The output (stdout and stderr, as Aruba reads it) and exit status of the scenario's command."""
    folder, args, stdin = command_for(scenario)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("styles", "fixtures"):
            (root / name).symlink_to(VALE / name)
        aruba = root / "tmp" / "aruba"
        aruba.mkdir(parents=True)
        for name, text in scenario.files.items():
            (aruba / name).write_text(text, encoding="utf-8")
        if folder is None:
            cwd = aruba
        else:
            target = os.path.normpath(testdata() / "tmp" / "aruba" / folder)
            cwd = Path(target)
        data = (cwd / stdin).read_text(encoding="utf-8") if stdin else ""
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
        result = subprocess.run(
            [sys.executable, "-m", "linter", "vale", *args],
            cwd=cwd,
            input=data,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    return result.stdout + result.stderr, result.returncode


def verdict(scenario: Scenario, output: str, status: int) -> str:
    """ "" when the scenario passes, else what differs."""
    if scenario.exactly is not None:
        got = [line for line in output.splitlines() if not line.startswith("copydesk vale:")]
        want = scenario.exactly.splitlines()
        if got != want:
            return "output differs:\n" + "\n".join(
                [f"- {w}" for w in want if w not in got] + [f"+ {g}" for g in got if g not in want]
            )
    if scenario.contains is not None and scenario.contains not in output:
        return f"output lacks:\n{scenario.contains}\ngot:\n{output}"
    for text in scenario.not_contains:
        if text in output:
            return f"output contains {text!r}"
    if scenario.status is not None and status != scenario.status:
        return f"exit status {status}, expected {scenario.status}"
    return ""
