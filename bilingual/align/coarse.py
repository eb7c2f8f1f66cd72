"""First pass: a 1-1 / 1-0 / 0-1 path, recursive on long documents (Vecalign's scheme).

Above ``DENSE_CELLS`` states, both sides are halved (consecutive sentence
vectors summed, the mean removed, renormalised), aligned recursively, and the
coarse path, doubled, gives the band for this level.  Each level is a banded DP
of width ``COARSE_WIDTH`` around the doubled path, so the cost is linear.
"""
from __future__ import annotations

import numpy as np

from .calibrate import baselines, random_pair_q, sample_rows
from .dp import Band, band_around, forward, full_band, traceback
from .scores import band_q

DENSE_CELLS = 400 * 400  # a full 1-1 DP up to this many states (about 0.1 s)
COARSE_WIDTH = 8  # half-width of the band around a doubled coarse path: two coarse steps either way plus slack

TYPES11 = [(1, 1), (1, 0), (0, 1)]


def halve(v: np.ndarray) -> np.ndarray:
    n = len(v)
    h = v[0 : n - n % 2 : 2] + v[1 : n - n % 2 : 2]
    if n % 2:
        h = np.vstack([h, v[-1:]])
    h = h - h.mean(axis=0)
    norms = np.linalg.norm(h, axis=1, keepdims=True)
    return h / np.where(norms == 0, 1.0, norms)


def path_states(beads: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    return [(0, 0)] + [(i1, j1) for _, i1, _, j1 in beads]


def one_to_one(en: np.ndarray, ja: np.ndarray, band: Band, rng: np.random.Generator, progress=None):
    """Best 1-1/1-0/0-1 path in the band; non-null beads pay the equal-error threshold."""
    be = baselines(en, ja[sample_rows(len(ja), rng)])
    bj = baselines(ja, en[sample_rows(len(en), rng)])
    ends_e = np.vstack([np.zeros((1, en.shape[1])), en])  # row i = sentence i-1 (span ending at i)
    ends_j = np.vstack([np.zeros((1, ja.shape[1])), ja])
    q = band_q(ends_e, np.concatenate([[0.0], be]), ends_j, np.concatenate([[0.0], bj]), band, 1, 1)
    if band.width > band.m:  # full grid: a pair may be true when either side is the other's best match
        best_y = np.argmax(np.where(np.isfinite(q[1:, 1:]), q[1:, 1:], -np.inf), axis=1)
        best_x = np.argmax(np.where(np.isfinite(q[1:, 1:]), q[1:, 1:], -np.inf), axis=0)
        exclude = lambda x, y: (best_y[x] == y) | (best_x[y] == x)  # noqa: E731
    else:  # banded: pairs inside the band may be true
        exclude = lambda x, y: (y + 1 >= band.lo[x + 1]) & (y + 1 < band.hi[x + 1])  # noqa: E731
    t = float(np.median(random_pair_q(en, ja, be, bj, rng, exclude=exclude)))
    S = np.stack([q - t, np.zeros_like(q), np.zeros_like(q)])
    cols = band.lo[:, None] + np.arange(band.width)[None, :]
    inside = cols < band.hi[:, None]
    S[1] = np.where(inside & (np.arange(band.n + 1)[:, None] >= 1), 0.0, -np.inf)
    S[2] = np.where(inside & (cols >= 1), 0.0, -np.inf)
    D, bp = forward(S, TYPES11, band, progress)
    return traceback(bp, TYPES11, band)


def coarse_path(en: np.ndarray, ja: np.ndarray, rng: np.random.Generator, progress=None) -> list[tuple[int, int]]:
    """States of a 1-1/1-0/0-1 path from (0, 0) to (n, m)."""
    n, m = len(en), len(ja)
    if (n + 1) * (m + 1) <= DENSE_CELLS or n < 4 or m < 4:
        band = full_band(n, m)
    else:
        small = coarse_path(halve(en), halve(ja), rng)
        doubled = [(min(2 * i, n), min(2 * j, m)) for i, j in small]
        if doubled[-1] != (n, m):
            doubled.append((n, m))
        band = band_around(doubled, n, m, np.full(n + 1, COARSE_WIDTH))
    return path_states(one_to_one(en, ja, band, rng, progress))
