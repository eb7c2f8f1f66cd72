"""Score the Kyoto omission/mistranslation pairs with bilingual.analyze.qa.score_pairs.

The tool sees only (ja, en); label and restored are read here for scoring only.
Prints ROC AUC on omission rows and on mistranslation rows, the before>after
pairwise rate, the same for two single features (sentence cosine risk 1-cos, and
the uncovered share of Japanese content words, bilingual.analyze.lexcov), the 5-fold grouped CV figures
of the shipped model (scripts/fit_qa_weights.py; the shipped weights are fitted
on all rows, so the first line is a training figure), and the speed.

    .venv/bin/python scripts/eval_omission.py [../shared/eval/kyoto/omission.tsv]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_qa_weights import auc, cv_scores, group_of, load, pairwise  # noqa: E402


def main(argv):
    path = argv[1] if len(argv) > 1 else str(ROOT.parent / "shared/eval/kyoto/omission.tsv")
    from bilingual.analyze.qa import FEATURES, features, score_pairs
    from bilingual.embed import get_encoder

    rows = load(path)
    pairs = [(r["ja"], r["en"]) for r in rows]
    y = np.array([int(r["label"]) for r in rows])
    ids = [r["id"] for r in rows]
    kinds = np.array([r["kind"] for r in rows])
    om, mt = kinds == "omission", kinds == "mistranslation"
    enc = get_encoder("use")
    enc.embed(["warm up"])
    t = time.perf_counter()
    scored = score_pairs(pairs, source_lang="ja", encoder=enc)
    dt = time.perf_counter() - t
    x, _ = features(pairs, source_lang="ja", encoder=get_encoder("use"))
    model = np.array([s for s, _ in scored])
    cv = cv_scores(x, y, [group_of(i) for i in ids])
    table = [
        ("baseline cosine (1-cos)", x[:, FEATURES.index("cos_risk")]),
        ("lexical coverage alone (uncovered share)", x[:, FEATURES.index("lex_share")]),
        ("lexical + soft coverage (uncov. kanji share)", x[:, FEATURES.index("soft_share")]),
        ("qa.score_pairs (shipped, fit on all rows)", model),
        ("qa model, 5-fold grouped CV", cv),
    ]
    print(f"{'method':44s} {'AUC omission':>12s} {'AUC mistransl.':>14s} {'pairwise':>9s}")
    for name, s in table:
        pw, n = pairwise(ids, s)
        print(f"{name:44s} {auc(y[om], s[om]):12.3f} {auc(y[mt], s[mt]):14.3f} {pw:9.3f}")
    print(f"rows {len(rows)} (omission {int(om.sum())}, mistranslation {int(mt.sum())}), twins {pairwise(ids, model)[1]}; "
          f"score_pairs {len(rows) / dt:.0f} pairs/s ({dt:.1f} s)")
    flagged = [sum(1 for f in fl if f.severity == 'major') > 0 for _, fl in scored]
    print(f"pairs with a major flag: label 1 {np.mean([f for f, l in zip(flagged, y) if l == 1]):.2f}, "
          f"label 0 {np.mean([f for f, l in zip(flagged, y) if l == 0]):.2f}")


if __name__ == "__main__":
    main(sys.argv)
