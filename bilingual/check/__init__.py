"""CI check: compare a new report of a translation with the baseline accepted after review.

``compare(baseline, report)`` sorts flags into new, resolved and unchanged by
their content (kind, side, flagged text, sentence text), so that inserting or
deleting unrelated sentences, which shifts every segment id, does not make old
flags look new.  ``check_pair`` and ``check_folder`` run the pipeline and the
comparison; ``bilingual check`` exits 0 (no new flags at or above
``--fail-on``), 1 (new flags) or 2 (bad input, or a missing, corrupt or
incompatible baseline).
"""
from __future__ import annotations

from .baseline import Baseline, as_baseline, load_baseline, parse_signature, settings_from_signature
from .compare import CheckResult, FlagChange, all_new, compare
from .run import Pair, PairResult, check_folder, check_pair, default_cache_dir, find_pair, pair_folders

__all__ = [
    "Baseline",
    "CheckResult",
    "FlagChange",
    "Pair",
    "PairResult",
    "all_new",
    "as_baseline",
    "check_folder",
    "check_pair",
    "compare",
    "default_cache_dir",
    "find_pair",
    "load_baseline",
    "pair_folders",
    "parse_signature",
    "settings_from_signature",
]
