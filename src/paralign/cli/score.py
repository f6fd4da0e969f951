"""``paralign score GOLD TEST [GOLD TEST ...]``: the reference metric on alignment files."""

from __future__ import annotations

import argparse
import json

from ..errors import InputError
from ..files import print_out
from ..goldfile import check_alignment, read_pairs
from ..metrics import Score, merge_verses, read_verses, score_documents
from .arguments import COMMANDS


@COMMANDS.register("score", order=20)
def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score alignments against gold alignments (strict and lax P/R/F1)",
        description=(
            "Score test alignments against gold alignments with the reference metric "
            "(the Vecalign/Bertalign scorer's definition), micro-averaged over the pairs. "
            "Files hold one bead per line, e.g. '[0, 1]:[2]' (a trailing ':0.87' is ignored)."
        ),
    )
    parser.add_argument(
        "files", nargs="+", metavar="GOLD TEST", help="gold and test files, in pairs"
    )
    parser.add_argument(
        "--verses",
        nargs=2,
        metavar=("SRC_VERSES", "TGT_VERSES"),
        help="verse id of each source/target sentence, one per line: merge consecutive test "
        "beads within one verse before scoring (for verse-level gold such as the Bible)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if len(args.files) % 2:
        raise InputError(
            f"expected GOLD TEST pairs, got {len(args.files)} files; give each gold file "
            "followed by its test file"
        )
    verses = None
    if args.verses:
        verses = (read_verses(args.verses[0]), read_verses(args.verses[1]))
    documents = []
    for gold_path, test_path in zip(args.files[::2], args.files[1::2], strict=True):
        gold, test = read_pairs(gold_path), read_pairs(test_path)
        check_alignment(gold, gold_path, monotone=False)
        check_alignment(test, test_path)
        if verses is not None:
            test = merge_verses(test, *verses)
        documents.append((gold, test))
    result = score_documents(documents)
    print_out(json.dumps(result.as_dict(), indent=2) if args.json else table(result))
    return 0


def table(result: Score) -> str:
    """The figures as a small text table."""
    s, x = result.strict, result.lax
    p, r = result.precision_counts, result.recall_counts
    return "\n".join(
        [
            f"{result.documents} pair(s), {p.strict_tp + p.strict_fp} test beads, "
            f"{r.strict_tp + r.strict_fp} non-null gold beads",
            "             strict    lax",
            f"precision    {s.precision:.4f}   {x.precision:.4f}",
            f"recall       {s.recall:.4f}   {x.recall:.4f}",
            f"F1           {s.f1:.4f}   {x.f1:.4f}",
        ]
    )
