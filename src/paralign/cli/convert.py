"""``paralign convert IN.xml [IN.xml …] --format tmx -o OUT``: re-export TEI files.

Reads each TEI parallel text with :func:`paralign.read_tei` and writes it in
another format (or as TEI again, after fixing it by hand): one file for the whole
set where the format can hold several alignments, or one per input with
``--per-document`` (``-o`` is then a folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ParalignError
from ..files import write_stdout
from .arguments import COMMANDS, add_max_size, formats_listing, fraction, iso_date

STDOUT = "-"


def add_export_options(p: argparse.ArgumentParser) -> None:
    """The bead filters and header date every export command offers."""
    nulls = p.add_mutually_exclusive_group()
    nulls.add_argument(
        "--keep-null",
        dest="keep_null",
        action="store_true",
        default=None,
        help="write 1-0/0-1 beads (default for tei, vecalign, tsv, jsonl, xces, intertext)",
    )
    nulls.add_argument(
        "--skip-null",
        dest="keep_null",
        action="store_false",
        help="leave out 1-0/0-1 beads (default for tmx and moses)",
    )
    p.add_argument(
        "--min-confidence",
        type=fraction,
        default=0.0,
        metavar="X",
        help="leave out beads less confident than X (0..1)",
    )
    p.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="date recorded in TEI/TMX headers (default: SOURCE_DATE_EPOCH if set, else none)",
    )


def export_options(args: argparse.Namespace) -> dict[str, object]:
    """The keyword options of :func:`paralign.export.export` from parsed arguments."""
    opts: dict[str, object] = {"keep_null": args.keep_null, "min_confidence": args.min_confidence}
    if args.date:
        opts["date"] = args.date
    return opts


def add_max_xml_size(p: argparse.ArgumentParser) -> None:
    """``--max-size SIZE`` for XML inputs; ``--max-mib N``, its name before, still works."""
    from ..importers import MAX_BYTES

    add_max_size(p, MAX_BYTES, "XML files")
    p.add_argument(
        "--max-mib", dest="max_bytes", type=_mib, default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def _mib(value: str) -> int:
    """``--max-mib``: a number of MiB, as bytes."""
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 1 <= n * 2**20 < float("inf"):  # nan fails every comparison
        raise argparse.ArgumentTypeError(f"must be a number of MiB above 0: {value}")
    return int(n * 2**20)


@COMMANDS.register("convert", order=30)
def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from ..export import FORMATS

    p = subparsers.add_parser(
        "convert",
        help="convert TEI parallel texts to another format (tmx, tsv, moses, …)",
        description=(
            "Read TEI parallel texts (paralign's own, or any TEI with <s xml:id> sentences "
            "and a <linkGrp> of <link target>) and write them in another format."
        ),
        epilog=formats_listing() + "\n\nexamples:\n"
        "  paralign convert pair.xml --format tmx -o pair.tmx\n"
        "  paralign convert a.xml b.xml --format moses -o corpus   (corpus.es, corpus.en)\n"
        "  paralign convert a.xml b.xml --format tsv --per-document -o out/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="IN.xml", help="TEI files to read")
    p.add_argument("-f", "--format", required=True, choices=list(FORMATS), help="output format")
    p.add_argument(
        "-o",
        "--output",
        default=STDOUT,
        metavar="OUT",
        help="file to write ('-': standard output), or a folder with --per-document",
    )
    p.add_argument(
        "--per-document",
        action="store_true",
        help="one output per input file, named after it, in the folder given by -o",
    )
    add_export_options(p)
    add_max_xml_size(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    from ..export import FORMATS, export, export_files
    from ..tei import read_tei

    names = [Path(name).name.removesuffix(".xml").removesuffix(".tei") for name in args.inputs]
    if len(set(names)) != len(names):
        raise ParalignError("two inputs have the same file name; rename one of them")
    alignments = [read_tei(name, max_bytes=args.max_bytes) for name in args.inputs]
    options = export_options(args)
    if len(alignments) > 1 or args.per_document:
        options["names"] = names
    several_files = FORMATS[args.format].multi_file
    if args.output == STDOUT:
        if args.per_document or several_files:
            raise ParalignError(
                f"{'--per-document' if args.per_document else '--format ' + args.format} writes "
                "files, not one stream: give -o"
            )
        write_stdout(export(alignments, args.format, **options))
        return 0
    written = export_files(
        alignments, args.format, args.output, per_document=args.per_document, **options
    )
    if not args.quiet:
        beads = sum(len(a.beads) for a in alignments)
        print(
            f"paralign: converted {len(alignments)} file(s), {beads} beads, to {args.format}: "
            + ", ".join(str(p) for p in written),
            file=sys.stderr,
        )
    return 0
