"""Lexical support for the aligner's second opinion (:mod:`bilingual.align.members`).

``lexical_evidence(en_texts, ja_texts)`` returns the ``member_evidence``
callable the aligner asks about the extra sentences of its one-to-many beads
(and about the pairs a swap would make or undo).
A sentence's *coverage* by a text of the other language is the weighted share
of its content words with evidence there (:mod:`.lexcov`: numbers, JMdict
glosses, romaji, kanji meanings).  What coverage a translation has depends on
the document (a literal translation of Wikipedia covers more than a news
rewrite), so the evidence is calibrated on the document itself, on the
aligner's own 1-1 beads (at most :data:`SAMPLE` of them):

- translated: a sentence's coverage by its 1-1 partner;
- neighbour: its coverage by the partner's neighbours (the sentences just
  before and after), which is what a sentence that joined a neighbour's bead
  looks like.

Both are binned (:data:`BINS` equal bins on [0, 1], add-one smoothing), one
model per side, and the evidence for a sentence is the log-likelihood ratio of
its bin, in nats.  A sentence without content words gives ``None`` (no
opinion), and so does a fragment of a sentence (:func:`is_fragment`): with the
English cut at each sentence's first comma (the first 1,000 kyoto-long beads),
fragments such as "Although some were more competent than others," were split
off their bead and strict F1 fell from 0.8923 to 0.8855; with the guard, 0.8914,
and no eval set changed.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..align.anchors import is_fragment

SAMPLE = 100  # 1-1 beads used to calibrate a document (a fixed, seeded sample beyond that)
BINS = 5


def coverage(side: str, text: str, other: str, tokens) -> tuple[float, float] | None:
    """Weighted share of the content words of ``text`` (``side`` ``en`` or ``ja``) that ``other`` covers,
    and their weight (:class:`.lexcov.Unit`); ``None`` without content words."""
    from .lexcov import source_units

    units = source_units(text, side, other, tokens(text if side == "ja" else other))
    weight = sum(u.weight for u in units)
    return (sum(u.weight * u.covered for u in units) / weight, weight) if weight else None


def log_ratio(translated: Sequence[float], neighbour: Sequence[float], bins: int = BINS) -> np.ndarray:
    """Per-bin log-likelihood ratio of the two coverage samples (add-one smoothing)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    t = np.histogram(np.asarray(translated, dtype=np.float64), edges)[0] + 1.0
    r = np.histogram(np.asarray(neighbour, dtype=np.float64), edges)[0] + 1.0
    return np.log(t / t.sum()) - np.log(r / r.sum())


def lexical_evidence(en_texts: Sequence[str], ja_texts: Sequence[str], *, sample: int = SAMPLE, seed: int = 0):
    """The aligner's ``member_evidence`` for one English/Japanese document pair."""
    from functools import lru_cache

    from ..segment.japanese_tokens import tokenize

    en, ja = list(en_texts), list(ja_texts)

    @lru_cache(maxsize=None)
    def tokens(text: str):
        return tuple(tokenize(text))

    def cover(side: str, k: int, other_ids: Sequence[int]) -> tuple[float, float] | None:
        text = en[k] if side == "en" else ja[k]
        other = ("" if side == "en" else " ").join((ja if side == "en" else en)[x] for x in other_ids)
        return coverage(side, text, other, tokens)

    def evidence(pairs: list[tuple[int, int]], asks: list[tuple[str, int, tuple[int, ...]]]) -> list[float | None]:
        if len(pairs) > sample:
            rng = np.random.default_rng(seed)
            pairs = [pairs[k] for k in sorted(rng.choice(len(pairs), sample, replace=False))]
        tables = {"en": None, "ja": None}
        for side in sorted({ask[0] for ask in asks}):  # calibrate only the sides asked about
            translated, neighbour = [], []
            for i, j in pairs:
                me, partner, size = (i, j, len(ja)) if side == "en" else (j, i, len(en))
                translated.append(cover(side, me, (partner,)))
                neighbour += [cover(side, me, (p,)) for p in (partner - 1, partner + 1) if 0 <= p < size]
            translated = [c for c in translated if c is not None]
            neighbour = [c for c in neighbour if c is not None]
            if translated and neighbour:
                typical = float(np.median([w for _, w in translated]))
                tables[side] = (log_ratio([c for c, _ in translated], [c for c, _ in neighbour]), typical)
        out: list[float | None] = []
        for side, k, other_ids in asks:
            text = en[k] if side == "en" else ja[k]
            c = cover(side, k, other_ids) if tables[side] is not None and not is_fragment(text) else None
            if c is None:
                out.append(None)
                continue
            table, typical = tables[side]
            # a sentence with fewer content words than is typical is weaker evidence, as in the DP
            # (:class:`bilingual.align.scores.SideSpans`: a fragment's weight)
            share = min(1.0, c[1] / typical) if typical > 0 else 1.0
            out.append(share * float(table[min(int(c[0] * len(table)), len(table) - 1)]))
        return out

    return evidence
