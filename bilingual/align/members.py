"""A second opinion on the extra sentence of a one-to-many bead.

A sentence whose counterpart was deleted is usually about the same thing as its
neighbour, so joining the neighbour's bead changes the bead's similarity by
almost nothing (on kyoto/align-del a median of 0.01 ``spread``, against +0.1
to +1.0 for sentences that do complete a bead: ``scripts/null_analysis.py``).
The DP weighs that gain against half a ``spread`` (:meth:`Calibration.extra_cost`),
and similarity alone cannot do better.  Words can: a sentence that translates
part of the other side has its content words there (dictionary, romaji,
numbers), a neighbour's sentence mostly does not.

After the DP, each edge sentence of the many side of a one-to-many bead (the
first or the last: taking out a middle one would break the bead in two) is a
candidate.  Its ``margin`` is what the DP gains by keeping it in the bead instead
of leaving it unaligned, in spreads: ``S[bead] - S[bead without it] - S[its null
bead]``.  The caller's ``member_evidence`` says, in nats, how much more likely
its words are for a sentence translated by the other side than for a sentence
next to that translation (:func:`bilingual.analyze.support.lexical_evidence`).
The DP's extra cost is half a spread because the gain of an absorbed sentence
is about 0 and that of a true completion about one spread; with gains spread
by about one spread around those means, ``margin`` in spreads is itself a
log-likelihood ratio in nats (``g/s - 1/2``).  So the two add, and a member
whose sum is below 0 leaves the bead, the more negative of the two candidates
of a bead first.  Beads whose smaller bead has no exact span vector, or whose
member has no content words, stay as they are.
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
    side: str  # "en" | "ja": the bead's many side
    first: bool  # the member is the first of its side (else the last)
    sentence: int
    margin: float  # spreads the DP gains by keeping the member


def candidates(cells: Sequence[Cell], S: np.ndarray, types: list[tuple[int, int]], band: Band,
               spread: float) -> list[Candidate]:
    """The edge members of one-to-many beads whose removal the DP can score."""
    index = {t: k for k, t in enumerate(types)}
    width = S.shape[2]

    def score(t: tuple[int, int], i: int, j: int) -> float:
        c = j - int(band.lo[i])
        if t not in index or not 0 <= c < width:
            return -np.inf
        return float(S[index[t], i, c])

    out = []
    for k, (i0, i1, j0, j1) in enumerate(cells):
        a, b = i1 - i0, j1 - j0
        if min(a, b) != 1 or max(a, b) < 2:
            continue
        kept = score((a, b), i1, j1)
        if b > 1:
            alts = ((True, j0, score((0, 1), i0, j0 + 1) + score((a, b - 1), i1, j1)),
                    (False, j1 - 1, score((a, b - 1), i1, j1 - 1) + score((0, 1), i1, j1)))
        else:
            alts = ((True, i0, score((1, 0), i0 + 1, j0) + score((a - 1, b), i1, j1)),
                    (False, i1 - 1, score((a - 1, b), i1 - 1, j1) + score((1, 0), i1, j1)))
        for first, sentence, split in alts:
            if np.isfinite(kept) and np.isfinite(split):
                out.append(Candidate(k, "ja" if b > 1 else "en", first, sentence, (kept - split) / spread))
    return out


def second_opinion(cells: list[Cell], found: Sequence[Candidate], evidence: MemberEvidence) -> tuple[list[Cell], int]:
    """``cells`` with the members whose margin plus evidence is below 0 as null beads; also how many."""
    if not found:
        return cells, 0
    pairs = [(i0, j0) for i0, i1, j0, j1 in cells if i1 - i0 == 1 and j1 - j0 == 1]
    asks = []
    for c in found:
        i0, i1, j0, j1 = cells[c.bead]
        asks.append((c.side, c.sentence, tuple(range(j0, j1)) if c.side == "en" else tuple(range(i0, i1))))
    nats = list(evidence(pairs, asks))
    if len(nats) != len(found):
        raise ValueError(f"member_evidence returned {len(nats)} values for {len(found)} members")
    worst: dict[int, tuple[float, Candidate]] = {}
    for c, e in zip(found, nats):
        if e is None:
            continue
        total = c.margin + float(e)
        if total < 0 and (c.bead not in worst or total < worst[c.bead][0]):
            worst[c.bead] = (total, c)
    out: list[Cell] = []
    for k, cell in enumerate(cells):
        if k not in worst:
            out.append(cell)
            continue
        c = worst[k][1]
        out.extend(_split(cell, c))
    return out, len(worst)


def _split(cell: Cell, c: Candidate) -> list[Cell]:
    i0, i1, j0, j1 = cell
    if c.side == "ja":
        return [(i0, i0, j0, j0 + 1), (i0, i1, j0 + 1, j1)] if c.first else [(i0, i1, j0, j1 - 1), (i1, i1, j1 - 1, j1)]
    return [(i0, i0 + 1, j0, j0), (i0 + 1, i1, j0, j1)] if c.first else [(i0, i1 - 1, j0, j1), (i1 - 1, i1, j1, j1)]
