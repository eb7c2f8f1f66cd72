"""Shared fixtures: paths to the eval data beside the project, a fake encoder for fast unit tests."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from bilingual.embed.base import Encoder

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
TOKYO = ROOT / "alignments" / "tokyo-statement" / "tokyo-statement.txt"


class FakeEncoder(Encoder):
    """Deterministic bag-of-characters vectors: equal texts give equal vectors, no model."""

    name = "fake"

    def __init__(self, dim: int = 64, cache_dir=None):
        super().__init__(cache_dir)
        self._dim = dim

    @property
    def dim(self) -> int:
        return self._dim

    def embed_batch(self, texts):
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for ch in t:
                h = int(hashlib.md5(ch.encode()).hexdigest()[:8], 16)
                out[i, h % self._dim] += 1.0
        return out


@pytest.fixture
def fake_encoder():
    return FakeEncoder()


@pytest.fixture(scope="session")
def use_encoder():
    from bilingual.embed import get_encoder

    return get_encoder("use")


def require_eval():
    if not EVAL.exists():
        pytest.skip("../shared/eval is not beside the project")
