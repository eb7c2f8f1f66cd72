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
  up as easily) as one of its four monotone 1-1 pairs and two null beads;
- a swap: a 1-1 bead (Y, Z) next to an unaligned sentence X of Y's side as X
  paired with Z and Y unaligned.  Next to a deletion, the DP can give Z to the
  wrong one of two similar sentences (two verses quoting the same poet).

An alternative's ``margin`` is what the DP gains by keeping the bead instead, in
spreads: ``S[bead] - sum(S[its parts])``.  The caller's ``member_evidence``
says, in nats, how much more likely the words of each sentence left out are for
a sentence translated by the bead's other side than for a sentence next to that
translation (:func:`bilingual.analyze.support.lexical_evidence`).  The DP's
extra cost is half a spread because the gain of an absorbed sentence is about 0
and that of a true completion about one spread; with gains spread by about one
spread around those means, ``margin`` in spreads is itself a log-likelihood
ratio in nats (``g/s - 1/2``).  So they add, and where the sum is below 0 the
bead is replaced by its most negative alternative.  A swap's margin is what
the DP's two beads score over the swapped two, and its evidence is the pair it
undoes minus the pair it makes, both ways (each sentence's words in the other).
Alternatives with a part that has no exact span vector, or a sentence left out
with no content words, are not considered.  Splitting 1-1 beads into two nulls
the same way was measured and left out: kyoto/align 0.991 -> 0.986,
kyoto/align-del 0.974 -> 0.969.

Swaps took kyoto/align-del from 0.978 / null F1 0.899 to 0.979 / 0.906 and
changed no other set.  Of the 226 swaps the en-ja eval sets offer, one (the
right one) scores below 0 and the next +0.10; asking about them calibrates
both sides of a document more often (kyoto/align-del: 13 -> 17 s for the 40
articles).
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
    bead: int  # index of the (first) cell
    cells: tuple[Cell, ...]  # what replaces the bead: a smaller bead and null beads, in order
    removed: tuple[tuple[str, int], ...]  # (side, sentence id) of the members left unaligned
    margin: float  # spreads the DP gains by keeping the bead as it is
    span: int = 1  # how many cells from ``bead`` on the alternative replaces
    # a swap: (side, X, Z), the unaligned sentence X takes the partner Z of removed[0], which is left unaligned
    taken: tuple[str, int, int] | None = None


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
    for k in range(len(cells) - 1):
        swap = _swap(cells[k], cells[k + 1])
        if swap is None:
            continue
        parts, removed, taken = swap
        kept, moved = score(cells[k]) + score(cells[k + 1]), sum(score(p) for p in parts)
        if np.isfinite(kept) and np.isfinite(moved):
            out.append(Candidate(k, parts, removed, (kept - moved) / spread, span=2, taken=taken))
    return out


def _swap(first: Cell, second: Cell):
    """A 1-1 bead next to an unaligned sentence of the same side: the unaligned one takes the
    partner, the other is left unaligned.  ``(parts, removed, taken)`` or None."""
    kind = lambda c: (c[1] - c[0], c[3] - c[2])
    if {kind(first), kind(second)} not in ({(1, 0), (1, 1)}, {(0, 1), (1, 1)}):
        return None
    if kind(first) == (1, 1):  # pair (Y, Z), then X: X takes Z, Y is left before it
        i0, i1, j0, j1 = first
        if kind(second) == (1, 0):
            return ((i0, i1, j0, j0), (i1, i1 + 1, j0, j1)), (("en", i0),), ("en", i1, j0)
        return ((i0, i0, j0, j1), (i0, i1, j1, j1 + 1)), (("ja", j0),), ("ja", j1, i0)
    i0, i1, j0, j1 = second  # X, then pair (Y, Z): X takes Z, Y is left after it
    if kind(first) == (1, 0):
        return ((i0 - 1, i0, j0, j1), (i0, i1, j1, j1)), (("en", i0),), ("en", i0 - 1, j0)
    return ((i0, i1, j0 - 1, j0), (i1, i1, j0, j1)), (("ja", j0),), ("ja", j0 - 1, i0)


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
    replaced by the most negative such candidate of the bead; also how many beads changed.

    A swap's evidence is that of the pair it makes minus that of the pair it undoes, both ways
    (each sentence's words in its partner): what the words say for X with Z over Y with Z.
    Candidates that share a bead are taken most negative first.
    """
    if not found:
        return cells, 0
    pairs = [(i0, j0) for i0, i1, j0, j1 in cells if i1 - i0 == 1 and j1 - j0 == 1]
    terms = [_asks(cells, c) for c in found]
    asks: dict[tuple[str, int, tuple[int, ...]], int] = {}
    for ts in terms:
        for _, key in ts:
            asks.setdefault(key, len(asks))
    nats = list(evidence(pairs, list(asks)))
    if len(nats) != len(asks):
        raise ValueError(f"member_evidence returned {len(nats)} values for {len(asks)} members")
    scored = []
    for n, (c, ts) in enumerate(zip(found, terms)):
        total = c.margin
        for sign, key in ts:
            e = nats[asks[key]]
            if e is None:
                total = np.inf
                break
            total += sign * float(e)
        if total < 0:
            scored.append((total, n, c))
    taken: dict[int, Candidate] = {}
    for _, _, c in sorted(scored, key=lambda x: x[:2]):
        beads = range(c.bead, c.bead + c.span)
        if not any(b in taken for b in beads):
            taken.update({b: c for b in beads})
    out: list[Cell] = []
    for k, cell in enumerate(cells):
        c = taken.get(k)
        if c is None:
            out.append(cell)
        elif k == c.bead:
            out.extend(c.cells)
    return out, len({c.bead for c in taken.values()})


def _asks(cells: Sequence[Cell], c: Candidate) -> list[tuple[int, tuple[str, int, tuple[int, ...]]]]:
    """``(sign, ask)`` for a candidate.  An ask is (side, sentence id, ids of the other side whose
    words it is looked for in): each sentence a split leaves out against the bead's other side (+);
    for a swap, the pair it undoes (+) and the pair it makes (-)."""
    if c.taken is not None:
        side, x, z = c.taken
        (_, y), = c.removed
        other = "ja" if side == "en" else "en"
        return [(1, (side, y, (z,))), (1, (other, z, (y,))), (-1, (side, x, (z,))), (-1, (other, z, (x,)))]
    i0, i1, j0, j1 = cells[c.bead]
    return [(1, (side, k, tuple(range(j0, j1)) if side == "en" else tuple(range(i0, i1)))) for side, k in c.removed]
