"""Alignment scores, one implementation for scripts/evaluate.py and scripts/bench.py.

Definitions follow Vecalign's ``score.py`` (after Sennrich and Volk 2011):

* precision counts every predicted bead: strict when identical to a gold bead,
  lax when it overlaps a gold bead on both sides (a null bead is lax-correct
  only when it is strict-correct);
* recall is precision with gold and prediction swapped, null beads removed
  from both;
* ``null_f`` is the F1 of the sentences left unaligned (null beads), pooled
  over both sides (``nan`` when neither gold nor prediction has one).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

Beads = Sequence[tuple[Sequence[int], Sequence[int]]]


def _precision_counts(gold: Beads, test: Beads) -> tuple[int, int, int, int]:
    """``(strict hits, strict misses, lax hits, lax misses)`` of ``test`` against ``gold``."""
    test_set = {(tuple(x), tuple(y)) for x, y in test if len(x) or len(y)}
    gold_set = {(tuple(x), tuple(y)) for x, y in gold if len(x) or len(y)}
    gold_tgt = defaultdict(set)
    for xs, ys in gold_set:
        for x in xs:
            gold_tgt[x].update(ys)
    ts = fs = tl = fl = 0
    for xs, ys in test_set:
        if (xs, ys) in gold_set:
            ts, tl = ts + 1, tl + 1
            continue
        fs += 1
        linked = set().union(*(gold_tgt[x] for x in xs)) if xs else set()
        if linked & set(ys):
            tl += 1
        else:
            fl += 1
    return ts, fs, tl, fl


def unaligned(beads: Beads) -> set[tuple[int, int]]:
    """``(side, id)`` of every sentence in a null bead: side 0 the first language, 1 the second."""
    return {(0, i) for x, y in beads if not y for i in x} | {(1, j) for x, y in beads if not x for j in y}


def _null_counts(gold: Beads, test: Beads) -> tuple[int, int, int]:
    g, t = unaligned(gold), unaligned(test)
    return len(g & t), len(t), len(g)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_many(golds: Iterable[Beads], preds: Iterable[Beads]) -> dict:
    """Scores pooled over documents (counts summed, then ratios)."""
    pc = [0, 0, 0, 0]
    rc = [0, 0, 0, 0]
    nc = [0, 0, 0]
    for gold, pred in zip(golds, preds):
        pc = [a + b for a, b in zip(pc, _precision_counts(gold, pred))]
        g11 = [(x, y) for x, y in gold if len(x) and len(y)]
        p11 = [(x, y) for x, y in pred if len(x) and len(y)]
        rc = [a + b for a, b in zip(rc, _precision_counts(p11, g11))]
        nc = [a + b for a, b in zip(nc, _null_counts(gold, pred))]
    sp, lp = _ratio(pc[0], pc[0] + pc[1]), _ratio(pc[2], pc[2] + pc[3])
    sr, lr = _ratio(rc[0], rc[0] + rc[1]), _ratio(rc[2], rc[2] + rc[3])
    hit, npred, ngold = nc
    if npred == 0 and ngold == 0:
        null_f = float("nan")
    else:
        null_f = _f1(_ratio(hit, npred), _ratio(hit, ngold))
    return {"strict_p": sp, "strict_r": sr, "strict_f1": _f1(sp, sr),
            "lax_p": lp, "lax_r": lr, "lax_f1": _f1(lp, lr), "null_f": null_f}


def score_beads(gold: Beads, pred: Beads) -> dict:
    """Scores of one document: strict_p/r/f1, lax_p/r/f1, null_f."""
    return score_many([gold], [pred])
