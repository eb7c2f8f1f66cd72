"""Sentence encoders.  ``get_encoder("use")`` or ``get_encoder("st:MODEL_OR_PATH")``."""
from __future__ import annotations

from ..errors import EncoderError
from .base import Encoder

ENCODERS = ("use", "st:MODEL_OR_PATH")


def get_encoder(spec: str = "use", cache_dir=None) -> Encoder:
    """Build an encoder from its command-line name.  Loads no model yet."""
    if isinstance(spec, Encoder):
        return spec
    spec = (spec or "use").strip()
    if spec in ("use", "use-m", "use-m-v3", "default"):
        from .use import USEEncoder

        return USEEncoder(cache_dir=cache_dir)
    if spec.startswith("st:"):
        from .sentence_transformers import SentenceTransformerEncoder

        return SentenceTransformerEncoder(spec[3:], cache_dir=cache_dir)
    raise EncoderError(f"unknown encoder {spec!r}: use 'use' (default) or 'st:MODEL_NAME_OR_PATH'")


__all__ = ["Encoder", "get_encoder", "ENCODERS"]
