"""Any sentence-transformers model by name or local path (LaBSE, multilingual MiniLM, ...).

Needs the optional extra: ``pip install 'bilingual[st]'``.  Nothing is imported
until the first text is embedded.
"""
from __future__ import annotations

import os

import numpy as np

from ..errors import EncoderError
from .base import Encoder

INSTALL_HINT = "install the extra: pip install 'bilingual[st]' (sentence-transformers and torch)"


class SentenceTransformerEncoder(Encoder):
    batch_size = 64

    def __init__(self, model: str, cache_dir=None, device: str = "cpu"):
        super().__init__(cache_dir)
        if not model:
            raise EncoderError("st: needs a model name or path, e.g. st:sentence-transformers/LaBSE")
        self.model_name = model
        self.device = device
        self._model = None
        self.name = f"st:{model}"

    @property
    def signature(self) -> str:
        # A local path is identified by its folder name, so a baseline made on
        # one machine matches on another.
        ident = os.path.basename(os.path.normpath(self.model_name)) if os.path.isdir(self.model_name) else self.model_name
        return f"st:{ident}"

    def load(self):
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise EncoderError(f"encoder {self.name} needs sentence-transformers: {INSTALL_HINT}") from None
            try:
                self._model = SentenceTransformer(self.model_name, device=self.device)
            except (OSError, ValueError) as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise EncoderError(
                    f"could not load sentence-transformers model {self.model_name!r} "
                    f"(no network here: give a local path or a model in the cache): {first}"
                ) from None
        return self._model

    @property
    def dim(self) -> int:
        return int(self.load().get_sentence_embedding_dimension())

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        vecs = self.load().encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)
