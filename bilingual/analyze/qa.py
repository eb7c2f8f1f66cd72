"""Risk scores for already-aligned sentence pairs: does the target drop or distort the source?

``score_pairs([(source, target), ...], source_lang="ja", encoder=enc)`` returns
``(risk, flags)`` per pair.  Flags use ``segment`` = the row index on each side
(source row i and target row i are the two texts of pair i).

The risk is a logistic model over general features (see :data:`FEATURES`):
sentence similarity, word-level lexical coverage of the Japanese content by the
English and back (:mod:`.lexcov`: dictionary, romaji, numbers), the longest
uncovered run of content words, an expected-length model (log sizes of both
sides by script, weighted jointly), and the share of source numbers, names and
parenthesised parts not found in the target.
Weights were fitted by ``scripts/fit_qa_weights.py``: L2 logistic regression
(penalty 1.0 on standardised features, Newton steps) on all 592 rows of
../shared/eval/kyoto/omission.tsv; the figures it reports are 5-fold CV grouped
by sentence (before/after twins never straddle folds, folds from
``default_rng(0)``): AUC 0.813 on omission rows, 0.610 on mistranslation rows,
before riskier than its fixed twin in 98.0% of twins.  Only the two sentences
and the uncovered content words are embedded.
"""
from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

from ..types import Flag
from . import checks, lexcov, names
from . import lexicon as _lexicon
from ._lang import tokenize_ja

# Only the two sentences are embedded: source clause coverage (cov_risk) added nothing in CV
# once the word-level lexical coverage (:mod:`.lexcov`) was in.
FEATURES = (
    "cos_risk", "len_ratio", "num_miss", "name_miss", "en_name_extra", "paren_miss",
    # word-level lexical coverage (lexcov): uncovered share / longest uncovered run of the
    # Japanese content, uncovered weight, run share, uncovered share of the English content
    "lex_share", "lex_run", "lex_miss", "lex_run_frac", "en_share",
    # expected-length model, fitted jointly: log sizes of the English and of the Japanese by script
    "log_en_chars", "log_en_words", "log_ja_chars", "log_ja_content", "log_kanji", "log_katakana",
    "log_hiragana", "log_digits", "log_parens",
    # coverage after soft evidence (lexcov.soft_cover: USE vectors of the words): uncovered
    # share (by kanji, see _kanji_share), longest run, and the uncovered share of proper nouns /
    # numbers / other nouns / verbs
    "soft_share", "soft_run", "miss_name", "miss_number", "miss_noun", "miss_verb",
)
# Fitted by scripts/fit_qa_weights.py (see module docstring); MEAN/SCALE standardise the features.
MEAN = (0.5039, 0.3761, 0.1811, 0.1363, 0.5541, 0.3361, 0.2484, 4.0017, 8.9932, 0.1280, 0.2584, 5.2412, 3.4503, 4.0369, 2.9377, 3.3381, 0.4792, 2.8671, 0.8563, 0.4735, 0.1977, 3.4459, 0.0273, 0.0199, 0.1102, 0.0496)
SCALE = (0.1088, 0.3074, 0.3399, 0.2499, 0.9211, 0.7624, 0.1630, 2.8743, 7.2374, 0.1131, 0.1413, 0.5907, 0.5657, 0.5287, 0.5066, 0.5310, 0.7807, 0.8006, 0.9736, 0.5449, 0.1436, 2.6928, 0.0500, 0.0536, 0.1018, 0.0639)
WEIGHTS = (0.1132, -0.0992, 0.0859, 0.1165, -0.0553, 0.1928, 0.3175, -0.4782, -0.4183, 0.0504, -0.1179, -0.1195, -0.7935, 0.0982, 0.4490, 0.6861, 0.0988, -0.0405, -0.2020, -0.2608, 0.6629, 0.6121, 0.3780, 0.6250, -0.0437, -0.1356)
BIAS = 0.1521
# Expected log length ratio target/source in characters (ja->en text is ~2.2x longer in
# Latin letters than the Japanese); only used to centre the feature.
EXPECTED_LOG_RATIO = {("ja", "en"): math.log(2.2), ("en", "ja"): -math.log(2.2)}

_PAREN = {"ja": re.compile(r"[（(][^）)]*[）)]"), "en": re.compile(r"\([^)]*\)")}


_SCRIPTS = (re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]"), re.compile(r"[\u30a0-\u30ff]"),
            re.compile(r"[\u3040-\u309f]"), re.compile(r"[0-9０-９]"), re.compile(r"[（(]"))


def _sizes(ja: str, en: str, n_content: int) -> list[float]:
    """Log sizes for the expected-length model: English chars and words, Japanese chars,
    content morphemes, kanji, katakana, hiragana, digits and brackets."""
    return [math.log1p(len(en)), math.log1p(len(en.split())), math.log1p(len(ja)), math.log1p(n_content)] + [
        math.log1p(len(p.findall(ja))) for p in _SCRIPTS]


def features(pairs: Sequence[tuple[str, str]], *, source_lang: str = "ja", encoder) -> tuple[np.ndarray, list]:
    """Feature matrix ``(len(pairs), len(FEATURES))`` and the per-pair lexical findings."""
    tgt_lang = "en" if source_lang == "ja" else "ja"
    lex = _lexicon.load()
    vecs = encoder.embed([t for pair in pairs for t in pair])
    rows, found, all_units, ja_en, pos_of = [], [], [], [], []
    for k, (src, tgt) in enumerate(pairs):
        whole = float(vecs[2 * k] @ vecs[2 * k + 1])
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
        ja_units = lexcov.ja_coverage(ja_text, toks, en_text, lex)
        en_units = lexcov.en_coverage(en_text, ja_text, toks, lex)
        (s_share, s_run, s_tot), (e_share, _, _) = lexcov.summary(ja_units, ja_text), lexcov.summary(en_units, en_text)
        if source_lang == "en":  # the English is the source: its uncovered words are the omission side
            s_share, e_share = e_share, s_share
        rows.append([
            1 - whole, ratio,
            len(miss_nums) / max(1, len(src_nums)),
            len(miss_ja) / max(1, len(ja_names)) if source_lang == "ja" else len(extra_en) / max(1, len(names.en_names(en_text))),
            float(len(extra_en) if source_lang == "ja" else len(miss_ja)),
            float(max(0, n_paren_s - n_paren_t)),
            s_share, s_run, s_share * s_tot, s_run / max(s_tot, 1.0), e_share,
            *_sizes(ja_text, en_text, len(ja_units)),
        ])
        found.append(checks.lexical_findings(s_lex, t_lex))
        all_units.append(ja_units)
        ja_en.append((ja_text, en_text))
        pos_of.append({t.start: t.pos for t in toks})
    soft = lexcov.soft_cover(all_units, [j for j, _ in ja_en], [e for _, e in ja_en], encoder)
    for row, units, (ja_text, _), pos, fs in zip(rows, soft, ja_en, pos_of, found):
        _, run, total = lexcov.summary(units, ja_text)
        share = _kanji_share(units, ja_text)
        fs.extend(_run_findings(units, ja_text, source_lang))
        by_class = [0.0] * 4
        for u in units:
            by_class[_word_class(pos.get(u.start, ""))] += u.weight * (1 - u.covered)
        row += [share, run] + [v / max(total, 1.0) for v in by_class]
    return np.asarray(rows, dtype=float).reshape(len(pairs), len(FEATURES)), found


def _run_findings(units, ja_text: str, source_lang: str) -> list:
    """Uncovered runs of Japanese content as findings: omissions when Japanese is the source,
    additions when it is the target (same thresholds as the document analyzer)."""
    out = []
    for r in lexcov.uncovered_runs(units, ja_text):
        sev = lexcov.run_severity(r, "ja")
        if sev is None:
            continue
        if source_lang == "ja":
            out.append(checks.Finding("omission", sev, "source", r.start, r.end,
                                      f"Japanese words have no counterpart in the English ({r.units} content words)", "lexical"))
        else:
            out.append(checks.Finding("addition", sev, "target", r.start, r.end,
                                      f"Japanese words have no counterpart in the English source ({r.units} content words)", "lexical"))
    return out


_KANJI = _SCRIPTS[0]


def _kanji_share(units, ja_text: str) -> float:
    """Uncovered share of the content with each word weighed by its kanji (at least 1/2): the
    kana of a word (okurigana, inflection) carry grammar, not content.  In CV this share beat
    the one by characters (AUC mistranslation +0.01 over three fold seeds, omission even)."""
    w = [max(0.5, len(_KANJI.findall(ja_text[u.start:u.end]))) for u in units]
    total = sum(w)
    return sum(a * (1 - u.covered) for a, u in zip(w, units)) / total if total else 0.0


def _word_class(pos: str) -> int:
    """0 proper noun, 1 number, 2 other noun, 3 verb/adjective/suffix."""
    if "固有名詞" in pos:
        return 0
    if "数詞" in pos:
        return 1
    return 2 if pos.startswith("名詞") else 3


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
