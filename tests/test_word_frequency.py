"""Word frequencies are wordfreq's, and a run whose rules never ask for one does not import wordfreq."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from linter.analysis.word_frequency import zipf_frequency


def test_common_rare_and_unseen_words():
    assert zipf_frequency("the") == 7.73
    assert 2.5 < zipf_frequency("underscore") < 3.5
    assert zipf_frequency("zorblax") == 0.0


def test_a_run_of_rules_that_need_no_frequencies_does_not_import_wordfreq(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("The council met on Monday. It agreed the the budget.\n", encoding="utf-8")
    program = (
        "import sys\nfrom linter.cli import main\n"
        f"sys.argv = ['copydesk', 'check', '--no-cache', '--select', 'repeated-word', {str(article)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    print('wordfreq' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "[repeated-word]" in out.stdout
    assert out.stdout.splitlines()[-1] == "False"
