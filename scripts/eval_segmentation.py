"""Measure the sentence segmenter against the eval sets.

(a) Tokyo Statement: split the one-file seed with ``split_bilingual``, segment
    each side with ``segment_text`` and compare to ``tokyo.en``/``tokyo.ja``
    (one gold unit per line; Markdown marks ``## `` and ``**`` ignored).
(b) Kyoto articles: sentence-boundary precision/recall/F1 of ``segment_text``
    on the raw ``*.en.txt``/``*.ja.txt`` paragraphs against the presplit
    ``*.en``/``*.ja`` files, pooled over all documents.  Boundaries are
    character offsets in the whitespace-removed text, so paragraph formatting
    does not matter.  "all" counts every boundary; "inside" leaves out the
    boundaries at paragraph breaks (which any segmenter gets for free).
    Baselines measured in the same run: pysbd alone on each paragraph
    (English), and a cut after every 。！？ (Japanese).

Usage (from the project root)::

    .venv/bin/python scripts/eval_segmentation.py [--eval-dir ../shared/eval] [--seeds ../shared/seeds]
"""
from __future__ import annotations

import argparse
import difflib
import glob
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bilingual.segment import segment_text  # noqa: E402
from bilingual.segment.bilingual import split_bilingual  # noqa: E402

TOKYO_SEED = "001_de4efa8a5d0b4356.txt"


def clean_gold(line: str) -> str:
    line = line.strip()
    line = re.sub(r"^#{1,6}\s+", "", line)
    return line.replace("**", "").strip()


# ---------------------------------------------------------------- (a) Tokyo


def eval_tokyo(eval_dir: Path, seeds: Path) -> list[tuple[str, int, int, int, list[str]]]:
    text = (seeds / TOKYO_SEED).read_text(encoding="utf-8")
    (es, ee), (js, je) = split_bilingual(text, TOKYO_SEED)
    rows = []
    for lang, (a, b) in (("en", (es, ee)), ("ja", (js, je))):
        gold = [clean_gold(x) for x in (eval_dir / "tokyo" / f"tokyo.{lang}").read_text(encoding="utf-8").splitlines() if x.strip()]
        try:
            pred = segment_text(text[a:b], lang, clauses=False).texts
        except ImportError as exc:
            rows.append((lang, len(gold), -1, -1, [f"n/a: {exc}"]))
            continue
        sm = difflib.SequenceMatcher(a=gold, b=pred, autojunk=False)
        exact = sum(block.size for block in sm.get_matching_blocks())
        diffs = []
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag != "equal":
                diffs.append(f"  gold {gold[i1:i2]!r}\n  pred {pred[j1:j2]!r}")
        rows.append((lang, len(gold), len(pred), exact, diffs))
    return rows


# ---------------------------------------------------------------- (b) Kyoto boundaries


def nonspace_index(text: str) -> list[int]:
    """``idx[i]`` = number of non-space characters in ``text[:i]``."""
    idx = [0]
    for ch in text:
        idx.append(idx[-1] + (not ch.isspace()))
    return idx


def gold_boundaries(raw: str, units: list[str]) -> set[int]:
    """Gold unit ends as offsets in the whitespace-removed ``raw``."""
    squeezed = re.sub(r"\s+", "", raw)
    out, pos = set(), 0
    for u in units:
        u = re.sub(r"\s+", "", u)
        if not u:
            continue
        found = squeezed.find(u, pos)
        pos = (found if found >= 0 else pos) + len(u)
        out.add(pos)
    out.discard(len(squeezed))
    return out


def span_boundaries(raw: str, ends: list[int], idx: list[int]) -> set[int]:
    total = idx[-1]
    return {idx[e] for e in ends if 0 < idx[e] < total}


def paragraph_boundaries(raw: str, idx: list[int]) -> set[int]:
    return {idx[m.start()] for m in re.finditer(r"\n\s*\n", raw)} - {0, idx[-1]}


def pysbd_ends(raw: str) -> list[int]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    ends = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", raw):
        para, base, pos = m.group(0), m.start(), 0
        for s in seg.segment(para.replace("\n", " ")):
            need = sum(not c.isspace() for c in s)
            while pos < len(para) and need:
                need -= not para[pos].isspace()
                pos += 1
            ends.append(base + pos)
    return ends


def punct_ends(raw: str) -> list[int]:
    return [m.end() for m in re.finditer(r"[。！？!?]+[」』）)]*", raw)] + [m.start() for m in re.finditer(r"\n\s*\n", raw)]


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def eval_kyoto(eval_dir: Path) -> list[tuple[str, str, tuple, tuple]]:
    rows = []
    for lang in ("en", "ja"):
        systems = {"bilingual": None, "pysbd" if lang == "en" else "punct 。！？": None}
        counts = {name: [0, 0, 0, 0, 0, 0] for name in systems}  # tp, pred, gold (all) + (inside)
        error = None
        for raw_path in sorted(glob.glob(str(eval_dir / "kyoto" / "align" / f"*.{lang}.txt"))):
            raw = Path(raw_path).read_text(encoding="utf-8")
            units = Path(raw_path[: -len(".txt")]).read_text(encoding="utf-8").splitlines()
            gold = gold_boundaries(raw, units)
            idx = nonspace_index(raw)
            paras = paragraph_boundaries(raw, idx)
            for name in systems:
                if name == "bilingual":
                    if error:
                        continue
                    try:
                        ends = [s.end for s in segment_text(raw, lang, clauses=False).segments]
                    except ImportError as exc:
                        error = str(exc)
                        continue
                elif name == "pysbd":
                    ends = pysbd_ends(raw)
                else:
                    ends = punct_ends(raw)
                pred = span_boundaries(raw, ends, idx)
                c = counts[name]
                c[0] += len(pred & gold)
                c[1] += len(pred)
                c[2] += len(gold)
                c[3] += len((pred & gold) - paras)
                c[4] += len(pred - paras)
                c[5] += len(gold - paras)
        for name, c in counts.items():
            if name == "bilingual" and error:
                rows.append((lang, name, None, None))
                continue
            rows.append((lang, name, prf(c[0], c[1], c[2]), prf(c[3], c[4], c[5])))
    return rows, error


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = Path(__file__).resolve().parent.parent
    ap.add_argument("--eval-dir", type=Path, default=root / ".." / "shared" / "eval")
    ap.add_argument("--seeds", type=Path, default=root / ".." / "shared" / "seeds")
    ap.add_argument("--show-diffs", action="store_true", help="print the differing Tokyo units")
    args = ap.parse_args(argv)

    print("(a) Tokyo Statement, seed split with split_bilingual, segment_text vs gold units")
    print(f"{'side':<5}{'gold':>6}{'pred':>6}{'exact':>7}")
    for lang, n_gold, n_pred, exact, diffs in eval_tokyo(args.eval_dir, args.seeds):
        print(f"{lang:<5}{n_gold:>6}{n_pred:>6}{exact:>7}")
        if diffs and (args.show_diffs or n_pred < 0):
            print("\n".join(diffs))
    print()
    print("(b) Kyoto articles (40 docs), sentence-boundary P/R/F1 pooled; 'inside' = paragraph breaks left out")
    print(f"{'lang':<5}{'system':<14}{'P':>7}{'R':>7}{'F1':>7}   {'P in':>7}{'R in':>7}{'F1 in':>7}")
    rows, error = eval_kyoto(args.eval_dir)
    for lang, name, allp, insp in rows:
        if allp is None:
            print(f"{lang:<5}{name:<14}  n/a ({error})")
            continue
        print(f"{lang:<5}{name:<14}" + "".join(f"{v:>7.3f}" for v in allp) + "   " + "".join(f"{v:>7.3f}" for v in insp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
