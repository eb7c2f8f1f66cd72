"""Errors the user can act on.  The CLI turns them into one line and exit code 2."""
from __future__ import annotations


class BilingualError(Exception):
    """Bad input or settings: shown as one line, exit code 2."""

    exit_code = 2


class InputError(BilingualError):
    """A file that can't be read, decoded or segmented."""


class EncoderError(BilingualError):
    """Unknown encoder name or a missing optional extra."""


class BaselineError(BilingualError):
    """A corrupt, foreign or incompatible baseline report."""
