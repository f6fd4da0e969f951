"""``paralign build-corpus [FOLDER]``: build the TEI of every document of a corpus folder.

The batch runner (``paralign batch --corpus FOLDER``) with each TEI written into its
own document folder (``FOLDER-NAME.tei.xml`` beside ``metadata.toml`` and the raw
transcription) and no summary files: one line per document says what it holds and
where the TEI went; a document that fails is named with its error, the others are
still built, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import sys

from ..encoders import DEFAULT_MODEL
from ..files import print_out
from ..vocab import EditorialMode
from .arguments import COMMANDS, iso_date, workers


@COMMANDS.register("build-corpus", order=60)
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
        default=EditorialMode.OMIT.value,
        help="editorial brackets: leave them out of the aligned text (omit, default), keep "
        "them in it and mark them (mark), or leave them alone (keep); the TEI shows them",
    )
    p.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="date written in the TEI headers"
    )
    p.add_argument(
        "--workers", type=workers, metavar="N",
        help="worker processes (default: as many as the cores and the memory allow)",
    )  # fmt: skip
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    from ..batch import Settings, collect, run_pairs, with_date

    settings = with_date(Settings(model=args.model, editorial=args.editorial, date=args.date))
    pairs = collect(None, corpus=args.folder, settings=settings)
    result = run_pairs(pairs, None, workers=args.workers, progress=not args.quiet)
    for row in result.rows:
        if row.error:
            print(f"paralign: error: {row.name}: {row.error}", file=sys.stderr)
        elif not args.quiet:
            print_out(row.note)
    if not args.quiet:
        done = len(result.rows) - len(result.failed)
        print_out(f"built {done} document(s) in {args.folder}")
    return 2 if result.failed else 0
