"""Uncovered runs, their severities, and soft (word-vector) coverage of lexcov's units.

:mod:`.lexcov` decides, word by word, what the other side covers with lexical
evidence; this module groups what is left uncovered into runs (the spans a
flag points at), grades them, and adds BERTScore-style soft evidence from the
encoder for words the lexicon could not match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from . import lexicon as _lexicon
from .lexcov import _EN_WORD, Unit, is_content


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    weight: float  # uncovered weight inside the run
    units: int


def uncovered_runs(units: Sequence[Unit], text: str, *, gap: int = 6, threshold: float = 0.5) -> list[Run]:
    """Maximal runs of adjacent uncovered units (covered < ``threshold``); two uncovered units
    are in one run when no covered unit lies between them and at most ``gap`` characters do.
    Runs are cut at sentence punctuation."""
    runs: list[Run] = []
    cur: list[Unit] = []
    for u in list(units) + [None]:  # type: ignore[list-item]
        if u is not None and u.covered < threshold:
            if cur and (u.start - cur[-1].end > gap or re.search(r"[。．！？!?]", text[cur[-1].end : u.start])):
                runs.append(_run(cur))
                cur = []
            cur.append(u)
            continue
        if cur:
            runs.append(_run(cur))
            cur = []
    return runs


def _run(units: list[Unit]) -> Run:
    return Run(units[0].start, units[-1].end, sum(u.weight * (1 - u.covered) for u in units), len(units))


def summary(units: Sequence[Unit], text: str) -> tuple[float, float, float]:
    """(uncovered share of content weight, weight of the longest uncovered run, total weight)."""
    total = sum(u.weight for u in units)
    if total == 0:
        return 0.0, 0.0, 0.0
    miss = sum(u.weight * (1 - u.covered) for u in units)
    runs = uncovered_runs(units, text)
    return miss / total, max((r.weight for r in runs), default=0.0), total


# Severity of an uncovered run inside an aligned bead, by the source language of the run.
# Calibration (``scripts/fit_qa_weights.py --calibrate``): the longest uncovered run (after
# soft coverage) of every checked translation (label 0) of ../shared/eval/kyoto/omission.tsv,
# in each direction; a run is *minor* from the 80th percentile of that distribution and
# *major* from the 90th, i.e. a checked translation shows a major run in about one sentence
# in ten.  On the 276 before/after twins of that file this makes the English before the fix
# show a major run absent from the fixed one in about a third of the twins, and the fixed
# one a major run absent from the English before the fix in about 3%.
# Run weights: Japanese in characters of content morphemes, English in words (letters/4,
# at least 1), each times its uncovered part (1 - coverage).
RUN_MINOR = {"ja": 3.96, "en": 3.89}
RUN_MAJOR = {"ja": 4.80, "en": 4.52}


def run_severity(run: Run, src_lang: str) -> str | None:
    if run.weight >= RUN_MAJOR[src_lang]:
        return "major"
    if run.weight >= RUN_MINOR[src_lang]:
        return "minor"
    return None


# The median best cosine of a Japanese content word (USE vector) to the content words of an
# *unrelated* English sentence: 0.44 on the checked translations of the Kyoto omission rows with
# the English shifted by 7 rows (median 0.56 for the true English).  Below it a cosine is no evidence.
SOFT_NULL = 0.44
# The same for the uncovered Japanese words against only the English words the lexicon left
# unexplained (``other_words`` as qa.py passes them): 0.425 (0.46 for the true English);
# ``scripts/fit_qa_weights.py --calibrate`` prints both.
SOFT_NULL_FREE = 0.425


def en_content_words(en_text: str) -> list[str]:
    return [m.group() for m in _EN_WORD.finditer(en_text) if not m.group()[0].isdigit() and _lexicon.en_key(m.group())]


def soft_cover(units: Sequence[Sequence[Unit]], texts: Sequence[str], others: Sequence[str], encoder,
               other_lang: str = "en", other_words: Sequence[Sequence[str]] | None = None,
               null: float = SOFT_NULL) -> list[list[Unit]]:
    """BERTScore-style soft evidence for the units lexical matching left uncovered:
    ``covered += (1 - covered) * m``, ``m`` the best cosine of the word's vector to the vectors
    of the other text's content words rescaled so that ``null`` (what an unrelated sentence
    gives, :data:`SOFT_NULL`) is 0 and 1 is 1 (English words, or Japanese content morphemes),
    all unique words of all pairs embedded in one encoder call (short texts are cheap).  ``other_words``
    (one list per pair) replaces the content words of ``others``, e.g. to leave out the words
    the lexicon already matched."""
    words = sorted({t[u.start:u.end] for us, t in zip(units, texts) for u in us if u.covered < 1.0})
    if other_words is None:
        other_words = [en_content_words(o) if other_lang == "en" else [t.surface for t in _tokens(o) if is_content(t)]
                       for o in others]
    vocab = sorted({w for ws in other_words for w in ws})
    if not words or not vocab:
        return [list(us) for us in units]
    vecs = encoder.embed(words + vocab)
    wv = {w: vecs[i] for i, w in enumerate(words)}
    ov = {w: vecs[len(words) + i] for i, w in enumerate(vocab)}
    out = []
    for us, t, ows in zip(units, texts, other_words):
        mat = np.array([ov[w] for w in ows]) if ows else None
        row = []
        for u in us:
            if u.covered < 1.0 and mat is not None:
                m = (float(np.max(mat @ wv[t[u.start:u.end]])) - null) / (1 - null)
                m = min(1.0, max(0.0, m))
                row.append(Unit(u.start, u.end, u.weight, u.covered + (1 - u.covered) * m, u.how or "soft"))
            else:
                row.append(u)
        out.append(row)
    return out


def _tokens(text: str):
    from ._lang import tokenize_ja

    return tokenize_ja(text)
