"""The check on real text: updates of the Tokyo Statement against a baseline, real USE encoder.

Text: The Tokyo Statement on Quantum Cooperation (2019), a public statement of the
U.S. government and the Government of Japan (alignments/tokyo-statement/).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.check import check_pair
from bilingual.cli import main
from bilingual.embed import get_encoder

DOC = Path(__file__).resolve().parents[1] / "alignments" / "tokyo-statement" / "tokyo-statement.txt"
TEXT = DOC.read_text(encoding="utf-8")
# A clause of the first recital, cut from the Japanese: "from energy to health and communications to transportation".
CLAUSE_JA = "エネルギーから健康及び通信から輸送まで、"
EN_PARA_AFTER = "the mutual benefit of participating countries and continue to enhance scientific cooperation under our respective leaderships.\n"
JA_PARA_AFTER = "それぞれのリーダーシップの下での科学的な協力の強化を続ける。\n"
NEW_EN = "\nThe participants intend to review the progress of this cooperation every two years.\n"
NEW_JA = "\n参加者は、この協力の進捗を2年ごとに見直すことを意図する。\n"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("embed-cache")


@pytest.fixture()
def pair(tmp_path, cache):
    """A pair folder alignments/tokyo/ with the statement and a baseline made from it."""
    folder = tmp_path / "alignments" / "tokyo"
    folder.mkdir(parents=True)
    shutil.copy(DOC, folder / "tokyo-statement.txt")
    runner = CliRunner()
    res = runner.invoke(main, ["check", str(folder.parent), "--update-baseline", "--cache-dir", str(cache), "-q"])
    assert res.exit_code == 0, res.output
    return folder


def run(folder: Path, cache: Path, *args: str):
    res = CliRunner().invoke(main, ["check", str(folder.parent), "--cache-dir", str(cache), "-q", *args])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    return res


def edit(folder: Path, old: str, new: str) -> None:
    p = folder / "tokyo-statement.txt"
    text = p.read_text(encoding="utf-8")
    assert text.count(old) == 1
    p.write_text(text.replace(old, new), encoding="utf-8")


def test_unchanged_statement_passes(pair, cache):
    res = run(pair, cache)
    assert res.exit_code == 0, res.output
    assert " 0 new, 0 resolved" in res.output


def test_clause_removed_from_japanese_fails_and_names_the_english_words(pair, cache):
    edit(pair, CLAUSE_JA, "")
    res = run(pair, cache, "--format", "json")
    data = json.loads(res.output)
    new = data["pairs"][0]["new"]
    omissions = [f for f in new if f["kind"] == "omission" and f["side"] == "source"]
    assert omissions, res.output
    named = " ".join(f["text"] + " " + f["message"] for f in omissions)
    assert "energy" in named and "transportation" in named
    # The new flag shows the bead on both sides, and its line in the file.
    assert any("Recognizing that science" in f["en"] and "複数のセクター" in f["ja"] and f["line"] == 5 for f in omissions)
    # With the default --fail-on major the check fails.
    assert res.exit_code == 1, [(f["severity"], f["text"]) for f in new]


def test_clause_removed_fails_with_fail_on_minor(pair, cache):
    edit(pair, CLAUSE_JA, "")
    res = run(pair, cache, "--fail-on", "minor", "--format", "github")
    assert res.exit_code == 1, res.output
    ann = [ln for ln in res.output.splitlines() if ln.startswith(("::error", "::warning")) and "energy" in ln]
    assert ann and "tokyo-statement.txt,line=5," in ann[0]


def test_restored_clause_is_listed_as_resolved(pair, cache):
    edit(pair, CLAUSE_JA, "")
    assert run(pair, cache, "--update-baseline").exit_code == 0
    edit(pair, "- 科学技術イノベーションが、複数", "- 科学技術イノベーションが、" + CLAUSE_JA + "複数")
    res = run(pair, cache, "--format", "json")
    assert res.exit_code == 0, res.output
    resolved = json.loads(res.output)["pairs"][0]["resolved"]
    assert any("energy" in f["text"] and f["kind"] == "omission" for f in resolved), resolved


def test_new_paragraph_on_both_sides_passes(pair, cache):
    edit(pair, EN_PARA_AFTER, EN_PARA_AFTER + NEW_EN)
    edit(pair, JA_PARA_AFTER, JA_PARA_AFTER + NEW_JA)
    res = run(pair, cache, "--format", "json")
    data = json.loads(res.output)["pairs"][0]
    assert res.exit_code == 0, data["new"]
    assert data["resolved"] == [] and data["unchanged"]


@pytest.mark.parametrize(
    "damage,reason",
    [
        (lambda p: p.write_text("{ this is not json", encoding="utf-8"), "not valid JSON"),
        (lambda p: p.write_text('{"name": "x", "version": "1"}', encoding="utf-8"), "not a bilingual report"),
        (lambda p: p.unlink(), "no such baseline"),
    ],
)
def test_bad_baseline_exits_2_with_one_line(pair, cache, damage, reason):
    damage(pair / "baseline.json")
    res = run(pair, cache)
    assert res.exit_code == 2
    assert reason in res.output and len([ln for ln in res.output.splitlines() if "error" in ln]) == 1
    # The same through the two-file/one-file form: one line on stderr, no traceback.
    single = CliRunner().invoke(main, ["check", str(pair / "tokyo-statement.txt"), "--cache-dir", str(cache), "-q"])
    assert single.exit_code == 2 and reason in single.output and "Traceback" not in single.output


def test_missing_input_file_exits_2(pair, cache):
    res = CliRunner().invoke(main, ["check", str(pair / "nope.txt"), "--baseline", str(pair / "baseline.json"), "--cache-dir", str(cache)])
    assert res.exit_code == 2 and "no such file" in res.output


def test_other_settings_exit_2_naming_the_setting(pair, cache):
    res = run(pair, cache, "--max-bead", "3")
    assert res.exit_code == 2
    assert "max-bead" in res.output and "--update-baseline" in res.output


def test_recheck_embeds_only_changed_sentences(pair, tmp_path):
    enc = get_encoder("use", cache_dir=tmp_path / "own-cache")
    doc = pair / "tokyo-statement.txt"
    check_pair(doc, None, pair / "baseline.json", encoder=enc)
    first = enc.texts_embedded
    edit(pair, "Exploring other potential activities", "Exploring several other potential activities")
    check_pair(doc, None, pair / "baseline.json", encoder=enc)
    second = enc.texts_embedded - first
    # One sentence changed: it and the few multi-sentence spans that contain it.
    assert 1 <= second <= 12 and second < first / 4, (first, second)
