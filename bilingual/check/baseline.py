"""Baselines: a saved JSON report, its signature, and whether a new run may be compared with it.

A baseline is exactly the JSON machine contract of :meth:`Report.to_dict`
(``bilingual report ... --format json``), so any report can serve as one.

Signature policy (what must match for a comparison to mean anything):

- ``encoder`` (its name, without the ``@version`` suffix), ``max-bead``,
  ``source`` and any other *setting* key must be equal.  A key present on one
  side only counts as a difference: a setting the baseline did not record
  cannot be assumed to be the same.
- Versions may differ: the ``@version`` of the encoder package, ``seg`` (the
  segmenter versions) and ``bilingual``.  Flags are compared by their text, not
  by index, so an upgrade that moves sentence boundaries shows up as flags, not
  as garbage; the differences are listed as notes.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import BaselineError
from ..report.model import AlignedPair, Report
from ..report.serialize import document_from_dict, flag_from_dict
from ..types import Document, Flag

# Signature keys that carry versions only: allowed to differ between baseline and run.
VERSION_KEYS = ("seg", "bilingual")
# Setting key -> command-line option that sets it (for the "how to fix" hint).
OPTION_FOR = {"encoder": "--encoder", "max-bead": "--max-bead", "source": "--source"}


@dataclass(frozen=True)
class Baseline:
    """The parts of a report that a check compares: signature, both sides, beads and flags."""

    signature: str
    source: Document
    target: Document
    alignment: tuple[AlignedPair, ...]
    flags: tuple[Flag, ...]

    @property
    def source_texts(self) -> list[str]:
        return self.source.texts

    @property
    def target_texts(self) -> list[str]:
        return self.target.texts


def as_baseline(value: Baseline | Report | dict, where: str = "report") -> Baseline:
    """A :class:`Baseline` from a Report, a ``to_dict()`` dict or a Baseline."""
    if isinstance(value, Baseline):
        return value
    if isinstance(value, Report):
        return Baseline(value.signature, value.source, value.target, tuple(value.alignment), tuple(value.flags))
    if not isinstance(value, dict):
        raise BaselineError(f"{where}: not a bilingual report (expected a JSON object, got {type(value).__name__})")
    missing = [k for k in ("signature", "source", "target", "alignment", "flags") if k not in value]
    if missing:
        raise BaselineError(f"{where}: not a bilingual report (no {', '.join(repr(k) for k in missing)} field)")
    if not isinstance(value["signature"], str) or not isinstance(value["flags"], list) or not isinstance(value["alignment"], list):
        raise BaselineError(f"{where}: not a bilingual report (signature, alignment or flags of the wrong type)")
    source = document_from_dict(value["source"], where)
    target = document_from_dict(value["target"], where)
    try:
        pairs = tuple(
            AlignedPair(tuple(int(i) for i in p["source"]), tuple(int(i) for i in p["target"]), float(p.get("score", 0.0)))
            for p in value["alignment"]
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BaselineError(f"{where}: an alignment entry is not in the bilingual report format") from None
    flags = tuple(flag_from_dict(f, where) for f in value["flags"])
    return Baseline(value["signature"], source, target, pairs, flags)


def load_baseline(path: str | os.PathLike) -> Baseline:
    """Read a baseline report.  Missing, corrupt or foreign files raise :class:`BaselineError` (one line)."""
    p = Path(path)
    if not p.exists():
        raise BaselineError(f"{p}: no such baseline: create it with `bilingual check ... --update-baseline`")
    if p.is_dir():
        raise BaselineError(f"{p}: is a directory, expected a baseline JSON file")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise BaselineError(f"{p}: cannot read baseline ({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BaselineError(f"{p}: baseline is not UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{p}: baseline is not valid JSON ({exc.msg} at line {exc.lineno}): regenerate it with --update-baseline") from None
    return as_baseline(data, str(p))


# -- signatures -----------------------------------------------------------------
def parse_signature(signature: str) -> dict[str, str]:
    """``"encoder:use-m-v3@1|max-bead:4"`` -> ``{"encoder": "use-m-v3@1", "max-bead": "4"}``."""
    out: dict[str, str] = {}
    for part in (signature or "").split("|"):
        if not part:
            continue
        key, _, value = part.partition(":")
        out[key.strip()] = value.strip()
    return out


def _encoder_name(value: str) -> str:
    return value.split("@", 1)[0]


def signature_differences(baseline_sig: str, new_sig: str) -> tuple[list[tuple[str, str | None, str | None]], list[str]]:
    """``(settings that differ as (key, baseline, new), notes on version differences)``."""
    old, new = parse_signature(baseline_sig), parse_signature(new_sig)
    diffs: list[tuple[str, str | None, str | None]] = []
    notes: list[str] = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if key in VERSION_KEYS:
            notes.append(f"baseline made with {key}:{a}, this run uses {key}:{b}")
        elif key == "encoder" and a is not None and b is not None and _encoder_name(a) == _encoder_name(b):
            notes.append(f"baseline made with encoder {a}, this run uses {b}")
        else:
            diffs.append((key, a, b))
    return diffs, notes


def incompatibility_message(where: str, diffs: list[tuple[str, str | None, str | None]]) -> str:
    """One line: which settings differ and how to get a comparable run or refresh the baseline."""
    parts = []
    for key, a, b in diffs:
        a_txt = f"{key}:{a}" if a is not None else f"no {key}"
        b_txt = f"{key}:{b}" if b is not None else f"no {key}"
        hint = f" (pass {OPTION_FOR[key]} {display_setting(key, a)})" if key in OPTION_FOR and a is not None else ""
        if key == "dict":
            hint = " (the dictionary changes the omission checks: install or remove the extra bilingual[dict] to match)"
        parts.append(f"baseline has {a_txt}, this run {b_txt}{hint}")
    return f"{where}: baseline made with other settings: {'; '.join(parts)}; or refresh it with --update-baseline after review"


def display_setting(key: str, value: str | None) -> str:
    if key == "encoder" and value is not None:
        return encoder_spec(value)
    return str(value)


def encoder_spec(value: str) -> str:
    """The command-line spec for a signature's encoder value (``use-m-v3@0.2`` -> ``use``)."""
    name = _encoder_name(value)
    if name.startswith("use-m"):
        return "use"
    return name


def settings_from_signature(signature: str) -> dict:
    """Settings a check can take from a baseline: ``encoder``, ``max_bead``, ``source`` (those present)."""
    sig = parse_signature(signature)
    out: dict = {}
    if "encoder" in sig:
        out["encoder"] = encoder_spec(sig["encoder"])
    if "max-bead" in sig:
        try:
            out["max_bead"] = int(sig["max-bead"])
        except ValueError:
            pass
    if sig.get("source") in ("en", "ja"):
        out["source"] = sig["source"]
    return out
