#!/usr/bin/env python3
"""Long-document benchmark: `bilingual align` as a process on prefixes of kyoto-long.

For each size (beads of the gold), prints end-to-end wall time, seconds per stage,
peak RSS, texts embedded per sentence and strict F1 against the gold; at --peer-size
it also runs Vecalign's DP (PyPI `sentalign`) in this process on the same encoder.

    python scripts/bench.py                      # 1k, 5k, 20k + Vecalign at 5k
    python scripts/bench.py --sizes 1000 --peer-size 1000

Speed targets (issue 6, 2-core machine): 5k <= 25 s; >= 2x faster than Vecalign-DP
at 5k with equal or better F1; 20k <= 4.4x the 5k time; peak RSS <= 2 GB at 20k;
F1(20k) within 0.005 of F1(5k); texts embedded <= 1.6x sentences.
"""
from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.scoring import score_beads  # noqa: E402

PERF = ROOT.parent / "shared" / "eval" / "perf"
RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:])\n"
    "sys.stderr.write('\\nMAXRSS_KB %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(r.returncode)\n"
)


def read_gold(path: Path) -> list[tuple[list[int], list[int]]]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a, b = line.split(":")[:2]
            beads.append((ast.literal_eval(a), ast.literal_eval(b)))
    return beads


def prefix(n_beads: int, workdir: Path):
    gold = read_gold(PERF / "kyoto-long.gold")[:n_beads]
    n_en = max((max(e) for e, _ in gold if e), default=-1) + 1
    n_ja = max((max(j) for _, j in gold if j), default=-1) + 1
    en = PERF.joinpath("kyoto-long.en").read_text(encoding="utf-8").split("\n")[:n_en]
    ja = PERF.joinpath("kyoto-long.ja").read_text(encoding="utf-8").split("\n")[:n_ja]
    en_path, ja_path = workdir / f"p{n_beads}.en", workdir / f"p{n_beads}.ja"
    en_path.write_text("\n".join(en) + "\n", encoding="utf-8")
    ja_path.write_text("\n".join(ja) + "\n", encoding="utf-8")
    return en, ja, gold, en_path, ja_path


def run_ours(en_path: Path, ja_path: Path, workdir: Path) -> dict:
    exe = Path(sys.executable).with_name("bilingual")
    stats_path = workdir / "stats.json"
    cmd = [sys.executable, "-c", RSS_WRAPPER, str(exe), "align", str(en_path), str(ja_path), "--presplit", "--format", "vecalign", "--stats", str(stats_path)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"bilingual align failed: {proc.stderr.strip()[-500:]}")
    rss_kb = int(proc.stderr.rsplit("MAXRSS_KB", 1)[1].split()[0])
    beads = []
    for line in proc.stdout.splitlines():
        a, b, _ = line.split(":")
        beads.append((ast.literal_eval(a), ast.literal_eval(b)))
    stats = json.loads(stats_path.read_text())
    return {"wall": wall, "rss_mb": rss_kb / 1024, "beads": beads, "stats": stats}


def run_vecalign(en: list[str], ja: list[str]) -> dict:
    from sentalign import sentalign

    from bilingual.embed import get_encoder

    enc = get_encoder("use")

    class Adapter:
        def encode(self, texts, **_):
            return enc.embed(list(texts))

    t0 = time.perf_counter()
    result = sentalign(en, ja, encoder=Adapter())
    wall = time.perf_counter() - t0
    beads = [(list(b.src_indices), list(b.tgt_indices)) for b in result.alignments]
    return {"wall": wall, "beads": beads, "texts_embedded": enc.texts_embedded}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--peer-size", type=int, default=5000, help="size at which Vecalign-DP runs (0: skip)")
    ap.add_argument("--json", type=Path, default=None, help="also write the rows here")
    args = ap.parse_args()
    if not PERF.exists():
        raise SystemExit(f"{PERF} not found: the eval data must sit beside the project")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in args.sizes:
            en, ja, gold, en_path, ja_path = prefix(n, work)
            ours = run_ours(en_path, ja_path, work)
            sc = score_beads(gold, ours["beads"])
            st = ours["stats"]
            rows.append(
                {
                    "system": "bilingual",
                    "beads": n,
                    "sentences": len(en) + len(ja),
                    "wall_s": round(ours["wall"], 2),
                    "read+segment_s": st.get("read+segment"),
                    "embed_s": st.get("embed"),
                    "align_s": st.get("align"),
                    "render_s": st.get("render"),
                    "rss_mb": round(ours["rss_mb"]),
                    "embedded_per_sentence": round(st["texts_embedded"] / max(1, st["sentences"]), 3),
                    "strict_f1": round(sc["strict_f1"], 4),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr)
            if n == args.peer_size:
                va = run_vecalign(en, ja)
                vsc = score_beads(gold, va["beads"])
                rows.append(
                    {
                        "system": "vecalign-dp (sentalign)",
                        "beads": n,
                        "sentences": len(en) + len(ja),
                        "wall_s": round(va["wall"], 2),
                        "embedded_per_sentence": round(va["texts_embedded"] / (len(en) + len(ja)), 3),
                        "strict_f1": round(vsc["strict_f1"], 4),
                    }
                )
                print(json.dumps(rows[-1]), file=sys.stderr)
    cols = ["system", "beads", "sentences", "wall_s", "read+segment_s", "embed_s", "align_s", "render_s", "rss_mb", "embedded_per_sentence", "strict_f1"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join("" if r.get(c) is None else str(r[c]) for c in cols) + " |")
    by = {(r["system"], r["beads"]): r for r in rows}
    ours5 = by.get(("bilingual", 5000))
    ours20 = by.get(("bilingual", 20000))
    peer = by.get(("vecalign-dp (sentalign)", 5000))
    if ours5 and ours20:
        print(f"\n20k/5k time ratio: {ours20['wall_s'] / ours5['wall_s']:.2f} (target <= 4.4); "
              f"F1 20k - 5k: {ours20['strict_f1'] - ours5['strict_f1']:+.4f} (target within 0.005)")
    if ours5 and peer:
        print(f"speed-up vs Vecalign-DP at 5k: {peer['wall_s'] / ours5['wall_s']:.2f}x (target >= 2); "
              f"F1 {ours5['strict_f1']:.4f} vs {peer['strict_f1']:.4f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
