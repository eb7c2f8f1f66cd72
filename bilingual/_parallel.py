"""Pure-Python work beside the encoder: one forked worker process on a second core.

The encoder's numpy products and the pure-Python text work (qa's lexical
coverage, the aligner's text cues) each keep one core busy, so on 2 cores they
overlap.  A forked worker shares what this process already loaded (the
dictionaries) without pickling it.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")
U = TypeVar("U")


def beside(work: Callable[..., T], args: tuple, here: Callable[[], U], *, worth_it: bool) -> tuple[U, T]:
    """``(here(), work(*args))``, with ``work`` in a forked worker while ``here`` runs in this process.

    Only when the caller finds the input big enough (``worth_it``) and the platform can fork
    onto a second core; otherwise ``here()`` then ``work(*args)`` in this process.  The results
    are the same either way.
    """
    if worth_it and "fork" in mp.get_all_start_methods() and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork")) as pool:
            pending = pool.submit(work, *args)
            mine = here()
            return mine, pending.result()
    return here(), work(*args)
