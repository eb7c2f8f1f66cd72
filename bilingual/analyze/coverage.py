"""Semantic clause coverage: which clauses of one side have no counterpart on the other.

Two signals per clause, both from one batched encoder call:

- *coverage*: the clause's best cosine to the other side's bead text, its
  clauses and the neighbouring beads' sentences;
- *leave-one-out gain*: how much the similarity of the whole sentence to the
  other side *rises* when this clause is removed.  A clause whose removal makes
  the sentence a better match is content the other side does not carry.

Both are judged against the document's own distribution (median and MAD of all
clauses), so the thresholds below are in robust z units, not raw cosines.

Calibration (scripts/eval_omission.py and the Tokyo edits in
tests/test_analyze_tokyo.py): on the Kyoto omission dev rows a clause needs
``gain_z >= GAIN_Z`` *and* ``cov_z <= COV_Z`` to be flagged; these values keep
the flag rate on fixed (label 0) pairs under about one in ten clauses while
catching most dropped clauses of the Tokyo Statement.  ``MAJOR_Z`` marks the
clauses far in the tail (both signals beyond it) as major.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COV_Z = -0.5  # coverage at most this many robust SDs above/below the document median
GAIN_Z = 1.5  # leave-one-out gain at least this many robust SDs above the median
MAJOR_Z = 3.0  # both signals this far in the tail -> major
# And at least this much in cosine, by the language of the clause: the 95th percentile of the
# leave-one-out gain of clauses that *are* translated (checked translations, label 0, of
# ../shared/eval/kyoto/omission.tsv; ``scripts/fit_qa_weights.py --calibrate``).  It only
# matters when a document is too short for its own distribution (the z tests) to mean much.
MIN_GAIN = {"ja": 0.017, "en": 0.028}
MIN_MAD = 0.02  # floor for the MAD of cosines (short documents have tiny spreads)


@dataclass(frozen=True)
class ClauseScore:
    index: int  # index into the clause list given
    coverage: float
    gain: float  # leave-one-out gain (0 for single-clause sentences)
    cov_z: float
    gain_z: float


def robust_z(values: np.ndarray, floor: float = MIN_MAD) -> np.ndarray:
    if values.size == 0:
        return values
    med = float(np.median(values))
    mad = float(np.median(np.abs(values - med))) * 1.4826
    return (values - med) / max(mad, floor)


def score_clauses(
    clause_vecs: np.ndarray,
    sentence_sim: np.ndarray,
    loo_sim: np.ndarray,
    candidates: list[np.ndarray],
) -> list[ClauseScore]:
    """``clause_vecs[i]`` against ``candidates[i]`` (rows: other-side vectors);
    ``sentence_sim[i]``/``loo_sim[i]``: similarity of the clause's sentence to the
    other side with / without the clause (equal when the sentence has one clause)."""
    cov = np.array([float(np.max(c @ v)) if len(c) else 0.0 for v, c in zip(clause_vecs, candidates)])
    gain = np.asarray(loo_sim, dtype=float) - np.asarray(sentence_sim, dtype=float)
    multi = gain != 0
    cov_z = robust_z(cov)
    gain_z = np.zeros_like(gain)
    if multi.any():
        gain_z[multi] = robust_z(gain[multi])
    return [ClauseScore(i, float(cov[i]), float(gain[i]), float(cov_z[i]), float(gain_z[i])) for i in range(len(cov))]


def uncovered(scores: list[ClauseScore], lang: str = "en") -> list[tuple[ClauseScore, str]]:
    """Clauses (in ``lang``) judged missing on the other side, with severity."""
    out = []
    for s in scores:
        if s.gain >= MIN_GAIN[lang] and s.gain_z >= GAIN_Z and s.cov_z <= COV_Z:
            sev = "major" if s.gain_z >= MAJOR_Z and s.cov_z <= -MAJOR_Z / 2 else "minor"
            out.append((s, sev))
    return out
