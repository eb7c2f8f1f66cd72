"""The Tokyo Statement as published and with hand edits to its Japanese: flags land on the
right English segment.  Real encoder and the project's own aligner (no gold)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.analyze import analyze
from bilingual.embed import get_encoder
from bilingual.pipeline import align_documents
from bilingual.segment import presplit

TOKYO = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "tokyo"
pytestmark = pytest.mark.skipif(not (TOKYO / "tokyo.en").exists(), reason="shared eval data not present")


@pytest.fixture(scope="module")
def encoder():
    return get_encoder("use")


@pytest.fixture(scope="module")
def texts():
    return (TOKYO / "tokyo.en").read_text(encoding="utf-8"), (TOKYO / "tokyo.ja").read_text(encoding="utf-8")


def run(encoder, en_text, ja_text):
    en, ja = presplit(en_text, "en"), presplit(ja_text, "ja")
    al, ev, jv = align_documents(en, ja, encoder)
    return en, analyze(al, encoder, source="en", en_vecs=ev, ja_vecs=jv)


def seg_with(doc, words):
    return next(s.id for s in doc.segments if words in s.text)


def test_published_flags_scope_drift_and_few_majors(encoder, texts):
    en, flags = run(encoder, *texts)
    seg = seg_with(en, "including but not limited to")
    scope = [f for f in flags if f.check == "scope" and f.side == "source" and f.segment == seg]
    assert scope and scope[0].text == "including but not limited to" and scope[0].severity == "major"
    assert "を含む" in scope[0].message
    assert sum(f.severity == "major" for f in flags) <= 3
    for f in flags:
        assert f.start < f.end


def _hits(en, flags, words, kinds=("omission", "drift")):
    seg = seg_with(en, words)
    a = en.segments[seg].text.index(words)
    b = a + len(words)
    return [f for f in flags if f.side == "source" and f.segment == seg and f.kind in kinds
            and f.start < b and a < f.end]


@pytest.mark.parametrize("drop,english", [
    ("、それによって人類の利益のための新たな技術の実現が加速する", "thereby accelerate the realization"),
    ("人材交流を含む、", "which could include personnel exchanges"),
    ("及び適切な場合には研究方法やインフラ及びデータを共有する", "infrastructure and data"),
])
def test_dropped_clause_is_flagged_on_the_english_words(encoder, texts, drop, english):
    en_text, ja_text = texts
    assert drop in ja_text
    en, flags = run(encoder, en_text, ja_text.replace(drop, "", 1))
    assert _hits(en, flags, english, ("omission",))


@pytest.mark.parametrize("old,new,english,check", [
    ("2019年12月19日", "2019年12月20日", "19 December 2019", "date"),
    ("2019年12月19日", "令和元年12月21日", "19 December 2019", "date"),
    ("東京で", "大阪で", "in Tokyo on", "name"),
    ("推進するために", "推進しないために", "to promote QIST", "negation"),
])
def test_changed_fact_is_flagged_on_the_english_words(encoder, texts, old, new, english, check):
    en_text, ja_text = texts
    assert old in ja_text
    en, flags = run(encoder, en_text, ja_text.replace(old, new, 1))
    hits = [f for f in _hits(en, flags, english) if f.check == check]
    assert hits and hits[0].severity == "major"
