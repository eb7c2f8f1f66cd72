"""Reports: what the analysis found, and its renderers.

``bilingual.report(en, ja, ...)`` (this package, callable) is :func:`build_report`.
``render(report, fmt)`` turns a :class:`Report` into text, Markdown, JSON, HTML
or TMX.  Renderers and their libraries (rich, jinja2, translate-toolkit) load
only when used.
"""
from __future__ import annotations

import json

from .._lazy import make_callable
from .build import build_report
from .model import AlignedPair, Report

FORMATS = ("text", "markdown", "json", "html", "tmx")


def to_json(report: Report) -> str:
    """The machine contract: stable key order, no timestamps, rounded floats."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render(report: Report, fmt: str = "text", **options) -> str | bytes:
    """Render ``report`` as ``text`` | ``markdown`` | ``json`` | ``html`` (str) or ``tmx`` (bytes)."""
    if fmt == "json":
        return to_json(report)
    if fmt == "text":
        from .text import render_text

        return render_text(report, **options)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from .html import render_html

        return render_html(report)
    if fmt == "tmx":
        from .tmx import render_tmx

        return render_tmx(report)
    raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")


__all__ = ["AlignedPair", "FORMATS", "Report", "build_report", "render", "to_json"]

make_callable(__name__, "build_report")
