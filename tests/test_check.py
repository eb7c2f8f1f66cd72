"""Unit tests of the check: flag comparison by content, baselines and signatures, on hand-made reports."""
from __future__ import annotations

import json

import pytest

from bilingual.check import as_baseline, compare, load_baseline, settings_from_signature
from bilingual.check.baseline import signature_differences
from bilingual.check.render import escape_data, escape_property, render_check
from bilingual.check.run import PairResult
from bilingual.errors import BaselineError, InputError
from bilingual.report.model import AlignedPair, Report
from bilingual.types import Flag
from tests.report_sample import make_doc as doc

SIG = "encoder:use-m-v3@0.2|seg:pysbd-0.3.4|max-bead:4|bilingual:0.1.0|source:en"




def report(en: list[str], ja: list[str], flags: list[tuple], sig: str = SIG) -> Report:
    """1-1 beads; flags given as (kind, severity, side, segment, flagged text)."""
    made = []
    for kind, sev, side, seg, text in flags:
        seg_text = (en if side == "source" else ja)[seg]
        start = seg_text.find(text)
        made.append(Flag(kind, sev, side, seg, start, start + len(text), text, f"{text!r} has no counterpart"))
    pairs = tuple(AlignedPair((i,), (i,), 0.9) for i in range(min(len(en), len(ja))))
    return Report(sig, doc("en", en), doc("ja", ja), pairs, tuple(made))


EN = ["The sky is blue.", "Cats sleep all day in the sun.", "We met in Tokyo in 2019.", "Rain fell."]
JA = ["空は青い。", "猫は一日中寝る。", "我々は東京で会った。", "雨が降った。"]
OMIT_SUN = ("omission", "major", "source", 1, "in the sun")
OMIT_2019 = ("omission", "major", "source", 2, "in 2019")


def test_unchanged_report_has_no_new_flags():
    base = report(EN, JA, [OMIT_SUN, OMIT_2019])
    res = compare(base, report(EN, JA, [OMIT_SUN, OMIT_2019]))
    assert (len(res.new), len(res.resolved), len(res.unchanged)) == (0, 0, 2)
    assert res.exit_code("major") == 0


@pytest.mark.parametrize("where", [0, 1, 3, 4])
def test_inserted_sentence_shifts_ids_but_flags_stay_unchanged(where):
    base = report(EN, JA, [OMIT_SUN, OMIT_2019])
    en = EN[:where] + ["A new sentence arrives."] + EN[where:]
    ja = JA[:where] + ["新しい文が来る。"] + JA[where:]
    shift = lambda f: (*f[:3], f[3] + (1 if f[3] >= where else 0), f[4])  # noqa: E731
    res = compare(base, report(en, ja, [shift(OMIT_SUN), shift(OMIT_2019)]))
    assert res.new == () and res.resolved == ()
    assert len(res.unchanged) == 2


def test_deleted_unrelated_sentence_keeps_flags():
    base = report(EN, JA, [OMIT_2019])
    res = compare(base, report(EN[1:], JA[1:], [("omission", "major", "source", 1, "in 2019")]))
    assert res.new == () and res.resolved == () and len(res.unchanged) == 1


def test_new_and_resolved_flags():
    base = report(EN, JA, [OMIT_SUN])
    res = compare(base, report(EN, JA, [OMIT_2019]))
    assert [c.flag.text for c in res.new] == ["in 2019"]
    assert [c.flag.text for c in res.resolved] == ["in the sun"]
    assert res.exit_code("major") == 1
    # The new flag carries its bead's text on both sides.
    assert res.new[0].en == EN[2] and res.new[0].ja == JA[2]


def test_same_text_in_another_sentence_is_a_new_flag():
    en = EN + ["Dogs walk in 2019."]
    ja = JA + ["犬は歩く。"]
    base = report(en, ja, [OMIT_2019])
    res = compare(base, report(en, ja, [OMIT_2019, ("omission", "major", "source", 4, "in 2019")]))
    assert [c.flag.segment for c in res.new] == [4]


def test_repeated_sentence_counts_as_many_flags():
    en, ja = EN + [EN[1]], JA + [JA[1]]
    base = report(en, ja, [OMIT_SUN])
    res = compare(base, report(en, ja, [OMIT_SUN, ("omission", "major", "source", 4, "in the sun")]))
    assert len(res.new) == 1 and len(res.unchanged) == 1


def test_light_edit_of_the_sentence_keeps_the_flag():
    en = list(EN)
    en[1] = "Cats sleep all the day in the sun."
    base = report(EN, JA, [OMIT_SUN])
    res = compare(base, report(en, JA, [OMIT_SUN]))
    assert res.new == () and len(res.unchanged) == 1


def test_rewritten_sentence_is_new():
    en = list(EN)
    en[1] = "Dogs bark loudly at strangers in the sun."
    base = report(EN, JA, [OMIT_SUN])
    res = compare(base, report(en, JA, [OMIT_SUN]))
    assert len(res.new) == 1 and len(res.resolved) == 1


@pytest.mark.parametrize("fail_on,severity,code", [("major", "major", 1), ("major", "minor", 0), ("minor", "minor", 1), ("minor", "major", 1)])
def test_fail_on_severity(fail_on, severity, code):
    base = report(EN, JA, [])
    res = compare(base, report(EN, JA, [("drift", severity, "target", 1, "一日中")]))
    assert res.exit_code(fail_on) == code


def test_ja_source_maps_bead_text_to_en_and_ja():
    r = Report(SIG, doc("ja", JA), doc("en", EN), tuple(AlignedPair((i,), (i,), 0.9) for i in range(4)),
               (Flag("omission", "major", "source", 1, 0, 3, "一日中", "m"),))
    res = compare(report(EN, JA, []), r)
    assert res.new[0].en == EN[1] and res.new[0].ja == JA[1]


def test_dict_baseline_round_trip(tmp_path):
    base = report(EN, JA, [OMIT_SUN])
    p = tmp_path / "baseline.json"
    p.write_text(json.dumps(base.to_dict(), ensure_ascii=False), encoding="utf-8")
    loaded = load_baseline(p)
    assert loaded.signature == SIG and loaded.source_texts == EN and loaded.target_texts == JA
    assert compare(loaded, base).unchanged and not compare(loaded, base).new
    assert compare(base.to_dict(), base).new == ()


@pytest.mark.parametrize(
    "content,reason",
    [
        ("{not json", "not valid JSON"),
        ('{"name": "package.json", "version": "1.0"}', "not a bilingual report"),
        ("[1, 2, 3]", "not a bilingual report"),
        ('{"signature": "x", "source": {"lang": "en"}, "target": {}, "alignment": [], "flags": []}', "not in the bilingual report format"),
        ("", "not valid JSON"),
    ],
)
def test_bad_baselines_give_one_line_reasons(tmp_path, content, reason):
    p = tmp_path / "baseline.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as err:
        load_baseline(p)
    assert reason in str(err.value) and "\n" not in str(err.value)


def test_missing_baseline(tmp_path):
    with pytest.raises(BaselineError, match="no such baseline"):
        load_baseline(tmp_path / "nope.json")


def test_signature_policy():
    other_version = SIG.replace("@0.2", "@0.3").replace("bilingual:0.1.0", "bilingual:0.2.0")
    diffs, notes = signature_differences(SIG, other_version)
    assert diffs == [] and len(notes) == 2
    diffs, _ = signature_differences(SIG, SIG.replace("max-bead:4", "max-bead:3").replace("source:en", "source:ja"))
    assert [d[0] for d in diffs] == ["max-bead", "source"]
    diffs, _ = signature_differences(SIG, SIG.replace("use-m-v3@0.2", "st:LaBSE"))
    assert diffs == [("encoder", "use-m-v3@0.2", "st:LaBSE")]
    assert settings_from_signature(SIG) == {"encoder": "use", "max_bead": 4, "source": "en"}


def test_as_baseline_rejects_other_objects():
    with pytest.raises(BaselineError):
        as_baseline("a string")


def test_github_escaping():
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_github_annotations_levels_and_lines():
    from dataclasses import replace

    base = report(EN, JA, [])
    res = compare(base, report(EN, JA, [OMIT_SUN, ("drift", "minor", "target", 2, "東京")]))
    res = replace(res, new=tuple(replace(c, file="a b.txt", line=i + 2) for i, c in enumerate(res.new)))
    out = render_check([PairResult("pair", "pair/baseline.json", res)], "github")
    lines = out.splitlines()
    assert lines[0].startswith("::error file=a b.txt,line=2,title=new omission (major)::")
    assert lines[1].startswith("::warning file=a b.txt,line=3,")
    assert "%0Aen: Cats sleep all day in the sun." in lines[0]
    text = render_check([PairResult("pair", "pair/baseline.json", res)], "text")
    assert "NEW omission (major)" in text and "ja: 猫は一日中寝る。" in text
    data = json.loads(render_check([PairResult("pair", "pair/baseline.json", res)], "json"))
    assert data["exit_code"] == 1 and data["pairs"][0]["new"][0]["en"] == EN[1]


def test_find_pair_layouts(tmp_path):
    from bilingual.check import find_pair, pair_folders
    from bilingual.errors import InputError

    one = tmp_path / "al" / "one"
    one.mkdir(parents=True)
    (one / "doc.txt").write_text("Hello.\n\nこんにちは。\n", encoding="utf-8")
    (one / "README.md").write_text("x", encoding="utf-8")
    two = tmp_path / "al" / "two"
    two.mkdir()
    for n in ("d.en.txt", "d.ja.txt"):
        (two / n).write_text("x", encoding="utf-8")
    lines = tmp_path / "al" / "lines"
    lines.mkdir()
    for n in ("d.en", "d.ja"):
        (lines / n).write_text("x", encoding="utf-8")
    (tmp_path / "al" / "empty").mkdir()
    assert [p.name for p in pair_folders(tmp_path / "al")] == ["lines", "one", "two"]
    assert find_pair(one).ja is None and find_pair(one).en.name == "doc.txt"
    assert find_pair(two).en.name == "d.en.txt" and not find_pair(two).presplit
    assert find_pair(lines).presplit and find_pair(lines).ja.name == "d.ja"
    (one / "other.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="several text files"):
        find_pair(one)
    with pytest.raises(InputError, match="no pair folders"):
        pair_folders(tmp_path / "al" / "empty")


def test_hook_maps_changed_files_to_pair_folders(tmp_path, monkeypatch):
    from bilingual.check.hook import folders_for

    a = tmp_path / "alignments" / "a"
    b = tmp_path / "alignments" / "b" / "sub"
    a.mkdir(parents=True)
    b.mkdir(parents=True)
    (a / "baseline.json").write_text("{}", encoding="utf-8")
    (a / "a.txt").write_text("x", encoding="utf-8")
    (b.parent / "baseline.json").write_text("{}", encoding="utf-8")
    (b / "notes.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    got = folders_for(["alignments/a/a.txt", "alignments/a/baseline.json", "alignments/b/sub/notes.md", "alignments/README.md"])
    assert [str(p) for p in got] == ["alignments/a", "alignments/b"]


def test_explicit_setting_against_baseline_fails_before_running(tmp_path, monkeypatch):
    import bilingual.report
    from bilingual.check import check_pair

    def no_run(*args, **kwargs):
        raise AssertionError("the report ran before the settings were compared")

    monkeypatch.setattr(bilingual.report, "build_report", no_run)
    base = tmp_path / "baseline.json"
    base.write_text(json.dumps(report(EN, JA, []).to_dict()), encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(" ".join(EN) + "\n\n" + "".join(JA), encoding="utf-8")
    with pytest.raises(BaselineError, match="baseline has source:en, this run source:ja .pass --source en."):
        check_pair(doc, None, base, source="ja")


def test_a_missing_input_is_named_before_the_baseline(tmp_path):
    from bilingual.check import check_pair

    with pytest.raises(InputError, match="missing-input.txt: no such file"):
        check_pair(tmp_path / "missing-input.txt", None, tmp_path / "baseline.json")
