"""Sentence-segmentation micro-F1 of the Japanese segmenter on the ja-senter benchmark.

Usage: .venv/bin/python scripts/eval_jaseg.py [--data ../shared/eval/jaseg] [--errors]

A predicted sentence counts when it equals a gold sentence after stripping
whitespace (multiset match per document); micro-F1 pools TP, predicted and gold
counts over each set.  "best" is the published best figure for comparison.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bilingual.segment.japanese import sentence_spans  # noqa: E402

PUBLISHED_BEST = {
    "wikipedia": 100.0,
    "cc100": 88.4,
    "emoji": 100.0,
    "kaomoji": 84.2,
    "named_entity": 75.0,
    "new_line": 100.0,
}


def predict(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in sentence_spans(text)]


def score_set(path: Path, show_errors: bool = False) -> tuple[int, int, int]:
    tp = n_pred = n_gold = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        gold = Counter(s.strip() for s in doc["output"])
        pred = Counter(s.strip() for s in predict(doc["input"]))
        hits = sum((gold & pred).values())
        tp += hits
        n_pred += sum(pred.values())
        n_gold += sum(gold.values())
        if show_errors and hits != sum(gold.values()) + sum(pred.values()) - hits:
            for s in (pred - gold):
                print(f"  {path.stem} +pred {s!r}")
            for s in (gold - pred):
                print(f"  {path.stem} -gold {s!r}")
    return tp, n_pred, n_gold


def f1(tp: int, n_pred: int, n_gold: int) -> float:
    return 0.0 if tp == 0 else 200.0 * tp / (n_pred + n_gold)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared/eval/jaseg")
    ap.add_argument("--errors", action="store_true", help="print mismatched sentences")
    args = ap.parse_args()
    sets = sorted(args.data.glob("*.jsonl"))
    if not sets:
        print(f"no *.jsonl under {args.data}", file=sys.stderr)
        return 2
    print(f"{'set':<14}{'F1':>7}{'best':>7}  tp/pred/gold")
    below = 0
    for path in sets:
        tp, n_pred, n_gold = score_set(path, args.errors)
        best = PUBLISHED_BEST.get(path.stem)
        score = f1(tp, n_pred, n_gold)
        below += best is not None and score + 1e-9 < best
        best_s = f"{best:7.1f}" if best is not None else "      -"
        print(f"{path.stem:<14}{score:7.1f}{best_s}  {tp}/{n_pred}/{n_gold}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
