"""Reading already-aligned sentence pairs for ``bilingual qa``: TSV/CSV with a header, or TMX."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from .errors import InputError
from .io import read_text

csv.field_size_limit(1 << 24)


def read_pairs(
    path: str | os.PathLike,
    *,
    source_column: str | None = None,
    target_column: str | None = None,
    source_lang: str = "ja",
    encoding: str | None = None,
) -> list[tuple[str, str]]:
    """Return ``[(source, target), ...]`` in file order."""
    p = Path(path)
    if p.suffix.lower() == ".tmx":
        return _read_tmx(p, source_lang)
    text = read_text(path, encoding)
    if text.lstrip().startswith("<?xml") or "<tmx" in text[:2000]:
        return _read_tmx(p, source_lang)
    delimiter = "\t" if (p.suffix.lower() in (".tsv", ".tab") or "\t" in text.split("\n", 1)[0]) else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path}: no header row") from None
    header = [h.strip() for h in header]
    target_lang = "en" if source_lang == "ja" else "ja"
    si = _column(header, source_column, (source_lang, "source", "src"), path, "--source-column")
    ti = _column(header, target_column, (target_lang, "target", "tgt"), path, "--target-column")
    if si == ti:
        raise InputError(f"{path}: source and target are the same column {header[si]!r}")
    pairs = []
    for lineno, row in enumerate(reader, start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if max(si, ti) >= len(row):
            raise InputError(f"{path}:{lineno}: row has {len(row)} columns, expected at least {max(si, ti) + 1}")
        pairs.append((row[si], row[ti]))
    if not pairs:
        raise InputError(f"{path}: no rows after the header")
    return pairs


def _column(header: list[str], wanted: str | None, defaults: tuple[str, ...], path, option: str) -> int:
    lowered = [h.lower() for h in header]
    if wanted is not None:
        if wanted in header:
            return header.index(wanted)
        if wanted.lower() in lowered:
            return lowered.index(wanted.lower())
        if wanted.isdigit() and int(wanted) < len(header):
            return int(wanted)
        raise InputError(f"{path}: no column {wanted!r} (columns: {', '.join(header)}); fix {option}")
    for name in defaults:
        if name in lowered:
            return lowered.index(name)
    raise InputError(f"{path}: say which columns to use with --source-column and --target-column (columns: {', '.join(header)})")


def _read_tmx(path: Path, source_lang: str) -> list[tuple[str, str]]:
    try:
        from translate.storage.tmx import tmxfile
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading TMX needs translate-toolkit: pip install translate-toolkit") from None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        store = tmxfile.parsestring(data)
    except Exception as exc:  # noqa: BLE001 - lxml raises many kinds for bad XML
        raise InputError(f"{path}: not a valid TMX file ({type(exc).__name__})") from None
    pairs = []
    for unit in store.units:
        src, tgt = unit.source or "", unit.target or ""
        # translate-toolkit reads the header srclang as source; turn round when it is the other language.
        if getattr(store, "sourcelanguage", None) and not store.sourcelanguage.lower().startswith(source_lang):
            src, tgt = tgt, src
        pairs.append((src, tgt))
    if not pairs:
        raise InputError(f"{path}: TMX holds no translation units")
    return pairs
