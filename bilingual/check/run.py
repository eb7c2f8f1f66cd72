"""Run a check: one pair against its baseline, or every pair folder under a directory.

Folder layout (see ``alignments/README.md``): a *pair folder* holds

- one bilingual file ``NAME.txt`` (English, then the Japanese translation), or
- ``NAME.en.txt`` + ``NAME.ja.txt`` (raw paragraphs, segmented by bilingual), or
- ``NAME.en`` + ``NAME.ja`` (one segment per line: presplit mode),

plus ``baseline.json``, the JSON report accepted after review.  The settings
(encoder, max-bead, source) are read from the baseline's signature unless given.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import BaselineError, BilingualError, InputError
from .baseline import Baseline, encoder_spec, incompatibility_message, load_baseline, settings_from_signature, signature_differences
from .compare import CheckResult, FlagChange, all_new, compare

BASELINE = "baseline.json"
CACHE_ENV = "BILINGUAL_CACHE"
DEFAULTS = {"encoder": "use", "max_bead": 4, "source": "en"}


@dataclass(frozen=True)
class Pair:
    """The files of one pair folder: ``en``/``ja`` paths, or one bilingual file in ``en`` with ``ja=None``."""

    folder: Path
    en: Path
    ja: Path | None
    presplit: bool
    baseline: Path


@dataclass(frozen=True)
class PairResult:
    name: str
    baseline: str
    result: CheckResult | None = None
    error: str | None = None
    updated: bool = False
    fail_on: str = "major"

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return 2
        if self.updated or self.result is None:
            return 0
        return self.result.exit_code(self.fail_on)


# -- layout -----------------------------------------------------------------------
def find_pair(folder: str | os.PathLike) -> Pair:
    """The pair files in ``folder``, by the layout convention.  Raises :class:`InputError` when unclear."""
    d = Path(folder)
    if not d.is_dir():
        raise InputError(f"{d}: not a folder")
    names = sorted(p.name for p in d.iterdir() if p.is_file() and not p.name.startswith("."))
    base = d / BASELINE
    for ext, presplit in ((".txt", False), ("", True)):
        ens = [n[: -len(f".en{ext}")] for n in names if n.endswith(f".en{ext}")]
        stems = [s for s in ens if f"{s}.ja{ext}" in names]
        if len(stems) > 1:
            raise InputError(f"{d}: several pairs ({', '.join(stems)}): keep one pair per folder")
        if stems:
            return Pair(d, d / f"{stems[0]}.en{ext}", d / f"{stems[0]}.ja{ext}", presplit, base)
    singles = [n for n in names if n.endswith(".txt") and not n.endswith((".en.txt", ".ja.txt")) and not n.lower().startswith("readme")]
    if len(singles) == 1:
        return Pair(d, d / singles[0], None, False, base)
    if len(singles) > 1:
        raise InputError(f"{d}: several text files ({', '.join(singles)}): keep one bilingual file per folder")
    raise InputError(f"{d}: no NAME.txt, NAME.en.txt + NAME.ja.txt or NAME.en + NAME.ja pair found")


def _is_pair_folder(d: Path) -> bool:
    if (d / BASELINE).exists():
        return True
    try:
        find_pair(d)
    except InputError:
        return False
    return True


def pair_folders(directory: str | os.PathLike) -> list[Path]:
    """``directory`` itself when it is a pair folder, else its pair subfolders (sorted)."""
    d = Path(directory)
    if not d.is_dir():
        raise InputError(f"{d}: no such folder")
    if _is_pair_folder(d):
        return [d]
    subs = [s for s in sorted(d.iterdir()) if s.is_dir() and not s.name.startswith(".") and _is_pair_folder(s)]
    if not subs:
        raise InputError(f"{d}: no pair folders (a folder with NAME.txt or NAME.en.txt + NAME.ja.txt and baseline.json)")
    return subs


def default_cache_dir(pair_folder: str | os.PathLike) -> Path:
    """``$BILINGUAL_CACHE``, else ``.cache/bilingual`` next to the folder that holds the pair folders."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return Path(pair_folder).resolve().parent.parent / ".cache" / "bilingual"


# -- one pair ---------------------------------------------------------------------
def check_pair(
    first,
    second=None,
    baseline: str | os.PathLike | None = None,
    *,
    presplit: bool = False,
    source: str | None = None,
    encoder=None,
    max_bead: int | None = None,
    encoding: str | None = None,
    cache_dir: str | os.PathLike | None = None,
    progress=None,
    update: bool = False,
    fail_on: str = "major",
) -> PairResult:
    """Check a pair (two files, or one bilingual file) against ``baseline``.

    ``source``, ``encoder`` and ``max_bead`` default to the baseline's settings.
    Settings that contradict the baseline raise :class:`BaselineError`, unless
    ``update`` is set: then the baseline is rewritten (atomically) with this run.
    """
    from ..io import same_file, write_atomic
    from ..report import build_report, to_json

    first_path = Path(first)
    base_path = Path(baseline) if baseline is not None else first_path.parent / BASELINE
    texts = [Path(p) for p in (first, second) if p is not None and str(p) != "-"]
    for p in texts:  # say what is missing before asking for a baseline next to it
        if not p.exists():
            raise InputError(f"{p}: no such file")
    if any(same_file(base_path, p) for p in texts):
        raise InputError(f"{base_path}: is the input file itself, not a baseline report")
    old: Baseline | None = None
    if not (update and not base_path.exists()):
        try:
            old = load_baseline(base_path)
        except BaselineError:
            if not update:
                raise
    given = {"encoder": encoder, "max_bead": max_bead, "source": source}
    settings = dict(DEFAULTS)
    if old is not None:
        settings.update(settings_from_signature(old.signature))
    settings.update({k: v for k, v in given.items() if v is not None})
    if old is not None and not update:
        # Fail before the expensive run when an explicit setting contradicts the baseline.
        recorded = settings_from_signature(old.signature)
        asked = {k: (encoder_spec(v.signature) if k == "encoder" and hasattr(v, "signature") else str(v)) for k, v in given.items() if v is not None}
        clash = [(k.replace("_", "-"), str(recorded[k]), v) for k, v in asked.items() if k in recorded and str(recorded[k]) != v]
        if clash:
            raise BaselineError(incompatibility_message(str(base_path), clash))
    report = build_report(
        first,
        second,
        presplit=presplit,
        source=settings["source"],
        encoder=settings["encoder"],
        max_bead=settings["max_bead"],
        encoding=encoding,
        cache_dir=cache_dir,
        progress=progress,
    )
    name = str(first_path.parent if second is None else first_path)
    if old is not None and not update:
        diffs, _ = signature_differences(old.signature, report.signature)
        if diffs:
            raise BaselineError(incompatibility_message(str(base_path), diffs))
    result = compare(old, report) if old is not None else all_new(report)
    files = _side_files(first, second, report)
    result = replace(
        result,
        new=tuple(_locate(c, report, files) for c in result.new),
        unchanged=tuple(_locate(c, report, files) for c in result.unchanged),
    )
    if update:
        write_atomic(base_path, to_json(report))
    return PairResult(name, str(base_path), result, updated=update, fail_on=fail_on)


def check_folder(
    directory: str | os.PathLike,
    *,
    encoder=None,
    source: str | None = None,
    max_bead: int | None = None,
    presplit: bool | None = None,
    cache_dir: str | os.PathLike | None = None,
    progress=None,
    update: bool = False,
    fail_on: str = "major",
) -> list[PairResult]:
    """Check every pair folder under ``directory`` (or ``directory`` itself).  Errors are kept per pair."""
    out = []
    for d in pair_folders(directory):
        try:
            pair = find_pair(d)
            res = check_pair(
                pair.en,
                pair.ja,
                pair.baseline,
                presplit=pair.presplit if presplit is None else presplit,
                source=source,
                encoder=encoder,
                max_bead=max_bead,
                cache_dir=cache_dir if cache_dir is not None else default_cache_dir(d),
                progress=progress,
                update=update,
                fail_on=fail_on,
            )
            out.append(replace(res, name=str(d)))
        except BilingualError as exc:
            out.append(PairResult(str(d), str(d / BASELINE), error=str(exc), fail_on=fail_on))
    return out


# -- line numbers for annotations -------------------------------------------------
def _side_files(first, second, report) -> dict[str, Path | None]:
    """Which file holds each language side (``first`` alone: both, one bilingual file)."""
    from ..segment import detect_lang

    if second is None:
        return {"en": Path(first), "ja": Path(first)} if _is_file(first) else {}
    files: dict[str, Path | None] = {}
    for value in (first, second):
        if _is_file(value):
            from ..io import read_text

            try:
                files[detect_lang(read_text(value))] = Path(value)
            except InputError:
                continue
    return files


def _is_file(value) -> bool:
    return isinstance(value, (str, os.PathLike)) and "\n" not in str(value) and Path(value).is_file()


def _locate(change: FlagChange, report, files: dict) -> FlagChange:
    """Set ``file`` and ``line`` (1-based) of the flagged segment in the file of its side."""
    from ..io import read_text

    doc = report.source if change.flag.side == "source" else report.target
    path = files.get(doc.lang)
    seg = next((s for s in doc.segments if s.id == change.flag.segment), None)
    if path is None or seg is None:
        return replace(change, file=str(path) if path else None)
    try:
        text = read_text(path)
    except InputError:
        return replace(change, file=str(path))
    base = text.find(doc.text) if doc.text else -1
    if base >= 0:
        offset = base + seg.start
    else:
        offset = max(text.find(seg.text), 0)
    return replace(change, file=str(path), line=text.count("\n", 0, offset) + 1)
