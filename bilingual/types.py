"""Typed, frozen results that flow between the pipeline stages.

Offsets: ``Segment.start/end`` and ``Clause.start/end`` index the decoded text of
the *document side* they belong to (``Document.text``), so that
``doc.text[seg.start:seg.end] == seg.text`` always holds.  ``Flag.start/end``
index the text of the segment the flag points at.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Clause:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """A sentence-level unit: sentence, list item, heading or signature line."""

    id: int
    text: str
    start: int
    end: int
    kind: str = "sentence"  # sentence | item | heading | line
    clauses: tuple[Clause, ...] = ()


@dataclass(frozen=True)
class Document:
    """One language side: its decoded text and its segments."""

    lang: str  # "en" | "ja"
    text: str
    segments: tuple[Segment, ...]

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.segments]

    def __len__(self) -> int:
        return len(self.segments)


@dataclass(frozen=True)
class Token:
    """A Japanese morpheme (fugashi + unidic-lite) with offsets into the analysed text."""

    surface: str
    lemma: str
    reading: str
    pos: str  # e.g. "名詞,固有名詞,人名,姓"
    start: int
    end: int


@dataclass(frozen=True)
class Bead:
    """One alignment unit: English ids, Japanese ids (either may be empty), score.

    ``note`` carries extra information such as ``"reordered"`` when the two sides
    hold the same lines in a different order inside a many-many bead.
    """

    en: tuple[int, ...]
    ja: tuple[int, ...]
    score: float
    note: str = ""


@dataclass(frozen=True)
class Alignment:
    en: Document
    ja: Document
    beads: tuple[Bead, ...]
    signature: str = ""

    def vecalign_lines(self) -> list[str]:
        return [f"{list(b.en)}:{list(b.ja)}:{b.score:.6f}" for b in self.beads]


@dataclass(frozen=True)
class Flag:
    kind: str  # omission | addition | drift
    severity: str  # major | minor
    side: str  # source | target
    segment: int  # segment id on that side
    start: int  # offsets inside that segment's text
    end: int
    text: str
    message: str
    check: str = field(default="", compare=False)  # which detector raised it (e.g. "number", "scope")
