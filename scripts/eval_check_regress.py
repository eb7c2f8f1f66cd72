"""How often the check's coverage comparison (bilingual.check.regress) fires on real translation fixes.

Data: the before/after twins of ../shared/eval/kyoto/omission.tsv (the Japanese is
the source; a checker fixed the English).  Each twin becomes two one-bead reports
with the same Japanese: the fixed English and the English before the fix.  For
each direction the script runs ``coverage_changes(baseline, update)`` and counts
the twins where the update shows a lost run (any / major):

- baseline = fixed English, update = English before the fix: the update drops
  content, so a lost run is a hit;
- baseline = English before the fix, update = fixed English: a lost run is a false
  alarm (and a gained run is the omission listed as resolved).

The label and restored columns are not used; the twin structure tells the direction.

    .venv/bin/python scripts/eval_check_regress.py [../shared/eval/kyoto/omission.tsv]
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def twins(path: str):
    rows: dict[str, dict[str, dict]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            key, _, when = r["id"].rpartition("#")
            rows.setdefault(key, {})[when] = r
    for key in sorted(rows):
        v = rows[key]
        if "before" in v and "after" in v and v["before"]["ja"] == v["after"]["ja"] and v["before"]["en"] != v["after"]["en"]:
            yield key, v["after"]["kind"], v["after"]["ja"], v["before"]["en"], v["after"]["en"]


def one_bead(ja: str, en: str):
    from bilingual.check.baseline import Baseline
    from bilingual.report.model import AlignedPair
    from bilingual.types import Document, Segment

    src = Document("ja", ja, (Segment(0, ja, 0, len(ja)),))
    tgt = Document("en", en, (Segment(0, en, 0, len(en)),))
    return Baseline("", src, tgt, (AlignedPair((0,), (0,), 1.0),), ())


def main(argv) -> int:
    from bilingual.check.regress import coverage_changes

    path = argv[1] if len(argv) > 1 else str(ROOT.parent / "shared/eval/kyoto/omission.tsv")
    stats: dict[str, list[list[int]]] = {}
    for _, kind, ja, before, after in twins(path):
        fixed, broken = one_bead(ja, after), one_bead(ja, before)
        lost_o, _ = coverage_changes(fixed, broken)  # the update drops content
        lost_f, gained_f = coverage_changes(broken, fixed)  # the update is the fix
        stats.setdefault(kind, []).append([
            bool(lost_o), any(f.severity == "major" for f in lost_o),
            bool(lost_f), any(f.severity == "major" for f in lost_f), bool(gained_f),
        ])
    print(f"{'twins':<16} {'n':>4} {'drop: lost':>10} {'drop: major':>11} {'fix: lost':>9} {'fix: major':>10} {'fix: resolved':>13}")
    for kind, rows in sorted(stats.items()):
        n = len(rows)
        cols = [sum(r[k] for r in rows) / n for k in range(5)]
        print(f"{kind:<16} {n:>4} " + " ".join(f"{c:>{w}.3f}" for c, w in zip(cols, (10, 11, 9, 10, 13))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
