"""Risk scores for already-aligned sentence pairs: does the target drop or distort the source?

``score_pairs([(source, target), ...], source_lang="ja", encoder=enc)`` returns
``(risk, flags)`` per pair.  Flags use ``segment`` = the row index on each side
(source row i and target row i are the two texts of pair i).

The risk is a logistic model over general features (see :data:`FEATURES`):
sentence similarity, word-level lexical coverage of the Japanese content by the
English and back (:mod:`.lexcov`: dictionary, romaji, kanji readings, numbers),
the longest uncovered run of content words, an expected-length model (log sizes
of both sides by script, weighted jointly), and English names with no Japanese
counterpart.
Weights were fitted by ``scripts/fit_qa_weights.py``: L2 logistic regression
(penalty 1.0 on standardised features, Newton steps) on all 592 rows of
../shared/eval/kyoto/omission.tsv; the figures it reports are 5-fold CV grouped
by sentence (before/after twins never straddle folds), for fold seeds 0 / 1 / 2
(``default_rng(seed)``): AUC 0.839 / 0.845 / 0.843 on omission rows, 0.623 /
0.608 / 0.613 on mistranslation rows (20 twins: one pair moves it by 0.0025),
before riskier than its fixed twin in 98.0 / 97.6 / 98.0% of twins.  Only the
two sentences and the uncovered content words are embedded.

Speed: from :data:`PARALLEL_MIN_PAIRS` pairs the lexical work runs in a forked worker
process while this one embeds the sentences (the two take about the same time and
there are 2 cores); the result is the same either way.
"""
from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

from .._parallel import beside
from ..types import Flag
from . import checks, lexcov, names, runs
from . import lexicon as _lexicon
from ._lang import tokenize_ja

# Only the two sentences are embedded: source clause coverage (cov_risk) added nothing in CV
# once the word-level lexical coverage (:mod:`.lexcov`) was in.  Sentence-level counts of
# missing numbers, names and brackets (num_miss, name_miss, paren_miss), the proper-noun share
# of the soft coverage (miss_name), the run share and the hiragana count were dropped: the word
# coverage holds the same evidence, and without them CV AUC rose for fold seeds 0, 1 and 2.
FEATURES = (
    "cos_risk", "len_ratio", "en_name_extra",
    # word-level lexical coverage (lexcov): uncovered share / longest uncovered run of the
    # Japanese content, uncovered weight, uncovered share of the English content
    "lex_share", "lex_run", "lex_miss", "en_share",
    # expected-length model, fitted jointly: log sizes of the English and of the Japanese by script
    "log_en_chars", "log_en_words", "log_ja_chars", "log_ja_content", "log_kanji", "log_katakana",
    "log_digits", "log_parens",
    # coverage after soft evidence (runs.soft_cover: USE vectors of the words): uncovered
    # share (by kanji, see _kanji_share), longest run, and the uncovered share of numbers /
    # other nouns / verbs
    "soft_share", "soft_run", "miss_number", "miss_noun", "miss_verb",
)
# Fitted by scripts/fit_qa_weights.py (see module docstring); MEAN/SCALE standardise the features.
MEAN = (0.5039, 0.3761, 0.2973, 0.2370, 3.8294, 8.5405, 0.2579, 5.2412, 3.4503, 4.0369, 2.9325, 3.3381, 0.4792, 0.8563, 0.4735, 0.1986, 3.4534, 0.0181, 0.1152, 0.0521)
SCALE = (0.1088, 0.3074, 0.6202, 0.1637, 2.7783, 7.0650, 0.1411, 0.5907, 0.5657, 0.5287, 0.5075, 0.5310, 0.7807, 0.9736, 0.5449, 0.1482, 2.6425, 0.0517, 0.1087, 0.0658)
WEIGHTS = (0.1851, -0.1344, 0.0248, 0.8235, -0.8347, -0.4078, -0.1134, -0.2077, -0.8704, -0.0223, 0.2657, 0.9336, 0.0530, -0.1893, -0.0567, 1.4786, 1.1817, 0.7530, -1.1182, -0.5842)
BIAS = 0.2898
# Expected log length ratio target/source in characters (ja->en text is ~2.2x longer in
# Latin letters than the Japanese); only used to centre the feature.
EXPECTED_LOG_RATIO = {("ja", "en"): math.log(2.2), ("en", "ja"): -math.log(2.2)}

_SCRIPTS = (re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]"), re.compile(r"[\u30a0-\u30ff]"),
            re.compile(r"[0-9０-９]"), re.compile(r"[（(]"))


# From this many pairs the lexical work runs in a worker process beside the encoder.
PARALLEL_MIN_PAIRS = 64


def _sizes(ja: str, en: str, n_content: int) -> list[float]:
    """Log sizes for the expected-length model: English chars and words, Japanese chars,
    content morphemes, kanji, katakana, digits and brackets."""
    return [math.log1p(len(en)), math.log1p(len(en.split())), math.log1p(len(ja)), math.log1p(n_content)] + [
        math.log1p(len(p.findall(ja))) for p in _SCRIPTS]


def features(pairs: Sequence[tuple[str, str]], *, source_lang: str = "ja", encoder) -> tuple[np.ndarray, list]:
    """Feature matrix ``(len(pairs), len(FEATURES))`` and the per-pair lexical findings."""
    tgt_lang = "en" if source_lang == "ja" else "ja"
    # The lexical work (pure Python) runs in a forked worker process while this one embeds the
    # sentences: on 2 cores the two overlap.  Small inputs, or no fork, run it here.
    texts = [t for pair in pairs for t in pair]
    _lexicon.load()  # loaded once, here: a forked worker shares it
    vecs, (rows, found, all_units, ja_en, pos_of, free_en) = beside(
        _lexical, (pairs, source_lang, tgt_lang), lambda: encoder.embed(texts), worth_it=len(pairs) >= PARALLEL_MIN_PAIRS)
    for k, row in enumerate(rows):
        row.insert(0, 1 - float(vecs[2 * k] @ vecs[2 * k + 1]))
    soft = runs.soft_cover(all_units, [j for j, _ in ja_en], [e for _, e in ja_en], encoder,
                             other_words=free_en, null=runs.SOFT_NULL_FREE)
    for row, units, (ja_text, _), pos, fs in zip(rows, soft, ja_en, pos_of, found):
        _, run, total = runs.summary(units, ja_text)
        share = _kanji_share(units, ja_text)
        fs.extend(_run_findings(units, ja_text, source_lang))
        by_class = [0.0] * 4
        for u in units:
            by_class[_word_class(pos.get(u.start, ""))] += u.weight * (1 - u.covered)
        row += [share, run] + [v / max(total, 1.0) for v in by_class[1:]]
    return np.asarray(rows, dtype=float).reshape(len(pairs), len(FEATURES)), found


def _lexical(pairs, source_lang: str, tgt_lang: str):
    """Per pair: the lexical feature row (without the sentence cosine), findings, coverage units."""
    lex = _lexicon.load()
    rows, found, all_units, ja_en, pos_of, free_en = [], [], [], [], [], []
    for src, tgt in pairs:
        ja_text, en_text = (src, tgt) if source_lang == "ja" else (tgt, src)
        toks = tokenize_ja(ja_text)
        s_lex = checks.lexicon(src, source_lang, toks if source_lang == "ja" else None)
        t_lex = checks.lexicon(tgt, tgt_lang, toks if tgt_lang == "ja" else None)
        extra_en = names.missing_en_names(en_text, toks, ja_text)
        ratio = math.log((len(tgt) + 4) / (len(src) + 4)) - EXPECTED_LOG_RATIO[(source_lang, tgt_lang)]
        ja_units = lexcov.ja_coverage(ja_text, toks, en_text, lex)
        en_units = lexcov.en_coverage(en_text, ja_text, toks, lex)
        (s_share, s_run, s_tot), (e_share, _, _) = runs.summary(ja_units, ja_text), runs.summary(en_units, en_text)
        if source_lang == "en":  # the English is the source: its uncovered words are the omission side
            s_share, e_share = e_share, s_share
        extra = len(extra_en) if source_lang == "ja" else len(names.missing_ja_names(toks, en_text))
        rows.append([
            ratio, float(extra), s_share, s_run, s_share * s_tot, e_share,
            *_sizes(ja_text, en_text, len(ja_units)),
        ])
        found.append(checks.lexical_findings(s_lex, t_lex))
        all_units.append(ja_units)
        # soft evidence comes only from English words the lexicon did not already explain: a
        # word matched by one Japanese word does not also vouch for another (CV AUC +0.002)
        free_en.append([en_text[u.start:u.end] for u in en_units if u.covered < 1.0 and u.how != "number"])
        ja_en.append((ja_text, en_text))
        pos_of.append({t.start: t.pos for t in toks})
    return rows, found, all_units, ja_en, pos_of, free_en


def _run_findings(units, ja_text: str, source_lang: str) -> list:
    """Uncovered runs of Japanese content as findings: omissions when Japanese is the source,
    additions when it is the target (same thresholds as the document analyzer)."""
    out = []
    for r in runs.uncovered_runs(units, ja_text):
        sev = runs.run_severity(r, "ja")
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


def risk(x: np.ndarray) -> np.ndarray:
    z = (x - np.asarray(MEAN)) / np.asarray(SCALE)
    return 1.0 / (1.0 + np.exp(-(z @ np.asarray(WEIGHTS) + BIAS)))


def _empty_side(row: int, src: str, tgt: str) -> tuple[float, list[Flag]]:
    """A pair with an empty side: all of the other side is dropped (or added), or nothing is."""
    if not src.strip() and not tgt.strip():
        return 0.0, []
    side, text = ("source", src) if src.strip() else ("target", tgt)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if side == "source":
        flag = Flag("omission", "major", "source", row, start, end, text[start:end], "the translation is empty", "empty")
    else:
        flag = Flag("addition", "major", "target", row, start, end, text[start:end],
                    "the source is empty: the translation has nothing to translate", "empty")
    return 1.0, [flag]


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
        if not src.strip() or not tgt.strip():  # nothing to compare: say so rather than score noise
            out.append(_empty_side(i, src, tgt))
            continue
        flags = []
        for f in fs:
            text = src if f.side == "source" else tgt
            flags.append(Flag(f.kind, f.severity, f.side, i, f.start, f.end, text[f.start:f.end], f.message, f.check))
        flags.sort(key=lambda f: (f.side, f.segment, f.start, f.kind))
        out.append((float(s), flags))
    return out
