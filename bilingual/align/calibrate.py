"""Per-document calibration of the aligner's scores: nothing here is a tuned constant.

* **Similarity normalisation** (Vecalign's): a vector's *baseline* is its mean
  cosine with a random sample of sentences of the other side.  A pair's
  normalised similarity is ``q = (cos - b) / (1 - b)`` with ``b`` the mean of the
  two baselines: ``q = 0`` for a typical unrelated pair, ``q = 1`` for identical
  vectors.  This removes "hub" sentences that are close to everything.
* **Match threshold** ``t``: the equal-error point between the ``q`` of likely
  true pairs (the first pass's 1-1 beads, or each sentence's best match) and the
  ``q`` of random pairs.  Every non-null bead pays ``t``, so a 1-1 bead beats two
  null beads exactly when it is more likely a true pair than a random one.
* **Length model**: ``log(chars_en / chars_ja)`` of likely true pairs is roughly
  normal; its median and robust spread come from the document itself, so a
  German/French pair and an English/Japanese pair get their own ratios.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLE = 256  # random partners per vector for the baseline (Vecalign uses 100)
MAD_TO_SD = 1.4826  # MAD of a normal distribution times this is its standard deviation


def sample_rows(count: int, rng: np.random.Generator, size: int = SAMPLE) -> np.ndarray:
    if count <= size:
        return np.arange(count)
    return np.sort(rng.choice(count, size=size, replace=False))


def baselines(vecs: np.ndarray, other_sample: np.ndarray) -> np.ndarray:
    """Mean cosine of every row of ``vecs`` with the sampled vectors of the other side."""
    if len(other_sample) == 0 or len(vecs) == 0:
        return np.zeros(len(vecs), dtype=np.float32)
    return (vecs @ other_sample.mean(axis=0)).astype(np.float32)


def normalise(cos: np.ndarray, b_x: np.ndarray, b_y: np.ndarray) -> np.ndarray:
    b = 0.5 * (b_x + b_y)
    return (cos - b) / np.maximum(1.0 - b, 1e-3)


def robust_sd(x: np.ndarray) -> float:
    x = np.asarray(x, dtype=np.float64)
    if len(x) < 2:
        return 0.0
    return float(MAD_TO_SD * np.median(np.abs(x - np.median(x))))


def equal_error_threshold(true_q: np.ndarray, random_q: np.ndarray) -> float:
    """The ``q`` at which the share of random pairs above equals the share of true pairs below."""
    true_q = np.sort(np.asarray(true_q, dtype=np.float64))
    random_q = np.sort(np.asarray(random_q, dtype=np.float64))
    if len(true_q) == 0 or len(random_q) == 0:
        return 0.0
    grid = np.unique(np.concatenate([true_q, random_q]))
    miss = np.searchsorted(true_q, grid, side="left") / len(true_q)  # true pairs below
    false = 1.0 - np.searchsorted(random_q, grid, side="right") / len(random_q)  # random pairs above
    k = int(np.argmin(np.abs(miss - false)))
    return float(grid[k])


def random_pair_q(en: np.ndarray, ja: np.ndarray, b_en: np.ndarray, b_ja: np.ndarray,
                  rng: np.random.Generator, size: int = 4096, exclude=None) -> np.ndarray:
    """q of random pairs; ``exclude(x, y) -> bool array`` drops pairs that may be true ones.

    On a short document a random pair is often the true pair (1 in n), which
    would pull the threshold up, so callers exclude pairs near the expected path.
    """
    if len(en) == 0 or len(ja) == 0:
        return np.zeros(0)
    x = rng.integers(0, len(en), size)
    y = rng.integers(0, len(ja), size)
    if exclude is not None:
        keep = ~exclude(x, y)
        if keep.sum() >= 16:
            x, y = x[keep], y[keep]
    cos = np.einsum("ij,ij->i", en[x], ja[y])
    return normalise(cos, b_en[x], b_ja[y])


CHI2_1_MEDIAN = 0.4549  # median of a chi-square variable with one degree of freedom


@dataclass(frozen=True)
class Calibration:
    """Everything the bead score needs, measured on the document at hand.

    threshold: cost of a non-null bead (equal-error point, see module doc).
    spread: robust standard deviation of the q of likely true 1-1 pairs; the
        unit in which the length prior and the slack of the span search are
        expressed.
    tie: cost per extra sentence in a many-sentence bead; the standard error of
        the mean true-pair q (spread / sqrt(pairs)), i.e. the resolution below
        which two q values are indistinguishable, so equal evidence keeps 1-1.
        Beads with one sentence on one side pay more (:meth:`extra_cost`).
    len_ratio, len_var: Gale and Church's length model with the document's own
        parameters: ``chars_en ~ len_ratio * chars_ja`` with variance
        ``len_var * mean length`` (so short lines may deviate more), both
        estimated robustly from likely true pairs.
    nat: one unit of log-likelihood ratio in similarity units.  If the q of
        true and of random pairs are normal with a common spread ``s`` and
        means ``mu_t > mu_r``, the log-likelihood ratio of a pair is linear in q
        with slope ``(mu_t - mu_r) / s**2``; ``nat`` is its inverse, so other
        evidence (numbers, :mod:`bilingual.align.anchors`) adds to q on the
        same scale.
    random_spread: robust standard deviation of the q of random pairs: how far
        above ``threshold`` a pair must be before it stops looking random.
    num_shared, num_only: score of one number both sides of a bead share, and
        of one that only one side has (:func:`~bilingual.align.anchors.number_weights`);
        0 when the aligner gets no numbers.
    rom_shared, rom_only: the same for romanised-word keys.
    """

    threshold: float
    spread: float
    tie: float
    len_ratio: float
    len_var: float
    nat: float = 0.0
    random_spread: float = 0.0
    num_shared: float = 0.0
    num_only: float = 0.0
    rom_shared: float = 0.0
    rom_only: float = 0.0

    def extra_cost(self, a: int, b: int) -> float:
        """Cost per (length-weighted) extra sentence of an ``a x b`` bead.

        In a one-to-many bead an extra sentence is the alternative to a null
        bead for it, which costs up to one ``spread``: it pays half of that, so
        it joins the bead only when its similarity gain plus the better length
        fit come to more than half a spread (halfway between a sentence that
        adds nothing and a typical true completion, about one spread).  Beads
        with several sentences on both sides are licensed by crossing content
        instead (:func:`bilingual.align.scores.splittable`) and pay ``tie``.
        """
        return 0.5 * self.spread if min(a, b) == 1 else self.tie

    def length_penalty(self, len_en: np.ndarray, len_ja: np.ndarray) -> np.ndarray:
        """At most one ``spread`` of similarity: ``spread * (1 - exp(-z**2 / 2))``.

        A bounded (Welsch) loss: lengths only break ties between beads whose
        similarity differs by less than the similarity's own spread, and a
        translation that is far off in length (they exist) is not ruled out.
        """
        cj = self.len_ratio * len_ja
        z2 = (len_en - cj) ** 2 / (self.len_var * (0.5 * (len_en + cj) + 1.0))
        return self.spread * -np.expm1(-0.5 * z2)


def calibrate(true_q: np.ndarray, random_q: np.ndarray, len_en: np.ndarray, len_ja: np.ndarray) -> Calibration:
    """Calibration from likely true 1-1 pairs (their q and lengths) and random pairs."""
    true_q = np.asarray(true_q, dtype=np.float64)
    le = np.asarray(len_en, dtype=np.float64)
    lj = np.asarray(len_ja, dtype=np.float64)
    t = float(np.median(random_q)) if len(random_q) else 0.0
    keep = true_q > equal_error_threshold(true_q, random_q)  # confident pairs only for the spread and the length model
    if keep.sum() < 3:
        keep = np.ones(len(true_q), dtype=bool)
    conf = true_q[keep]
    spread = (robust_sd(conf) or float(np.std(conf))) if len(conf) > 1 else 0.1
    spread = max(spread, 1e-3)
    tie = spread / np.sqrt(max(len(conf), 1))
    le, lj = le[keep], lj[keep]
    ok = (le > 0) & (lj > 0)
    if ok.sum() >= 3:
        ratio = float(np.exp(np.median(np.log(le[ok] / lj[ok]))))
        cj = ratio * lj[ok]
        var = float(np.median((le[ok] - cj) ** 2 / (0.5 * (le[ok] + cj) + 1.0)) / CHI2_1_MEDIAN)
    else:  # too few pairs to measure: the whole document's ratio, a wide variance
        ratio = float((le.sum() + 1.0) / (lj.sum() + 1.0)) if len(le) else 1.0
        var = 0.0
    nat = 0.0
    rspread = (robust_sd(random_q) or float(np.std(random_q))) if len(random_q) > 1 else spread
    if len(conf) and len(random_q) > 1:
        gap = float(np.median(conf)) - t
        pooled = 0.5 * (spread**2 + rspread**2)
        nat = pooled / gap if gap > 0 else 0.0
    # never tighter than one character of noise per character of text
    return Calibration(threshold=t, spread=spread, tie=float(tie), len_ratio=ratio, len_var=max(var, 1.0), nat=nat,
                       random_spread=max(rspread, 1e-3))
