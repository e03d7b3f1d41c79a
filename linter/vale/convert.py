"""The formats Vale converts to HTML before it lints them, converted the way Vale does.

- reStructuredText: docutils' HTML writer with the options Vale passes to `rst2html` (the `vale-rst` extra).
- XML: the `Transform` stylesheet applied with lxml's XSLT (libxslt, the engine of Vale's `xsltproc`).
- AsciiDoc: the `asciidoctor` command with Vale's arguments, when it is on PATH.
- DITA: DITA-OT's `dita` command with Vale's arguments, or, without it, the Ant build of Debian's DITA-OT 1.5.
- Org: go-org's HTML (`linter.vale.org`), after Vale's rewrite of keywords and one-line property drawers.

Each converter returns the HTML to walk and the source text alerts are searched in (Vale masks some AsciiDoc
syntax in it so a match is not placed inside a block attribute or a comment). A file that cannot be converted
(a missing tool or library, a broken document) raises `ConversionError` naming the problem.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

from linter.vale import org
from linter.vale.patterns import Pattern

TOOL_TIMEOUT = 120  # seconds an outside converter may run on one file

# Vale's Transform: BlockIgnores become literal blocks and TokenIgnores inline literals, in each format's syntax.
BLOCK_DELIMITERS = {
    ".adoc": "\n----\n\\g<1>\n----\n",
    ".rst": "\n::\n\n{}\n",
    ".org": "\n#+BEGIN_EXAMPLE\n\\g<1>\n#+END_EXAMPLE\n",
}
INLINE_DELIMITERS = {".adoc": "`\\g<1>`", ".rst": "``\\g<1>``", ".org": "=\\g<1>="}
FRONT_MATTER = re.compile(r"(?s)^(?:---|\+\+\+)\n(.+?)\n(?:---|\+\+\+)")

# reStructuredText: Sphinx directives rst2html does not know become literal blocks, as Vale rewrites them.
RST_SPHINX = re.compile(r".. (?:glossary|contents)::")
RST_CODE_BLOCK = re.compile(r".. (?:raw|code(?:-block)?):: (?:[\w-]+)(?:\s+:\w+: .+)*")
# rst2html --quiet --halt=5 --report=5 --link-stylesheet --no-file-insertion --no-toc-backlinks
# --no-footnote-backlinks --no-section-numbering
RST_SETTINGS = {
    "report_level": 5,
    "halt_level": 5,
    "embed_stylesheet": False,
    "file_insertion_enabled": False,
    "toc_backlinks": False,
    "footnote_backlinks": False,
    "sectnum_xform": False,
    "output_encoding": "unicode",
    "_disable_config": True,
}

# AsciiDoc: Asciidoctor writes curly apostrophes and quotes; Vale turns them back on both sides.
ADOC_SANITIZER = (
    ("\u2018", "&apos;"),
    ("\u2019", "&apos;"),
    ("\u201c", "&#8220;"),
    ("\u201d", "&#8221;"),
    ("&#8217;", "&apos;"),
    ("&rsquo;", "&apos;"),
)
_ADOC_SANITIZE = re.compile("|".join(re.escape(old) for old, _ in ADOC_SANITIZER))
ADOC_SOURCE = re.compile(r"\[source,.+\]")
ADOC_COMMENT = re.compile(r"// .+")
ADOC_ARGUMENTS = ["-s", "-a", "notitle!", "-a", "attribute-missing=drop"]

# Org: Vale turns `#+KEY: value` lines into verbatim text and one-line property drawers into example blocks before
# go-org reads the file, and masks `#+BEGIN_SRC` lines in the source so that no match is placed there.
ORG_KEYWORD = re.compile(r"(#(?:\+| )[^\s]+:.+)", re.ASCII)
ORG_PROPERTIES = re.compile(r"(:PROPERTIES:\n.+\n:END:)")
ORG_SRC = re.compile(r"(?i)#\+BEGIN_SRC .+")

# DITA: Vale's `dita` command line (DITA-OT 2 and later); Debian's dita-ot package is DITA-OT 1.5.3, which has no
# `dita` command and no html5 output: its Ant build is run with the xhtml transtype and the jars Debian ships.
DITA_ARGUMENTS = ["-f", "html5", "--nav-toc=none", "--outer.control=quiet"]
DEBIAN_DITA_OT = "/usr/share/dita-ot"
DEBIAN_JARS = [
    "/usr/share/java/" + jar
    for jar in ("xercesImpl.jar", "xml-resolver.jar", "xalan2.jar", "serializer.jar", "com.ibm.icu-4.4.jar")
]
# DITA-OT fetches a DTD its catalog lacks from the web: its Java is pointed at a proxy that refuses, so it fails at
# once instead (copydesk never touches the network when it runs).
NO_NETWORK = " ".join(
    [f"-D{scheme}.proxyHost=127.0.0.1 -D{scheme}.proxyPort=1" for scheme in ("http", "https", "ftp")]
    + ["-DsocksProxyHost=127.0.0.1 -DsocksProxyPort=1"]
)
DITA_MISSING = (
    "dita not found (Vale converts DITA with DITA-OT's `dita` command; on Debian: apt-get install dita-ot ant"
    " libxalan2-java)"
)

XSLT_PARAMETERS = {"use.extensions": "0", "generate.toc": "nop"}


class ConversionError(Exception):
    """A file Vale's converters cannot read here; the message names the missing tool or the problem."""


def indent(text: str, prefix: str) -> str:
    """Go's core.Indent: every line of `text` prefixed."""
    if text.endswith("\n"):
        return "".join(prefix + line + "\n" for line in text[:-1].split("\n"))
    return "\n".join(prefix + line for line in text.rstrip("\n").split("\n"))


def transform(content: str, ext: str, blocks: list[str], tokens: list[str], where: str) -> str:
    """The text Vale converts: front matter and BlockIgnores as literal blocks, TokenIgnores as inline literals."""
    block = BLOCK_DELIMITERS[ext]
    if ext == ".rst":  # Vale puts the delimiter in as it is, `%s` and all (Go's replacement expands only `$1`)
        content = FRONT_MATTER.sub(lambda m: block.replace("{}", "%s"), content)
    else:
        content = FRONT_MATTER.sub(block, content)
    for source in blocks:
        compiled = Pattern(source, f"{where}: BlockIgnores").python()
        if ext == ".rst":
            for match in compiled.finditer(content):
                content = content.replace(match.group(), block.format(indent(match.group(), "    ")), 1)
        else:
            content = compiled.sub(block, content)
    for source in tokens:
        content = Pattern(source, f"{where}: TokenIgnores").python().sub(INLINE_DELIMITERS[ext], content)
    return content


def rst_to_html(text: str) -> str:
    """The body of the HTML that `rst2html` writes with Vale's options (docutils' html4css1 writer)."""
    try:
        from docutils.core import publish_string
        from docutils.writers import html4css1
    except ImportError:
        raise ConversionError(
            "reStructuredText needs docutils, which is not installed (pip install 'copydesk[vale-rst]')"
        ) from None
    text = RST_CODE_BLOCK.sub("::", RST_SPHINX.sub(".. code::", text))
    try:
        page = publish_string(text, writer=html4css1.Writer(), settings_overrides=RST_SETTINGS)
    except Exception as error:  # docutils raises its own kinds for a document it cannot convert
        raise ConversionError(f"docutils cannot convert it: {error}") from None
    page = page.replace("\r", "")
    start = page.find("<body>\n")
    start = start + 7 if start >= 0 else 0
    end = page.find("\n</body>")
    if end < 0:
        end = max(len(page) - 1, 0)
    return page[start:end]


def xml_to_html(content: str, stylesheet: str) -> str:
    """The HTML the `Transform` stylesheet makes of an XML document (Vale's `xsltproc` parameters, no network)."""
    if not stylesheet:
        raise ConversionError("no XSLT transform provided (set `Transform` for XML files in .vale.ini)")
    from lxml import etree

    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    try:
        xslt = etree.XSLT(etree.parse(stylesheet, parser))
    except (OSError, etree.XMLSyntaxError, etree.XSLTParseError) as error:
        raise ConversionError(f"cannot read the XSLT transform {stylesheet}: {error}") from None
    try:
        document = etree.fromstring(content.encode("utf-8"), parser)
        result = xslt(document, **{k: etree.XSLT.strparam(v) for k, v in XSLT_PARAMETERS.items()})
    except (etree.XMLSyntaxError, etree.XSLTApplyError) as error:
        raise ConversionError(str(error)) from None
    return str(result)


def adoc_sanitize(text: str) -> str:
    return _ADOC_SANITIZE.sub(lambda m: dict(ADOC_SANITIZER)[m.group()], text)


def adoc_arguments(attributes: dict[str, str]) -> list[str]:
    """Vale's Asciidoctor command line: `[asciidoctor]` attributes (`YES` sets one, `NO` unsets it)."""
    arguments = list(ADOC_ARGUMENTS)
    for key, value in attributes.items():
        entry = key if value == "YES" else f"{key}!" if value == "NO" else f"{key}={value}"
        arguments += ["-a", entry]
    return arguments + ["--safe-mode", "secure", "-"]


def adoc_to_html(text: str, attributes: dict[str, str]) -> str:
    """The HTML `asciidoctor` writes of the document, as Vale calls it."""
    exe = shutil.which("asciidoctor")
    if exe is None:
        raise ConversionError("asciidoctor not found (Vale converts AsciiDoc with the `asciidoctor` command)")
    try:
        done = subprocess.run(
            [exe, *adoc_arguments(attributes)],
            input=adoc_sanitize(text),
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise ConversionError(f"asciidoctor did not finish in {TOOL_TIMEOUT} s") from None
    if done.returncode != 0:
        raise ConversionError(f"asciidoctor failed: {done.stderr.strip()}")
    return adoc_sanitize(done.stdout)


def _mask_source(match: re.Match) -> str:
    text, offset = match.group(), 0
    if text.endswith(",]"):
        offset, text = 1, text.replace(",]", "]", 1)
    size = len(text.split(",")[-1])
    return "[source, " + "*" * (size - 2 + offset) + "]"


def adoc_body(content: str) -> str:
    """The AsciiDoc source with listing attributes (`[source,python]`) and line comments masked, as Vale masks
    them so that no match is placed there."""
    body = ADOC_SOURCE.sub(_mask_source, content)
    return ADOC_COMMENT.sub(lambda m: "// " + "*" * (len(m.group().split("//")[1]) - 1), body)


def dita_command(path: str, out: str) -> list[str] | None:
    """The command that converts a DITA file into `out`: `dita` as Vale runs it, else Debian's DITA-OT via Ant."""
    if exe := shutil.which("dita") or shutil.which("dita.bat"):
        return [exe, "-i", path, "-o", out, *DITA_ARGUMENTS]
    ant, build = shutil.which("ant"), os.path.join(DEBIAN_DITA_OT, "build.xml")
    if ant is None or not os.path.isfile(build) or not all(os.path.isfile(jar) for jar in DEBIAN_JARS):
        return None
    libraries = [arg for jar in [*DEBIAN_JARS, os.path.join(DEBIAN_DITA_OT, "lib")] for arg in ("-lib", jar)]
    libraries += ["-lib", os.path.join(DEBIAN_DITA_OT, "lib", "dost.jar")]
    properties = {
        "args.input": os.path.abspath(path),
        "transtype": "xhtml",
        "output.dir": out,
        "dita.temp.dir": os.path.join(out, ".temp"),
        "outer.control": "quiet",
    }
    return [ant, "-q", *libraries, "-f", build, *(f"-D{key}={value}" for key, value in properties.items())]


def dita_to_html(path: str) -> str:
    """The HTML DITA-OT writes of a DITA topic, without its `<head>` (so no new text is linted), as Vale reads it."""
    with tempfile.TemporaryDirectory(prefix="dita-") as out:
        command = dita_command(path, out)
        if command is None:
            raise ConversionError(DITA_MISSING)
        try:
            env = dict(os.environ, ANT_OPTS=(os.environ.get("ANT_OPTS", "") + " " + NO_NETWORK).strip())
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TOOL_TIMEOUT, stdin=subprocess.DEVNULL, env=env
            )
        except subprocess.TimeoutExpired:
            raise ConversionError(f"{os.path.basename(command[0])} did not finish in {TOOL_TIMEOUT} s") from None
        if done.returncode != 0:
            said = [line.strip() for line in (done.stderr + "\n" + done.stdout).splitlines()]
            said = [line for line in said if line and line != "BUILD FAILED" and not line.startswith("Total time")]
            raise ConversionError(f"{os.path.basename(command[0])} failed: {said[-1] if said else done.returncode}")
        target, found = os.path.splitext(os.path.basename(path))[0] + ".html", ""
        for root, dirs, names in os.walk(out):
            dirs.sort()
            if target in names:
                found = os.path.join(root, target)
        if not found:
            raise ConversionError(f"DITA-OT wrote no {target}")
        with open(found, encoding="utf-8") as handle:
            page = handle.read()
    start, end = page.find("<head>"), page.find("</head>")
    return page[:start] + page[end:] if start >= 0 and end >= 0 else page


def org_source(content: str) -> str:
    """The Org text go-org reads in Vale: keywords as verbatim text, one-line property drawers as examples."""
    text = ORG_KEYWORD.sub("\n=\\1=\n", content)
    return ORG_PROPERTIES.sub(BLOCK_DELIMITERS[".org"], text)


def org_body(content: str) -> str:
    """The Org source with `#+BEGIN_SRC ...` lines masked, as Vale masks them."""
    return ORG_SRC.sub(lambda m: "*" * len(m.group()), content)


CONVERTED = {".rst", ".xml", ".adoc", ".org", ".dita"}


def source_for(ext: str, content: str, blocks: list[str], tokens: list[str], where: str) -> str:
    """The text of a file that goes to its converter, after Vale's Transform."""
    if ext == ".org":
        content = org_source(content)
    if ext in BLOCK_DELIMITERS:
        return transform(content, ext, blocks, tokens, where)
    return content


def to_html(
    ext: str, content: str, source: str, stylesheet: str, attributes: dict[str, str], path: str = ""
) -> tuple[str, str]:
    """(HTML to walk, text the alerts are placed in) of a file Vale converts; `source` is `source_for`'s text and
    `path` the file's (DITA-OT reads the file itself, as in Vale)."""
    if ext == ".rst":
        return rst_to_html(source), content
    if ext == ".xml":
        return xml_to_html(content, stylesheet), content
    if ext == ".adoc":
        return adoc_to_html(source, attributes), adoc_body(content)
    if ext == ".org":
        return org.to_html(source), org_body(content)
    if ext == ".dita":
        return dita_to_html(path), content
    raise ValueError(f"not a converted format: {ext}")
