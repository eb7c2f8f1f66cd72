"""Build a :class:`Report`: load, align, analyze, then orient the result to source/target."""
from __future__ import annotations

import os
from typing import Callable

from ..errors import InputError
from ..types import Document
from ..analyze.lexicon import signature as lexicon_signature
from .model import AlignedPair, Report

LANGS = ("en", "ja")


def _is_path(value) -> bool:
    if isinstance(value, os.PathLike):
        return True
    return isinstance(value, str) and "\n" not in value and len(value) < 4096 and (os.path.exists(value) or value == "-")


def _load(first, second, presplit: bool, encoding: str | None) -> tuple[Document, Document, list[str]]:
    from .. import pipeline

    if second is None:
        if isinstance(first, str) and not _is_path(first):
            raise InputError("one argument must be a bilingual file path; for texts pass the English and the Japanese")
        return pipeline.load_pair(first, None, is_presplit=presplit, encoding=encoding)
    if _is_path(first) and _is_path(second):
        return pipeline.load_pair(first, second, is_presplit=presplit, encoding=encoding)
    en = pipeline.as_document(first, "en", is_presplit=presplit, encoding=encoding)
    ja = pipeline.as_document(second, "ja", is_presplit=presplit, encoding=encoding)
    return en, ja, []


def build_report(
    first,
    second=None,
    *,
    presplit: bool = False,
    source: str = "en",
    encoder="use",
    max_bead: int = 4,
    encoding: str | None = None,
    cache_dir: str | os.PathLike | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Align English and Japanese and flag omissions, additions and drift.

    ``first``/``second``: an English and a Japanese file (either order), texts,
    lists of presplit sentences or Documents; or ``first`` alone as one
    bilingual file.  ``source`` names the original language: with
    ``source="ja"`` the report reads Japanese -> English.
    """
    from .. import pipeline
    from ..analyze import analyze
    from ..embed import get_encoder

    if source not in LANGS:
        raise InputError(f"source must be 'en' or 'ja', not {source!r}")
    enc = get_encoder(encoder, cache_dir=cache_dir) if isinstance(encoder, str) else encoder
    en_doc, ja_doc, warnings = _load(first, second, presplit, encoding)
    alignment, en_vecs, ja_vecs = pipeline.align_documents(en_doc, ja_doc, enc, max_bead=max_bead, progress=progress)
    flags = analyze(alignment, enc, source=source, en_vecs=en_vecs, ja_vecs=ja_vecs)
    if source == "en":
        src, tgt, src_vecs, tgt_vecs = en_doc, ja_doc, en_vecs, ja_vecs
        pairs = tuple(AlignedPair(b.en, b.ja, float(b.score), b.note) for b in alignment.beads)
    else:
        src, tgt, src_vecs, tgt_vecs = ja_doc, en_doc, ja_vecs, en_vecs
        pairs = tuple(AlignedPair(b.ja, b.en, float(b.score), b.note) for b in alignment.beads)
    return Report(
        signature=f"{alignment.signature}|dict:{lexicon_signature()}|source:{source}",
        source=src,
        target=tgt,
        alignment=pairs,
        flags=tuple(flags),
        warnings=tuple(warnings),
        source_vecs=src_vecs,
        target_vecs=tgt_vecs,
    )
