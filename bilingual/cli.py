"""Command line: one thin click command per use, each calling one public function.

Exit codes: 0 success; 1 ``check`` found new flags; 2 bad usage or input (one line on stderr).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import BilingualError

ENCODER_HELP = "Sentence encoder: 'use' (default, embedded multilingual USE v3) or 'st:MODEL_OR_PATH' (needs bilingual[st])."


class UserError(click.ClickException):
    """One line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file=None):  # noqa: D102 - click API
        click.echo(f"bilingual: error: {self.format_message()}", err=True)


def _run(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except BilingualError as exc:
        raise UserError(str(exc)) from None
    except MemoryError:
        raise UserError("out of memory: split the input into smaller files") from None


def _emit(content: str | bytes, output: str | None) -> None:
    from .io import write_atomic

    if output and output != "-":
        _run(write_atomic, output, content)
        click.echo(f"wrote {output}", err=True)
        return
    if isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        click.echo(content, nl=not content.endswith("\n"))


def _guard_output(output: str | None, *inputs: str | None, what: str = "the input file") -> None:
    """Refuse an output path that names one of the inputs: writing it would replace what the user gave.

    Checked before any work, so the refusal costs nothing.
    """
    from .io import same_file

    if not output or output == "-":
        return
    for src in inputs:
        if src and src != "-" and same_file(output, src):
            raise UserError(f"{output}: is {what} {src}; write to another file")


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bilingual")
def main():
    """Align English originals with their Japanese translations and flag drift and omissions.

    \b
    Examples:
      bilingual report alignments/tokyo-statement/tokyo-statement.txt
      bilingual align en.txt ja.txt --format vecalign
      bilingual check alignments/
    """


# -- segment / split ----------------------------------------------------------
@main.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--lang", type=click.Choice(["en", "ja", "auto"]), default="auto", show_default=True)
@click.option("--clauses", is_flag=True, help="Also split each segment into clauses.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
def segment(file, lang, clauses, fmt, encoding):
    """Split FILE into sentences (and clauses) with character offsets.

    Example: bilingual segment statement.ja.txt --lang ja --clauses --format json
    """
    from .io import read_text
    from .segment import segment_text

    text = _run(read_text, file, encoding)
    doc = _run(segment_text, text, lang, clauses=clauses)
    if fmt == "json":
        from .report.serialize import segment_dict

        _emit(_dumps({"lang": doc.lang, "segments": [segment_dict(s, clauses=True) for s in doc.segments]}), None)
        return
    for s in doc.segments:
        click.echo(f"{s.id}\t{s.start}-{s.end}\t{s.kind}\t{s.text}")
        if clauses:
            for c in s.clauses:
                click.echo(f"\t  {c.start}-{c.end}\t{c.text}")


@main.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("-o", "--output-dir", required=True, type=click.Path(file_okay=False), help="Folder for NAME.en.txt and NAME.ja.txt.")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
def split(file, output_dir, encoding, force):
    """Split a bilingual FILE (English, then its Japanese translation) into two files.

    Example: bilingual split statement.txt -o sides/
    """
    from .io import read_text, write_atomic
    from .segment.bilingual import split_bilingual

    text = _run(read_text, file, encoding)
    (es, ee), (js, je) = _run(split_bilingual, text, name="stdin" if file == "-" else file)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = "stdin" if file == "-" else Path(file).name.split(".")[0]
    for lang, part in (("en", text[es:ee]), ("ja", text[js:je])):
        target = out / f"{stem}.{lang}.txt"
        if target.exists() and not force:
            raise UserError(f"{target} exists: pass --force to overwrite")
        _run(write_atomic, target, part.strip("\n") + "\n")
        click.echo(str(target))


# -- align ----------------------------------------------------------------------
def _pair_options(f):
    f = click.option("--encoding", default=None, help="Input encoding (default: detected).")(f)
    f = click.option("--encoder", default="use", show_default=True, help=ENCODER_HELP)(f)
    f = click.option("--presplit", is_flag=True, help="Inputs hold one segment per line, taken as is.")(f)
    f = click.option("--cache-dir", type=click.Path(file_okay=False), default=None, envvar="BILINGUAL_CACHE", help="Embedding cache folder (env BILINGUAL_CACHE).")(f)
    f = click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr.")(f)
    return f


@main.command()
@click.argument("en", type=click.Path(allow_dash=True))
@click.argument("ja", type=click.Path(allow_dash=True), required=False)
@_pair_options
@click.option("--format", "fmt", type=click.Choice(["vecalign", "json", "tsv"]), default="vecalign", show_default=True)
@click.option("--max-bead", type=click.IntRange(1, 8), default=4, show_default=True, help="Most sentences on one side of a bead.")
@click.option("-o", "--output", default=None, help="Write to this file instead of stdout.")
@click.option("--stats", "stats_path", default=None, type=click.Path(dir_okay=False), help="Write seconds per stage, texts embedded and beads the words' second opinion changed to this JSON file.")
def align(en, ja, encoding, encoder, presplit, cache_dir, quiet, fmt, max_bead, output, stats_path):
    """Align the sentences of EN and JA (or of one bilingual file).

    Prints one bead per line, `[en ids]:[ja ids]:score` (vecalign format).

    Example: bilingual align doc.en doc.ja --presplit --format vecalign
    """
    from . import pipeline
    from .embed import get_encoder
    from .progress import progress_for

    import time

    _guard_output(output, en, ja)
    _guard_output(stats_path, en, ja)
    _guard_output(stats_path, output, what="the output file")
    stats: dict = {}
    enc = _run(get_encoder, encoder, cache_dir=cache_dir)
    t0 = time.perf_counter()
    en_doc, ja_doc, warnings = _run(pipeline.load_pair, en, ja, is_presplit=presplit, encoding=encoding, clauses=False)
    stats["read+segment"] = time.perf_counter() - t0
    _warn(warnings, quiet)
    with progress_for("embedding", quiet=quiet) as prog:
        alignment, _, _ = _run(pipeline.align_documents, en_doc, ja_doc, enc, max_bead=max_bead, progress=prog, stats=stats)
    t_render = time.perf_counter()
    if fmt == "vecalign":
        _emit("\n".join(alignment.vecalign_lines()) + "\n", output)
    elif fmt == "tsv":
        rows = ["en_ids\tja_ids\tscore\ten\tja"]
        for b in alignment.beads:
            et = " ".join(en_doc.segments[i].text for i in b.en).replace("\t", " ")
            jt = "".join(ja_doc.segments[i].text for i in b.ja).replace("\t", " ")
            rows.append(f"{','.join(map(str, b.en))}\t{','.join(map(str, b.ja))}\t{b.score:.4f}\t{et}\t{jt}")
        _emit("\n".join(rows) + "\n", output)
    else:
        from .report.serialize import alignment_dict

        _emit(_dumps(alignment_dict(alignment)), output)
    if stats_path:
        from .io import write_atomic

        stats["render"] = time.perf_counter() - t_render
        _run(write_atomic, stats_path, _dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in stats.items()}))


@main.command()
@click.argument("pairs", type=click.Path(allow_dash=True))
@click.option("--source-column", default=None, help="Column with the source sentences (default: the column named like --source-lang, or 'source').")
@click.option("--target-column", default=None, help="Column with the translations (default: the other language, or 'target').")
@click.option("--source-lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True, help="Language of the source column.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True)
@click.option("--encoder", default="use", show_default=True, help=ENCODER_HELP)
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, envvar="BILINGUAL_CACHE", help="Embedding cache folder.")
@click.option("-o", "--output", default=None, help="Write to this file instead of stdout.")
def qa(pairs, source_column, target_column, source_lang, fmt, encoder, encoding, cache_dir, output):
    """Score already-aligned sentence pairs (TSV/CSV with a header, or TMX).

    One result per row, in order: {"row", "score", "flags"}; score in [0, 1] is
    the risk that the translation drops or distorts content.

    Example: bilingual qa pairs.tsv --source-column ja --target-column en
    """
    from .analyze.qa import score_pairs
    from .embed import get_encoder
    from .pairs import read_pairs
    from .report.serialize import flag_dict

    _guard_output(output, pairs)
    rows = _run(read_pairs, pairs, source_column=source_column, target_column=target_column, source_lang=source_lang, encoding=encoding)
    enc = _run(get_encoder, encoder, cache_dir=cache_dir)
    results = _run(score_pairs, rows, source_lang=source_lang, encoder=enc)
    lines = []
    for i, (score, flags) in enumerate(results):
        if fmt == "jsonl":
            lines.append(json.dumps({"row": i, "score": round(float(score), 4), "flags": [flag_dict(f) for f in flags]}, ensure_ascii=False))
        else:
            lines.append(f"{i}\t{score:.3f}\t" + "; ".join(f"{f.severity} {f.kind}: {f.message}" for f in flags))
    _emit("\n".join(lines) + "\n", output)


def _warn(warnings, quiet):
    if not quiet:
        for w in warnings:
            click.echo(f"bilingual: warning: {w}", err=True)


# -- report -----------------------------------------------------------------------
@main.command()
@click.argument("first", metavar="EN|FILE", type=click.Path(allow_dash=True))
@click.argument("second", metavar="[JA]", type=click.Path(allow_dash=True), required=False)
@_pair_options
@click.option("--source", type=click.Choice(["en", "ja"]), default="en", show_default=True, help="The original language; the other side is its translation.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "html", "tmx"]), default="text", show_default=True)
@click.option("--max-bead", type=click.IntRange(1, 8), default=4, show_default=True, help="Most sentences on one side of a bead.")
@click.option("-o", "--output", default=None, help="Write to this file (atomically) instead of stdout.")
def report(first, second, encoding, encoder, presplit, cache_dir, quiet, source, fmt, max_bead, output):
    """Align EN and JA (or one bilingual FILE) and report omissions, additions and drift.

    Exits 0 once the report is written, whatever it flags (use `check` to gate CI).

    Example: bilingual report statement.txt --format html -o report.html
    """
    from .progress import progress_for
    from .report import build_report, render

    _guard_output(output, first, second)
    with progress_for("embedding", quiet=quiet) as prog:
        rep = _run(
            build_report,
            Path(first) if first != "-" else first,
            (Path(second) if second != "-" else second) if second else None,
            presplit=presplit,
            source=source,
            encoder=encoder,
            max_bead=max_bead,
            encoding=encoding,
            cache_dir=cache_dir,
            progress=prog,
        )
    _warn(rep.warnings, quiet)
    if fmt == "text":
        content = render(rep, "text", color=False) if output and output != "-" else render(rep, "text")
    else:
        content = render(rep, fmt)
    _emit(content, output)


# -- check ------------------------------------------------------------------------
CHECK_EXIT_CODES = """\b
Exit codes:
  0  no new flags at or above --fail-on (resolved and unchanged flags are fine)
  1  new flags at or above --fail-on: review them, fix the translation or
     accept them with --update-baseline
  2  bad usage or input, or a missing, corrupt or incompatible baseline
     (one line on stderr saying why)"""


@main.command(epilog=CHECK_EXIT_CODES)
@click.argument("first", type=click.Path())
@click.argument("second", type=click.Path(), required=False)
@click.option("--baseline", type=click.Path(dir_okay=False), default=None, help="Baseline JSON report (default: baseline.json next to FIRST).")
@click.option("--presplit/--no-presplit", default=None, help="Inputs hold one segment per line (default: off; in folders, NAME.en + NAME.ja).")
@click.option("--source", type=click.Choice(["en", "ja"]), default=None, help="The original language (default: the baseline's, else en).")
@click.option("--encoder", default=None, help="Sentence encoder (default: the baseline's, else 'use').")
@click.option("--max-bead", type=click.IntRange(1, 8), default=None, help="Most sentences on one side of a bead (default: the baseline's, else 4).")
@click.option("--fail-on", type=click.Choice(["major", "minor"]), default="major", show_default=True, help="Lowest severity of a new flag that fails the check.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True, help="github: workflow annotations.")
@click.option("--encoding", default=None, help="Input encoding (default: detected).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, envvar="BILINGUAL_CACHE", help="Embedding cache (env BILINGUAL_CACHE; default .cache/bilingual next to the alignments folder).")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.option("--update-baseline", is_flag=True, help="After review: rewrite the baseline(s) atomically with this run's report, exit 0.")
def check(first, second, baseline, presplit, source, encoder, max_bead, fail_on, fmt, encoding, cache_dir, quiet, update_baseline):
    """Check a translation update against its reviewed baseline (for CI).

    FIRST is an English and SECOND a Japanese file, or FIRST is one bilingual
    file, or FIRST is a folder of pair folders (each with NAME.txt or
    NAME.en.txt + NAME.ja.txt, and baseline.json).  Flags are compared by
    content, so unrelated inserted or deleted sentences do not count as new.

    \b
    Examples:
      bilingual check alignments/
      bilingual check doc.en.txt doc.ja.txt --baseline doc.baseline.json --fail-on minor
      bilingual check alignments/ --format github
    """
    from .check.render import render_check, worst_exit_code
    from .check.run import check_folder, check_pair, default_cache_dir
    from .progress import progress_for

    ctx = click.get_current_context()
    with progress_for("embedding", quiet=quiet) as prog:
        if Path(first).is_dir():
            if second or baseline:
                raise UserError(f"{first} is a folder: pass no second file and no --baseline (each pair folder holds its baseline.json)")
            results = _run(
                check_folder, first, encoder=encoder, source=source, max_bead=max_bead, presplit=presplit,
                cache_dir=cache_dir, progress=prog, update=update_baseline, fail_on=fail_on,
            )
        else:
            base = Path(baseline) if baseline else Path(first).parent / "baseline.json"
            res = _run(
                check_pair, Path(first), Path(second) if second else None, base, presplit=bool(presplit), source=source,
                encoder=encoder, max_bead=max_bead, encoding=encoding, cache_dir=cache_dir or default_cache_dir(base.parent),
                progress=prog, update=update_baseline, fail_on=fail_on,
            )
            results = [res]
    _emit(render_check(results, fmt, fail_on=fail_on), None)
    for r in results:
        if r.updated and not quiet:
            click.echo(f"wrote {r.baseline}", err=True)
    ctx.exit(worst_exit_code(results))
