"""The embedding aligner on hand-made vectors: no model needed."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.align.core import align, align_vectors
from bilingual.types import Bead

DIM = 64


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def topics(n: int, seed: int) -> np.ndarray:
    return unit(np.random.default_rng(seed).normal(size=(n, DIM)))


def noisy(v: np.ndarray, seed: int, noise: float = 0.15) -> np.ndarray:
    return unit(v + noise * np.random.default_rng(seed).normal(size=v.shape) / np.sqrt(DIM) * 4)


def lens(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(40, 120, n).astype(float)


def pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.en, b.ja) for b in beads]


def check_cover(beads: list[Bead], n: int, m: int) -> None:
    assert [i for b in beads for i in b.en] == list(range(n))
    assert [j for b in beads for j in b.ja] == list(range(m))
    assert all(b.en or b.ja for b in beads)


def test_identity_is_one_to_one():
    t = topics(20, 1)
    le = lens(20, 2)
    beads = align_vectors(noisy(t, 3), noisy(t, 4), le, le / 3)
    assert pairs(beads) == [((i,), (i,)) for i in range(20)]
    assert all(b.score > 0.3 for b in beads)


def test_two_to_one_merge_with_span_embedding():
    # English sentences 5 and 6 say together what Japanese sentence 5 says
    t = topics(15, 7)
    en = noisy(t, 8)
    en_extra = noisy(topics(1, 9), 10)
    en = np.vstack([en[:6], en_extra, en[6:]])  # en 6 is half of ja 5's content
    ja_t = t.copy()
    ja_t[5] = unit(t[5] + topics(1, 9)[0])
    ja = noisy(ja_t, 11)
    le = lens(16, 12)
    lj = np.delete(le, 6) / 3
    lj[5] = (le[5] + le[6]) / 3

    def span_embed(side, spans):
        vecs = en if side == "en" else ja
        return unit(np.stack([vecs[a:b].sum(axis=0) for a, b in spans]))

    beads = align_vectors(en, ja, le, lj, span_embed=span_embed)
    check_cover(beads, 16, 15)
    assert ((5, 6), (5,)) in pairs(beads)
    assert sum(1 for b in beads if len(b.en) == 1 and len(b.ja) == 1) == 14


def test_deleted_sentence_gives_null_bead():
    t = topics(25, 13)
    le = lens(25, 14)
    en = noisy(t, 15)
    ja = np.delete(noisy(t, 16), 10, axis=0)
    beads = align_vectors(en, ja, le, np.delete(le, 10) / 3)
    check_cover(beads, 25, 24)
    assert ((10,), ()) in pairs(beads)
    assert sum(1 for b in beads if not b.ja or not b.en) == 1
    null = [b for b in beads if not b.ja][0]
    assert null.score == 0.0


def test_inserted_japanese_sentence_gives_null_bead():
    t = topics(25, 17)
    le = lens(25, 18)
    ja = np.insert(noisy(t, 19), 4, noisy(topics(1, 20), 21)[0], axis=0)
    lj = np.insert(le / 3, 4, 30.0)
    beads = align_vectors(noisy(t, 22), ja, le, lj)
    assert ((), (4,)) in pairs(beads)
    check_cover(beads, 25, 26)


@pytest.mark.parametrize("n, m", [(0, 0), (0, 3), (3, 0)])
def test_empty_side_gives_only_null_beads(n, m):
    beads = align_vectors(np.zeros((n, DIM)), np.zeros((m, DIM)), np.ones(n), np.ones(m))
    check_cover(beads, n, m)
    assert all(b.score == 0.0 for b in beads)


def test_lengths_must_match_vectors():
    with pytest.raises(ValueError):
        align_vectors(topics(3, 1), topics(3, 2), np.ones(2), np.ones(3))


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 14), m=st.integers(1, 14), seed=st.integers(0, 10_000), max_bead=st.integers(1, 4))
def test_every_sentence_once_in_order(n, m, seed, max_bead):
    rng = np.random.default_rng(seed)
    en, ja = unit(rng.normal(size=(n, DIM))), unit(rng.normal(size=(m, DIM)))
    le, lj = rng.integers(1, 200, n).astype(float), rng.integers(1, 80, m).astype(float)

    def span_embed(side, spans):
        vecs = en if side == "en" else ja
        return unit(np.stack([vecs[a:b].sum(axis=0) + 0.1 for a, b in spans]))

    for fn in (None, span_embed):
        beads = align_vectors(en, ja, le, lj, max_bead=max_bead, span_embed=fn)
        check_cover(beads, n, m)
        assert all(len(b.en) <= max_bead and len(b.ja) <= max_bead for b in beads)
        assert all(np.isfinite(b.score) for b in beads)


def test_max_bead_one_allows_only_one_to_one_and_nulls():
    t = topics(12, 30)
    ja_t = np.vstack([unit(t[0] + t[1]), t[2:]])
    beads = align_vectors(noisy(t, 31), noisy(ja_t, 32), lens(12, 33), lens(11, 34) / 3, max_bead=1)
    check_cover(beads, 12, 11)
    assert all(len(b.en) <= 1 and len(b.ja) <= 1 for b in beads)


def test_reordered_block_is_one_bead_with_a_note():
    # en: ... name, title ; ja: ... title, name  (the signature block of a statement)
    t = topics(12, 40)
    en = noisy(t, 41)
    order = list(range(10)) + [11, 10]
    ja = noisy(t[order], 42)
    le = lens(12, 43)
    lj = le[order] / 3

    def span_embed(side, spans):
        vecs = en if side == "en" else ja
        return unit(np.stack([vecs[a:b].sum(axis=0) for a, b in spans]))

    beads = align_vectors(en, ja, le, lj, span_embed=span_embed)
    check_cover(beads, 12, 12)
    block = [b for b in beads if b.en == (10, 11)]
    assert block and block[0].ja == (10, 11) and block[0].note == "reordered"
    assert all(b.note == "" for b in beads if b is not block[0])


def test_progress_is_reported_to_the_end():
    seen = []
    t = topics(30, 50)
    align_vectors(noisy(t, 51), noisy(t, 52), lens(30, 53), lens(30, 54), progress=lambda d, tot: seen.append((d, tot)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert all(a <= b for (a, _), (b, _) in zip(seen, seen[1:]))


def test_align_reports_its_calibration():
    t = topics(20, 60)
    res = align(noisy(t, 61), noisy(t, 62), lens(20, 63), lens(20, 64) / 2)
    cal = res.calibration
    assert res.mode == "full"
    assert cal.spread > 0 and cal.len_var >= 1.0
    assert 1.5 < cal.len_ratio < 3.0  # estimated from the document: English ~2x Japanese here


@pytest.mark.parametrize("n, m", [(1, 1), (1, 3), (2, 1), (3, 1), (1, 0), (0, 2)])
@pytest.mark.parametrize("max_bead", [1, 4, 6])
def test_tiny_documents_do_not_crash(n, m, max_bead):
    # max_bead larger than either side once crashed in the span-length lookup
    t = topics(max(n, m, 1), 70)
    en, ja = noisy(t[:n], 71).reshape(n, DIM), noisy(t[:m], 72).reshape(m, DIM)

    def span_embed(side, spans):
        vecs = en if side == "en" else ja
        return unit(np.stack([vecs[a:b].sum(axis=0) for a, b in spans]))

    for fn in (None, span_embed):
        beads = align_vectors(en, ja, lens(n, 73), lens(m, 74) / 3, max_bead=max_bead, span_embed=fn)
        check_cover(beads, n, m)
        if n == m == 1:
            assert pairs(beads) == [((0,), (0,))]


def test_two_by_two_bead_only_when_its_content_crosses():
    # the 1-1 q matrix of a 2-2 bead: pairs that match only along the diagonal are two beads;
    # a reordered pair (name/title) or a sentence split across the boundary keeps the bead
    from bilingual.align.dp import full_band
    from bilingual.align.scores import core_q, splittable

    band = full_band(2, 2)

    def split(block):
        q = np.full((3, 3), -np.inf)
        q[1:, 1:] = block
        return bool(splittable(core_q(q, band, 2, 2), band, 2, 2)[2, 2])

    assert split([[0.14, 0.05], [0.01, 0.13]])  # "Ascended." / "630" against "即位。" / "舒明天皇2年（630年）"
    assert not split([[-0.08, 0.53], [0.63, -0.11]])  # reordered
    assert not split([[0.34, -0.05], [0.26, 0.22]])  # the second English sentence shares both
