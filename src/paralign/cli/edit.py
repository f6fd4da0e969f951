"""``paralign edit FILE.tei.xml``: correct an alignment by hand in a local editor in the browser.

Also ``paralign edit SRC TGT --src-lang L --tgt-lang L -o OUT.tei.xml``: the two
texts are aligned first (as ``paralign align`` does), written to OUT, and OUT is
opened. The editor runs on 127.0.0.1 until Ctrl+C; see docs/editor.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError
from .arguments import COMMANDS


@COMMANDS.register("edit", order=80)
def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from .align import add_alignment_options

    p = subparsers.add_parser(
        "edit",
        help="correct an alignment by hand in a local editor in the browser",
        description=(
            "Open a TEI alignment (or two texts, aligned first and written to -o) in a "
            "local editor: a server on 127.0.0.1 that only this machine's browser, with "
            "the printed address and its token, can use. Every change is journaled beside "
            "the file; saving writes the file."
        ),
        epilog=(
            "examples:\n  paralign edit pair.tei.xml\n"
            "  paralign edit es.txt en.txt --src-lang es --tgt-lang en -o pair.tei.xml"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE",
        help="a TEI alignment, or the source text and its translation",
    )
    p.add_argument("--src-lang", metavar="LANG", help="language of SRC (two texts)")
    p.add_argument("--tgt-lang", metavar="LANG", help="language of TGT (two texts)")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where two texts' alignment is written and then edited (a new .tei.xml file)",
    )
    p.add_argument(
        "--no-browser", action="store_true", help="print the address; do not open a browser"
    )
    add_alignment_options(p)
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    from ..editor.server import serve
    from ..editor.session import Session

    path = _file_to_edit(args)
    session = Session(path)
    try:
        serve(session, open_browser=not args.no_browser, quiet=args.quiet)
    finally:
        session.close()
    if session.dirty and not args.quiet:
        print(
            f"paralign edit: unsaved operations are kept in {session.journal.path}; "
            f"`paralign edit {path}` resumes them",
            file=sys.stderr,
        )
    return 0


def _file_to_edit(args: argparse.Namespace) -> Path:
    """The TEI file to open: the one given, or two texts aligned and written to -o."""
    if len(args.inputs) == 1:
        if args.output or args.src_lang or args.tgt_lang:
            raise InputError(
                "-o, --src-lang and --tgt-lang are for two texts; a TEI file is edited in place"
            )
        path = Path(args.inputs[0])
        if not path.is_file():
            raise InputError(f"no such file: {path}")
        return path
    if len(args.inputs) != 2:
        raise InputError(f"give one TEI file or two texts, not {len(args.inputs)} files")
    if not (args.src_lang and args.tgt_lang and args.output):
        raise InputError("two texts need --src-lang, --tgt-lang and -o OUT.tei.xml")
    out = Path(args.output)
    if out.exists():
        raise InputError(f"{out} exists already: edit it with `paralign edit {out}`")
    from ..export import export
    from .align import read_and_align

    _, alignment = read_and_align(args)
    from ..files import write_file

    write_file(out, export(alignment, "tei"))
    return out
