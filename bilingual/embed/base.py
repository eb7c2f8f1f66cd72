"""The encoder base class: one method to implement, batching, normalisation and caching here."""
from __future__ import annotations

import hashlib
import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

ProgressFn = Callable[[int, int], None]


class Encoder(ABC):
    """Turns texts into L2-normalised float32 vectors.

    Subclasses implement :meth:`embed_batch`; :meth:`embed` adds batching, an
    optional on-disk cache keyed by ``signature`` + text, de-duplication and
    normalisation.  ``calls`` counts texts actually sent to the model.
    """

    name: str = "encoder"
    batch_size: int = 256

    def __init__(self, cache_dir: str | os.PathLike | None = None):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.texts_embedded = 0

    @property
    def signature(self) -> str:
        """Identifies the model and settings; part of every report signature."""
        return self.name

    @abstractmethod
    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """Return an array of shape ``(len(texts), dim)`` for one batch."""

    # -- public -------------------------------------------------------------
    def embed(self, texts: Sequence[str], progress: ProgressFn | None = None) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        unique: dict[str, int] = {}
        for t in texts:
            unique.setdefault(t, len(unique))
        keys = list(unique)
        vecs: list[np.ndarray | None] = [None] * len(keys)
        todo = []
        for i, t in enumerate(keys):
            cached = self._cache_get(t)
            if cached is None:
                todo.append(i)
            else:
                vecs[i] = cached
        done = len(keys) - len(todo)
        for b in range(0, len(todo), self.batch_size):
            idx = todo[b : b + self.batch_size]
            batch = [keys[i] for i in idx]
            out = np.asarray(self.embed_batch(batch), dtype=np.float32)
            if out.shape[0] != len(batch):
                raise RuntimeError(f"{self.name}: returned {out.shape[0]} vectors for {len(batch)} texts")
            out = _normalise(out)
            self.texts_embedded += len(batch)
            for i, v in zip(idx, out):
                vecs[i] = v
                self._cache_put(keys[i], v)
            done += len(batch)
            if progress:
                progress(done, len(keys))
        table = np.stack(vecs)  # type: ignore[arg-type]
        return table[[unique[t] for t in texts]]

    @property
    def dim(self) -> int:
        return int(self.embed_batch(["a"]).shape[1])

    # -- cache --------------------------------------------------------------
    def _cache_path(self, text: str) -> Path | None:
        if self.cache_dir is None:
            return None
        h = hashlib.sha256((self.signature + "\x00" + text).encode("utf-8")).hexdigest()
        return self.cache_dir / h[:2] / f"{h}.npy"

    def _cache_get(self, text: str) -> np.ndarray | None:
        p = self._cache_path(text)
        if p is None or not p.exists():
            return None
        try:
            return np.load(p)
        except (OSError, ValueError):
            return None

    def _cache_put(self, text: str, vec: np.ndarray) -> None:
        p = self._cache_path(text)
        if p is None:
            return
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = p.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                np.save(fh, vec)
            os.replace(tmp, p)
        except OSError:
            pass  # a cache that can't be written only costs time


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)
