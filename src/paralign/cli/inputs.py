"""The input arguments every aligning command shares, read by :func:`paralign.inputs.read_inputs`.

``paralign align``, ``paralign review`` (and ``paralign batch``) take the same
INPUT arguments and the same options for them, so that one option means one thing
everywhere: ``--src-lang``/``--tgt-lang`` (detected when left out, checked when
given), ``--no-language-check``, ``--no-clean`` and ``--editorial``
(``--presegmented`` is among the alignment options of
:func:`paralign.cli.align.add_alignment_options`).
"""

from __future__ import annotations

import argparse

from ..inputs import Inputs, read_inputs
from ..vocab import DEFAULT_EDITORIAL

INPUT_HELP = (
    "two text files (a text, then its translation); or one file holding both, an "
    "archival transcription; or a document folder holding metadata.toml"
)
TEI_HELP = "; or a TEI alignment (reviewed as it is, not aligned again)"


def add_input_arguments(p: argparse.ArgumentParser, *, tei: bool = False) -> None:
    """INPUT (one or two) and the options that say how to read it."""
    from ..clean import EDITORIAL_MODES

    p.add_argument(
        "inputs", nargs="+", metavar="INPUT", help=INPUT_HELP + (TEI_HELP if tei else "")
    )
    p.add_argument(
        "--src-lang",
        metavar="LANG",
        help="language of the source text, e.g. es (default: detected from the text)",
    )
    p.add_argument(
        "--tgt-lang",
        metavar="LANG",
        help="language of the translation, e.g. en (default: detected from the text)",
    )
    p.add_argument(
        "--no-language-check",
        dest="language_check",
        action="store_false",
        help="align in the languages given even where the text reads as another language",
    )
    p.add_argument(
        "--no-clean",
        dest="clean",
        action="store_false",
        help="leave running headers, page numbers, letterheads, words broken across lines "
        "and editorial brackets in the text (by default they are found and kept out of "
        "the sentences, and the TEI shows them as fw, pb, lb, supplied, note)",
    )
    p.add_argument(
        "--editorial",
        choices=EDITORIAL_MODES,
        default=DEFAULT_EDITORIAL,
        help="editorial brackets: leave them out of the aligned text (omit, default), keep "
        "them in it and mark them (mark), or leave them alone (keep); the TEI shows them",
    )


def inputs_from_args(args: argparse.Namespace, *, tei: bool = False) -> Inputs:
    """Read the inputs the parsed arguments name."""
    return read_inputs(
        args.inputs,
        src_lang=args.src_lang,
        tgt_lang=args.tgt_lang,
        presegmented=args.presegmented,
        # commands that take two texts without these options read them as align does
        clean=getattr(args, "clean", True),
        editorial=getattr(args, "editorial", DEFAULT_EDITORIAL),
        language_check=getattr(args, "language_check", True),
        tei=tei,
        max_bytes=args.max_bytes,
    )
