"""CLI: segment, split, and the error contract shared by every command."""
import json

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from tests.conftest import TOKYO


@pytest.fixture
def runner():
    return CliRunner()


def test_segment_json_offsets_round_trip(runner, tmp_path):
    src = tmp_path / "ja.txt"
    text = "# 見出し\n\n- 第一の項目です。\n- 第二の項目。\n\n本文です。次の文です！\n"
    src.write_text(text, encoding="utf-8")
    res = runner.invoke(main, ["segment", str(src), "--lang", "ja", "--clauses", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["lang"] == "ja"
    assert [s["text"] for s in data["segments"]] == ["見出し", "第一の項目です。", "第二の項目。", "本文です。", "次の文です！"]
    for s in data["segments"]:
        assert list(s)[:4] == ["id", "text", "start", "end"]
        assert text[s["start"] : s["end"]] == s["text"]
        for c in s["clauses"]:
            assert text[c["start"] : c["end"]] == c["text"]


def test_segment_auto_detects_english(runner, tmp_path):
    src = tmp_path / "en.txt"
    src.write_text("Mr. Hill signed it. The U.S. Embassy agreed.\n", encoding="utf-8")
    res = runner.invoke(main, ["segment", str(src), "--format", "json"])
    data = json.loads(res.output)
    assert data["lang"] == "en"
    assert [s["text"] for s in data["segments"]] == ["Mr. Hill signed it.", "The U.S. Embassy agreed."]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp932", "euc_jp"])
def test_segment_same_result_in_every_encoding(runner, tmp_path, encoding):
    text = "量子協力に関する東京声明\n\n我々は、このアジェンダを以下によって進めていく。次の文。\n"
    ref = tmp_path / "ref.txt"
    ref.write_text(text, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    a = runner.invoke(main, ["segment", str(ref), "--format", "json"])
    b = runner.invoke(main, ["segment", str(other), "--format", "json"])
    assert a.exit_code == b.exit_code == 0
    assert a.output == b.output


def test_split_writes_both_sides_and_refuses_to_overwrite(runner, tmp_path):
    out = tmp_path / "sides"
    res = runner.invoke(main, ["split", str(TOKYO), "-o", str(out)])
    assert res.exit_code == 0, res.output
    en = (out / "tokyo-statement.en.txt").read_text(encoding="utf-8")
    ja = (out / "tokyo-statement.ja.txt").read_text(encoding="utf-8")
    assert "Tokyo Statement on Quantum Cooperation" in en and "量子" not in en
    assert "量子協力に関する東京声明" in ja and "Quantum Cooperation" not in ja
    (out / "tokyo-statement.en.txt").write_text("keep me", encoding="utf-8")
    res = runner.invoke(main, ["split", str(TOKYO), "-o", str(out)])
    assert res.exit_code == 2 and "--force" in res.output
    assert (out / "tokyo-statement.en.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    "args, message",
    [
        (["segment", "does-not-exist.txt"], "no such file"),
        (["segment", "{tmp}"], "directory"),
        (["segment", "{empty}"], "empty"),
        (["segment", "{binary}"], "binary"),
        (["segment", "{empty}", "--lang", "fr"], "Invalid value"),
        (["align", "{en}", "{ja}", "--encoder", "nope"], "unknown encoder"),
        (["align", "{en}", "{en}"], "both look English"),
        (["qa", "{empty}"], "empty"),
    ],
)
def test_errors_are_one_line_with_exit_2(runner, tmp_path, args, message):
    files = {
        "tmp": str(tmp_path),
        "empty": str(tmp_path / "empty.txt"),
        "binary": str(tmp_path / "bin.dat"),
        "en": str(tmp_path / "en.txt"),
        "ja": str(tmp_path / "ja.txt"),
    }
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "en.txt").write_text("The cat sat on the mat.\n")
    (tmp_path / "ja.txt").write_text("猫がマットの上に座った。\n", encoding="utf-8")
    res = runner.invoke(main, [a.format(**files) for a in args])
    assert res.exit_code == 2, res.output
    assert message in res.output
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
