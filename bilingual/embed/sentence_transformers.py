"""Any sentence-transformers model by name or local path (LaBSE, multilingual MiniLM, ...).

Needs the optional extra: ``pip install 'bilingual[st]'``.  Nothing is imported
until the first text is embedded.
"""
from __future__ import annotations

import contextlib
import logging
import os
import socket
from urllib.parse import urlsplit

import numpy as np

from ..errors import EncoderError
from .base import Encoder

INSTALL_HINT = "install the extra: pip install 'bilingual[st]' (sentence-transformers and torch)"


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


_PROXY_VARS = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


def _hub_unreachable() -> str | None:
    """Why the model hub cannot be reached, when that is plain without waiting: its host name
    does not resolve (a failed name lookup answers at once).  ``None`` when it may be reachable,
    or when a proxy looks names up for us.

    Without it, the hub client retries each of a model's files with back-off: about 80 s
    before the error, for a model that cannot be downloaded anyway.
    """
    if any(os.environ.get(v) for v in _PROXY_VARS):
        return None
    try:
        from huggingface_hub import constants

        host = urlsplit(constants.ENDPOINT).hostname
    except Exception:  # no hub client, or an endpoint we cannot read: let the library decide
        return None
    if not host:
        return None
    try:
        socket.getaddrinfo(host, 443)
    except socket.gaierror:
        return f"the model hub cannot be reached ({host} does not resolve)"
    except OSError:
        return None
    return None


def _load(cls, name: str, device: str):
    """A local folder as it is; a model name from the local model cache first (no network, no
    update check), else from the hub unless ``HF_HUB_OFFLINE`` is set or the hub's host name
    does not resolve (:func:`_hub_unreachable`).

    Without a network, asking the hub first would cost a minute of retries for a model that
    is in the cache anyway.
    """
    attempts = [{}] if os.path.isdir(name) else [{"local_files_only": True}]
    why = None
    if not os.path.isdir(name) and not _offline():
        why = _hub_unreachable()
        if why is None:
            attempts.append({})
    err: Exception | None = None
    with _quiet_loading():
        for kwargs in attempts:
            try:
                return cls(name, device=device, **kwargs)
            except (OSError, ValueError) as exc:
                err = exc
    if why is not None:
        raise EncoderError(
            f"could not load sentence-transformers model {name!r}: it is not in the model cache and {why}; "
            f"give a local folder, or a model name that is in the model cache"
        )
    first = str(err).strip().splitlines()[0] if err is not None and str(err).strip() else type(err).__name__
    raise EncoderError(
        f"could not load sentence-transformers model {name!r}: give a local folder, or a model name "
        f"that is in the model cache or can be downloaded ({first})"
    )


# Libraries that log warnings while a model loads ("Could not resolve the revision of ...",
# hub retries) next to our own one-line error; transformers also draws a bar while it loads
# the weights (our own progress bar covers the embedding).
_LOADING_LOGGERS = ("sentence_transformers", "transformers", "huggingface_hub")


@contextlib.contextmanager
def _quiet_loading():
    # their own default is WARNING (or unset); a level the user chose is kept
    quieted = [(lg, lg.level) for lg in map(logging.getLogger, _LOADING_LOGGERS) if lg.level in (logging.NOTSET, logging.WARNING)]
    for lg, _ in quieted:
        lg.setLevel(logging.ERROR)
    try:
        from transformers.utils import logging as tf_logging  # its "Loading weights" bar
    except ImportError:
        tf_logging = None
    bar = tf_logging is not None and tf_logging.is_progress_bar_enabled()
    if bar:
        tf_logging.disable_progress_bar()
    try:
        yield
    finally:
        for lg, level in quieted:
            lg.setLevel(level)
        if bar:
            tf_logging.enable_progress_bar()


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
            self._model = _load(SentenceTransformer, self.model_name, self.device)
        return self._model

    @property
    def dim(self) -> int:
        return int(self.load().get_sentence_embedding_dimension())

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        vecs = self.load().encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)
