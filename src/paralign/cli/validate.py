"""``paralign validate FILE.xml [FILE.xml …]``: check TEI parallel texts (and one-text TEI).

Exit status: 0 every file valid; 1 some file invalid (its errors are listed);
2 some file unreadable (missing, not well-formed, unsafe, too large).
"""

from __future__ import annotations

import argparse
import sys

from ..errors import ParalignError
from ..files import print_out
from .arguments import COMMANDS, count
from .convert import add_max_xml_size


@COMMANDS.register("validate", order=40)
def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "validate",
        help="check TEI parallel texts: schema, pointers, every sentence in one link",
        description=(
            "Check TEI files against the RELAX NG schema of paralign's TEI (or --schema), "
            "then that every #pointer resolves, ids are unique and every sentence is in "
            "exactly one link, in order. Exit 0: valid; 1: invalid; 2: unreadable."
        ),
    )
    p.add_argument("files", nargs="+", metavar="FILE.xml", help="TEI files to check")
    p.add_argument(
        "--schema",
        metavar="RNG",
        help="validate against this RELAX NG schema instead (e.g. tei_all.rng)",
    )
    p.add_argument(
        "--max-errors",
        type=count,
        default=50,
        metavar="N",
        help="list at most N errors per file (default: %(default)s)",
    )
    add_max_xml_size(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    from ..tei import validate

    status = 0
    for name in args.files:
        try:
            report = validate(name, schema=args.schema, max_bytes=args.max_bytes)
        except ParalignError as exc:
            print(f"paralign: error: {exc}", file=sys.stderr)
            status = 2
            continue
        if report.valid:
            if not args.quiet and report.texts == 1:
                print_out(f"{name}: valid (one text, {report.sentences} sentences, no alignment)")
            elif not args.quiet:
                # beads as build-corpus, align and review count them: links and pointers
                beads = report.links + report.unaligned
                unaligned = f", {report.unaligned} unaligned" if report.unaligned else ""
                print_out(
                    f"{name}: valid ({report.sentences} sentences, {beads} beads: "
                    f"{report.links} links{unaligned})"
                )
            continue
        status = max(status, 1)
        n = len(report.errors)
        print_out(f"{name}: invalid, {n} error{'s' * (n != 1)}")
        for error in report.errors[: args.max_errors]:
            print_out(f"  {error}")
        if n > args.max_errors:
            print_out(f"  … and {n - args.max_errors} more")
    return status
