"""The user cache folder and the artefacts kept there that are slow to build.

``$BILINGUAL_CACHE`` or ``~/.cache/bilingual`` holds pickles of things every
process would otherwise rebuild from a package's data files: the JMdict
lexicon (:mod:`bilingual.analyze.lexicon`, ~6 s) and the default encoder's
SentencePiece tokenizer (:mod:`bilingual.embed.use`, ~1.5 s).  Their file
names carry the versions they were built from; an unreadable or foreign file is
rebuilt, and an unwritable folder only costs the build time next run.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

# what a stale, truncated or foreign pickle raises on load
_BAD_PICKLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError,
               ValueError)


def user_cache_dir() -> Path:
    """``$BILINGUAL_CACHE``, else ``~/.cache/bilingual`` (a temporary folder without a home)."""
    if os.environ.get("BILINGUAL_CACHE"):
        return Path(os.environ["BILINGUAL_CACHE"])
    try:
        return Path.home() / ".cache" / "bilingual"
    except RuntimeError:  # no home directory (a bare container user): a shared temporary folder
        return Path(tempfile.gettempdir()) / "bilingual-cache"


def cached_pickle(name: str, build: Callable[[], T], accept: Callable[[object], bool]) -> T:
    """The object pickled under ``name`` in the user cache when ``accept`` takes it, else ``build()``
    (then written there atomically, so concurrent processes never read half a file)."""
    path = user_cache_dir() / name
    try:
        with open(path, "rb") as fh:
            obj = pickle.load(fh)
        if accept(obj):
            return obj
    except _BAD_PICKLE:
        pass
    obj = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return obj
