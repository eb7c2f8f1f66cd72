"""Check results as text (people), JSON (machines) or GitHub workflow annotations."""
from __future__ import annotations

import json

from .compare import FlagChange
from .run import PairResult

FORMATS = ("text", "json", "github")


def worst_exit_code(results: list[PairResult]) -> int:
    return max((r.exit_code for r in results), default=0)


def render_check(results: list[PairResult], fmt: str = "text", *, fail_on: str = "major", verbose: bool = True) -> str:
    if fmt == "json":
        return render_json(results)
    if fmt == "github":
        return render_github(results, fail_on=fail_on)
    if fmt == "text":
        return render_text(results, fail_on=fail_on, verbose=verbose)
    raise ValueError(f"unknown check format {fmt!r}: use one of {', '.join(FORMATS)}")


# -- text -------------------------------------------------------------------------
def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flag_line(c: FlagChange) -> str:
    f = c.flag
    where = f"{c.file}:{c.line}" if c.file and c.line else f"{f.side} segment {f.segment}"
    return f"{f.kind} ({f.severity}) at {where}: {_short(f.message) or repr(_short(f.text, 60))}"


def summary(r: PairResult) -> str:
    if r.error is not None:
        return f"{r.name}: error: {r.error}"
    res = r.result
    assert res is not None
    failing = len(res.failing(r.fail_on))
    verdict = "baseline updated" if r.updated else ("FAIL" if failing else "ok")
    return f"{r.name}: {verdict}: {len(res.new)} new, {len(res.resolved)} resolved, {len(res.unchanged)} unchanged flag(s)"


def render_text(results: list[PairResult], *, fail_on: str = "major", verbose: bool = True) -> str:
    lines: list[str] = []
    for r in results:
        lines.append(summary(r))
        if r.result is None:
            continue
        for c in r.result.new:
            lines.append(f"  NEW {_flag_line(c)}")
            if c.flag.text:
                lines.append(f"      flagged: {_short(c.flag.text)}")
            lines.append(f"      en: {_short(c.en, 400)}")
            lines.append(f"      ja: {_short(c.ja, 400)}")
        for c in r.result.resolved:
            lines.append(f"  RESOLVED {_flag_line(c)}")
        if verbose:
            for c in r.result.unchanged:
                lines.append(f"  unchanged {_flag_line(c)}")
            for note in r.result.notes:
                lines.append(f"  note: {note}")
    code = worst_exit_code(results)
    if len(results) > 1:
        failed = sum(1 for r in results if r.exit_code == 1)
        errors = sum(1 for r in results if r.exit_code == 2)
        lines.append(f"{len(results)} pair(s) checked: {failed} with new {fail_on}+ flags, {errors} error(s); exit {code}")
    return "\n".join(lines) + "\n"


# -- json -------------------------------------------------------------------------
def render_json(results: list[PairResult]) -> str:
    pairs = []
    for r in results:
        d = {"name": r.name, "baseline": r.baseline, "exit_code": r.exit_code, "error": r.error, "updated": r.updated}
        if r.result is not None:
            d.update(r.result.to_dict())
        pairs.append(d)
    return json.dumps({"exit_code": worst_exit_code(results), "pairs": pairs}, ensure_ascii=False, indent=2) + "\n"


# -- GitHub annotations -----------------------------------------------------------
def escape_data(text: str) -> str:
    """Escape a workflow-command message (GitHub's rules: % CR LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, message: str, file: str | None = None, line: int | None = None, title: str | None = None) -> str:
    props = []
    if file:
        props.append(f"file={escape_property(file)}")
    if line:
        props.append(f"line={int(line)}")
    if title:
        props.append(f"title={escape_property(title)}")
    head = f"::{level} {','.join(props)}" if props else f"::{level}"
    return f"{head}::{escape_data(message)}"


def render_github(results: list[PairResult], *, fail_on: str = "major") -> str:
    lines: list[str] = []
    for r in results:
        if r.error is not None:
            lines.append(_annotation("error", r.error, file=r.baseline, title="bilingual check"))
            continue
        assert r.result is not None
        for c in r.result.new:
            f = c.flag
            level = "error" if f.severity == "major" else "warning"
            msg = f"{f.message or f.kind}\nflagged: {f.text}\nen: {c.en}\nja: {c.ja}"
            lines.append(_annotation(level, msg, file=c.file, line=c.line, title=f"new {f.kind} ({f.severity})"))
        for c in r.result.resolved:
            lines.append(_annotation("notice", f"resolved since the baseline: {c.flag.message or c.flag.kind}", file=r.baseline))
        lines.append(summary(r))
    return "\n".join(lines) + "\n"
