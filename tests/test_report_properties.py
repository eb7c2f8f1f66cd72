"""Property: whatever the text, every flag's span lies inside its segment and matches its text."""
from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bilingual.report import build_report
from tests.conftest import FakeEncoder

EN_WORDS = st.sampled_from(
    ["the", "committee", "approved", "5", "million", "yen", "in", "Tokyo", "on", "3", "April", "2024", "not",
     "may", "including", "but", "limited", "to", "such", "as", "(QIST)", "Mr.", "Hill", ",", ";", "and", "😀"]
)
JA_WORDS = st.sampled_from(
    ["委員会", "は", "2024年4月3日", "に", "東京", "で", "500万円", "の", "予算", "を", "承認した", "、", "。",
     "を含む", "しない", "（量子）", "松尾", "泰樹", "及び", "や", "ｶﾀｶﾅ", "ＡＢＣ", "\n"]
)


def _text(words, sep):
    return st.lists(st.lists(words, min_size=1, max_size=12).map(sep.join), min_size=1, max_size=5).map(
        lambda sents: "\n".join(s if s.strip() else "x" for s in sents)
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(en=_text(EN_WORDS, " "), ja=_text(JA_WORDS, ""), source=st.sampled_from(["en", "ja"]))
def test_flags_stay_inside_their_segments(en, ja, source):
    # a side made only of page numbers or punctuation has nothing to align (exit 2, tested elsewhere)
    assume(any(c.isalpha() for c in en) and any(c.isalpha() for c in ja))
    rep = build_report(en, ja, source=source, encoder=FakeEncoder())
    sides = {"source": rep.source, "target": rep.target}
    for f in rep.flags:
        seg = sides[f.side].segments[f.segment]
        assert 0 <= f.start <= f.end <= len(seg.text)
        assert seg.text[f.start : f.end] == f.text
    covered_src = sorted(i for p in rep.alignment for i in p.source)
    covered_tgt = sorted(i for p in rep.alignment for i in p.target)
    assert covered_src == list(range(len(rep.source.segments)))
    assert covered_tgt == list(range(len(rep.target.segments)))
