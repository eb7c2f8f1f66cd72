"""Terminal view (rich): summary, then the aligned pairs side by side with flagged spans highlighted.

Colour only on a terminal and never when ``NO_COLOR`` is set
(https://no-color.org); otherwise plain text without escape codes.
"""
from __future__ import annotations

import io
import os
import shutil
import sys

from .view import Run, flag_label, pair_views, summary_rows

KIND_STYLE = {"omission": "red", "addition": "magenta", "drift": "yellow"}


def use_color(stream=None) -> bool:
    """Colour when ``stream`` (default stdout) is a terminal and ``NO_COLOR`` is unset or empty."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream if stream is not None else sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _style(flag) -> str:
    base = KIND_STYLE.get(flag.kind, "cyan")
    return f"bold reverse {base}" if flag.severity == "major" else f"underline {base}"


def _segments_text(segment_runs, lang: str, color: bool):
    from rich.text import Text

    out = Text()
    sep = "" if lang == "ja" else " "
    for k, seg in enumerate(segment_runs):
        if k:
            out.append(sep)
        for r in seg:
            _append_run(out, r, color)
    return out


def _append_run(out, r: Run, color: bool) -> None:
    if r.flag is None:
        out.append(r.text)
    elif color:
        out.append(r.text, style=_style(r.flag))
    else:
        # Without colour the span still has to stand out: bracket it.
        out.append(f"[[{r.text}]]")


def render_text(report, *, color: bool | None = None, width: int | None = None, only_flagged: bool = False) -> str:
    """The report for a terminal.  ``color=None`` decides from stdout and ``NO_COLOR``."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if color is None:
        color = use_color()
    if width is None:
        width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 200))
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=bool(color),
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    src, tgt = report.source.lang, report.target.lang
    console.print(Text(f"bilingual report: {src} → {tgt}", style="bold" if color else ""))
    counts = dict(summary_rows(report))
    line = (
        f"{len(report.source)} {src} segments, {len(report.target)} {tgt} segments, {counts['beads']} beads; "
        f"{counts['flags']} flags: {counts['major']} major, {counts['minor']} minor "
        f"(omission {counts['omission']}, addition {counts['addition']}, drift {counts['drift']})"
    )
    console.print(Text(line))
    console.print(Text(f"signature: {report.signature}", style="dim" if color else ""))
    for w in report.warnings:
        console.print(Text(f"warning: {w}", style="yellow" if color else ""))
    console.print()

    table = Table(box=box.SIMPLE_HEAD if color else box.ASCII2, show_lines=False, expand=True, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True, ratio=None)
    table.add_column(f"source ({src})", ratio=1, overflow="fold")
    table.add_column(f"target ({tgt})", ratio=1, overflow="fold")
    table.add_column("score", justify="right", no_wrap=True)
    for v in pair_views(report):
        if only_flagged and not v.flagged:
            continue
        ids = f"{','.join(map(str, v.source)) or '-'}:{','.join(map(str, v.target)) or '-'}"
        if v.note:
            ids += f"\n({v.note})"
        s_cell = _segments_text(v.source_runs, src, color) if v.source else Text("(nothing)", style="dim italic" if color else "")
        t_cell = _segments_text(v.target_runs, tgt, color) if v.target else Text("(nothing)", style="dim italic" if color else "")
        table.add_row(ids, s_cell, t_cell, f"{v.score:.2f}")
        if v.flags:
            s_msgs, t_msgs = Text(), Text()
            for f in v.flags:
                cell = s_msgs if f.side == "source" else t_msgs
                if cell:
                    cell.append("\n")
                cell.append(f"▲ {flag_label(f)}: ", style=(KIND_STYLE.get(f.kind, "cyan") + " bold") if color else "")
                cell.append(f.message)
            table.add_row("", s_msgs, t_msgs, "", end_section=True)
    console.print(table)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
