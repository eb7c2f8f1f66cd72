"""The banded search finds what the full DP finds, and embeds only the spans it needs."""
from __future__ import annotations

import numpy as np
import pytest

from bilingual.align.core import SPAN_BUDGET, align, align_vectors

DIM = 48


def unit(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def document(n: int, seed: int, deletions: float = 0.08, merges: float = 0.08):
    """Noisy parallel vectors with deleted sentences on either side and 2-1 / 1-2 merges."""
    rng = np.random.default_rng(seed)
    t = unit(rng.normal(size=(n, DIM)))
    en, ja, le, lj = [], [], [], []
    i = 0
    while i < n:
        r = rng.random()
        length = float(rng.integers(30, 150))
        if r < deletions / 2:
            en.append(t[i]); le.append(length)
        elif r < deletions:
            ja.append(t[i]); lj.append(length / 3)
        elif r < deletions + merges and i + 1 < n:
            l2 = float(rng.integers(30, 150))
            if rng.random() < 0.5:
                en += [t[i], t[i + 1]]; le += [length, l2]
                ja.append(unit(t[i] + t[i + 1])); lj.append((length + l2) / 3)
            else:
                ja += [t[i], t[i + 1]]; lj += [length / 3, l2 / 3]
                en.append(unit(t[i] + t[i + 1])); le.append(length + l2)
            i += 1
        else:
            en.append(t[i]); ja.append(t[i]); le.append(length); lj.append(length / 3)
        i += 1
    en = unit(np.array(en) + 0.12 * rng.normal(size=(len(en), DIM)))
    ja = unit(np.array(ja) + 0.12 * rng.normal(size=(len(ja), DIM)))
    return en, ja, np.array(le), np.array(lj)


def beads_of(res):
    return [(b.en, b.ja) for b in res.beads]


@pytest.mark.parametrize("seed", range(6))
def test_banded_equals_full_dp(seed):
    en, ja, le, lj = document(60 + 10 * seed, seed)
    full = align(en, ja, le, lj, mode="full")
    banded = align(en, ja, le, lj, mode="banded")
    assert full.mode == "full" and banded.mode == "banded"
    assert banded.band_cells < full.band_cells
    assert beads_of(banded) == beads_of(full)


@pytest.mark.parametrize("seed", range(3))
def test_banded_equals_full_dp_with_small_beads(seed):
    en, ja, le, lj = document(80, 100 + seed)
    full = align(en, ja, le, lj, mode="full", max_bead=2)
    banded = align(en, ja, le, lj, mode="banded", max_bead=2)
    assert beads_of(banded) == beads_of(full)


class CountingSpans:
    def __init__(self, en, ja):
        self.vecs = {"en": en, "ja": ja}
        self.calls = []

    def __call__(self, side, spans):
        self.calls.append((side, list(spans)))
        return unit(np.stack([self.vecs[side][a:b].sum(axis=0) for a, b in spans]))


@pytest.mark.parametrize("seed", range(3))
def test_span_embed_is_asked_only_for_needed_spans(seed):
    en, ja, le, lj = document(120, 200 + seed)
    spans = CountingSpans(en, ja)
    res = align(en, ja, le, lj, span_embed=spans)
    sides = [side for side, _ in spans.calls]
    assert len(sides) == len(set(sides)) <= 2  # one batched call per side
    asked = sum(len(s) for _, s in spans.calls)
    assert asked <= SPAN_BUDGET * (len(en) + len(ja))  # texts embedded <= 1.6 x sentences
    for side, ss in spans.calls:
        assert len(ss) == len(set(ss))  # each span once
        assert all(2 <= b - a <= 4 and 0 <= a and b <= len(en if side == "en" else ja) for a, b in ss)
    # every many-sentence bead of the result was scored with an embedded span
    asked_set = {(side, s) for side, ss in spans.calls for s in ss}
    for b in res.beads:
        if len(b.en) > 1:
            assert ("en", (b.en[0], b.en[-1] + 1)) in asked_set
        if len(b.ja) > 1:
            assert ("ja", (b.ja[0], b.ja[-1] + 1)) in asked_set


def test_one_to_one_document_asks_for_few_spans():
    rng = np.random.default_rng(7)
    t = unit(rng.normal(size=(200, DIM)))
    en = unit(t + 0.05 * rng.normal(size=t.shape))
    ja = unit(t + 0.05 * rng.normal(size=t.shape))
    le = rng.integers(30, 150, 200).astype(float)
    spans = CountingSpans(en, ja)
    beads = align_vectors(en, ja, le, le / 3, span_embed=spans)
    assert [(b.en, b.ja) for b in beads] == [((i,), (i,)) for i in range(200)]
    assert sum(len(s) for _, s in spans.calls) < 0.1 * 400


def test_long_document_uses_a_band_and_stays_linear():
    en, ja, le, lj = document(1500, 300)
    res = align(en, ja, le, lj)
    assert res.mode == "banded"
    assert res.band_cells < 60 * (len(en) + 1)  # a band, not the n x m grid
    got = [i for b in res.beads for i in b.en], [j for b in res.beads for j in b.ja]
    assert got == (list(range(len(en))), list(range(len(ja))))


@pytest.mark.parametrize("seed", [0, 1])
def test_band_products_are_the_same_bits_dense_or_gathered(seed, monkeypatch):
    """band_q multiplies a block's rows by all the block's columns where they share most of
    them, and gathers each row's own columns where the band jumps; both give the same bits,
    so the DP's choices cannot depend on which was used."""
    from bilingual.align import scores
    from bilingual.align.dp import Band

    rng = np.random.default_rng(seed)
    n, m, w = 300, 330, 24
    X, Y = unit(rng.normal(size=(n + 1, DIM))), unit(rng.normal(size=(m + 1, DIM)))
    bx, by = rng.random(n + 1) * 0.2, rng.random(m + 1) * 0.2
    lo = np.minimum(np.arange(n + 1), m - w)
    lo[150:] = np.minimum(lo[150:] + 20, m - w)  # a jump inside a block: its columns span > 2 widths
    band = Band(lo, np.minimum(lo + w, m + 1), m)
    runs = {}
    for label, span in (("gathered", 0), ("default", scores.DENSE_SPAN), ("dense", 10**9)):
        monkeypatch.setattr(scores, "DENSE_SPAN", span)
        runs[label] = scores.band_q(X, bx, Y, by, band, 1, 1)
    assert np.isfinite(runs["gathered"]).sum() > n * w // 2
    assert np.array_equal(runs["gathered"], runs["default"])
    assert np.array_equal(runs["gathered"], runs["dense"])
