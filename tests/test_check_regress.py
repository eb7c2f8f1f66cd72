"""Coverage regressions in the check: content the baseline's translation carried and the update lost."""
from __future__ import annotations

import pytest

from bilingual.check.baseline import Baseline
from bilingual.check.compare import compare
from bilingual.check.regress import coverage_changes
from bilingual.report.model import AlignedPair
from bilingual.types import Document, Segment


def _doc(lang: str, lines: list[str]) -> Document:
    segs, pos = [], 0
    for i, t in enumerate(lines):
        segs.append(Segment(i, t, pos, pos + len(t)))
        pos += len(t) + 1
    return Document(lang, "\n".join(lines), tuple(segs))


def _report(src_lang: str, src: list[str], tgt: list[str]) -> Baseline:
    tgt_lang = "en" if src_lang == "ja" else "ja"
    beads = tuple(AlignedPair((i,), (i,), 0.5) for i in range(len(src)))
    return Baseline("", _doc(src_lang, src), _doc(tgt_lang, tgt), beads, ())


JA = ["清水寺は京都市東山区にある寺院である。", "本尊は千手観音である。"]
EN_FULL = ["Kiyomizu-dera is a temple in Higashiyama Ward, Kyoto City.", "Its principal image is Senju Kannon."]
EN_CUT = ["Kiyomizu-dera is a temple in Kyoto City.", "Its principal image is Senju Kannon."]


def _check_spans(report: Baseline, flags) -> None:
    for f in flags:
        seg = report.source.segments[f.segment]
        assert seg.text[f.start : f.end] == f.text
        assert f.kind == "omission" and f.side == "source" and f.check == "regression"


def test_dropped_place_is_lost_and_restoring_it_is_gained():
    full, cut = _report("ja", JA, EN_FULL), _report("ja", JA, EN_CUT)
    lost, gained = coverage_changes(full, cut)
    assert [f.segment for f in lost] == [0]
    assert "東山" in lost[0].text and "清水" not in lost[0].text
    assert lost[0].severity == "major"
    assert gained == []
    _check_spans(cut, lost)
    lost2, gained2 = coverage_changes(cut, full)
    assert lost2 == [] and len(gained2) == 1 and "東山" in gained2[0].text
    _check_spans(cut, gained2)


def test_english_source_losing_a_date_and_place():
    en = ["The ministers signed the statement in Tokyo on 5 May 2025."]
    old = _report("en", en, ["閣僚は2025年5月5日に東京で声明に署名した。"])
    new = _report("en", en, ["閣僚は声明に署名した。"])
    lost, _ = coverage_changes(old, new)
    lost_text = " ".join(f.text for f in lost)
    assert "Tokyo" in lost_text and "2025" in lost_text  # ("May" is a modal to the English word index)
    assert "ministers" not in lost_text and "signed" not in lost_text
    _check_spans(new, lost)


@pytest.mark.parametrize("tgt", [EN_FULL, [" ".join(EN_FULL[0].split()), EN_FULL[1]]])
def test_same_translation_or_whitespace_edit_changes_nothing(tgt):
    assert coverage_changes(_report("ja", JA, EN_FULL), _report("ja", JA, tgt)) == ([], [])


def test_changed_source_is_not_compared():
    other = ["金閣寺は京都市北区にある寺院である。", JA[1]]
    assert coverage_changes(_report("ja", JA, EN_FULL), _report("ja", other, EN_CUT)) == ([], [])


def test_compare_lists_regressions_as_new_and_resolved():
    full, cut = _report("ja", JA, EN_FULL), _report("ja", JA, EN_CUT)
    res = compare(full, cut)
    assert [c.flag.check for c in res.new] == ["regression"] and res.exit_code() == 1
    assert "Kyoto City" in res.new[0].en and res.new[0].ja == JA[0]
    back = compare(cut, full)
    assert back.new == () and back.exit_code() == 0
    assert [c.flag.check for c in back.resolved] == ["regression"]
    assert compare(full, cut, regressions=False).new == ()
