"""What the result cache's key costs a run: the code digest, the files besides the articles, each file's settings.

    python bench/cache_key_cost.py [--styles DIR] [--repeat 1000]

Prints, in one process: the digest of copydesk's code and package versions (once per run), the inputs digest of
the default configuration and of one that names a `.vale.ini` with the public styles of Vale's test data
(write-good, proselint, Joblint; the first call loads the styles, which the run needs anyway, the second only
hashes), with the number of files under StylesPath, and the per-file settings digest of the default rules.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from linter.run import inputs
from linter.run.cache import _code_digest, package_versions, settings_digest
from linter.run.config import load_config

DEFAULT_STYLES = Path(__file__).resolve().parent.parent.parent / "shared" / "vale" / "testdata" / "styles"


def timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - started, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", type=Path, default=DEFAULT_STYLES)
    parser.add_argument("--repeat", type=int, default=1000)
    args = parser.parse_args()
    seconds, _ = timed(_code_digest)
    print(f"code digest (source, rule modules, {len(package_versions())} package versions): {seconds * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / ".copydesk.yml").write_text("rules: {}\n", encoding="utf-8")
        config = load_config(str(folder / ".copydesk.yml"))
        seconds, _ = timed(inputs.inputs_digest, config)
        print(f"inputs digest, default configuration ({len(config.rules)} rule modules): {seconds * 1000:.1f} ms")
        ini = f"StylesPath = {args.styles}\n\n[*.md]\nBasedOnStyles = write-good, proselint, Joblint\n"
        (folder / ".vale.ini").write_text(ini, encoding="utf-8")
        (folder / ".copydesk.yml").write_text("vale: .vale.ini\n", encoding="utf-8")
        config = load_config(str(folder / ".copydesk.yml"))
        tree = len(inputs._tree(str(folder / ".vale.ini"), str(args.styles)))
        first, digest = timed(inputs.inputs_digest, config)
        again, _ = timed(inputs.inputs_digest, config)
        outside = len(next(iter(inputs._read_by_styles.values()), ()))
        print(
            f"inputs digest with the Vale styles ({tree} files under StylesPath and the ini, {outside} read outside "
            f"it): {first * 1000:.0f} ms with loading the styles, {again * 1000:.1f} ms hashing alone"
            + ("" if digest else " (styles did not load: cache off)")
        )
    settings = config.effective("story.md")
    seconds, _ = timed(lambda: [settings_digest(settings) for _ in range(args.repeat)])
    print(f"settings digest per file ({len(settings)} rules): {seconds / args.repeat * 1e6:.0f} us")


if __name__ == "__main__":
    main()
