"""``paralign realign FILE.tei.xml -o OUT``: align again around the beads a person confirmed.

For files corrected elsewhere (by hand in an XML editor, in another tool): the
links with ``subtype="confirmed"`` stay as they are and everything between them is
aligned anew (:func:`paralign.realign`). What the file held besides the links (its
header, the review's findings, other stand-off markup) is kept, as the editor's save
keeps it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..files import check_output, write_file, write_stdout
from .arguments import COMMANDS
from .convert import add_max_xml_size

STDOUT = "-"


@COMMANDS.register("realign", order=90)
def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "realign",
        help="align a TEI file again around the beads a person confirmed",
        description=(
            'Read a TEI alignment whose confirmed links (subtype="confirmed") a person '
            "checked, keep those as they are and align everything between them anew. The "
            "file's header, findings and other stand-off markup are kept."
        ),
        epilog="examples:\n  paralign realign corrected.tei.xml -o realigned.tei.xml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", metavar="FILE.xml", help="a TEI alignment")
    p.add_argument(
        "-o",
        "--output",
        default=STDOUT,
        metavar="OUT",
        help="file to write ('-': standard output, the default); may be FILE itself",
    )
    p.add_argument(
        "--model",
        default=None,
        metavar="NAME_OR_PATH",
        help="sentence encoder (default: the one the file names, else usem3)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the embedding cache ($PARALIGN_CACHE or ~/.cache/paralign)",
    )
    add_max_xml_size(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    from .. import realign
    from ..editor.save import saved_tei
    from ..encoders import DEFAULT_MODEL, load_encoder
    from ..importers.safe_xml import read_source
    from ..progress import Progress
    from ..tei import read_tei

    out = None if args.output == STDOUT else Path(args.output)
    if out is not None:
        check_output(out)  # the input itself may be the output: it is read first
    data, _ = read_source(args.input, args.max_bytes)
    opened = read_tei(args.input, max_bytes=args.max_bytes)
    name = args.model or opened.model or DEFAULT_MODEL
    encoder = load_encoder(name, cache=False if args.no_cache else None)
    result = realign(opened, model=encoder, progress=Progress(enabled=not args.quiet))
    written = saved_tei(data, opened, result)
    if out is None:
        write_stdout(written)
    else:
        write_file(out, written)
    if not args.quiet:
        kept = sum(1 for b in result.beads if b.confirmed)
        changed = len(set(result.pairs()) - set(opened.pairs()))
        print(
            f"paralign: re-aligned {args.input} around {kept} confirmed bead"
            f"{'' if kept == 1 else 's'}: {len(result.beads)} beads, {changed} new; "
            f"wrote {'standard output' if out is None else out}",
            file=sys.stderr,
        )
    return 0
