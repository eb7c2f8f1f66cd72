"""Let a stage package double as the public function of the same name.

``bilingual.align(en, ja)`` and ``bilingual.report(en, ja)`` are the Python API,
while ``bilingual/align/`` and ``bilingual/report/`` are the stage packages.  A
module whose class has ``__call__`` serves both.
"""
from __future__ import annotations

import sys
import types
from typing import Callable


def make_callable(module_name: str, func_name: str) -> None:
    module = sys.modules[module_name]

    class _CallableModule(types.ModuleType):
        def __call__(self, *args, **kwargs):
            func: Callable = getattr(self, func_name)
            return func(*args, **kwargs)

    module.__class__ = _CallableModule
