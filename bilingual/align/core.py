"""The embedding aligner: sentence vectors in, monotone m-n beads out.

Passes (see issue 6 for the cost targets):

1. ``coarse.coarse_path``: a 1-1/1-0/0-1 path, dense on small inputs and
   recursive (halved vectors) on long ones.
2. ``calibrate``: the threshold, similarity spread and length model measured on
   that path's 1-1 beads against random pairs; with text cues, what a number
   both sides share (or only one side has) is worth, measured on the same beads
   against their neighbours (:mod:`.anchors`).
3. A DP over every bead type up to ``max_bead`` x ``max_bead`` plus nulls, on the
   full grid for small inputs and on a band around the first path otherwise
   (twice as wide where the first path has nulls or weak beads).  Span vectors
   are length-weighted means of sentence vectors.
4. With ``span_embed``: a backward pass gives every many-sentence bead the score
   of the best path through it; the spans of beads within one similarity-spread
   of the best path are embedded (one call per side, at most
   ``SPAN_BUDGET`` x sentences), and the DP is run again where many-sentence
   beads need exactly embedded spans.
5. With ``member_evidence``: the edge sentences of one-to-many beads, and
   the unpaired sentences of two-to-two beads, that the words do not
   support leave the bead as null beads, and an unaligned sentence may take
   the partner of the 1-1 bead next to it (:mod:`.members`).

Bead scores: the normalised similarity ``q`` of the bead (0 = a typical
unrelated pair, 1 = identical vectors); null beads get 0.0.
"""
from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..types import Bead
from .anchors import number_weights
from .calibrate import Calibration, calibrate, equal_error_threshold, normalise, random_pair_q, sample_rows
from . import members
from .coarse import coarse_path
from .dp import Band, backward, band_around, bead_marginals, forward, full_band, traceback
from .scores import SideSpans, bead_scores, bead_types

FULL_CELLS = 250 * 250  # every bead type on the full grid up to this many states
SPAN_BUDGET = 0.6  # spans embedded per sentence at most (issue 6: texts <= 1.6 x sentences)

SpanEmbed = Callable[[str, list[tuple[int, int]]], np.ndarray]


@dataclass
class AlignResult:
    beads: list[Bead]
    calibration: Calibration | None
    mode: str  # "full" | "banded" | "trivial"
    band_cells: int = 0
    spans_embedded: dict = field(default_factory=lambda: {"en": 0, "ja": 0})
    members_split: int = 0  # beads the second opinion split (or pairs of beads it swapped a partner between)


def align_vectors(en_vecs, ja_vecs, en_lens, ja_lens, *, max_bead=4, span_embed=None, progress=None,
                  en_cues=None, ja_cues=None, member_evidence=None) -> list[Bead]:
    """Align two sides given their L2-normalised sentence vectors and character lengths.

    ``span_embed(side, [(start, end), ...])`` returns vectors of joined
    sentences; without it, span vectors are length-weighted means.  Every
    sentence of both sides is in exactly one bead, in order.
    """
    return align(en_vecs, ja_vecs, en_lens, ja_lens, max_bead=max_bead, span_embed=span_embed, progress=progress,
                 en_cues=en_cues, ja_cues=ja_cues, member_evidence=member_evidence).beads


def align(en_vecs, ja_vecs, en_lens, ja_lens, *, max_bead: int = 4, span_embed: SpanEmbed | None = None,
          progress=None, mode: str = "auto", seed: int = 0, en_cues=None, ja_cues=None,
          member_evidence: members.MemberEvidence | None = None) -> AlignResult:
    """:func:`align_vectors` with its working shown; ``mode`` is ``auto``, ``full`` or ``banded``.

    ``en_cues``, ``ja_cues``: the numbers and headings of each sentence
    (:func:`bilingual.align.anchors.text_cues`), optional evidence on top of
    the vectors.  ``member_evidence``: a second opinion, from the words, on
    the extra sentences of one-to-many and two-to-two beads (:mod:`.members`).
    """
    en = np.asarray(en_vecs, dtype=np.float64)
    ja = np.asarray(ja_vecs, dtype=np.float64)
    en_lens = np.asarray(en_lens, dtype=np.float64)
    ja_lens = np.asarray(ja_lens, dtype=np.float64)
    n, m = len(en), len(ja)
    if en_lens.shape != (n,) or ja_lens.shape != (m,):
        raise ValueError("one length per sentence is needed on each side")
    if max_bead < 1:
        raise ValueError("max_bead must be at least 1")
    if n == 0 or m == 0:
        beads = [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
        return AlignResult(beads, None, "trivial")
    en = en.reshape(n, -1)
    ja = ja.reshape(m, -1)
    rng = np.random.default_rng(seed)
    tick = _Progress(progress, n, 4 if span_embed else 2)

    path = coarse_path(en, ja, rng, tick.stage(0))
    if (en_cues is None) != (ja_cues is None):
        raise ValueError("text cues are needed on both sides or on neither")
    if en_cues is not None and (len(en_cues) != n or len(ja_cues) != m):
        raise ValueError("text cues are needed for every sentence of each side")
    en_side = SideSpans(en, en_lens, max_bead, ja[sample_rows(m, rng)], en_cues)
    ja_side = SideSpans(ja, ja_lens, max_bead, en[sample_rows(n, rng)], ja_cues)
    cal, weak = _calibrate(path, en_side, ja_side, rng)

    full = mode == "full" or (mode == "auto" and (n + 1) * (m + 1) <= FULL_CELLS)
    if full:
        band = full_band(n, m)
    else:
        band = band_around(path, n, m, _widths(path, weak, n, max_bead))
    types = bead_types(max_bead)
    memo: dict = {}
    S = bead_scores(en_side, ja_side, types, band, cal, memo=memo)
    D, bp = forward(S, types, band, tick.stage(1))
    result = AlignResult([], cal, "full" if full else "banded", band.cells())
    if span_embed is not None and max_bead > 1:
        B = backward(S, types, band)
        need = _needed_spans(D, B, S, types, band, slack=cal.spread, budget=int(SPAN_BUDGET * (n + m)))
        for name, side in (("en", en_side), ("ja", ja_side)):
            spans = need[name]
            if not spans:
                continue
            vecs = np.asarray(span_embed(name, [(e - k, e) for k, e in spans]), dtype=np.float64)
            if vecs.shape != (len(spans), en.shape[1]):
                raise ValueError(f"span_embed returned shape {vecs.shape} for {len(spans)} spans")
            for k in {k for k, _ in spans}:
                sel = [r for r, (kk, _) in enumerate(spans) if kk == k]
                side.set_exact(k, np.array([spans[r][1] for r in sel]), vecs[sel])
            result.spans_embedded[name] = len(spans)
        S = bead_scores(en_side, ja_side, types, band, cal, exact_only=True, memo=memo)
        D, bp = forward(S, types, band, tick.stage(3))
    cells = traceback(bp, types, band)
    if member_evidence is not None and max_bead > 1:
        found = members.candidates(cells, S, types, band, cal.spread)
        cells, result.members_split = members.second_opinion(cells, found, member_evidence)
    result.beads = [_bead(c, en_side, ja_side, cal) for c in cells]
    tick.done()
    return result


def _calibrate(path, en_side: SideSpans, ja_side: SideSpans, rng) -> tuple[Calibration, np.ndarray]:
    """Calibration from the first path's 1-1 beads; also which of its states are weak."""
    pairs = [(i1, j1) for (i0, j0), (i1, j1) in zip(path, path[1:]) if i1 - i0 == 1 and j1 - j0 == 1]
    weak = np.zeros(len(path), dtype=bool)
    for k, ((i0, j0), (i1, j1)) in enumerate(zip(path, path[1:])):
        weak[k + 1] = (i1 - i0) != (j1 - j0)  # a null step
    # the path's column for each English sentence; pairs near it may be true, the rest are random
    path_j = np.zeros(en_side.n, dtype=np.int64)
    for i, j in path[1:]:
        path_j[i - 1] = j
    path_j = np.maximum.accumulate(path_j)
    near = max(en_side.max_k, 1)
    rand = random_pair_q(en_side.vec[1][1:], ja_side.vec[1][1:], en_side.base[1][1:], ja_side.base[1][1:], rng,
                         exclude=lambda x, y: np.abs(y + 1 - path_j[x]) <= near)
    if not pairs:
        cal = calibrate(np.zeros(0), rand, np.zeros(0), np.zeros(0))
        return cal, weak | True
    ie = np.array([i for i, _ in pairs])
    ij = np.array([j for _, j in pairs])
    cos = np.einsum("ij,ij->i", en_side.vec[1][ie], ja_side.vec[1][ij])
    q = normalise(cos, en_side.base[1][ie], ja_side.base[1][ij])
    cal = calibrate(q, rand, en_side.lens[ie - 1], ja_side.lens[ij - 1])
    if en_side.marks is not None:
        sure = q > equal_error_threshold(q, rand)
        te, tj = ie[sure], ij[sure]
        # the alternatives the DP weighs are neighbours: a sentence against the next or previous one
        x = np.concatenate([te, te, te - 1, te + 1])
        y = np.concatenate([tj - 1, tj + 1, tj, tj])
        ok = (x >= 1) & (x <= en_side.n) & (y >= 1) & (y <= ja_side.n)
        weights = {}
        for key, en_marks, ja_marks, wide in (("num", en_side.marks, ja_side.marks, False),
                                              ("rom", en_side.romaji, ja_side.romaji, True)):
            if en_marks is not None and ja_marks is not None:  # romaji marks exist for en/ja only
                weights[f"{key}_shared"], weights[f"{key}_only"] = number_weights(
                    en_marks[1][te], ja_marks[1][tj], en_marks[1][x[ok]], ja_marks[1][y[ok]], cal.nat, wide=wide)
        cal = dataclasses.replace(cal, **weights)
    state_index = {s: k for k, s in enumerate(path)}
    for (i, j), qq in zip(pairs, q):
        if qq < cal.threshold:
            weak[state_index[(i, j)]] = True
    return cal, weak


def _widths(path, weak: np.ndarray, n: int, max_bead: int) -> np.ndarray:
    """Band half-width per row: ``2 * max_bead`` (a largest bead either way), doubled near weak steps."""
    base = 2 * max_bead
    widths = np.full(n + 1, base, dtype=np.int64)
    for k in np.flatnonzero(weak):
        i = path[k][0]
        widths[max(0, i - base) : i + base + 1] = 2 * base
    return widths


def _needed_spans(D, B, S, types, band: Band, *, slack: float, budget: int) -> dict[str, list[tuple[int, int]]]:
    """Spans ``(size, end)`` of many-sentence beads on paths within ``slack`` of the best one."""
    best = D[band.n, band.m - band.lo[band.n]]
    prio: dict[tuple[str, int, int], float] = {}
    for t, (a, b) in enumerate(types):
        if a <= 1 and b <= 1:
            continue
        mm = bead_marginals(D, B, S, types, band, t)
        ii, cc = np.nonzero(mm >= best - slack)
        for i, c, v in zip(ii, cc, mm[ii, cc]):
            j = int(band.lo[i] + c)
            for key in ((("en", a, int(i)),) if a > 1 else ()) + ((("ja", b, j),) if b > 1 else ()):
                if prio.get(key, -np.inf) < v:
                    prio[key] = float(v)
    chosen = sorted(prio, key=lambda k: -prio[k])[: max(budget, 0)]
    out: dict[str, list[tuple[int, int]]] = {"en": [], "ja": []}
    for side, k, e in sorted(chosen):
        out[side].append((k, e))
    return out


def _bead(cell, en_side: SideSpans, ja_side: SideSpans, cal: Calibration) -> Bead:
    i0, i1, j0, j1 = cell
    a, b = i1 - i0, j1 - j0
    en_ids, ja_ids = tuple(range(i0, i1)), tuple(range(j0, j1))
    if a == 0 or b == 0:
        return Bead(en_ids, ja_ids, 0.0)
    cos = float(en_side.vec[a][i1].astype(np.float64) @ ja_side.vec[b][j1].astype(np.float64))
    q = float(normalise(np.array(cos), en_side.base[a][i1], ja_side.base[b][j1]))
    note = "reordered" if a > 1 and b > 1 and _crossing(en_side, ja_side, en_ids, ja_ids, cal) else ""
    return Bead(en_ids, ja_ids, round(q, 6), note)


def _crossing(en_side: SideSpans, ja_side: SideSpans, en_ids, ja_ids, cal: Calibration) -> bool:
    """Whether the best one-to-one matching of the bead's sentences crosses, using confident pairs only."""
    X = en_side.vec[1][[i + 1 for i in en_ids]]
    Y = ja_side.vec[1][[j + 1 for j in ja_ids]]
    bx = en_side.base[1][[i + 1 for i in en_ids]]
    by = ja_side.base[1][[j + 1 for j in ja_ids]]
    q = normalise(X @ Y.T, bx[:, None], by[None, :])
    k = min(len(en_ids), len(ja_ids))
    best, match = -np.inf, None
    for rows in itertools.combinations(range(len(en_ids)), k):
        for cols in itertools.permutations(range(len(ja_ids)), k):
            s = sum(q[r, c] for r, c in zip(rows, cols))
            if s > best:
                best, match = s, list(zip(rows, cols))
    sure = [(r, c) for r, c in match if q[r, c] > cal.threshold]
    return any(r1 < r2 and c1 > c2 for r1, c1 in sure for r2, c2 in sure)


class _Progress:
    def __init__(self, fn, n: int, stages: int):
        self.fn, self.n, self.stages = fn, max(n, 1), stages

    def stage(self, k: int):
        if self.fn is None:
            return None
        total = self.n * self.stages
        return lambda done, _total: self.fn(min(k * self.n + done, total), total)

    def done(self):
        if self.fn is not None:
            self.fn(self.n * self.stages, self.n * self.stages)
