"""Issue 7: odd and bad input.  Each case gives a correct result or a one-line error with exit 2,
never a traceback, never touches the input, and output files are written atomically."""
from __future__ import annotations

import ast
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from tests.conftest import EVAL, require_eval

BIN = Path(sys.executable).with_name("bilingual")

EN = """The committee met in Tokyo on 3 April 2024.
It approved a budget of 5 million yen for the project.
Members may not share the data without consent.
"""
JA = """委員会は2024年4月3日に東京で会合を開いた。
同委員会は、このプロジェクトに500万円の予算を承認した。
委員は、同意なしにデータを共有してはならない。
"""


@pytest.fixture
def runner():
    return CliRunner()


def _files(tmp_path: Path, en: str = EN, ja: str = JA, en_bytes: bytes | None = None, ja_bytes: bytes | None = None):
    e, j = tmp_path / "doc.en.txt", tmp_path / "doc.ja.txt"
    e.write_bytes(en_bytes if en_bytes is not None else en.encode("utf-8"))
    j.write_bytes(ja_bytes if ja_bytes is not None else ja.encode("utf-8"))
    return e, j


def _digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def _align(runner, e, j, *extra, cache=None):
    args = ["align", str(e), str(j), "--format", "vecalign", "-q", *extra]
    if cache:
        args += ["--cache-dir", str(cache)]
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    return res.output


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp932", "euc_jp"])
def test_every_encoding_gives_the_utf8_alignment(runner, tmp_path, encoding):
    ref = _align(runner, *_files(tmp_path / "a" if (tmp_path / "a").mkdir() is None else tmp_path), cache=tmp_path / "c")
    other = tmp_path / "b"
    other.mkdir()
    e, j = _files(other, en_bytes=EN.replace("\n", "\r\n").encode(encoding), ja_bytes=JA.replace("\n", "\r\n").encode(encoding))
    before = _digest(e, j)
    assert _align(runner, e, j, cache=tmp_path / "c") == ref
    assert _digest(e, j) == before  # inputs untouched


@pytest.mark.parametrize(
    "en_extra, ja_extra",
    [
        ("Control\x00chars\x07 here.\n", "制御\x00文字\x07です。\n"),
        ("Emoji 😀👍 are fine.\n", "絵文字😀👍も大丈夫。\n"),
        ("Half-width katakana test.\n", "ﾊﾝｶｸｶﾀｶﾅのﾃｽﾄです。\n"),
        ("Full-width ASCII ABC 123.\n", "全角英数ＡＢＣ　１２３です。\n"),
    ],
    ids=["nul-control", "emoji", "halfwidth-kana", "fullwidth-ascii"],
)
def test_odd_characters_give_a_valid_report(runner, tmp_path, en_extra, ja_extra):
    e, j = _files(tmp_path, EN + en_extra, JA + ja_extra)
    res = runner.invoke(main, ["report", str(e), str(j), "--format", "json", "-q"])
    assert res.exit_code == 0, res.output
    rep = json.loads(res.output)
    assert len(rep["source"]["segments"]) >= 4
    for f in rep["flags"]:
        seg = rep[f["side"]]["segments"][f["segment"]]["text"]
        assert 0 <= f["start"] <= f["end"] <= len(seg) and seg[f["start"] : f["end"]] == f["text"]


def test_stats_file_has_each_stage_and_leaves_the_output_alone(runner, tmp_path):
    e, j = _files(tmp_path)
    plain = _align(runner, e, j, cache=tmp_path / "c")
    stats_path = tmp_path / "stats.json"
    assert _align(runner, e, j, "--stats", str(stats_path), cache=tmp_path / "c") == plain
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    assert {"read+segment", "embed", "align", "render", "texts_embedded", "sentences", "second_opinion"} <= set(stats)
    beads = [[ast.literal_eval(side) for side in line.split(":")[:2]] for line in plain.splitlines()]
    assert stats["sentences"] == sum(len(en) + len(ja) for en, ja in beads)  # every sentence is in one bead
    assert isinstance(stats["second_opinion"], int) and stats["second_opinion"] >= 0


def test_swapped_files_are_aligned_the_right_way_round(runner, tmp_path):
    e, j = _files(tmp_path)
    right = _align(runner, e, j, cache=tmp_path / "c")
    res = runner.invoke(main, ["align", str(j), str(e), "--format", "vecalign", "--cache-dir", str(tmp_path / "c")])
    assert res.exit_code == 0
    assert "right way round" in res.output  # CliRunner mixes stderr in: the warning is there
    assert right in res.output


def test_one_side_ten_times_longer(runner, tmp_path):
    long_en = EN + "".join(f"Unrelated sentence number {i} talks about gardening and weather.\n" for i in range(30))
    e, j = _files(tmp_path, long_en, JA)
    out = _align(runner, e, j)
    ens, jas = [], []
    for line in out.splitlines():
        a, b, _ = line.split(":")
        ens += json.loads(a)
        jas += json.loads(b)
    assert ens == list(range(33)) and jas == list(range(3))


def test_output_errors_leave_nothing_behind(runner, tmp_path):
    e, j = _files(tmp_path)
    target_dir = tmp_path / "out"
    target_dir.mkdir()
    res = runner.invoke(main, ["report", str(e), str(j), "--format", "json", "-q", "-o", str(target_dir)])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert list(target_dir.iterdir()) == []
    res = runner.invoke(main, ["report", str(e), str(j), "--format", "json", "-q", "-o", str(tmp_path / "missing" / "r.json")])
    assert res.exit_code == 2
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    "command, target",
    [("report", "en"), ("report", "ja"), ("align", "en"), ("align", "link"), ("align-stats", "ja"), ("qa", "pairs"),
     ("check", "en")],
)
def test_output_never_replaces_an_input(runner, tmp_path, command, target):
    e, j = _files(tmp_path)
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("ja\ten\n" + "".join(f"{a}\t{b}\n" for a, b in zip(JA.splitlines(), EN.splitlines())), encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(e)
    out = {"en": e, "ja": j, "link": link, "pairs": pairs}[target]
    args = {
        "report": ["report", str(e), str(j), "-o", str(out)],
        "align": ["align", str(e), str(j), "-o", str(out)],
        "align-stats": ["align", str(e), str(j), "--stats", str(out)],
        "qa": ["qa", str(pairs), "-o", str(out)],
        "check": ["check", str(e), str(j), "--baseline", str(out), "--update-baseline"],
    }[command]
    before = _digest(e, j, pairs)
    res = runner.invoke(main, [*args, *(["-q"] if command != "qa" else [])])
    assert res.exit_code == 2, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bilingual: error:") and "Traceback" not in res.output
    assert _digest(e, j, pairs) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.en.txt", "doc.ja.txt", "link.txt", "pairs.tsv"]


def test_stats_and_output_must_differ(runner, tmp_path):
    e, j = _files(tmp_path)
    out = tmp_path / "out.txt"
    res = runner.invoke(main, ["align", str(e), str(j), "-q", "-o", str(out), "--stats", str(out)])
    assert res.exit_code == 2 and "the output file" in res.output
    assert not out.exists()


@pytest.mark.parametrize("command", [["report"], ["split", "-o", "sides"]])
def test_a_one_language_file_is_named_in_the_error(runner, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    Path("only-english.txt").write_text(EN, encoding="utf-8")
    res = runner.invoke(main, [command[0], "only-english.txt", *command[1:]])
    assert res.exit_code == 2
    assert res.output.strip() == "bilingual: error: only-english.txt: could not find both an English and a Japanese part"


def test_check_names_a_missing_input_not_its_baseline(runner, tmp_path):
    res = runner.invoke(main, ["check", str(tmp_path / "nope.txt")])
    assert res.exit_code == 2
    assert "nope.txt: no such file" in res.output and "baseline" not in res.output


@pytest.mark.parametrize(
    "args",
    [["--format", "pdf"], ["--encoder", "laser"], ["--encoder", "st:"], ["--max-bead", "0"]],
)
def test_bad_options_exit_2(runner, tmp_path, args):
    e, j = _files(tmp_path)
    res = runner.invoke(main, ["report", str(e), str(j), *args])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output


def test_json_report_is_byte_identical_across_processes(tmp_path):
    e, j = _files(tmp_path)
    outs = [subprocess.run([str(BIN), "report", str(e), str(j), "--format", "json", "-q"], capture_output=True, check=True).stdout for _ in range(2)]
    assert outs[0] == outs[1] and outs[0]


@pytest.mark.slow
def test_a_single_2mb_line(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(("This clause goes on and on, " * 75000) + "\n", encoding="utf-8")
    proc = subprocess.run([str(BIN), "segment", str(p), "--format", "json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    segs = json.loads(proc.stdout)["segments"]
    text = p.read_text(encoding="utf-8")
    assert len(segs) > 1 and all(text[s["start"] : s["end"]] == s["text"] for s in segs)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_100k_short_lines(tmp_path, lang):
    line = "Item {} is listed." if lang == "en" else "項目{}を掲載する。"
    p = tmp_path / "many.txt"
    p.write_text("\n\n".join(line.format(i) for i in range(100_000)) + "\n", encoding="utf-8")
    proc = subprocess.run([str(BIN), "segment", str(p), "--lang", lang, "--format", "json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["segments"]) == 100_000


def test_presplit_eval_files_keep_line_numbers(runner):
    require_eval()
    res = runner.invoke(main, ["align", str(EVAL / "tokyo" / "tokyo.en"), str(EVAL / "tokyo" / "tokyo.ja"), "--presplit", "-q"])
    assert res.exit_code == 0
    ens = [i for line in res.output.splitlines() for i in json.loads(line.split(":")[0])]
    assert ens == list(range(24))
