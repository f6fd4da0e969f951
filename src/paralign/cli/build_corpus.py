"""``paralign build-corpus [FOLDER]``: build the TEI of every document of a corpus folder.

A thin layer over :func:`paralign.archive.corpus.build_corpus`: each document
folder (``metadata.toml`` + raw transcription) gets its ``FOLDER-NAME.tei.xml``;
one line per document says what it holds and where the TEI went.
"""

from __future__ import annotations

import argparse

from ..encoders import DEFAULT_MODEL
from ..files import print_out
from .arguments import iso_date


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from ..clean import EDITORIAL_MODES

    p = subparsers.add_parser(
        "build-corpus",
        help="build the TEI of every document folder of a corpus (texts/)",
        description=(
            "For each document folder under FOLDER (a folder holding metadata.toml and the "
            "raw transcription): split, clean, segment, align the original with its "
            "translation, and write FOLDER-NAME.tei.xml beside them."
        ),
        epilog="example: paralign build-corpus texts/",
    )
    p.add_argument("folder", metavar="FOLDER", nargs="?", default="texts", help="default: texts")
    p.add_argument(
        "--model", default=DEFAULT_MODEL, metavar="NAME_OR_PATH", help="sentence encoder"
    )
    p.add_argument(
        "--editorial",
        choices=EDITORIAL_MODES,
        default="omit",
        help="editorial brackets: leave them out of the aligned text (omit, default), keep "
        "them in it and mark them (mark), or leave them alone (keep); the TEI shows them",
    )
    p.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="date written in the TEI headers"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    from ..archive.corpus import build_corpus

    built = build_corpus(
        args.folder,
        model=args.model,
        editorial=args.editorial,
        date=args.date,
        report=None if args.quiet else print_out,
    )
    if not args.quiet:
        print_out(f"built {len(built)} document(s) in {args.folder}")
    return 0
