"""Span vectors for one side and the bead-score tensor over a band."""
from __future__ import annotations

import numpy as np

from .anchors import shared_only, span_marks
from .calibrate import Calibration, baselines, normalise
from .dp import NEG, Band

BLOCK = 32  # rows per gathered product
DENSE_SPAN = 2  # a block's products are dense while its columns span at most this many band widths


class SideSpans:
    """Vectors, baselines and lengths of every span ``[i-k, i)`` of one side, ``k <= max_k``.

    Span vectors start as the length-weighted normalised mean of their
    sentences; :meth:`set_exact` replaces some with embeddings of the joined
    text and marks them ``exact``.
    """

    def __init__(self, vecs: np.ndarray, lens: np.ndarray, max_k: int, other_sample: np.ndarray,
                 cues=None):
        vecs = np.asarray(vecs, dtype=np.float64)
        self.n, d = vecs.shape
        self.lens = np.asarray(lens, dtype=np.float64)
        self.other_sample = other_sample
        self.max_k = max_k
        w = np.maximum(self.lens, 1.0)[:, None]
        csum = np.vstack([np.zeros((1, d)), np.cumsum(vecs * w, axis=0)])
        self.clen = np.concatenate([[0.0], np.cumsum(self.lens)])
        # a sentence's weight as evidence: its length relative to the side's median, at most 1,
        # so a fragment such as "'" or "）." adds (almost) nothing to a bead's sentence count
        typical = float(np.median(self.lens)) if self.n else 1.0
        self.weight = np.minimum(1.0, self.lens / max(typical, 1.0))
        self.cweight = np.concatenate([[0.0], np.cumsum(self.weight)])
        # numbers and romanised words of every span, headings, closing marks (anchors.text_cues);
        # None when the caller gave no texts
        self.marks = None if cues is None else span_marks(np.asarray(cues.numbers, dtype=np.uint64), max_k)
        self.heading = None if cues is None else np.asarray(cues.heading, dtype=bool)
        self.closing = None if cues is None else np.asarray(cues.closing, dtype=bool)
        self.sentence = None if cues is None else np.asarray(cues.sentence, dtype=bool)
        romaji = None if cues is None else cues.romaji
        self.romaji = None if romaji is None else span_marks(np.asarray(romaji, dtype=np.uint64), max_k)
        self.vec = {}
        self.base = {}
        self.exact = {}
        for k in range(1, max_k + 1):
            v = np.zeros((self.n + 1, d))
            if k <= self.n:
                v[k:] = csum[k:] - csum[:-k] if k else 0
            norms = np.linalg.norm(v, axis=1, keepdims=True)
            v = v / np.where(norms == 0, 1.0, norms)
            self.base[k] = baselines(v, other_sample).astype(np.float64)
            # spans of several sentences are stored in single precision (at 20k sentences the six
            # arrays take 0.25 GB less); every product with them is computed in double precision
            self.vec[k] = v if k == 1 else v.astype(np.float32)
            ex = np.zeros(self.n + 1, dtype=bool)
            if k == 1:
                ex[1:] = True
            self.exact[k] = ex

    def span_len(self, k: int, ends: np.ndarray) -> np.ndarray:
        ends = np.clip(ends, 0, self.n)
        return self.clen[ends] - self.clen[np.maximum(ends - k, 0)]  # spans that don't fit are masked elsewhere

    def extra(self, k: int, ends: np.ndarray) -> np.ndarray:
        """Weighted count of the sentences beyond the heaviest in spans ``[e-k, e)``."""
        if k == 1:
            return np.zeros(np.shape(ends))
        ends = np.clip(ends, 0, self.n)
        if self.n == 0:
            return np.zeros(np.shape(ends))
        # spans that don't fit (k > end) are masked elsewhere; missing sentences weigh 0
        w = np.stack([np.where(ends - 1 - d >= 0, self.weight[np.maximum(ends - 1 - d, 0)], 0.0) for d in range(k)])
        return w.sum(axis=0) - w.max(axis=0)

    def set_exact(self, k: int, ends: np.ndarray, vecs: np.ndarray) -> None:
        vecs = np.asarray(vecs, dtype=np.float64)
        self.vec[k][ends] = vecs
        self.base[k][ends] = baselines(vecs, self.other_sample)
        self.exact[k][ends] = True


def band_q(X: np.ndarray, bx: np.ndarray, Y: np.ndarray, by: np.ndarray, band: Band, a: int, b: int) -> np.ndarray:
    """Normalised similarity of row-span vectors ``X[i]`` and column-span vectors ``Y[j]`` over the band.

    Invalid states (``i < a``, ``j < b``, outside the band) are ``-inf``.
    """
    n, W = band.n, band.width
    out = np.full((n + 1, W), NEG)
    ar = np.arange(W)
    for i0 in range(a, n + 1, BLOCK):
        i1 = min(n + 1, i0 + BLOCK)
        cols = band.lo[i0:i1, None] + ar[None, :]  # absolute j
        ok = (cols < band.hi[i0:i1, None]) & (cols >= b)
        cj = np.clip(cols, 0, len(Y) - 1)
        # the block's columns, widened to double precision once (not once per gathered row)
        j0 = int(cj.min())
        Yb = Y[j0 : int(cj.max()) + 1].astype(np.float64, copy=False)
        Xb = X[i0:i1].astype(np.float64, copy=False)
        # einsum, not a BLAS call: small products from many threads stall on a busy machine,
        # and the result must not depend on the band's shape.  Where the block's rows share
        # most of their columns (the band's usual diagonal), every row against every column
        # of the block and then the band's cells, which is 2.5x faster than gathering each
        # row's columns and gives the same bits (the same sums over the same vector pairs);
        # where the band jumps within the block, the gathered products.
        if len(Yb) <= DENSE_SPAN * W:
            c = np.take_along_axis(np.einsum("id,jd->ij", Xb, Yb), cj - j0, axis=1)
        else:
            c = np.einsum("id,iwd->iw", Xb, Yb[cj - j0])
        q = normalise(c, bx[i0:i1, None], by[cj])
        out[i0:i1] = np.where(ok, q, NEG)
    return out


def bead_scores(en: SideSpans, ja: SideSpans, types: list[tuple[int, int]], band: Band,
                cal: Calibration, exact_only: bool = False, memo: dict | None = None) -> np.ndarray:
    """``S[t, i, c]``: DP score of the bead of type ``t`` ending at ``(i, lo[i] + c)``.

    Non-null bead: ``q - loss - threshold - extra_cost * extra - length_penalty``, ``extra``
    the length-weighted count of sentences beyond the heaviest on each side
    (:meth:`SideSpans.extra`), ``loss`` what the span lost against its best
    1-1 pair times ``min(1, extra)`` (:func:`core_q`), both counting their
    text cues (:func:`_cue_score`: numbers and romanised words), plus the
    cues, minus what headings and closing marks pay (:mod:`.anchors`).
    Null bead: minus the length penalty of pairing its sentence with nothing
    (so a long sentence is costly to drop, a stray fragment cheap).
    With ``exact_only``, many-sentence beads need exact span vectors.
    ``memo`` keeps what depends only on the sentence vectors and the band (1-1
    ``q``, block maxima, :func:`splittable` masks) for a second call.
    """
    n, W = band.n, band.width
    S = np.full((len(types), n + 1, W), NEG)
    rows = np.arange(n + 1)
    cols = band.lo[:, None] + np.arange(W)[None, :]
    inside = cols < band.hi[:, None]
    memo = {} if memo is None else memo
    if "q11" not in memo:
        memo["q11"] = band_q(en.vec[1], en.base[1], ja.vec[1], ja.base[1], band, 1, 1)
        # a bead's best pair is judged on all its evidence: similarity plus the pair's text cues
        memo["cue11"] = _cue_score(en, ja, cal, 1, 1, rows[:, None], np.clip(cols, 0, ja.n))
        memo["cores"] = core_q(memo["q11"] + memo["cue11"], band, max((a for a, _ in types), default=1),
                               max((b for _, b in types), default=1))
    q11, cores = memo["q11"], memo["cores"]
    for t, (a, b) in enumerate(types):
        if a == 0 or b == 0:
            ok = inside & ((cols >= 1) if a == 0 else (rows[:, None] >= 1))
            if a == 0:
                jc = np.clip(cols, 1, ja.n)
                pen = cal.length_penalty(np.zeros(1), ja.span_len(1, jc))
            else:
                ic = np.clip(rows, 1, en.n)
                pen = cal.length_penalty(en.span_len(1, ic), np.zeros(1))
                pen = np.broadcast_to(pen[:, None], ok.shape)
            S[t] = np.where(ok, -pen - _starts_closed(en, ja, cal, a, b, rows[:, None], cols), NEG)
            continue
        cj = np.clip(cols, 0, ja.n)
        if exact_only and (a > 1 or b > 1):  # few cells: score them one by one
            ok = inside & en.exact[a][:, None] & ja.exact[b][cj] & (rows[:, None] >= a) & (cols >= b)
            ii, cc = np.nonzero(ok)
            jj = cj[ii, cc]
            cos = np.einsum("ij,ij->i", en.vec[a][ii].astype(np.float64), ja.vec[b][jj].astype(np.float64))
            q = normalise(cos, en.base[a][ii], ja.base[b][jj])
            pen = cal.length_penalty(en.span_len(a, ii), ja.span_len(b, jj))
            extra = en.extra(a, ii) + ja.extra(b, jj)
            cue = _cue_score(en, ja, cal, a, b, ii, jj)
            loss = np.maximum(0.0, cores[a, b][ii, cc] - q - cue) * np.minimum(1.0, extra)
            score = q - loss - cal.threshold - cal.extra_cost(a, b) * extra - pen
            unexplained = _unexplained_headings(memo, band, en, ja, cal, a, b)
            if unexplained is not None:
                score = score - unexplained[ii, cc]
            score = score + cue - _starts_closed(en, ja, cal, a, b, ii, jj)
            if a > 1 and b > 1:
                score = np.where(_split_mask(memo, band, a, b)[ii, cc], NEG, score)
            S[t, ii, cc] = score
            continue
        q = q11 if (a, b) == (1, 1) else band_q(en.vec[a], en.base[a], ja.vec[b], ja.base[b], band, a, b)
        extra = en.extra(a, rows)[:, None] + ja.extra(b, cj)
        unexplained = _unexplained_headings(memo, band, en, ja, cal, a, b)
        unexplained = 0.0 if unexplained is None else unexplained
        cue = memo["cue11"] if (a, b) == (1, 1) else _cue_score(en, ja, cal, a, b, rows[:, None], cj)
        if a > 1 or b > 1:
            fin = np.isfinite(q)
            loss = np.maximum(0.0, np.where(fin, cores[a, b], 0.0) - np.where(fin, q + cue, 0.0))
            q = q - loss * np.minimum(1.0, extra)
        le = en.span_len(a, rows)[:, None]
        lj = ja.span_len(b, cj)
        S[t] = q - cal.threshold - cal.extra_cost(a, b) * extra - cal.length_penalty(le, lj) - unexplained
        S[t] += cue - _starts_closed(en, ja, cal, a, b, rows[:, None], cj)
        if a > 1 and b > 1:
            S[t] = np.where(_split_mask(memo, band, a, b), NEG, S[t])
    memo.pop("shifts", None)  # shifted block maxima serve the split masks only: at 20k they are ~0.7 GB
    return S


def _unexplained_headings(memo: dict, band: Band, en: SideSpans, ja: SideSpans, cal: Calibration, a: int, b: int):
    """``(n+1, W)``: what the headings of a one-to-many bead pay for joining it (None: nothing to pay).

    Every heading on the many side except the bead's best-matching sentence
    pays its null cost (what leaving it unaligned would cost):

    * all of it when the bead's one unit on the other side is a sentence (words
      and final punctuation).  A title does not translate part of a sentence:
      in the gold of kyoto/align, 3 one-to-many beads hold a heading and a
      sentence on their other side, against 782 aligned headings (and those 3
      are pieces of one line that the English splits into units), while a
      heading whose counterpart was deleted is about what its section's first
      sentence says (漁業 before "This area used to be a rich fishing ground"),
      so its relatedness cannot tell the two apart;
    * otherwise (a title cut into lines differently in the two languages) times
      how unrelated it looks to the other side: all of it when its 1-1 ``q`` is
      at the random level (``threshold``, the median random pair) or below,
      none from one ``random_spread`` (the random pairs' own spread) above.

    So a heading whose counterpart was deleted stays unaligned instead of
    joining a neighbour's bead for free.  Sentences with final punctuation, and
    fragments without words (``'``, ``）.``), are not charged.
    """
    side, k = (en, a) if b == 1 else (ja, b)
    if min(a, b) != 1 or k == 1 or side.heading is None or not side.heading.any():
        return None
    other = ja if side is en else en
    key = ("headings", a, b)
    if key in memo:
        return memo[key]
    q11 = memo["q11"]
    rows = np.arange(band.n + 1)[:, None]
    cols = band.lo[:, None] + np.arange(band.width)[None, :]
    # is the bead's one unit on the other side (its last) a sentence?
    last = np.clip(cols - 1, 0, other.n - 1) + 0 * rows if side is en else np.clip(rows - 1, 0, other.n - 1) + 0 * cols
    to_sentence = other.sentence[last]
    qs, costs = [], []
    for d in range(k):  # the member d sentences before the bead's last one on the many side
        if side is en:
            qd = _shift(q11, band, d, 0) if d else q11
            idx = np.clip(rows - d - 1, 0, side.n - 1) + 0 * cols
            null = cal.length_penalty(side.lens[idx], np.zeros(1))
        else:
            qd = _shift(q11, band, 0, d) if d else q11
            idx = np.clip(cols - d - 1, 0, side.n - 1) + 0 * rows
            null = cal.length_penalty(np.zeros(1), side.lens[idx])
        unrelated = np.clip(1.0 - (qd - cal.threshold) / cal.random_spread, 0.0, 1.0)  # -inf (outside) -> 1
        unrelated = np.where(to_sentence, 1.0, unrelated)
        qs.append(qd)
        costs.append(np.where(side.heading[idx], null * unrelated, 0.0))
    qs, costs = np.stack(qs), np.stack(costs)
    best = qs.argmax(axis=0)
    out = costs.sum(axis=0) - np.take_along_axis(costs, best[None], axis=0)[0]
    memo[key] = out
    return out


def _starts_closed(en: SideSpans, ja: SideSpans, cal: Calibration, a: int, b: int, ii, jj):
    """One ``spread`` for each side whose part of the bead starts with a closing mark (:mod:`.anchors`)."""
    out = 0.0
    for side, k, ends in ((en, a, ii), (ja, b, jj)):
        if k == 0 or side.closing is None or not side.closing.any():
            continue
        first = np.clip(np.asarray(ends) - k, 0, side.n - 1)
        out = out + cal.spread * side.closing[first]
    return out


def _cue_score(en: SideSpans, ja: SideSpans, cal: Calibration, a: int, b: int, ii, jj):
    """What the numbers and romanised words of the two spans add to the bead's score (0 without cues)."""
    out = 0.0
    if en.marks is not None and ja.marks is not None and (cal.num_shared or cal.num_only):
        shared, only = shared_only(en.marks[a][ii], ja.marks[b][jj])
        out = cal.num_shared * shared + cal.num_only * only
    if en.romaji is not None and ja.romaji is not None and (cal.rom_shared or cal.rom_only):
        shared, only = shared_only(en.romaji[a][ii], ja.romaji[b][jj], wide=True)
        out = out + cal.rom_shared * shared + cal.rom_only * only
    return out


def _split_mask(memo: dict, band: Band, a: int, b: int) -> np.ndarray:
    key = ("split", a, b)
    if key not in memo:
        memo[key] = splittable(memo["cores"], band, a, b, memo.setdefault("shifts", {}))
    return memo[key]


def splittable(cores: dict, band: Band, a: int, b: int, shifts: dict | None = None) -> np.ndarray:
    """Whether each ``a x b`` bead ending at ``(i, lo[i] + c)`` falls apart into two monotone parts.

    A bead with several sentences on both sides claims that its content
    crosses sentence boundaries.  When some cut ``(a1, b1)`` leaves every
    pair across the cut (top-right and bottom-left blocks of the bead's 1-1
    ``q`` matrix) weaker than the best pair on each side of the cut, the
    sentences match only within their part: those are two beads, not one.
    ``cores`` are block maxima (:func:`core_q`); ``shifts`` caches their shifted copies.
    """
    shifts = {} if shifts is None else shifts

    def shifted(x: int, y: int, dr: int, dc: int) -> np.ndarray:
        if (x, y, dr, dc) not in shifts:
            shifts[x, y, dr, dc] = _shift(cores[x, y], band, dr, dc) if dr or dc else cores[x, y]
        return shifts[x, y, dr, dc]

    out = np.zeros((band.n + 1, band.width), dtype=bool)
    for a1 in range(1, a):
        for b1 in range(1, b):
            a2, b2 = a - a1, b - b1
            tl = shifted(a1, b1, a2, b2)
            br = cores[a2, b2]
            cross = np.maximum(shifted(a1, b2, a2, 0), shifted(a2, b1, 0, b2))
            out |= cross < np.minimum(tl, br)
    return out


def _shift(x: np.ndarray, band: Band, dr: int, dc: int) -> np.ndarray:
    """``y[i, c] = x`` at state ``(i - dr, lo[i] + c - dc)``; ``-inf`` outside the band."""
    n, W = band.n, band.width
    out = np.full_like(x, NEG)
    rows = np.arange(dr, n + 1)
    c = band.lo[rows, None] + np.arange(W)[None, :] - dc - band.lo[rows - dr, None]
    ok = (c >= 0) & (c < W)
    out[dr:] = np.where(ok, x[(rows - dr)[:, None], np.clip(c, 0, W - 1)], NEG)
    return out


def core_q(q11: np.ndarray, band: Band, max_a: int, max_b: int) -> dict:
    """``cores[a, b][i, c]``: the best 1-1 ``q`` inside the ``a x b`` bead ending at ``(i, lo[i] + c)``.

    A many-sentence bead must do better than its best pair: every sentence it
    adds must add similarity (a true merge completes the pair's content, a
    deleted neighbour dilutes it).  What it loses is charged once more, times
    the weighted count of its extra sentences (at most 1), so a bead diluted by
    a full sentence loses to the pair plus a null bead while a fragment such as
    "'" is barely charged.
    """
    n, W = band.n, band.width
    fin = np.where(np.isfinite(q11), q11, NEG)
    rowwise = {1: fin}
    for b in range(2, max_b + 1):  # max over the last b columns of the same row
        prev = rowwise[b - 1]
        shifted = np.full_like(fin, NEG)
        if b - 1 < W:
            shifted[:, b - 1 :] = fin[:, : W - b + 1]
        rowwise[b] = np.maximum(prev, shifted)
    cores = {}
    ar = np.arange(W)
    for b, base in rowwise.items():
        cur = base
        cores[1, b] = cur
        for a in range(2, max_a + 1):  # and over the last a rows, in absolute columns
            d = a - 1
            out = np.full_like(fin, NEG)
            rows = np.arange(d, n + 1)
            c = band.lo[rows, None] + ar[None, :] - band.lo[rows - d, None]
            ok = (c >= 0) & (c < W)
            out[d:] = np.where(ok, base[(rows - d)[:, None], np.clip(c, 0, W - 1)], NEG)
            cur = np.maximum(cur, out)
            cores[a, b] = cur
    return cores


def bead_types(max_bead: int) -> list[tuple[int, int]]:
    types = [(a, b) for a in range(1, max_bead + 1) for b in range(1, max_bead + 1)]
    return types + [(1, 0), (0, 1)]
