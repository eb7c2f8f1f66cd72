"""The README's examples run as written (docs that can't go stale)."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def _block(after: str, lang: str) -> str:
    section = README[README.index(after) :]
    return re.search(rf"```{lang}\n(.*?)```", section, re.S).group(1)


def test_readme_opens_with_the_two_commands():
    block = _block("## Two commands", "sh")
    assert [line.split()[:2] for line in block.splitlines()] == [["make", "report"], ["make", "test"]]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("readme")


def test_usage_commands_run(workdir):
    for line in _block("## Usage", "sh").splitlines():
        args = [a.replace("out/", f"{workdir}/") for a in shlex.split(line)]
        args[0] = str(BIN / args[0])
        proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"{line}: {proc.stderr[-500:]}"
        assert "Traceback" not in proc.stderr
    assert (workdir / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "including but not limited to" in (workdir / "report.md").read_text(encoding="utf-8")


def test_python_example_runs(workdir, monkeypatch):
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    if not (workdir / "sides").exists():
        subprocess.run([str(BIN / "bilingual"), "split", "alignments/tokyo-statement/tokyo-statement.txt", "-o", f"{workdir}/sides"], cwd=ROOT, check=True)
    code = _block("Python / Jupyter", "python").replace("out/", f"{workdir}/")
    monkeypatch.chdir(ROOT)
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    assert scope["frame"].shape[0] == len(scope["report"].flags)
    assert scope["ax"] is not None
