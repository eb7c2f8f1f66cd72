"""bilingual: English/Japanese alignment toolkit.

>>> import bilingual
>>> alignment = bilingual.align("doc.en.txt", "doc.ja.txt")     # doctest: +SKIP
>>> report = bilingual.report("statement.txt")                   # doctest: +SKIP

Nothing heavy is imported here: stages load on first use.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_LAZY = {
    # name -> module that provides it (the stage packages are callable)
    "align": "bilingual.align",
    "report": "bilingual.report",
    "segment": "bilingual.segment",
    "embed": "bilingual.embed",
    "analyze": "bilingual.analyze",
    "check": "bilingual.check",
}
_LAZY_ATTRS = {
    "Alignment": ("bilingual.types", "Alignment"),
    "Bead": ("bilingual.types", "Bead"),
    "Segment": ("bilingual.types", "Segment"),
    "Clause": ("bilingual.types", "Clause"),
    "Document": ("bilingual.types", "Document"),
    "Flag": ("bilingual.types", "Flag"),
    "Report": ("bilingual.report.model", "Report"),
    "segment_text": ("bilingual.segment", "segment_text"),
    "get_encoder": ("bilingual.embed", "get_encoder"),
}


def __getattr__(name: str):
    if name in _LAZY:
        return importlib.import_module(_LAZY[name])
    if name in _LAZY_ATTRS:
        mod, attr = _LAZY_ATTRS[name]
        return getattr(importlib.import_module(mod), attr)
    raise AttributeError(f"module 'bilingual' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_LAZY) + list(_LAZY_ATTRS))
