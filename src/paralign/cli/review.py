"""``paralign review INPUT…``: align a text with its translation and report where they differ.

A thin layer over :func:`paralign.inputs.read_inputs`, :func:`paralign.align` and
:func:`paralign.review.review`: it reads what the user has (two text files, one
bilingual transcription, a document folder, or a TEI alignment, reviewed as it is),
aligns it, checks every bead, writes the HTML report (``-o``), and
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
from .inputs import add_input_arguments

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
            "Align a text with its translation (or read a TEI alignment), check every bead "
            "(omissions, additions, numbers and dates, negation/modality, low similarity, "
            "length, names, untranslated text, editorial brackets) and write a self-contained "
            "HTML report."
        ),
        epilog="kinds of finding:\n"
        + "\n".join(f"  {k:<15} {d}" for k, d in KINDS.items())
        + "\n\nexamples:\n"
        "  paralign review texts/1962-12-02_mikoyan-kennedy-conversations -o review.html\n"
        "  paralign review es.txt en.txt -o review.html --tei review.xml\n"
        "  paralign review corrected.tei.xml -o review.html   (no new alignment)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_arguments(p, tei=True)
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
        check_output(out, args.inputs)
    if len({os.path.realpath(p) for p in outputs}) < len(outputs):
        raise InputError("-o, --tei and --json name the same file: give each its own")
    inputs, alignment = read_and_align(args, tei=True)
    result = review(alignment, kinds=kinds, min_severity=args.min_severity)
    title = args.title or default_title(inputs)
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
        print(summary(result, where, color=sys.stderr.isatty()), file=sys.stderr)
    return 0


def default_title(inputs) -> str:
    """The report's title: the document's title where a record gives one, else the files."""
    if inputs.title:
        return f"Translation review: {inputs.title}"
    names = [Path(p).name for p in inputs.paths]
    return "Translation review: " + " → ".join(names)


def summary(result, where: str, color: bool = False) -> str:
    """A few lines: beads, findings per kind, the top findings with the words that
    triggered them highlighted in their text, where the report went."""
    a = result.alignment
    counts = ", ".join(f"{n} {k}" for k, n in result.counts().items() if n)
    lines = [
        f"paralign: {len(a.beads)} beads, {len(result)} findings ({counts or 'none'})",
        f"report: {where}",
    ]
    for f in result.findings[:TOP]:
        lines.append(f"  {f.level:<6} bead {f.bead + 1:>5}  {f.kind:<14} {f.explanation[:90]}")
        lines.extend(_excerpts(a, f, color))
    return "\n".join(lines)


def _excerpts(alignment, finding, color: bool) -> list[str]:
    """The stretch of each side's text holding the words that triggered ``finding``,
    those words in bold on a terminal (in »…« otherwise)."""
    from ..review.highlight import excerpt, highlight, trigger_terms

    wrap = (lambda t: f"\033[1;33m{t}\033[0m") if color else (lambda t: f"»{t}«")
    texts = alignment.texts(alignment.beads[finding.bead])
    out = []
    for label, text, terms in zip(("src", "tgt"), texts, trigger_terms(finding), strict=True):
        found = excerpt(text, terms)
        if found is not None:
            out.append(f"{'':22}{label}: {highlight(found[0], terms, wrap)}")
        elif terms:  # a letterhead line the clean stage kept out of the text
            shown = ", ".join(wrap(t) for t in terms)
            out.append(f"{'':22}{label}: {shown} (page furniture, outside the sentences)")
    return out
