"""Text cues in the aligner (bilingual.align.anchors): numbers, romanised words, headings, closing marks."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.align.anchors import (
    is_closing,
    is_heading,
    is_sentence,
    number_keys,
    number_marks,
    number_weights,
    popcount,
    romaji_keys_en,
    romaji_keys_ja,
    shared_only,
    span_marks,
    text_cues,
)
from bilingual.align.core import align
from tests.test_align import DIM, check_cover, lens, noisy, pairs, topics, unit


def test_number_keys_normalise_digits():
    assert number_keys("承保元年（1074年）、27歳で参議。") == {"1074", "27"}
    assert number_keys("In 1074, he was 27.") == {"1074", "27"}
    assert number_keys("３，０００人") == number_keys("3,000 people") == {"3000"}
    assert number_keys("2.50 and 007") == {"2.5", "7"}
    assert number_keys("no digits here / 数字なし") == set()


def test_marks_differ_by_number_and_not_by_writing():
    a, b, c = number_marks(["In 1074, aged 27.", "承保元年（１０７４年）、２７歳", "In 1075, aged 27."])
    assert a == b and a != c
    assert popcount(np.array([a]))[0] == 2


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), min_size=0, max_size=12), st.integers(1, 4))
def test_span_marks_are_the_or_of_their_sentences(raw, k):
    marks = np.array(raw, dtype=np.uint64)
    out = span_marks(marks, 4)
    for e in range(k, len(marks) + 1):
        want = 0
        for v in raw[e - k:e]:
            want |= v
        assert int(out[k][e]) == want


def test_popcount_matches_python():
    x = np.array([0, 1, 2**63, 2**64 - 1, 0xF0F0], dtype=np.uint64)
    assert popcount(x).tolist() == [bin(int(v)).count("1") for v in x]
    s, u = shared_only(np.array([0b0111], dtype=np.uint64), np.array([0b1100], dtype=np.uint64))
    assert (s[0], u[0]) == (1, 3)


def test_weights_come_from_the_document():
    true = number_marks([f"year {1000 + k}" for k in range(40)])
    neighbours = np.roll(true, 1)
    shared, only = number_weights(true, true, true, neighbours, nat=0.05)
    assert shared > 0 > only
    # numbers that tell nothing (neighbours share them as often) are worth nothing
    assert number_weights(true, true, true, true, nat=0.05) == (0.0, 0.0)
    nothing = np.zeros(40, dtype=np.uint64)
    assert number_weights(nothing, nothing, nothing, nothing, nat=0.05) == (0.0, 0.0)


def test_numbers_pick_which_of_two_look_alike_sentences_was_dropped():
    # English 10 and 11 say almost the same thing ("In 1074 he became X" / "In 1075 he became Y");
    # the Japanese kept only the second.  The vectors alone cannot tell which one lost its counterpart.
    n = 30
    t = topics(n, 21)
    t[11] = unit(t[10] + 0.05 * topics(1, 22)[0])
    en = noisy(t, 23, noise=0.05)
    en[11] = unit(en[10] + 0.02 * topics(1, 24)[0])
    ja = np.delete(noisy(t, 25, noise=0.05), 11, axis=0)
    ja[10] = unit(0.5 * (en[10] + en[11]))
    le = lens(n, 26)
    lj = np.delete(le, 11) / 3
    years = [1000 + 3 * k for k in range(n)]
    en_text = [f"In {y} something happened." for y in years]
    ja_text = [f"{y}年に何かが起きた。" for y in years]
    del ja_text[10]  # Japanese 10 carries English 11's year
    res = align(en, ja, le, lj, en_cues=text_cues(en_text), ja_cues=text_cues(ja_text))
    check_cover(res.beads, n, n - 1)
    assert res.calibration.num_shared > 0 > res.calibration.num_only
    assert ((10,), ()) in pairs(res.beads) and ((11,), (10,)) in pairs(res.beads)
    # without the numbers the same vectors pair the first of the two look-alikes
    plain = pairs(align(en, ja, le, lj).beads)
    assert ((10,), (10,)) in plain and ((11,), ()) in plain


def test_cues_must_match_the_sentences():
    t = topics(5, 1)
    le = lens(5, 2)
    import pytest

    with pytest.raises(ValueError, match="both sides"):
        align(t, t, le, le, en_cues=text_cues(["1"] * 5))
    with pytest.raises(ValueError, match="every sentence"):
        align(t, t, le, le, en_cues=text_cues(["1"] * 4), ja_cues=text_cues(["1"] * 5))


def test_pipeline_gives_the_aligner_each_sentence_numbers(monkeypatch, fake_encoder):
    from bilingual import pipeline
    from bilingual.align import core

    seen = {}
    real = core.align

    def spy(*args, **kwargs):
        seen.update(kwargs)
        result = real(*args, **kwargs)
        result.members_split = 3  # what the stats report, whatever the words said
        return result

    monkeypatch.setattr(core, "align", spy)
    en = pipeline.as_document(["In 1074 he became Sangi.", "No number here."], "en", is_presplit=True)
    ja = pipeline.as_document(["1074年、参議となる。", "数字なし。"], "ja", is_presplit=True)
    stats = {}
    pipeline.align_documents(en, ja, fake_encoder, stats=stats)
    assert stats["second_opinion"] == 3 and stats["sentences"] == 4
    assert {"embed", "align", "texts_embedded"} <= set(stats)
    assert seen["en_cues"].numbers.tolist() == number_marks(en.texts).tolist()
    assert seen["ja_cues"].numbers[0] == seen["en_cues"].numbers[0] != 0 and seen["ja_cues"].numbers[1] == 0
    assert seen["en_cues"].romaji is not None and seen["ja_cues"].romaji is not None
    # and the words' second opinion on one-to-many beads (bilingual.align.members)
    assert seen["member_evidence"]([(0, 0)], [("ja", 0, (0,))])[0] is not None


def test_headings_are_words_without_final_punctuation():
    for text in ("Summary", "漁業", "Makoto KONDO", "Hojo (Abbot's quarters)", "■普通", "1865: Became Tairo"):
        assert is_heading(text), text
    for text in ("It was cut.", "全ての列車が停車する。", "'", "）.", "Nie mehr !", "schauen ! )", "「そうか。」",
                 "He said “yes.”", "Ouverture :", "", "Although some were more competent than others,",
                 "京都に移り、", "journée a "):  # the last three: pieces of a sentence (is_fragment)
        assert not is_heading(text), text


def _length_weighted(en, ja, le, lj):
    """A span embedder that sums the sentence vectors weighted by their lengths, as an encoder weighs
    a short unit lightly in a joined text."""

    def span_embed(side, spans):
        vecs, ln = (en, le) if side == "en" else (ja, lj)
        return unit(np.stack([(vecs[a:b] * ln[a:b, None]).sum(axis=0) for a, b in spans]))

    return span_embed


def test_a_heading_whose_counterpart_was_deleted_stays_unaligned():
    # Japanese "heading, sentence" where the English kept only the sentence: the heading's vector
    # is unrelated to the English, and joining the sentence's bead would cost it almost nothing.
    n = 30
    t = topics(n, 31)
    en = noisy(t, 32)
    ja = np.vstack([noisy(t[:12], 33), topics(1, 34), noisy(t[12:], 35)])
    le = lens(n, 36)
    lj = np.insert(le / 3, 12, 2.0)  # two characters, like 特徴 or 概要

    span_embed = _length_weighted(en, ja, le, lj)  # an encoder weighs a two-character heading lightly

    def run(ja_text=None):
        cues = {} if ja_text is None else {"en_cues": text_cues(["A sentence."] * n), "ja_cues": text_cues(ja_text)}
        beads = align(en, ja, le, lj, span_embed=span_embed, **cues).beads
        check_cover(beads, n, n + 1)
        return pairs(beads)

    ja_text = ["文である。"] * 12 + ["概要"] + ["文である。"] * (n - 12)
    assert ((12,), (12, 13)) in run()  # without cues the heading joins its neighbour's bead
    cued = run(ja_text)
    assert ((), (12,)) in cued and ((12,), (13,)) in cued
    # the same short unit with final punctuation (a fragment of a sentence) still joins
    ja_text[12] = "概要。"
    assert ((12,), (12, 13)) in run(ja_text)


def test_sentences_are_words_with_final_punctuation():
    for text in ("It was cut.", "全ての列車が停車する。", "「そうか。」", "Nie mehr !", "Ouverture :"):
        assert is_sentence(text), text
    for text in ("Summary", "漁業", "'", "）.", "141", ""):
        assert not is_sentence(text), text


def test_a_heading_about_its_section_does_not_join_a_sentence_bead():
    # 漁業 ("fishing") before the section's first sentence, whose English kept only the sentence
    # ("This area used to be a rich fishing ground"): the heading's vector leans towards the
    # sentence, so how unrelated it looks charges it little; joining a sentence's bead is what a
    # title does not do, whatever it is about.  Facing an English title cut into lines another way
    # (the bead's other unit is a heading too), it is charged as far as it looks unrelated.
    n = 30
    t = topics(n, 51)
    en = noisy(t, 52)
    ja = np.vstack([noisy(t[:12], 53), unit(topics(1, 54)[0] + 0.8 * t[12])[None], noisy(t[12:], 55)])
    le = lens(n, 56)
    lj = np.insert(le / 3, 12, 2.0)

    span_embed = _length_weighted(en, ja, le, lj)

    def run(en_text):
        ja_text = ["文である。"] * 12 + ["漁業"] + ["文である。"] * (n - 12)
        beads = align(en, ja, le, lj, span_embed=span_embed, en_cues=text_cues(en_text), ja_cues=text_cues(ja_text)).beads
        check_cover(beads, n, n + 1)
        return pairs(beads)

    cued = run(["A sentence."] * n)
    assert ((), (12,)) in cued and ((12,), (13,)) in cued
    assert ((12,), (12, 13)) in run(["A sentence."] * 12 + ["A title"] + ["A sentence."] * (n - 13))
    # a piece of a sentence cut at a comma is no title: it joins its sentence's bead
    ja_fragment = ["文である。"] * 12 + ["漁業では、"] + ["文である。"] * (n - 12)
    beads = align(en, ja, le, lj, span_embed=span_embed, en_cues=text_cues(["A sentence."] * n), ja_cues=text_cues(ja_fragment)).beads
    assert ((12,), (12, 13)) in pairs(beads)


def test_closing_marks():
    for text in ("'", ")", "）.", "」", " ' ", "。"):
        assert is_closing(text), text
    for text in ("(", "「", "", "Summary", "') and more", "«"):
        assert not is_closing(text), text


@pytest.mark.parametrize("mark_len", [1.0, 5.0])
def test_a_closing_mark_joins_the_bead_it_closes(mark_len):
    # English "This is called 'namasu." + "'" + "Namasu is ...": the lone quote carries no content;
    # its vector happens to lean towards the next sentence, which alone would pull it forward.
    # Counted as 5 characters (spaces, a stray letter of markup) it pulls by more than ``tie``,
    # the cost of the first version, which let it join the next sentence then.
    n = 30
    t = topics(n, 41)
    en = np.vstack([noisy(t[:12], 42), unit(topics(1, 43)[0] + 0.5 * t[12])[None], noisy(t[12:], 44)])
    ja = noisy(t, 45)
    le = np.insert(lens(n, 46), 12, mark_len)
    lj = lens(n, 46) / 3
    en_text = ["A sentence."] * 12 + ["'"] + ["A sentence."] * (n - 12)
    ja_text = ["文である。"] * n

    def run(**cues):
        beads = align(en, ja, le, lj, **cues).beads
        check_cover(beads, n + 1, n)
        return pairs(beads)

    assert ((12, 13), (12,)) in run()
    for closer in ("'", ")", "」"):
        en_text[12] = closer
        cued = run(en_cues=text_cues(en_text), ja_cues=text_cues(ja_text))
        assert ((11, 12), (11,)) in cued and ((13,), (12,)) in cued, closer
    en_text[12] = "("  # an opening mark is left where its vector puts it
    assert ((12, 13), (12,)) in run(en_cues=text_cues(en_text), ja_cues=text_cues(ja_text))


def test_romaji_keys_meet_across_languages():
    pairs_ = [("Hira-zukuri (sashimi cut in large slices)", "平作り"),
              ("a high-ranking retainer (hatamoto yoriaiseki)", "広義の旗本寄合席に含まれる。"),
              ("Arai (slices of fresh raw fish chilled in icy water)", "洗い"),
              ("Kyoto Prefecture", "京都府")]
    for en_text, ja_text in pairs_:
        assert romaji_keys_en(en_text) & romaji_keys_ja(ja_text), (en_text, ja_text)
    # English words that cannot be read as romaji, short keys and numerals give no keys
    assert romaji_keys_en("The strength of fresh slices chilled in water") == set()
    assert romaji_keys_ja("100人が来た。") == set()
    assert romaji_keys_ja("") == set() and romaji_keys_en("") == set()


def test_romaji_marks_are_wide_and_ignored_for_other_languages():
    cues = text_cues(["Hira-zukuri", "nothing"], "en")
    assert cues.romaji.shape == (2, 4) and popcount(cues.romaji[0]).sum() >= 1 and popcount(cues.romaji[1]).sum() == 0
    assert text_cues(["Hira-zukuri"]).romaji is None and text_cues(["平作り"], "fr").romaji is None


def test_romaji_keys_pick_the_right_list_item():
    # a list of dishes: "Arai (...)" / 洗い, "Hira-zukuri (...)" / 平作り ...; the English glosses all talk
    # about slicing fish, so the vectors of neighbouring items are close; the Japanese dropped one item
    names = ["Arai", "Hira-zukuri", "Usu-zukuri", "Ike-zukuri", "Kawashimo-zukuri", "Tataki",
             "Segoshi-zukuri", "Konbujime", "Hoso-zukuri", "Kaku-zukuri"]
    ja_names = ["洗い", "平作り", "薄作り", "生け作り", "皮霜作り", "たたき", "背越し作り", "昆布じめ", "細作り", "角作り"]
    n_before = 12
    t = topics(n_before + 8, 51)
    items = unit(topics(1, 52)[0] + 0.7 * topics(len(names), 53))  # one topic, small differences
    tv = np.vstack([t[:n_before], items, t[n_before:]])
    n = len(tv)
    en = noisy(tv, 54)
    drop = n_before + 4  # Kawashimo-zukuri / 皮霜作り
    ja = np.delete(noisy(tv, 55), drop, axis=0)
    le = lens(n, 56)
    le[n_before:n_before + len(names)] = 40.0
    lj = np.delete(le / 3, drop)
    en_text = ["A sentence."] * n_before + [f"{x} (a way to serve raw fish)" for x in names] + ["A sentence."] * 8
    ja_text = ["文である。"] * n_before + ja_names + ["文である。"] * 8
    del ja_text[drop]

    def right(got):
        return ((drop,), ()) in got and all(((i,), (i - (i > drop),)) in got
                                            for i in range(n_before, n_before + len(names)) if i != drop)

    res = align(en, ja, le, lj, en_cues=text_cues(en_text, "en"), ja_cues=text_cues(ja_text, "ja"))
    check_cover(res.beads, n, n - 1)
    assert res.calibration.rom_shared > 0
    assert right(pairs(res.beads))
    assert not right(pairs(align(en, ja, le, lj).beads))  # the vectors alone get this list wrong


def test_cues_from_the_forked_worker_give_the_same_alignment(monkeypatch, fake_encoder):
    import multiprocessing as mp

    from bilingual import pipeline

    if "fork" not in mp.get_all_start_methods():
        import pytest

        pytest.skip("no fork on this platform")
    en = pipeline.as_document([f"In {1000 + k} the temple {k} was built in Hira-zukuri style." for k in range(30)],
                              "en", is_presplit=True)
    ja = pipeline.as_document([f"{1000 + k}年、平作りの寺{k}が建てられた。" for k in range(30)], "ja", is_presplit=True)
    monkeypatch.setattr(pipeline, "CUES_FORK_MIN", 10**9)
    inline, _, _ = pipeline.align_documents(en, ja, fake_encoder)
    monkeypatch.setattr(pipeline, "CUES_FORK_MIN", 0)
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    from bilingual.align import anchors

    calls = []
    real = anchors.text_cues

    def spy(*args):
        calls.append(1)  # in the worker this appends to the worker's copy of the list
        return real(*args)

    monkeypatch.setattr(anchors, "text_cues", spy)
    forked, _, _ = pipeline.align_documents(en, ja, fake_encoder)
    assert forked.beads == inline.beads
    assert not calls  # the parent did not compute the cues itself


def test_cues_split_a_bead_whose_sentences_match_only_pairwise():
    # two list items a side whose vectors are all alike: the vectors cannot say which goes with which,
    # so nothing splits the 2x2 bead; the romanised names pair them off, and the bead falls apart
    from bilingual.align.calibrate import Calibration
    from bilingual.align.dp import full_band
    from bilingual.align.scores import SideSpans, bead_scores, bead_types

    v = unit(np.ones((2, DIM)))
    other = topics(8, 71)
    lens_ = np.array([30.0, 30.0])
    cal = Calibration(threshold=0.0, spread=0.1, tie=0.01, len_ratio=1.0, len_var=1.0, nat=0.05,
                      random_spread=0.1, rom_shared=0.05, rom_only=-0.01)
    types = bead_types(2)
    t22 = types.index((2, 2))

    def score(en_cues, ja_cues):
        en = SideSpans(v, lens_, 2, other, en_cues)
        ja = SideSpans(v, lens_, 2, other, ja_cues)
        return bead_scores(en, ja, types, full_band(2, 2), cal)[t22, 2, 2]

    assert np.isfinite(score(None, None))
    en_cues = text_cues(["Arai (a way to serve raw fish)", "Tataki (a way to serve raw fish)"], "en")
    ja_cues = text_cues(["洗い", "たたき"], "ja")
    assert score(en_cues, ja_cues) == -np.inf
    # names that do not pair off (the same on both items) leave the bead whole
    assert np.isfinite(score(text_cues(["Arai", "Arai"], "en"), text_cues(["洗い", "洗い"], "ja")))
