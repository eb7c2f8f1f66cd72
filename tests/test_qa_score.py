"""score_pairs: risk in [0, 1], flags per row, and omissions scored riskier than their fix."""
from __future__ import annotations


import pytest

from bilingual.analyze import score_pairs
from bilingual.analyze.qa import FEATURES, MEAN, SCALE, WEIGHTS
from bilingual.embed import get_encoder


@pytest.fixture(scope="module")
def encoder():
    return get_encoder("use")


def test_constants_match_features():
    assert len(MEAN) == len(SCALE) == len(WEIGHTS) == len(FEATURES)


# Hand-made twins (not from the eval set): the first English drops the year and the name.
TWINS = [
    ("西澗子曇は文永8年（1271年）から8年間日本に滞在し、鎌倉の禅僧と親しかった。",
     "Having stayed in Japan for eight years, he knew many Zen monks.",
     "Seikan Shidon stayed in Japan for eight years from 1271 and knew many Zen monks in Kamakura."),
    ("入場料は大人（中学生以上）1,800円である。",
     "Entrance fee: adults, yen.",
     "Entrance fee: adults (junior high school age and over), 1,800 yen."),
]


def test_omission_scored_riskier_than_fixed(encoder):
    pairs = [(ja, bad) for ja, bad, _ in TWINS] + [(ja, good) for ja, _, good in TWINS]
    out = score_pairs(pairs, source_lang="ja", encoder=encoder)
    assert len(out) == len(pairs)
    for s, flags in out:
        assert 0.0 <= s <= 1.0
    n = len(TWINS)
    for i in range(n):
        assert out[i][0] > out[n + i][0]
    # the dropped number is flagged on the source row, with its own text
    first_flags = out[0][1]
    assert any(f.check == "number" and f.side == "source" and f.segment == 0 and "(1271)" in f.message for f in first_flags)
    assert all(f.segment == 1 for f in out[1][1])


def test_flags_point_into_their_row(encoder):
    src, tgt = "Signed in Tokyo on 19 December 2019.", "2019年12月20日に大阪で署名した。"
    ((score, flags),) = score_pairs([(src, tgt)], source_lang="en", encoder=encoder)
    assert {f.check for f in flags} >= {"date", "name"}
    for f in flags:
        assert (src if f.side == "source" else tgt)[f.start:f.end] == f.text


def test_empty_and_bad_language(encoder):
    assert score_pairs([], encoder=encoder) == []
    with pytest.raises(ValueError):
        score_pairs([("a", "b")], source_lang="fr", encoder=encoder)


@pytest.mark.parametrize("source_lang", ["ja", "en"])
def test_an_empty_side_is_a_whole_omission_or_addition(encoder, source_lang):
    ja, en = "東京で会議が開かれた。", "A meeting was held in Tokyo."
    src, tgt = (ja, en) if source_lang == "ja" else (en, ja)
    out = score_pairs([(src, "  "), (" ", tgt), ("", ""), (src, tgt)], source_lang=source_lang, encoder=encoder)
    (s0, f0), (s1, f1), (s2, f2), (s3, _) = out
    assert s0 == 1.0 and [(f.kind, f.severity, f.side, f.segment, f.text) for f in f0] == [("omission", "major", "source", 0, src)]
    assert s1 == 1.0 and [(f.kind, f.severity, f.side, f.segment, f.text) for f in f1] == [("addition", "major", "target", 1, tgt)]
    assert f1[0].start == 0 and f1[0].end == len(tgt)
    assert s2 == 0.0 and f2 == []
    assert s3 < 1.0  # the other rows are scored as before
    alone = score_pairs([(src, tgt)], source_lang=source_lang, encoder=encoder)[0]
    assert out[3][0] == pytest.approx(alone[0], abs=1e-6) and out[3][1] == alone[1]


def test_pairs_are_embedded_in_few_batched_calls(encoder):
    """Throughput comes from batching (speed itself is measured by scripts, not tests)."""
    calls = []
    real = encoder.embed

    def counting(texts, *args, **kwargs):
        calls.append(len(texts))
        return real(texts, *args, **kwargs)

    pairs = [(f"会議は{i}回目である。", f"This is meeting number {i}.") for i in range(100)]
    encoder.embed = counting
    try:
        score_pairs(pairs, encoder=encoder)
    finally:
        del encoder.embed
    assert sum(calls) >= 200 and len(calls) <= 4  # every text, in a handful of calls, not one per pair


def test_kanji_share_weighs_words_by_their_kanji_not_their_kana():
    from bilingual.analyze import lexcov, qa

    ja = "寺院を焼き払わせた。"
    units = [lexcov.Unit(0, 2, 2.0, 1.0, "dict"), lexcov.Unit(3, 8, 5.0, 0.0, "")]  # 寺院 covered, 焼き払わせ not
    assert qa._kanji_share(units, ja) == 2 / 4  # 焼 and 払: two kanji of four, not 5 chars of 7
    assert qa._kanji_share([], ja) == 0.0


def test_worker_process_gives_the_same_scores_and_flags(encoder, monkeypatch):
    """From PARALLEL_MIN_PAIRS pairs the lexical work runs in a forked worker: same result."""
    from bilingual.analyze import qa

    pairs = [(ja, en) for ja, bad, good in TWINS for en in (bad, good)] + [
        ("2019年12月20日に大阪で署名した。", "Signed in Tokyo on 19 December 2019.")]
    monkeypatch.setattr(qa, "PARALLEL_MIN_PAIRS", 10**6)
    here = score_pairs(pairs, encoder=encoder)
    monkeypatch.setattr(qa, "PARALLEL_MIN_PAIRS", 1)
    from bilingual import _parallel

    calls = []
    real = _parallel.ProcessPoolExecutor
    monkeypatch.setattr(_parallel, "ProcessPoolExecutor", lambda *a, **k: calls.append(1) or real(*a, **k))
    forked = score_pairs(pairs, encoder=encoder)
    import multiprocessing
    import os

    if "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1:
        assert calls == [1]
    assert forked == here
