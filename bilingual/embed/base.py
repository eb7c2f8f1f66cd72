"""The encoder base class: one method to implement, batching, normalisation and caching here."""
from __future__ import annotations

import hashlib
import os
import sqlite3
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
        for i, cached in enumerate(self._cache_get_many(keys)):
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
            self._cache_put_many(batch, out)
            done += len(batch)
            if progress:
                progress(done, len(keys))
        table = np.stack(vecs)  # type: ignore[arg-type]
        return table[[unique[t] for t in texts]]

    @property
    def dim(self) -> int:
        return int(self.embed_batch(["a"]).shape[1])

    # -- cache --------------------------------------------------------------
    # One SQLite file per cache folder (``embeddings.sqlite3``), a row per text keyed by the
    # SHA-256 of signature + text: a batch is read with a few queries and written in one
    # transaction (a file per vector cost ~0.6 ms a text, a third of a cold qa run's
    # embedding time).  A cache that can't be read or written only costs time.
    CACHE_FILE = "embeddings.sqlite3"

    def _cache_key(self, text: str) -> bytes:
        return hashlib.sha256((self.signature + "\x00" + text).encode("utf-8")).digest()

    def _cache_db(self):
        if self.cache_dir is None:
            return None
        if getattr(self, "_db", None) is None:
            try:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.cache_dir / self.CACHE_FILE, timeout=30)
                db.execute("CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, vec BLOB NOT NULL)")
                db.commit()
            except (OSError, sqlite3.Error):
                self.cache_dir = None
                return None
            self._db = db
        return self._db

    def _cache_get_many(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        db = self._cache_db()
        if db is None:
            return [None] * len(texts)
        keys = [self._cache_key(t) for t in texts]
        found: dict[bytes, bytes] = {}
        try:
            for b in range(0, len(keys), 500):
                chunk = keys[b : b + 500]
                q = "SELECT key, vec FROM vec WHERE key IN (%s)" % ",".join("?" * len(chunk))
                found.update(db.execute(q, chunk).fetchall())
        except sqlite3.Error:
            return [None] * len(texts)
        return [np.frombuffer(found[k], dtype=np.float32).copy() if k in found else None for k in keys]

    def _cache_put_many(self, texts: Sequence[str], vecs: np.ndarray) -> None:
        db = self._cache_db()
        if db is None:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO vec (key, vec) VALUES (?, ?)",
                               [(self._cache_key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vecs)])
        except sqlite3.Error:
            pass


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)
