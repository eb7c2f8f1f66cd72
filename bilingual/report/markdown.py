"""Markdown for pull-request comments: a summary table and one row per flag with its bead's text."""
from __future__ import annotations

import re

from .view import pair_of_flags, side_text, summary_rows

# Characters that GitHub-flavoured Markdown would read as markup inside a table cell
# (with [ and ] escaped no link or image can form, so parentheses may stay).
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    """Text safe inside a Markdown table cell: no HTML, no emphasis, no cell breaks, one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def _code(text: str) -> str:
    """Inline code that survives backticks in ``text`` (outside tables only)."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(report, max_chars: int = 400) -> str:
    """Summary table, then the flags with the source and target text of their bead."""
    src, tgt = report.source.lang, report.target.lang
    lines = [f"### bilingual report: {src} → {tgt}", ""]
    lines += ["| | count |", "|---|---:|"]
    lines += [f"| {name} | {n} |" for name, n in summary_rows(report)]
    lines += ["", f"Signature: {_code(report.signature)}", ""]
    for w in report.warnings:
        lines.append(f"> **warning:** {escape(w)}")
    if report.warnings:
        lines.append("")
    if not report.flags:
        lines.append("No flags.")
        return "\n".join(lines) + "\n"
    where = pair_of_flags(report)
    lines += [
        f"| # | kind | severity | side | flagged | message | source ({src}) | target ({tgt}) |",
        "|---:|---|---|---|---|---|---|---|",
    ]
    order = sorted(range(len(report.flags)), key=lambda k: (where.get(id(report.flags[k]), len(report.alignment)), k))
    for f in (report.flags[k] for k in order):
        i = where.get(id(f))
        if i is None:
            s_text = report.source.segments[f.segment].text if f.side == "source" else ""
            t_text = report.target.segments[f.segment].text if f.side == "target" else ""
            bead = ""
        else:
            p = report.alignment[i]
            s_text, t_text = side_text(report.source, p.source), side_text(report.target, p.target)
            bead = f"{','.join(map(str, p.source)) or '-'}:{','.join(map(str, p.target)) or '-'}"
        cells = [
            bead,
            f.kind,
            f"**{f.severity}**" if f.severity == "major" else f.severity,
            f"{f.side} {f.segment}",
            escape(_clip(f.text, max_chars)),
            escape(f.message),
            escape(_clip(s_text, max_chars)) or "*(nothing)*",
            escape(_clip(t_text, max_chars)) or "*(nothing)*",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


__all__ = ["escape", "render_markdown"]
