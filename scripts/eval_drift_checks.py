"""False alarms and detection of the report's drift checks (numbers, dates, names, negation,
modality, scope) on pairs that a person aligned.

* **False alarms**: the flags the checks raise on the gold one-to-one pairs of
  kyoto/align, ntrex/align and tokyo (checked translations: almost every flag there is
  false), by check and severity, English as the source.
* **Detection**: the same pairs, each changed once by rule on one side, counting how
  often the change is flagged by its check:
  - negation added to the Japanese (した。 -> しなかった。, である。 -> ではない。, ...)
    or to the English ("was" -> "was not");
  - a Japanese date's day moved by one (19日 -> 20日);
  - a Japanese number in digits outside dates raised by one (3,000人 -> 3,001人);
  - a well-known place in the Japanese swapped for another of its list that neither side
    names (京都 -> 大阪, ロンドン -> パリ).
  Only pairs on which that check raised nothing before the change are counted.

    .venv/bin/python scripts/eval_drift_checks.py [--sets kyoto/align,ntrex/align,tokyo]

The checks see each pair alone, without the aligner, as the report does inside a bead, with
one thing from the whole document as in the report: whether it is about the time of the old
calendar (``checks.old_calendar_document``).  Figures are the same on every machine.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.evaluate import load_set  # noqa: E402

SETS = ("kyoto/align", "ntrex/align", "tokyo")
JA_NEGATE = [(r"した。$", "しなかった。"), (r"である。$", "ではない。"), (r"する。$", "しない。"),
             (r"いる。$", "いない。"), (r"ある。$", "ない。"), (r"れた。$", "れなかった。"), (r"った。$", "らなかった。")]
EN_NEGATE = re.compile(r"\b(?:is|was|were|are)\b")
JA_DAY = re.compile(r"(?<![0-9０-９])([0-9]{1,2})日")
JA_NUMBER = re.compile(r"(?<![0-9,.])([1-9][0-9]{0,3})(?![0-9,.年月日])")
# (Japanese, English) of well-known places, swapped within a list
PLACES = (
    (("東京", "tokyo"), ("大阪", "osaka"), ("京都", "kyoto"), ("奈良", "nara"), ("名古屋", "nagoya"),
     ("福岡", "fukuoka"), ("札幌", "sapporo"), ("広島", "hiroshima"), ("仙台", "sendai"), ("長崎", "nagasaki")),
    (("ロンドン", "london"), ("パリ", "paris"), ("ニューヨーク", "new york"), ("ベルリン", "berlin"),
     ("モスクワ", "moscow"), ("シドニー", "sydney"), ("ローマ", "rome"), ("シカゴ", "chicago")),
)


def lexicons(en: str, ja: str):
    from bilingual.analyze import checks
    from bilingual.analyze._lang import tokenize_ja

    return checks.lexicon(en, "en"), checks.lexicon(ja, "ja", tokenize_ja(ja))


def findings(en: str, ja: str, old_calendar: bool = False):
    from bilingual.analyze import checks, modality

    out = [(f.check, f.severity) for f in checks.lexical_findings(*lexicons(en, ja), old_calendar=old_calendar)]
    out += [("negation" if fam == "not" else "modality", "major" if fam in ("not", "must") else "minor")
            for fam, _, _ in modality.differences(en, "en", ja, "ja")]
    return out


def changed(en: str, ja: str):
    """``(check, en, ja)`` for each rule that applies to the pair."""
    out = []
    for rx, rep in JA_NEGATE:
        if re.search(rx, ja):
            out.append(("negation ja", "negation", en, re.sub(rx, rep, ja)))
            break
    m = EN_NEGATE.search(en)
    if m:
        out.append(("negation en", "negation", en[:m.end()] + " not" + en[m.end():], ja))
    m = JA_DAY.search(ja)
    if m:
        d = int(m.group(1))
        out.append(("date day", "date", en, ja[:m.start(1)] + str(d + 1 if d < 28 else d - 1) + ja[m.end(1):]))
    m = next((m for m in JA_NUMBER.finditer(ja) if not JA_DAY.match(ja, m.start())), None)
    if m:
        out.append(("number", "number", en, ja[:m.start(1)] + str(int(m.group(1)) + 1) + ja[m.end(1):]))
    swapped = _swap_place(en, ja)
    if swapped:
        out.append(("place", "name", en, swapped))
    return out


def _swap_place(en: str, ja: str) -> str | None:
    """The Japanese with its first well-known place (a whole name token) swapped, or None."""
    from bilingual.analyze._lang import tokenize_ja

    toks = tokenize_ja(ja)
    low = en.lower()
    for places in PLACES:
        for t in toks:
            here = next((p for p in places if p[0] == t.surface and p[1] in low), None)
            if here is None or "固有名詞" not in t.pos:
                continue
            other = next((p for p in places if p[0] not in ja and p[1] not in low), None)
            if other is not None:
                return ja[:t.start] + other[0] + ja[t.end:]
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(SETS))
    args = ap.parse_args(argv)
    checks_seen = ("negation", "modality", "date", "number", "name", "scope")
    print("major flags per 100 gold one-to-one pairs (false alarms), by check")
    print(f"{'set':<12} {'pairs':>5} " + " ".join(f"{c:>8}" for c in checks_seen) + f" {'any':>6}")
    detect: dict[str, Counter] = {}
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        _, docs = load_set(name)
        from bilingual.analyze.checks import old_calendar_document

        pairs = []  # (English, Japanese, whether the document is about the time of the old calendar)
        for _, en, ja, gold in docs:
            ones = [(en[a[0]], ja[b[0]].strip()) for a, b in gold if len(a) == 1 and len(b) == 1]
            old = old_calendar_document([lx for e, j in ones for lx in lexicons(e, j)])
            pairs += [(e, j, old) for e, j in ones]
        major = Counter()
        any_major = 0
        for en, ja, old in pairs:
            found = findings(en, ja, old)
            for check in {c for c, sev in found if sev == "major"}:
                major[check] += 1
            any_major += any(sev == "major" for _, sev in found)
            flagged = {c for c, _ in found}
            for rule, check, en2, ja2 in changed(en, ja):
                if check in flagged:
                    continue
                c = detect.setdefault(rule, Counter())
                c[name, "n"] += 1
                c[name, "hit"] += check in {k for k, _ in findings(en2, ja2, old)}
        n = max(len(pairs), 1)
        print(f"{name:<12} {len(pairs):>5} " + " ".join(f"{100 * major[c] / n:>8.1f}" for c in checks_seen)
              + f" {100 * any_major / n:>6.1f}")
    print()
    print("changes made by rule that their check flags (pairs where it flagged nothing before)")
    print(f"{'change':<12} " + " ".join(f"{s:>20}" for s in args.sets.split(",")))
    for rule, c in detect.items():
        cells = []
        for name in args.sets.split(","):
            k, h = c[name, "n"], c[name, "hit"]
            cells.append(f"{h:>5}/{k:<5} {h / k if k else float('nan'):>7.3f}")
        print(f"{rule:<12} " + " ".join(f"{x:>20}" for x in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
