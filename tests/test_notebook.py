"""scripts/explore.ipynb runs top to bottom in a real kernel of this venv's Python (nbclient)."""
from __future__ import annotations

import json
import os
import sys

import pytest
from conftest import ROOT, TOKYO

NOTEBOOK = ROOT / "scripts" / "explore.ipynb"

pytestmark = pytest.mark.slow  # a real kernel and the real encoder: about 10-30 s


@pytest.fixture
def venv_kernel(tmp_path, monkeypatch):
    """A ``python3`` kernel spec that runs this interpreter, found before any other on the machine."""
    spec_dir = tmp_path / "jupyter" / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "Python 3 (bilingual venv)", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter") + os.pathsep + os.environ.get("JUPYTER_PATH", ""))
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return "python3"


def test_explore_notebook_runs(venv_kernel):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    if not TOKYO.exists():
        pytest.skip("alignments/tokyo-statement/tokyo-statement.txt is not there yet")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert "../shared" not in NOTEBOOK.read_text(encoding="utf-8")  # uses the repository's copy
    client = nbclient.NotebookClient(nb, kernel_name=venv_kernel, timeout=300, resources={"metadata": {"path": str(ROOT / "scripts")}})
    client.execute()  # raises CellExecutionError with the cell's traceback if any cell fails

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = {mime for o in outputs for mime in o.get("data", {})}
    assert "text/html" in kinds  # the report and the DataFrames render as HTML
    assert "image/png" in kinds  # the heatmap
    html = "".join(o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}))
    assert 'class="bilingual-report"' in html
    assert "<mark" in html  # the Tokyo Statement has flagged spans (its Japanese drops and adds lines)
