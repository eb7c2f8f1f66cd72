"""Where the aligner's unaligned sentences go wrong, and why a similarity test cannot fix it.

For each set: precision and recall of the sentences left unaligned (pooled over
both sides), and the gold bead types of the missed ones' predicted beads.  Then
the *gain* of a one-to-many bead's extra sentence: the normalised similarity of
the whole bead minus that of the bead without the sentence, in units of the
document's true-pair spread (``Calibration.spread``), for

* ``completes``: the lightest sentence of each gold 1-2 / 2-1 bead (it really
  belongs there), and
* ``absorbed``: a sentence whose counterpart was deleted (a gold null bead) that
  our aligner put into a 1-2 / 2-1 bead.

If the two overlap, no threshold on similarity tells them apart.  Both are
measured with the embeddings of the joined texts; the baselines of the
normalisation come from a fixed random sample of the other side.

With ``--flags`` it also runs the report's analysis (English as the source) on
the pipeline's alignment of each en-ja set with deletions and counts how many deleted
sentences the report still flags: in a null bead, or flagged inside the bead
that took them in; and, for comparison, how many sentences of gold 1-1 beads
get a flag.

    .venv/bin/python scripts/null_analysis.py [--sets kyoto/align-del,textberg,ntrex/align] [--flags]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.evaluate import VectorCache, align_doc, join_spans, load_set  # noqa: E402
from scripts.scoring import unaligned  # noqa: E402


def bead_type_of(beads) -> dict[tuple[int, int], tuple[int, int]]:
    out = {}
    for b in beads:
        for side in (0, 1):
            for x in b[side]:
                out[side, x] = (len(b[0]), len(b[1]))
    return out


def gains(cache: VectorCache, en, ja, second, gold, pred, spread: float, rng) -> dict[str, list[float]]:
    """Gain of the extra sentence of gold (``completes``) and wrongly merged (``absorbed``) 1-2/2-1 beads."""
    lines = (en, ja)
    other = [cache.embed(lines[1 - k]) for k in (0, 1)]  # baselines: mean cosine with 256 of the other side
    mean_other = [v[rng.permutation(len(v))[:256]].mean(axis=0).astype(np.float64) for v in other]

    def q(spans_en, spans_ja) -> float:
        v = [cache.embed(join_spans(lines[k], [sp], "en" if k == 0 else "ja", second))[0].astype(np.float64)
             for k, sp in ((0, spans_en), (1, spans_ja))]
        b = 0.5 * (v[0] @ mean_other[0] + v[1] @ mean_other[1])
        return float((v[0] @ v[1] - b) / max(1.0 - b, 1e-3))

    def gain(bead, drop) -> float:
        a, b = bead
        many = 0 if len(a) > 1 else 1
        rest = [x for x in bead[many] if x != drop]
        part = (rest, b) if many == 0 else (a, rest)
        whole = q((a[0], a[-1] + 1), (b[0], b[-1] + 1))
        without = q((part[0][0], part[0][-1] + 1), (part[1][0], part[1][-1] + 1))
        return (whole - without) / spread

    gold_null = unaligned(gold)
    gold_set = {(tuple(a), tuple(b)) for a, b in gold}
    out: dict[str, list[float]] = {"completes": [], "absorbed": []}
    for a, b in gold:
        if a and b and sorted((len(a), len(b))) == [1, 2]:
            many = 0 if len(a) > 1 else 1
            members = (a, b)[many]
            lightest = min(members, key=lambda x: len(lines[many][x]))
            out["completes"].append(gain((a, b), lightest))
    for a, b in pred:
        if (tuple(a), tuple(b)) in gold_set or not a or not b or sorted((len(a), len(b))) != [1, 2]:
            continue
        many = 0 if len(a) > 1 else 1
        dropped = [x for x in (a, b)[many] if (many, x) in gold_null]
        if len(dropped) == 1:
            out["absorbed"].append(gain((a, b), dropped[0]))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="kyoto/align-del,textberg,ntrex/align")
    ap.add_argument("--cache", default=str(ROOT / ".cache" / "embed"), help="on-disk embedding cache")
    ap.add_argument("--flags", action="store_true", help="also count deleted sentences the report flags")
    args = ap.parse_args(argv)
    from bilingual.embed import get_encoder

    cache = VectorCache(get_encoder("use", cache_dir=args.cache))
    for name in args.sets.split(","):
        second, docs = load_set(name)
        tp = fp = fn = 0
        missed: Counter = Counter()
        pooled: dict[str, list[float]] = {"completes": [], "absorbed": []}
        for doc, en, ja, gold in docs:
            res, _, _ = align_doc(cache, en, ja, second)
            pred = [(list(b.en), list(b.ja)) for b in res.beads]
            types = bead_type_of(pred)
            g, p = unaligned(gold), unaligned(pred)
            tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
            missed.update(types[s] for s in g - p)
            if res.calibration is not None:
                got = gains(cache, en, ja, second, gold, pred, res.calibration.spread, np.random.default_rng(0))
                for k, v in got.items():
                    pooled[k] += v
        print(f"{name}: unaligned sentences: gold {tp + fn}, found {tp}, wrongly unaligned {fp}"
              + (f" (precision {tp / (tp + fp):.3f}, recall {tp / (tp + fn):.3f})" if tp + fp and tp + fn else ""))
        if missed:
            print("  missed ones are in beads of type " + ", ".join(f"{a}-{b}: {c}" for (a, b), c in missed.most_common()))
        for kind, vals in pooled.items():
            if vals:
                q1, med, q3 = np.percentile(vals, [25, 50, 75])
                print(f"  gain of the extra sentence, {kind:9s}: {len(vals):4d} beads, quartiles {q1:+.2f} {med:+.2f} {q3:+.2f} spreads")
        if args.flags and tp + fn and second == "ja":  # the report analyses English against Japanese
            c = flag_counts(cache.encoder, docs)
            print(f"  report (source en): of {c['deleted']} deleted sentences {c['null']} are in null beads, "
                  f"{c['flagged']} flagged inside a bead ({c['major']} major), {c['deleted'] - c['null'] - c['flagged']} not flagged; "
                  f"sentences of gold 1-1 beads flagged {c['kept_flagged']} of {c['kept']} ({c['kept_major']} major)")
    return 0


def flag_counts(encoder, docs) -> Counter:
    """How the report (analysis with English as the source) treats deleted and kept sentences."""
    from bilingual.analyze import analyze
    from bilingual.pipeline import align_documents, as_document

    c: Counter = Counter()
    for _, en, ja, gold in docs:
        al, ev, jv = align_documents(as_document(en, "en", is_presplit=True), as_document(ja, "ja", is_presplit=True), encoder)
        flagged: dict = {}  # English is the source: side 0
        for f in analyze(al, encoder, source="en", en_vecs=ev, ja_vecs=jv):
            flagged.setdefault((0 if f.side == "source" else 1, f.segment), set()).add(f.severity)
        unaligned_pred = unaligned([(b.en, b.ja) for b in al.beads])
        kept = {(k, b[k][0]) for b in gold if len(b[0]) == 1 and len(b[1]) == 1 for k in (0, 1)}
        for s in unaligned(gold):
            c["deleted"] += 1
            if s in unaligned_pred:
                c["null"] += 1
            elif s in flagged:
                c["flagged"] += 1
                c["major"] += "major" in flagged[s]
        for s in kept:
            c["kept"] += 1
            if s in flagged:
                c["kept_flagged"] += 1
                c["kept_major"] += "major" in flagged[s]
    return c


if __name__ == "__main__":
    raise SystemExit(main())
