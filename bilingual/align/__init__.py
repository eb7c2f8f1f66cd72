"""Sentence alignment on embeddings.

``bilingual.align(en, ja, ...)`` (this package, callable) segments, embeds and
aligns two texts and returns an :class:`~bilingual.types.Alignment`.  The
search itself, :func:`bilingual.align.core.align_vectors`, takes two arrays of
vectors and never sees a model.
"""
from __future__ import annotations

from .._lazy import make_callable


def align_texts(en, ja=None, *, presplit: bool = False, encoder="use", max_bead: int = 4, encoding=None, cache_dir=None):
    """Align English and Japanese: paths, texts, lists of presplit sentences or Documents.

    With ``ja=None``, ``en`` is one bilingual file (English, then its Japanese translation).
    """
    from .. import pipeline
    from ..embed import get_encoder

    enc = get_encoder(encoder, cache_dir=cache_dir) if isinstance(encoder, str) else encoder
    if ja is None:
        en_doc, ja_doc, _ = pipeline.load_pair(en, None, encoding=encoding, clauses=False)
    else:
        en_doc = pipeline.as_document(en, "en", is_presplit=presplit, encoding=encoding, clauses=False)
        ja_doc = pipeline.as_document(ja, "ja", is_presplit=presplit, encoding=encoding, clauses=False)
    alignment, _, _ = pipeline.align_documents(en_doc, ja_doc, enc, max_bead=max_bead)
    return alignment


make_callable(__name__, "align_texts")
