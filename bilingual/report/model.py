"""The Report: what the analysis found, in source/target orientation, ready to render."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..types import Document, Flag
from .serialize import document_dict, flag_dict


@dataclass(frozen=True)
class AlignedPair:
    """A bead seen from the source side: source ids, target ids, score."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float
    note: str = ""


def _pair_dict(p: AlignedPair) -> dict:
    d = {"source": list(p.source), "target": list(p.target), "score": round(float(p.score), 6)}
    if p.note:  # e.g. "reordered": the lines of the bead stand in another order on the two sides
        d["note"] = p.note
    return d


@dataclass(frozen=True)
class Report:
    signature: str
    source: Document
    target: Document
    alignment: tuple[AlignedPair, ...]
    flags: tuple[Flag, ...]
    warnings: tuple[str, ...] = ()
    source_vecs: np.ndarray | None = field(default=None, repr=False, compare=False)
    target_vecs: np.ndarray | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        """The JSON machine contract; key order is part of it."""
        return {
            "signature": self.signature,
            "source": document_dict(self.source),
            "target": document_dict(self.target),
            "alignment": [_pair_dict(p) for p in self.alignment],
            "flags": [flag_dict(f) for f in self.flags],
        }

    def counts(self) -> dict[str, int]:
        out = {"major": 0, "minor": 0, "omission": 0, "addition": 0, "drift": 0}
        for f in self.flags:
            out[f.severity] = out.get(f.severity, 0) + 1
            out[f.kind] = out.get(f.kind, 0) + 1
        return out

    # -- notebook views (bilingual.report.jupyter; pandas/matplotlib are the `notebook` extra) --
    def _repr_html_(self) -> str:
        from .jupyter import repr_html

        return repr_html(self)

    def to_frame(self, what: str = "flags"):
        """A pandas DataFrame: one row per flag (``"flags"``) or per bead (``"pairs"``)."""
        from .jupyter import to_frame

        return to_frame(self, what)

    def plot(self, ax=None):
        """Similarity heatmap (source x target) with the alignment path; returns the matplotlib Axes."""
        from .jupyter import plot

        return plot(self, ax)
