"""pre-commit entry point: check the pair folders that hold the changed files.

``python -m bilingual.check.hook [--fail-on minor] [--format text] FILE...``

pre-commit passes the changed files (``pass_filenames: true``); each is mapped
to its pair folder (the nearest folder upwards that holds ``baseline.json`` or a
pair of text files), every folder is checked once, and the worst exit code is
returned: 0 ok, 1 new flags, 2 error.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import BilingualError
from .run import BASELINE, _is_pair_folder


def folders_for(files: list[str], root: str | os.PathLike | None = None) -> list[Path]:
    """The pair folders holding ``files`` (deduplicated, in first-seen order); files outside any are skipped."""
    stop = Path(root).resolve() if root else Path.cwd().resolve()
    out: list[Path] = []
    for f in files:
        p = Path(f)
        d = (p if p.is_dir() else p.parent).resolve()
        while True:
            if (d / BASELINE).exists() or (d != stop and _is_pair_folder(d) and d.parent != d):
                rel = _relative(d)
                if rel not in out:
                    out.append(rel)
                break
            if d == stop or d.parent == d:
                break
            d = d.parent
    return out


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--fail-on", type=click.Choice(["major", "minor"]), default="major", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, envvar="BILINGUAL_CACHE")
def main(files, fail_on, fmt, cache_dir):
    """Check the pair folders of the changed FILES against their baselines."""
    from .render import render_check, worst_exit_code
    from .run import PairResult, check_folder

    results: list[PairResult] = []
    for d in folders_for(list(files)):
        try:
            results += check_folder(d, cache_dir=cache_dir, fail_on=fail_on)
        except BilingualError as exc:
            results.append(PairResult(str(d), str(d / BASELINE), error=str(exc), fail_on=fail_on))
    if not results:
        sys.exit(0)
    click.echo(render_check(results, fmt, fail_on=fail_on), nl=False)
    sys.exit(worst_exit_code(results))


def _relative(d: Path) -> Path:
    """``d`` relative to the working directory when inside it, so annotations name repository paths."""
    try:
        return d.relative_to(Path.cwd().resolve())
    except ValueError:
        return d


if __name__ == "__main__":  # pragma: no cover - the pre-commit entry
    main()
