"""Risk scores for already-aligned sentence pairs: does the target drop or distort the source?

``score_pairs([(source, target), ...], source_lang="ja", encoder=enc)`` returns
``(risk, flags)`` per pair.  Flags use ``segment`` = the row index on each side
(source row i and target row i are the two texts of pair i).

The risk is a logistic model over general features (see :func:`features`):
semantic similarity, source clause coverage, length ratio, and the
share of source numbers, names and parenthesised parts not found in the target.
Weights were fitted by ``scripts/fit_qa_weights.py`` (L2 logistic regression on
standardised features, Kyoto omission dev rows, 5-fold CV grouped by sentence so
that before/after twins never straddle folds); that script prints the CV AUC.
"""
from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

from ..types import Flag
from . import checks, names
from ._lang import fine_clauses, tokenize_ja

# Only sentences and source clauses are embedded (about 3 sentence-lengths of text per pair):
# leave-one-out variants and target clauses doubled the cost for +0.01 CV AUC.
FEATURES = ("cos_risk", "cov_risk", "len_ratio", "num_miss", "name_miss", "en_name_extra", "paren_miss")
# Fitted by scripts/fit_qa_weights.py (see module docstring); MEAN/SCALE standardise the features.
MEAN = (0.5039, 0.7318, 0.3761, 0.1811, 0.2233, 0.5541, 0.3361)
SCALE = (0.1088, 0.1599, 0.3074, 0.3399, 0.2869, 0.9211, 0.7624)
WEIGHTS = (0.2431, -0.0249, -0.6616, 0.2661, 0.2665, -0.0314, 0.0494)
BIAS = 0.0163
# Expected log length ratio target/source in characters (ja->en text is ~2.2x longer in
# Latin letters than the Japanese); only used to centre the feature.
EXPECTED_LOG_RATIO = {("ja", "en"): math.log(2.2), ("en", "ja"): -math.log(2.2)}

_PAREN = {"ja": re.compile(r"[（(][^）)]*[）)]"), "en": re.compile(r"\([^)]*\)")}


def _clauses(text: str, lang: str) -> list[str]:
    spans = fine_clauses(text, lang)
    out = [text[a:b] for a, b in spans if text[a:b].strip()]
    return out or [text]


def features(pairs: Sequence[tuple[str, str]], *, source_lang: str = "ja", encoder) -> tuple[np.ndarray, list]:
    """Feature matrix ``(len(pairs), len(FEATURES))`` and the per-pair lexical findings."""
    tgt_lang = "en" if source_lang == "ja" else "ja"
    texts: list[str] = []
    layout = []
    for src, tgt in pairs:
        sc = _clauses(src, source_lang)
        base = len(texts)
        texts += [src, tgt] + (sc if len(sc) > 1 else [])
        layout.append((base, len(sc)))
    vecs = encoder.embed(texts)
    rows, found = [], []
    for (src, tgt), (base, ns) in zip(pairs, layout):
        sv, tv = vecs[base], vecs[base + 1]
        scv = vecs[base + 2 : base + 2 + ns] if ns > 1 else sv[None, :]
        whole = float(sv @ tv)
        cov = float(np.min(scv @ tv))
        ja_text, en_text = (src, tgt) if source_lang == "ja" else (tgt, src)
        toks = tokenize_ja(ja_text)
        s_lex = checks.lexicon(src, source_lang, toks if source_lang == "ja" else None)
        t_lex = checks.lexicon(tgt, tgt_lang, toks if tgt_lang == "ja" else None)
        src_nums = {n.value for n in s_lex.numbers}
        miss_nums = {n.value for n in _missing_numbers(s_lex, t_lex)}
        ja_names = names.ja_names(toks)
        miss_ja = names.missing_ja_names(toks, en_text)
        extra_en = names.missing_en_names(en_text, toks, ja_text)
        n_paren_s = len(_PAREN[source_lang].findall(src))
        n_paren_t = len(_PAREN[tgt_lang].findall(tgt))
        ratio = math.log((len(tgt) + 4) / (len(src) + 4)) - EXPECTED_LOG_RATIO[(source_lang, tgt_lang)]
        rows.append([
            1 - whole, 1 - cov, ratio,
            len(miss_nums) / max(1, len(src_nums)),
            len(miss_ja) / max(1, len(ja_names)) if source_lang == "ja" else len(extra_en) / max(1, len(names.en_names(en_text))),
            float(len(extra_en) if source_lang == "ja" else len(miss_ja)),
            float(max(0, n_paren_s - n_paren_t)),
        ])
        found.append(checks.lexical_findings(s_lex, t_lex))
    return np.asarray(rows, dtype=float).reshape(len(pairs), len(FEATURES)), found


def _missing_numbers(src, tgt):
    from .numbers import missing

    return missing(list(src.numbers), list(tgt.numbers))


def risk(x: np.ndarray) -> np.ndarray:
    z = (x - np.asarray(MEAN)) / np.asarray(SCALE)
    return 1.0 / (1.0 + np.exp(-(z @ np.asarray(WEIGHTS) + BIAS)))


def score_pairs(pairs: Sequence[tuple[str, str]], *, source_lang: str = "ja", encoder) -> list[tuple[float, list[Flag]]]:
    """Risk in [0, 1] that each target drops or distorts its source, with flags."""
    if source_lang not in ("en", "ja"):
        raise ValueError("source_lang must be 'en' or 'ja'")
    pairs = [(str(s), str(t)) for s, t in pairs]
    if not pairs:
        return []
    x, found = features(pairs, source_lang=source_lang, encoder=encoder)
    scores = risk(x)
    out = []
    for i, ((src, tgt), s, fs) in enumerate(zip(pairs, scores, found)):
        flags = []
        for f in fs:
            text = src if f.side == "source" else tgt
            flags.append(Flag(f.kind, f.severity, f.side, i, f.start, f.end, text[f.start:f.end], f.message, f.check))
        flags.sort(key=lambda f: (f.side, f.segment, f.start, f.kind))
        out.append((float(s), flags))
    return out
