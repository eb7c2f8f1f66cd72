"""`bilingual report`: formats, input modes, -o, exit codes and one-line errors (CliRunner)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from report_sample import install_fake_stages

from bilingual.cli import main

EN_TEXT = "The first sentence is here.\n\nThe second one follows it.\n\nA third has no match.\n"
JA_TEXT = "最初の文はここにある。\n\n二番目の文がそれに続く。\n"


@pytest.fixture
def runner(monkeypatch, fake_encoder):
    install_fake_stages(monkeypatch, fake_encoder)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return CliRunner()


@pytest.fixture
def files(tmp_path):
    en, ja, both = tmp_path / "doc.en.txt", tmp_path / "doc.ja.txt", tmp_path / "doc.txt"
    en.write_text(EN_TEXT, encoding="utf-8")
    ja.write_text(JA_TEXT, encoding="utf-8")
    both.write_text(EN_TEXT + "\n" + JA_TEXT, encoding="utf-8")
    return en, ja, both


@pytest.mark.parametrize(
    "fmt, probe",
    [
        ("text", "bilingual report: en → ja"),
        ("markdown", "| omission | 1 |"),
        ("json", '"signature": '),
        ("html", "<!DOCTYPE html>"),
        ("tmx", '<tmx version="1.4">'),
    ],
)
def test_every_format_to_stdout(runner, files, fmt, probe):
    en, ja, _ = files
    res = runner.invoke(main, ["report", str(en), str(ja), "--format", fmt, "-q"])
    assert res.exit_code == 0, res.output
    assert probe in res.stdout
    assert "\x1b[" not in res.stdout  # not a terminal: no colour codes


def test_exit_zero_whatever_is_flagged(runner, files):
    en, ja, _ = files
    res = runner.invoke(main, ["report", str(en), str(ja), "--format", "json", "-q"])
    assert res.exit_code == 0
    assert [f["kind"] for f in json.loads(res.stdout)["flags"]] == ["omission"]


def test_one_bilingual_file_equals_two_files(runner, files):
    en, ja, both = files
    one = runner.invoke(main, ["report", str(both), "--format", "json", "-q"])
    two = runner.invoke(main, ["report", str(en), str(ja), "--format", "json", "-q"])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    a, b = json.loads(one.stdout), json.loads(two.stdout)
    assert [s["text"] for s in a["source"]["segments"]] == [s["text"] for s in b["source"]["segments"]]
    assert a["alignment"] == b["alignment"]


def test_presplit_keeps_lines(runner, tmp_path):
    en, ja = tmp_path / "a.en", tmp_path / "a.ja"
    en.write_text("One. Two.\nThree.\n", encoding="utf-8")
    ja.write_text("一。二。\n三。\n", encoding="utf-8")
    res = runner.invoke(main, ["report", str(en), str(ja), "--presplit", "--format", "json", "-q"])
    assert res.exit_code == 0, res.output
    assert [s["text"] for s in json.loads(res.stdout)["source"]["segments"]] == ["One. Two.", "Three."]


def test_source_ja(runner, files):
    en, ja, _ = files
    res = runner.invoke(main, ["report", str(en), str(ja), "--source", "ja", "--format", "json", "-q"])
    d = json.loads(res.stdout)
    assert (d["source"]["lang"], d["target"]["lang"]) == ("ja", "en")
    assert d["signature"].endswith("|source:ja")


@pytest.mark.parametrize("fmt, ext", [("html", "html"), ("tmx", "tmx"), ("text", "txt"), ("markdown", "md")])
def test_output_file_written_atomically(runner, files, tmp_path, fmt, ext):
    en, ja, _ = files
    out = tmp_path / f"report.{ext}"
    res = runner.invoke(main, ["report", str(en), str(ja), "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert f"wrote {out}" in res.stderr
    data = out.read_bytes()
    assert len(data) > 100 and b"\x1b[" not in data
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_into_missing_folder_is_one_line(runner, files, tmp_path):
    en, ja, _ = files
    res = runner.invoke(main, ["report", str(en), str(ja), "-o", str(tmp_path / "nope" / "r.html"), "--format", "html"])
    assert res.exit_code == 2
    assert res.stderr.startswith("bilingual: error:") and res.stderr.count("\n") == 1


def test_warning_on_stderr_unless_quiet(runner, files):
    en, ja, _ = files
    res = runner.invoke(main, ["report", str(ja), str(en), "--format", "json"])
    assert res.exit_code == 0
    assert "bilingual: warning:" in res.stderr and "right way round" in res.stderr
    assert "warning" not in json.loads(res.stdout)  # not in the JSON contract
    quiet = runner.invoke(main, ["report", str(ja), str(en), "--format", "json", "-q"])
    assert quiet.stderr == ""


def test_missing_file_is_exit_2_one_line(runner, files, tmp_path):
    _, ja, _ = files
    res = runner.invoke(main, ["report", str(tmp_path / "missing.txt"), str(ja)])
    assert res.exit_code == 2
    assert res.stderr.strip().count("\n") == 0
    assert "missing.txt: no such file" in res.stderr
    assert "Traceback" not in res.output


@pytest.mark.parametrize("args", [["--format", "pdf"], ["--source", "fr"], ["--max-bead", "0"]])
def test_bad_options_exit_2(runner, files, args):
    en, ja, _ = files
    res = runner.invoke(main, ["report", str(en), str(ja), *args])
    assert res.exit_code == 2
    assert "Invalid value" in res.stderr


def test_help_has_summary_and_example():
    res = CliRunner().invoke(main, ["report", "--help"])
    assert res.exit_code == 0
    assert "Example: bilingual report" in res.stdout
    for opt in ("--presplit", "--source", "--encoder", "--format", "--output", "--max-bead", "--encoding", "--cache-dir", "--quiet"):
        assert opt in res.stdout


def test_real_stages_on_the_tokyo_statement(monkeypatch, fake_encoder, tmp_path):
    """Segmenters, aligner and analyzer for real (only the encoder is the fake): every format of one report agrees."""
    import bilingual.embed
    from conftest import TOKYO
    from translate.storage.tmx import tmxfile

    if not TOKYO.exists():
        pytest.skip("alignments/tokyo-statement/tokyo-statement.txt is not there yet")
    pytest.importorskip("bilingual.align.core")
    monkeypatch.setattr(bilingual.embed, "get_encoder", lambda spec="use", cache_dir=None: fake_encoder)
    runner = CliRunner()
    res = runner.invoke(main, ["report", str(TOKYO), "--format", "json", "-q"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    both = [p for p in d["alignment"] if p["source"] and p["target"]]
    res = runner.invoke(main, ["report", str(TOKYO), "--format", "tmx", "-o", str(tmp_path / "t.tmx"), "-q"])
    assert res.exit_code == 0, res.output
    units = tmxfile.parsestring((tmp_path / "t.tmx").read_bytes()).units
    assert len(units) == len(both)
    first = both[0]
    assert units[0].source == " ".join(d["source"]["segments"][i]["text"] for i in first["source"])
    assert units[0].target == "".join(d["target"]["segments"][i]["text"] for i in first["target"])
    md = runner.invoke(main, ["report", str(TOKYO), "--format", "markdown", "-q"]).stdout
    assert f"| flags | {len(d['flags'])} |" in md
