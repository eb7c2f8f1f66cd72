"""A second opinion on the extra sentences of one-to-many and two-to-two beads.

A sentence whose counterpart was deleted is usually about the same thing as its
neighbour, so joining the neighbour's bead changes the bead's similarity by
almost nothing (on kyoto/align-del a median of 0.01 ``spread``, against +0.1
to +1.0 for sentences that do complete a bead: ``scripts/null_analysis.py``).
The DP weighs that gain against half a ``spread`` (:meth:`Calibration.extra_cost`),
and similarity alone cannot do better.  Words can: a sentence that translates
part of the other side has its content words there (dictionary, romaji,
numbers), a neighbour's sentence mostly does not.

After the DP, the alternatives to each such bead are scored:

- a one-to-many bead without the first or without the last sentence of its
  many side (taking out a middle one would break the bead in two), that
  sentence left unaligned;
- a two-to-two bead (two deletions next to each other, one on each side, pair
  up as easily) as one of its four monotone 1-1 pairs and two null beads.

An alternative's ``margin`` is what the DP gains by keeping the bead instead, in
spreads: ``S[bead] - sum(S[its parts])``.  The caller's ``member_evidence``
says, in nats, how much more likely the words of each sentence left out are for
a sentence translated by the bead's other side than for a sentence next to that
translation (:func:`bilingual.analyze.support.lexical_evidence`).  The DP's
extra cost is half a spread because the gain of an absorbed sentence is about 0
and that of a true completion about one spread; with gains spread by about one
spread around those means, ``margin`` in spreads is itself a log-likelihood
ratio in nats (``g/s - 1/2``).  So they add, and where the sum is below 0 the
bead is replaced by its most negative alternative.  Alternatives with a part
that has no exact span vector, or a sentence left out with no content words,
are not considered.  Splitting 1-1 beads into two nulls the same way was
measured and left out: kyoto/align 0.991 -> 0.986, kyoto/align-del 0.974 -> 0.969.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from .dp import Band

Cell = tuple[int, int, int, int]  # (i0, i1, j0, j1): English [i0, i1), Japanese [j0, j1)
# ([(en id, ja id) of the 1-1 beads], [(side, sentence id, ids of the other side)]) -> nats or None each
MemberEvidence = Callable[[list[tuple[int, int]], list[tuple[str, int, tuple[int, ...]]]], Sequence[float | None]]


@dataclass(frozen=True)
class Candidate:
    bead: int  # index of the cell
    cells: tuple[Cell, ...]  # what replaces the bead: a smaller bead and null beads, in order
    removed: tuple[tuple[str, int], ...]  # (side, sentence id) of the members left unaligned
    margin: float  # spreads the DP gains by keeping the bead as it is


def candidates(cells: Sequence[Cell], S: np.ndarray, types: list[tuple[int, int]], band: Band,
               spread: float) -> list[Candidate]:
    """The ways to leave edge members of one-to-many (and two-to-two) beads out that the DP can score."""
    index = {t: k for k, t in enumerate(types)}
    width = S.shape[2]

    def score(cell: Cell) -> float:
        i0, i1, j0, j1 = cell
        t, c = (i1 - i0, j1 - j0), j1 - int(band.lo[i1])
        if t not in index or not 0 <= c < width:
            return -np.inf
        return float(S[index[t], i1, c])

    out = []
    for k, cell in enumerate(cells):
        kept = score(cell)
        for parts in _alternatives(cell):
            split = sum(score(p) for p in parts)
            if np.isfinite(kept) and np.isfinite(split):
                removed = tuple(("en", p[0]) if p[1] > p[0] else ("ja", p[2]) for p in parts
                                if (p[1] == p[0]) != (p[3] == p[2]))
                out.append(Candidate(k, tuple(parts), removed, (kept - split) / spread))
    return out


def _alternatives(cell: Cell) -> list[list[Cell]]:
    """A one-to-many bead without its first or its last extra member; a two-to-two bead as one of
    its four monotone 1-1 pairs and two null beads."""
    i0, i1, j0, j1 = cell
    a, b = i1 - i0, j1 - j0
    if min(a, b) == 1 and max(a, b) >= 2:
        if b > 1:
            return [[(i0, i0, j0, j0 + 1), (i0, i1, j0 + 1, j1)], [(i0, i1, j0, j1 - 1), (i1, i1, j1 - 1, j1)]]
        return [[(i0, i0 + 1, j0, j0), (i0 + 1, i1, j0, j1)], [(i0, i1 - 1, j0, j1), (i1 - 1, i1, j1, j1)]]
    if a == b == 2:
        return [
            [(i0, i0 + 1, j0, j0 + 1), (i0 + 1, i0 + 2, j0 + 1, j0 + 1), (i1, i1, j0 + 1, j1)],  # keep first, first
            [(i0, i0 + 1, j0, j0), (i0 + 1, i0 + 1, j0, j0 + 1), (i0 + 1, i1, j0 + 1, j1)],  # keep last, last
            [(i0, i0, j0, j0 + 1), (i0, i0 + 1, j0 + 1, j1), (i0 + 1, i1, j1, j1)],  # first English, last Japanese
            [(i0, i0 + 1, j0, j0), (i0 + 1, i1, j0, j0 + 1), (i1, i1, j0 + 1, j1)],  # last English, first Japanese
        ]
    return []


def second_opinion(cells: list[Cell], found: Sequence[Candidate], evidence: MemberEvidence) -> tuple[list[Cell], int]:
    """``cells`` where a candidate's margin plus the evidence of its removed members is below 0
    replaced by the most negative such candidate of the bead; also how many beads changed."""
    if not found:
        return cells, 0
    pairs = [(i0, j0) for i0, i1, j0, j1 in cells if i1 - i0 == 1 and j1 - j0 == 1]
    keys = [_asks(cells[c.bead], c) for c in found]
    asks: dict[tuple[str, int, tuple[int, ...]], int] = {}
    for ks in keys:
        for key in ks:
            asks.setdefault(key, len(asks))
    nats = list(evidence(pairs, list(asks)))
    if len(nats) != len(asks):
        raise ValueError(f"member_evidence returned {len(nats)} values for {len(asks)} members")
    best: dict[int, tuple[float, Candidate]] = {}
    for c, ks in zip(found, keys):
        total = c.margin
        for key in ks:
            e = nats[asks[key]]
            if e is None:
                total = np.inf
                break
            total += float(e)
        if total < 0 and (c.bead not in best or total < best[c.bead][0]):
            best[c.bead] = (total, c)
    out: list[Cell] = []
    for k, cell in enumerate(cells):
        out.extend(best[k][1].cells if k in best else [cell])
    return out, len(best)


def _asks(cell: Cell, c: Candidate) -> list[tuple[str, int, tuple[int, ...]]]:
    """What to ask about each sentence ``c`` leaves out: (side, sentence id, ids of the bead's other side)."""
    i0, i1, j0, j1 = cell
    return [(side, k, tuple(range(j0, j1)) if side == "en" else tuple(range(i0, i1))) for side, k in c.removed]
