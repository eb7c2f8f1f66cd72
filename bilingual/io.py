"""Reading user files (any common Japanese/English encoding) and writing outputs safely."""
from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried in order when there is no BOM and the bytes are not UTF-8.
_JA_ENCODINGS = ("cp932", "euc_jp", "iso2022_jp")


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when one byte parity is almost all NUL (ASCII-heavy UTF-16)."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    ze, zo = even.count(0) / max(1, len(even)), odd.count(0) / max(1, len(odd))
    if zo > 0.3 and ze < 0.05:
        return "utf-16-le"
    if ze > 0.3 and zo < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    """Many NULs or other control bytes: an image, archive or executable, not text.

    A text file with a few stray NUL or control characters is still text.
    """
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, encoding: str | None = None, name: str = "input") -> str:
    """Decode ``data`` to text: explicit encoding, BOM, UTF-8, then Japanese legacy encodings.

    Line endings are normalised to ``\\n`` so offsets are the same whatever the
    platform that wrote the file.
    """
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid {encoding} at byte {exc.start}") from None
        return _normalise(text.lstrip("\ufeff"))
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(enc).lstrip("\ufeff"))
            except UnicodeDecodeError:
                break
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if text and _printable_ratio(text) > 0.95:
            return _normalise(text)
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in _JA_ENCODINGS:
        try:
            candidates.append((enc, data.decode(enc)))
        except UnicodeDecodeError:
            continue
    if not candidates:
        try:
            from charset_normalizer import from_bytes
        except ImportError:  # pragma: no cover - a declared dependency
            best = None
        else:
            best = from_bytes(data).best()
        if best is None:
            raise InputError(f"{name}: could not detect the text encoding; pass --encoding")
        return _normalise(str(best))
    if len(candidates) == 1:
        return _normalise(candidates[0][1])
    # Both cp932 and EUC-JP decode: prefer the one with more common Japanese characters.
    return _normalise(max(candidates, key=lambda c: _japanese_score(c[1]))[1])


def _printable_ratio(text: str) -> float:
    if not text:
        return 0.0
    ok = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    return ok / len(text)


def _japanese_score(text: str) -> float:
    good = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or ch in "、。")
    return good / max(1, len(text))


_CONTROLS = {c: " " for c in range(0x20) if c not in (9, 10)}
_CONTROLS.update({0x7F: " "})


def _normalise(text: str) -> str:
    """CRLF/CR to LF; NUL and other C0 control characters to spaces.

    Control characters can't be shown in a report or written to XML (TMX/HTML);
    a space keeps every other character at the same offset.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_CONTROLS)


def read_text(path: str | os.PathLike, encoding: str | None = None) -> str:
    """Read a user file as text.  Raises :class:`InputError` with a one-line reason."""
    p = Path(path)
    if str(path) == "-":
        import sys

        data = sys.stdin.buffer.read()
    else:
        if not p.exists():
            raise InputError(f"{p}: no such file")
        if p.is_dir():
            raise InputError(f"{p}: is a directory, expected a text file")
        try:
            data = p.read_bytes()
        except PermissionError:
            raise InputError(f"{p}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    text = decode_bytes(data, encoding, name=str(path))
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return text


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name one file (a link to it counts); a path that does not exist yet is
    compared by its resolved name.  For refusing to write over an input."""
    pa, pb = Path(a), Path(b)
    try:
        if pa.exists() and pb.exists():
            return os.path.samefile(pa, pb)
        return pa.resolve() == pb.resolve()
    except OSError:
        return False


def write_atomic(path: str | os.PathLike, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file, so a failure leaves no half file."""
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{p}: directory {parent} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"{p}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, p)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InputError(f"{p}: cannot write ({exc.strerror})") from None
