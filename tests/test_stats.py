"""copydesk stats: the readability figures of each article."""

from __future__ import annotations

import json

from conftest import FIXTURES, run_cli

POOL_VOTE = str(FIXTURES / "readability" / "pool-vote.md")


def test_text_table_per_file():
    result = run_cli("stats", POOL_VOTE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == POOL_VOTE
    assert lines[1:13] == [
        "  words                           155",
        "  sentences                        14",
        "  paragraphs                        6",
        "  average sentence length        11.1",
        "  Flesch reading ease            58.1",
        "  Flesch-Kincaid grade            7.9",
        "  Gunning fog                    10.6",
        "  SMOG                           10.8",
        "  Coleman-Liau                   11.6",
        "  Automated readability index     9.3",
        "  Dale-Chall                      8.8",
        "  hardest sentences:",
    ]
    assert lines[13] == (
        "    line 17   grade 29.5  The department's procurement methodology, which, according to independe…"
    )
    assert lines[14].startswith("    line 15   grade 21.4  Regional officials acknowledged")
    assert lines[15].startswith("    line 9    grade  7.3  EASTFIELD — The town council voted")


def test_json_has_the_same_figures():
    data = json.loads(run_cli("stats", "--format", "json", POOL_VOTE).stdout)
    assert data["version"] == 1 and data["tool"]["name"] == "copydesk"
    [report] = data["files"]
    assert {k: report[k] for k in ("words", "sentences", "paragraphs", "average_sentence_length")} == {
        "words": 155,
        "sentences": 14,
        "paragraphs": 6,
        "average_sentence_length": 11.07,
    }
    assert report["scores"]["flesch_kincaid_grade"] == 7.91
    assert [(s["line"], s["column"], s["grade"], s["words"]) for s in report["hardest_sentences"]] == [
        (17, 1, 29.45, 18),
        (15, 1, 21.42, 22),
        (9, 1, 7.35, 19),
    ]
    assert report["hardest_sentences"][1]["text"].startswith("Regional officials acknowledged that")


def test_short_sentences_are_not_ranked_and_an_empty_article_has_zero_scores(tmp_path):
    (tmp_path / "brief.md").write_text("# Pool\n\nUnquestionably. The pool will close.\n", encoding="utf-8")
    (tmp_path / "empty.md").write_text("# Only a headline\n", encoding="utf-8")
    data = json.loads(run_cli("stats", "--format", "json", str(tmp_path)).stdout)
    brief, empty = data["files"]
    assert (brief["sentences"], brief["hardest_sentences"]) == (2, [])
    assert (empty["words"], empty["sentences"], set(empty["scores"].values())) == (0, 0, {0.0})
    assert "hardest sentences: none graded" in run_cli("stats", str(tmp_path / "brief.md")).stdout


def test_a_missing_file_is_reported_and_exits_2():
    result = run_cli("stats", POOL_VOTE, "missing.md")
    assert result.exit_code == 2
    assert "copydesk: missing.md: no such file or folder" in result.stderr
    assert result.stdout.startswith(POOL_VOTE)
