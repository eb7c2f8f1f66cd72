"""Glue between the stages: load and segment inputs, embed, align.

Each function takes plain values and returns typed results; the CLI and the
Python API (``bilingual.align``, ``bilingual.report``) both call these.
"""
from __future__ import annotations

import os
from typing import Callable, Sequence

import numpy as np

from ._parallel import beside
from .embed import Encoder, get_encoder
from .errors import InputError
from .io import read_text
from .segment import detect_lang, presplit, segment_text
from .types import Alignment, Document

__version__ = "0.1.0"

ProgressFactory = Callable[[str, int], Callable[[int, int], None]] | None


def as_document(
    value: str | os.PathLike | Document | Sequence[str],
    lang: str,
    *,
    is_presplit: bool = False,
    encoding: str | None = None,
    clauses: bool = True,
    name: str | None = None,
) -> Document:
    """A :class:`Document` from a path, a text, a list of presplit lines or a Document."""
    if isinstance(value, Document):
        return value
    if isinstance(value, (list, tuple)):
        text = "\n".join(value)
        is_presplit = True
    elif isinstance(value, os.PathLike) or (isinstance(value, str) and "\n" not in value and len(value) < 4096 and os.path.exists(value)):
        text = read_text(value, encoding)
        name = name or str(value)
    else:
        text = str(value)
        if not text.strip():
            raise InputError(f"{name or lang}: text is empty")
    doc = presplit(text, lang, clauses=clauses) if is_presplit else segment_text(text, lang, clauses=clauses)
    if not any(s.text.strip() for s in doc.segments):
        raise InputError(f"{name or lang}: no text to align")
    return doc


def load_pair(
    first: str | os.PathLike,
    second: str | os.PathLike | None = None,
    *,
    is_presplit: bool = False,
    encoding: str | None = None,
    clauses: bool = True,
) -> tuple[Document, Document, list[str]]:
    """Read an English and a Japanese file (either order), or one bilingual file.

    Returns ``(en, ja, warnings)``.  Files given the wrong way round are swapped
    with a warning; two files in the same language are an error.
    """
    warnings: list[str] = []
    if second is None:
        if is_presplit:
            raise InputError("--presplit needs two files (one segment per line each)")
        from .segment.bilingual import split_bilingual

        text = read_text(first, encoding)
        (es, ee), (js, je) = split_bilingual(text, name="stdin" if str(first) == "-" else str(first))
        en = segment_text(text[es:ee], "en", clauses=clauses)
        ja = segment_text(text[js:je], "ja", clauses=clauses)
        return en, ja, warnings
    t1 = read_text(first, encoding)
    t2 = read_text(second, encoding)
    l1, l2 = detect_lang(t1), detect_lang(t2)
    if l1 == l2:
        raise InputError(f"{first} and {second} both look {'Japanese' if l1 == 'ja' else 'English'}: give an English and a Japanese file")
    if l1 == "ja":
        warnings.append(f"{first} looks Japanese and {second} English: aligned them the right way round")
        t1, t2, first, second = t2, t1, second, first
    make = presplit if is_presplit else segment_text
    en = make(t1, "en", clauses=clauses)
    ja = make(t2, "ja", clauses=clauses)
    for doc, path in ((en, first), (ja, second)):
        if not any(s.text.strip() for s in doc.segments):
            raise InputError(f"{path}: no text to align")
    return en, ja, warnings


def embed_documents(en: Document, ja: Document, encoder: Encoder, progress=None) -> tuple[np.ndarray, np.ndarray]:
    vecs = encoder.embed(en.texts + ja.texts, progress=progress)
    return vecs[: len(en)], vecs[len(en) :]


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "none"


def segmenter_signature() -> str:
    return f"pysbd-{_version('pysbd')}+fugashi-{_version('fugashi')}+unidic-lite-{_version('unidic-lite')}"


def signature(encoder: Encoder, **settings) -> str:
    parts = [f"encoder:{encoder.signature}", f"seg:{segmenter_signature()}"]
    parts += [f"{k.replace('_', '-')}:{v}" for k, v in sorted(settings.items())]
    parts.append(f"bilingual:{__version__}")
    return "|".join(parts)


CUES_FORK_MIN = 2000  # sentences (both sides) from which the text cues are computed in a forked worker


def _cues(en_texts: Sequence[str], ja_texts: Sequence[str]):
    from .align.anchors import text_cues

    return text_cues(en_texts, "en"), text_cues(ja_texts, "ja")


def align_documents(
    en: Document,
    ja: Document,
    encoder: Encoder | str = "use",
    *,
    max_bead: int = 4,
    progress=None,
    stats: dict | None = None,
) -> tuple[Alignment, np.ndarray, np.ndarray]:
    """Embed both sides and align them.  Returns the alignment and the sentence vectors.

    ``stats``, when given, receives seconds per stage (``embed``, ``align``),
    the number of texts sent to the encoder (``texts_embedded``), the sentences
    of both sides (``sentences``) and how many beads the words' second opinion
    changed (``second_opinion``, :mod:`bilingual.align.members`).
    """
    import time

    from .align.core import align as align_search

    enc = get_encoder(encoder) if isinstance(encoder, str) else encoder
    before = enc.texts_embedded
    t0 = time.perf_counter()

    def embed():
        vecs = embed_documents(en, ja, enc, progress=progress)
        return vecs, time.perf_counter()

    # The text cues (pure Python, and the Japanese dictionary) come from a forked worker while this
    # process embeds: on 2 cores they overlap, and the dictionary's pages stay out of this process.
    ((en_vecs, ja_vecs), t1), (en_cues, ja_cues) = beside(
        _cues, (list(en.texts), list(ja.texts)), embed, worth_it=len(en) + len(ja) >= CUES_FORK_MIN)
    en_lens = np.array([len(t) for t in en.texts], dtype=np.float64)
    ja_lens = np.array([len(t) for t in ja.texts], dtype=np.float64)

    def span_embed(side: str, spans: list[tuple[int, int]]) -> np.ndarray:
        doc = en if side == "en" else ja
        joiner = " " if side == "en" else ""
        return enc.embed([joiner.join(doc.texts[a:b]) for a, b in spans])

    from .analyze.support import lexical_evidence

    result = align_search(en_vecs, ja_vecs, en_lens, ja_lens, max_bead=max_bead, span_embed=span_embed,
                          en_cues=en_cues, ja_cues=ja_cues, member_evidence=lexical_evidence(en.texts, ja.texts))
    if stats is not None:
        # Span embeddings requested by the search are counted as align time here;
        # texts_embedded counts every text the model saw.
        stats["embed"] = stats.get("embed", 0.0) + (t1 - t0)
        stats["align"] = stats.get("align", 0.0) + (time.perf_counter() - t1)
        stats["texts_embedded"] = stats.get("texts_embedded", 0) + enc.texts_embedded - before
        stats["sentences"] = stats.get("sentences", 0) + len(en) + len(ja)
        stats["second_opinion"] = stats.get("second_opinion", 0) + result.members_split
    sig = signature(enc, max_bead=max_bead)
    return Alignment(en, ja, tuple(result.beads), sig), en_vecs, ja_vecs
