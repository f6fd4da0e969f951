"""``paralign review SRC TGT``: align a text with its translation and report where they differ.

A thin layer over :func:`paralign.align` and :func:`paralign.review.review`: it
aligns the two files, checks every bead, writes the HTML report (``-o``), and
optionally the TEI with the findings (``--tei``) and the findings as JSON lines
(``--json``); it prints the number of findings of each kind and the ones most
worth a look.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..api import to_html, to_tei
from ..files import STDOUT_NAME, check_output, write_files, write_stdout
from ..review.base import KINDS
from .align import add_alignment_options, read_and_align
from .arguments import COMMANDS, fraction

#: the file name that means standard output
STDOUT = "-"
#: how many findings the summary on standard output lists
TOP = 10


@COMMANDS.register("review", order=70)
def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "review",
        help="align a text with its translation and report omissions, additions, numbers…",
        description=(
            "Align SRC with its translation TGT, check every bead (omissions, additions, "
            "numbers and dates, negation/modality, low similarity, length, names, untranslated "
            "text, editorial brackets) and write a self-contained HTML report."
        ),
        epilog="kinds of finding:\n"
        + "\n".join(f"  {k:<15} {d}" for k, d in KINDS.items())
        + "\n\nexample: paralign review es.txt en.txt -o review.html --tei review.xml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("src", metavar="SRC", help="the original: a UTF-8 text file")
    p.add_argument("tgt", metavar="TGT", help="its translation: a UTF-8 text file")
    p.add_argument("--src-lang", default="es", metavar="LANG", help="language of SRC (es)")
    p.add_argument("--tgt-lang", default="en", metavar="LANG", help="language of TGT (en)")
    p.add_argument(
        "-o", "--output", default="review.html", metavar="HTML",
        help="the HTML report to write ('-': standard output; default: %(default)s)",
    )  # fmt: skip
    p.add_argument(
        "--tei",
        metavar="XML",
        help="also write the TEI with the findings on its links ('-': stdout)",
    )
    p.add_argument(
        "--json", metavar="JSONL", help="also write the findings, one JSON per line ('-': stdout)"
    )
    p.add_argument("--title", help="title of the report (default: the two file names)")
    p.add_argument(
        "--kinds", metavar="KIND,KIND",
        help="report only these kinds of finding (comma-separated; default: all)",
    )  # fmt: skip
    p.add_argument(
        "--min-severity", type=fraction, default=0.0, metavar="S",
        help="leave out findings less severe than S, in 0..1 (default: 0)",
    )  # fmt: skip
    add_alignment_options(p)
    p.set_defaults(run=run)
    return p


def _kinds(value: str | None) -> list[str] | None:
    if not value:
        return None
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown kind {unknown[0]!r}; the kinds are: {', '.join(KINDS)}"
        )
    return kinds


def run(args: argparse.Namespace) -> int:
    """Align, review, write the report (and TEI/JSON); return the exit status."""
    from ..errors import InputError
    from ..review import review

    try:
        kinds = _kinds(args.kinds)
    except argparse.ArgumentTypeError as exc:
        raise InputError(str(exc)) from None
    named = [p for p in (args.output, args.tei, args.json) if p]
    if named.count(STDOUT) > 1:
        raise InputError("only one of -o, --tei and --json can be '-' (standard output)")
    outputs = [Path(p) for p in named if p != STDOUT]
    for out in outputs:
        check_output(out, [args.src, args.tgt])
    if len({os.path.realpath(p) for p in outputs}) < len(outputs):
        raise InputError("-o, --tei and --json name the same file: give each its own")
    alignment = read_and_align(args)
    result = review(alignment, kinds=kinds, min_severity=args.min_severity)
    title = args.title or f"Translation review: {Path(args.src).name} → {Path(args.tgt).name}"
    data: dict[str, bytes] = {args.output: to_html(result, title=title).encode("utf-8")}
    if args.tei:
        data[args.tei] = to_tei(result)
    if args.json:
        lines = "".join(json.dumps(f.as_dict(), ensure_ascii=False) + "\n" for f in result)
        data[args.json] = lines.encode("utf-8")
    # every file is written whole or none is: a TEI that cannot be written leaves no report
    write_files({name: b for name, b in data.items() if name != STDOUT})
    if STDOUT in data:
        write_stdout(data[STDOUT])
    if not args.quiet:
        where = STDOUT_NAME if args.output == STDOUT else args.output
        print(summary(result, where), file=sys.stderr)
    return 0


def summary(result, where: str) -> str:
    """A few lines: beads, findings per kind, the top findings, where the report went."""
    a = result.alignment
    counts = ", ".join(f"{n} {k}" for k, n in result.counts().items() if n)
    lines = [
        f"paralign: {len(a.beads)} beads, {len(result)} findings ({counts or 'none'})",
        f"report: {where}",
    ]
    for f in result.findings[:TOP]:
        lines.append(f"  {f.level:<6} bead {f.bead + 1:>5}  {f.kind:<14} {f.explanation[:90]}")
    return "\n".join(lines)
