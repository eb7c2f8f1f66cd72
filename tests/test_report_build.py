"""build_report: input modes, source/target orientation, signature; and the whole pipeline end to end."""
from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest
from conftest import TOKYO
from report_sample import install_fake_stages

import bilingual.report
from bilingual.errors import InputError
from bilingual.report import build_report, render

EN_TEXT = "The first sentence is here. The second one follows it. A third has no match."
JA_TEXT = "最初の文はここにある。二番目の文がそれに続く。"


@pytest.fixture
def fakes(monkeypatch, fake_encoder):
    install_fake_stages(monkeypatch, fake_encoder)
    return fake_encoder


def _files(tmp_path):
    en, ja = tmp_path / "doc.en.txt", tmp_path / "doc.ja.txt"
    en.write_text(EN_TEXT + "\n", encoding="utf-8")
    ja.write_text(JA_TEXT + "\n", encoding="utf-8")
    return en, ja


def test_english_source_orientation(fakes, tmp_path):
    en, ja = _files(tmp_path)
    rep = build_report(en, ja, encoder="fake")
    assert (rep.source.lang, rep.target.lang) == ("en", "ja")
    assert rep.signature.endswith("|source:en")
    assert rep.alignment[-1].source and not rep.alignment[-1].target  # the English tail is a null bead
    assert [(f.kind, f.side) for f in rep.flags] == [("omission", "source")]
    assert rep.source_vecs.shape[0] == len(rep.source) and rep.target_vecs.shape[0] == len(rep.target)


def test_japanese_source_swaps_sides(fakes, tmp_path):
    en, ja = _files(tmp_path)
    a = build_report(en, ja, encoder="fake")
    b = build_report(en, ja, encoder="fake", source="ja")
    assert (b.source.lang, b.target.lang) == ("ja", "en")
    assert b.signature.endswith("|source:ja")
    assert [(p.source, p.target) for p in b.alignment] == [(p.target, p.source) for p in a.alignment]
    assert np.array_equal(b.source_vecs, a.target_vecs)
    # from the Japanese side the extra English sentence is an addition to the translation
    assert [(f.kind, f.side) for f in b.flags] == [("addition", "target")]


def test_files_in_either_order_and_texts(fakes, tmp_path):
    en, ja = _files(tmp_path)
    a = build_report(en, ja, encoder="fake")
    b = build_report(ja, en, encoder="fake")
    assert render(a, "json") == render(b, "json")
    assert any("right way round" in w for w in b.warnings)
    c = build_report(EN_TEXT, JA_TEXT, encoder="fake")
    assert [s.text for s in c.source.segments] == [s.text for s in a.source.segments]


def test_presplit_lists(fakes):
    rep = build_report(["One.", "Two."], ["一。", "二。"], presplit=True, encoder="fake")
    assert [s.text for s in rep.source.segments] == ["One.", "Two."]
    assert len(rep.alignment) == 2 and not rep.flags


def test_bad_source_and_missing_file(fakes, tmp_path):
    en, ja = _files(tmp_path)
    with pytest.raises(InputError, match="source must be"):
        build_report(en, ja, source="fr", encoder="fake")
    with pytest.raises(InputError, match="no such file"):
        build_report(tmp_path / "missing.txt", ja, encoder="fake")


def test_package_is_callable(fakes, tmp_path):
    en, ja = _files(tmp_path)
    assert render(bilingual.report(en, ja, encoder="fake"), "json") == render(build_report(en, ja, encoder="fake"), "json")


def _stages_present() -> bool:
    try:
        from bilingual.analyze import analyze  # noqa: F401
    except ImportError:
        return False
    return all(importlib.util.find_spec(m) for m in ("bilingual.align.core", "bilingual.segment.japanese", "bilingual.segment.bilingual"))


needs_stages = pytest.mark.skipif(not _stages_present(), reason="a pipeline stage module is not there yet")


@needs_stages
def test_whole_pipeline_on_the_tokyo_statement(fake_encoder):
    if not TOKYO.exists():
        pytest.skip("alignments/tokyo-statement/tokyo-statement.txt is not there yet")
    rep = build_report(TOKYO, encoder=fake_encoder)
    # every sentence of each side sits in exactly one bead, in order
    assert sorted(i for p in rep.alignment for i in p.source) == list(range(len(rep.source)))
    assert sorted(i for p in rep.alignment for i in p.target) == list(range(len(rep.target)))
    for f in rep.flags:
        doc = rep.source if f.side == "source" else rep.target
        assert doc.segments[f.segment].text[f.start : f.end] == f.text
    again = build_report(TOKYO, encoder=fake_encoder)
    assert render(rep, "json") == render(again, "json")
    d = json.loads(render(rep, "json"))
    assert str(TOKYO.parent) not in json.dumps(d)  # no absolute paths in the contract
