"""Notebook helpers behind ``Report._repr_html_``, ``Report.to_frame`` and ``Report.plot``.

pandas and matplotlib are the optional ``notebook`` extra; they load only here.
"""
from __future__ import annotations

from .view import pair_of_flags, side_text

EXTRA_HINT = "pip install 'bilingual[notebook]'"


def _require(module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"{module} is needed for this: {EXTRA_HINT}") from None


def repr_html(report) -> str:
    from .html import render_html_fragment

    return render_html_fragment(report)


def _ids(ids: tuple[int, ...]) -> str:
    return ",".join(map(str, ids))


def flags_frame(report):
    """One row per flag, with the bead it sits in and that bead's source and target text."""
    pd = _require("pandas")
    where = pair_of_flags(report)
    rows = []
    for f in report.flags:
        i = where.get(id(f))
        p = report.alignment[i] if i is not None else None
        rows.append(
            {
                "kind": f.kind,
                "severity": f.severity,
                "side": f.side,
                "segment": f.segment,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "message": f.message,
                "check": f.check,
                "pair": i,
                "source_ids": _ids(p.source) if p else "",
                "target_ids": _ids(p.target) if p else "",
                "source_text": side_text(report.source, p.source) if p else "",
                "target_text": side_text(report.target, p.target) if p else "",
            }
        )
    columns = ["kind", "severity", "side", "segment", "start", "end", "text", "message", "check", "pair", "source_ids", "target_ids", "source_text", "target_text"]
    return pd.DataFrame(rows, columns=columns)


def pairs_frame(report):
    """One row per bead: ids, score, note, both texts and how many flags it carries."""
    pd = _require("pandas")
    where = pair_of_flags(report)
    n_flags = [0] * len(report.alignment)
    for f in report.flags:
        i = where.get(id(f))
        if i is not None:
            n_flags[i] += 1
    rows = [
        {
            "source_ids": _ids(p.source),
            "target_ids": _ids(p.target),
            "score": float(p.score),
            "note": p.note,
            "source_text": side_text(report.source, p.source),
            "target_text": side_text(report.target, p.target),
            "n_flags": n_flags[i],
        }
        for i, p in enumerate(report.alignment)
    ]
    columns = ["source_ids", "target_ids", "score", "note", "source_text", "target_text", "n_flags"]
    return pd.DataFrame(rows, columns=columns).rename_axis("pair")


def to_frame(report, what: str = "flags"):
    if what == "flags":
        return flags_frame(report)
    if what == "pairs":
        return pairs_frame(report)
    raise ValueError(f"to_frame: what must be 'flags' or 'pairs', not {what!r}")


def similarity(report):
    """Cosine similarity of every source sentence with every target sentence."""
    import numpy as np

    if report.source_vecs is None or report.target_vecs is None:
        raise ValueError("this report has no sentence vectors (it was loaded, not built): build it with bilingual.report(...)")
    return np.asarray(report.source_vecs, dtype=np.float64) @ np.asarray(report.target_vecs, dtype=np.float64).T


def plot(report, ax=None):
    """Heatmap of source x target similarity with the alignment path drawn over it.

    Each bead is a rectangle over the cells it covers; a bead with an empty side
    is a cross on the row (omission) or the column (addition).  Returns the Axes.
    """
    sim = similarity(report)
    _require("matplotlib")
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(max(4.0, min(12.0, 0.3 * sim.shape[1] + 2)), max(4.0, min(12.0, 0.3 * sim.shape[0] + 2))))
    from matplotlib.patches import Rectangle
    from matplotlib.ticker import MaxNLocator

    im = ax.imshow(sim, cmap="viridis", vmin=min(0.0, float(sim.min(initial=0.0))), vmax=1.0, aspect="auto", interpolation="nearest")
    ax.figure.colorbar(im, ax=ax, label="cosine similarity")
    xs, ys = [], []
    for p in report.alignment:
        if p.source and p.target:
            r0, r1, c0, c1 = min(p.source), max(p.source), min(p.target), max(p.target)
            ax.add_patch(Rectangle((c0 - 0.5, r0 - 0.5), c1 - c0 + 1, r1 - r0 + 1, fill=False, edgecolor="white", linewidth=1.2))
            xs.append((c0 + c1) / 2)
            ys.append((r0 + r1) / 2)
        elif p.source:
            for r in p.source:
                ax.plot([-0.5], [r], marker="x", color="red", markersize=8, clip_on=False)
        else:
            for c in p.target:
                ax.plot([c], [-0.5], marker="x", color="magenta", markersize=8, clip_on=False)
    if xs:
        ax.plot(xs, ys, color="white", linewidth=0.8, alpha=0.7)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"target ({report.target.lang}) sentence")
    ax.set_ylabel(f"source ({report.source.lang}) sentence")
    ax.set_title("similarity and alignment path")
    return ax
