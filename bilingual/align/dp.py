"""Banded dynamic programming over bead types, vectorised over each row of the band.

A DP state ``(i, j)`` means "``i`` English and ``j`` Japanese sentences consumed".
Row ``i`` of the band holds the states ``j`` in ``[lo[i], hi[i])``, stored at
column ``j - lo[i]`` of a ``(n+1, W)`` array.  The full DP is the band with
``lo = 0, hi = m+1``, so the same code serves both (and tests can compare them).

A bead type ``(a, b)`` takes ``a`` English and ``b`` Japanese sentences; its
score for the bead that *ends* at state ``(i, j)`` is ``S[t, i, j - lo[i]]``
(``-inf`` where not allowed).  ``(0, 1)`` moves inside one row and is solved with
a running maximum instead of a Python loop.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

NEG = -np.inf


@dataclass(frozen=True)
class Band:
    lo: np.ndarray  # (n+1,) first state column of each row
    hi: np.ndarray  # (n+1,) one past the last
    m: int

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @property
    def width(self) -> int:
        return int((self.hi - self.lo).max())

    def cols(self, i: int) -> np.ndarray:
        return self.lo[i] + np.arange(self.width)

    def cells(self) -> int:
        return int((self.hi - self.lo).sum())


def full_band(n: int, m: int) -> Band:
    return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64), m)


def band_around(path: list[tuple[int, int]], n: int, m: int, widths: np.ndarray) -> Band:
    """States within ``widths[i]`` columns of the path's states in row ``i``.

    ``path`` lists the states of a monotone path from (0, 0) to (n, m); rows the
    path jumps over get the columns between the two states around them.
    """
    pmin = np.full(n + 1, m + 1, dtype=np.int64)
    pmax = np.full(n + 1, -1, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(path, path[1:]):
        for i in range(i0, i1 + 1):
            pmin[i] = min(pmin[i], j0)
            pmax[i] = max(pmax[i], j1)
    i_last, j_last = path[-1]
    pmin[i_last] = min(pmin[i_last], j_last)
    pmax[i_last] = max(pmax[i_last], j_last)
    lo = np.clip(pmin - widths, 0, m)
    hi = np.clip(pmax + widths + 1, 1, m + 1)
    return Band(lo, hi, m)


def forward(S: np.ndarray, types: list[tuple[int, int]], band: Band, progress: Callable | None = None):
    """Best score of a path from (0, 0) to every state, and the bead type that reaches it."""
    n, W = band.n, band.width
    D = np.full((n + 1, W + 1), NEG)  # column W stays -inf: where out-of-band lookups point
    bp = np.full((n + 1, W), -1, dtype=np.int8)
    width = band.hi - band.lo
    groups = _groups(types)
    ar = np.arange(W)
    t01 = types.index((0, 1)) if (0, 1) in types else None
    for i in range(n + 1):
        X = np.full(W, NEG)
        arg = np.full(W, -1, dtype=np.int8)
        if i == 0:
            X[0 - band.lo[0]] = 0.0
        for a, ts, bs in groups:
            if a == 0 or i < a:
                continue
            p = i - a
            cols = band.lo[i] + ar[None, :] - bs[:, None] - band.lo[p]
            cols[(cols < 0) | (cols >= width[p])] = W
            cand = D[p, cols] + S[ts, i]
            k = cand.argmax(axis=0)
            best = cand[k, ar]
            better = best > X
            X = np.where(better, best, X)
            arg = np.where(better, ts[k], arg)
        if t01 is not None:
            X[band.hi[i] - band.lo[i]:] = NEG
            s = np.where(np.isfinite(S[t01, i]), S[t01, i], 0.0)
            off = np.concatenate([[0.0], np.cumsum(s[1:])])  # null beads may score != 0
            shifted = X - off
            best = np.maximum.accumulate(shifted)
            moved = best > shifted  # compare before adding back: no rounding in the test
            run = np.where(moved, best + off, X)
            arg = np.where(moved, t01, arg)
            X = run
        X[band.hi[i] - band.lo[i]:] = NEG
        D[i, :W] = X
        bp[i] = arg
        if progress and i % 512 == 0:
            progress(i, n)
    return D[:, :W], bp


def backward(S: np.ndarray, types: list[tuple[int, int]], band: Band):
    """Best score of a path from every state to (n, m)."""
    n, W, m = band.n, band.width, band.m
    B = np.full((n + 1, W + 1), NEG)  # column W stays -inf
    Sp = np.concatenate([S, np.full(S.shape[:2] + (1,), NEG)], axis=2)
    width = band.hi - band.lo
    groups = _groups(types)
    ar = np.arange(W)
    t01 = types.index((0, 1)) if (0, 1) in types else None
    for i in range(n, -1, -1):
        X = np.full(W, NEG)
        if i == n and band.lo[n] <= m < band.hi[n]:
            X[m - band.lo[n]] = 0.0
        for a, ts, bs in groups:
            if a == 0 or i + a > n:
                continue
            r = i + a
            cols = band.lo[i] + ar[None, :] + bs[:, None] - band.lo[r]
            cols[(cols < 0) | (cols >= width[r])] = W
            X = np.maximum(X, (B[r, cols] + Sp[ts[:, None], r, cols]).max(axis=0))
        if t01 is not None:
            # B[j] = max(X[j], S01[j+1] + B[j+1]) = max_k>=j (X[k] + P[k]) - P[j], P = cumsum of null scores
            X[band.hi[i] - band.lo[i]:] = NEG
            s = np.where(np.isfinite(S[t01, i]), S[t01, i], 0.0)
            P = np.concatenate([[0.0], np.cumsum(s[1:])])
            run = np.maximum.accumulate((X + P)[::-1])[::-1] - P
            X = run
        X[band.hi[i] - band.lo[i]:] = NEG
        B[i, :W] = X
    return B[:, :W]


def traceback(bp: np.ndarray, types: list[tuple[int, int]], band: Band) -> list[tuple[int, int, int, int]]:
    """Beads ``(i0, i1, j0, j1)`` of the best path to (n, m), in order."""
    i, j = band.n, band.m
    out = []
    while i > 0 or j > 0:
        t = int(bp[i, j - band.lo[i]])
        if t < 0:
            raise RuntimeError(f"no path through the band at ({i}, {j})")
        a, b = types[t]
        out.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    out.reverse()
    return out


def bead_marginals(D: np.ndarray, B: np.ndarray, S: np.ndarray, types: list[tuple[int, int]], band: Band, t: int):
    """Best score of any full path using bead type ``t`` ending at each state: ``(n+1, W)``."""
    a, b = types[t]
    n, W = band.n, band.width
    out = np.full((n + 1, W), NEG)
    if a > n:
        return out
    rows = np.arange(a, n + 1)
    cols = band.lo[rows, None] + np.arange(W)[None, :] - b - band.lo[rows - a, None]
    ok = (cols >= 0) & (cols < (band.hi - band.lo)[rows - a, None])
    prev = D[(rows - a)[:, None], np.clip(cols, 0, W - 1)]
    out[a:] = np.where(ok, prev, NEG) + S[t, a:] + B[a:]
    return out


def _groups(types):
    """Bead types grouped by their English size: ``[(a, type ids, ja sizes)]``."""
    out = []
    for a in sorted({a for a, _ in types}):
        ts = np.array([k for k, (x, _) in enumerate(types) if x == a], dtype=np.int64)
        bs = np.array([types[k][1] for k in ts], dtype=np.int64)
        out.append((a, ts, bs))
    return out
