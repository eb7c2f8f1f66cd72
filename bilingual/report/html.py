"""One self-contained HTML file: summary, then source and target side by side, flagged spans marked.

Inline CSS only, no scripts, no external resources; every text is escaped by
jinja2's autoescape.  The same fragment is the Jupyter view (``Report._repr_html_``).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .view import pair_views, summary_rows

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _context(report) -> dict:
    return {
        "report": report,
        "src": report.source.lang,
        "tgt": report.target.lang,
        "summary": summary_rows(report),
        "views": pair_views(report),
    }


def render_html(report) -> str:
    """A complete HTML document."""
    return _env().get_template("report.html.j2").render(_context(report))


def render_html_fragment(report) -> str:
    """The report body without ``<html>``: for notebooks and for embedding."""
    return _env().get_template("body.html.j2").render(_context(report))
