"""``paralign batch ... -o OUT_DIR``: align a whole collection, in parallel, resumable.

A thin layer over :func:`paralign.batch.batch`: it reads the options, runs the
collection and says on standard error what became of it; the exit status is 0
when every pair is done (or unchanged), 1 when some pair failed (the summary says
why), 2 when the run itself could not start.
"""

from __future__ import annotations

import argparse
import sys

from .arguments import COMMANDS, formats_listing, iso_date, retries, workers

#: how many failed pairs the closing lines name (the summary has them all)
SHOWN_FAILURES = 20


@COMMANDS.register("batch", order=100)
def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from ..clean import EDITORIAL_MODES
    from ..export import FORMATS
    from .align import add_alignment_options

    p = subparsers.add_parser(
        "batch",
        help="align a whole collection of pairs, in parallel, resumable",
        description=(
            "Align every pair of a collection (two folders, two {name} patterns, a "
            "manifest, or a corpus of document folders) in worker processes or on a Dask "
            "cluster; write one output per pair and a summary (summary.tsv, summary.json) "
            "to OUT_DIR. A rerun redoes only the pairs not done or changed."
        ),
        epilog=formats_listing() + "\n\nexamples:\n"
        "  paralign batch --src-dir es/ --tgt-dir en/ --src-lang es --tgt-lang en -o aligned/\n"
        "  paralign batch --src 'es/{name}.es.txt' --tgt 'en/{name}.en.txt' "
        "--src-lang es --tgt-lang en -o aligned/\n"
        "  paralign batch --manifest pairs.csv -f tmx -o aligned/\n"
        "  paralign batch --corpus texts/ -o tei/ --scheduler tcp://10.0.0.5:8786\n"
        "\nexit status: 0 every pair done, 1 some pair failed (see summary.tsv), 2 bad input",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inputs = p.add_argument_group("the collection (give one)")
    inputs.add_argument("--src-dir", metavar="DIR", help="folder of source files")
    inputs.add_argument("--tgt-dir", metavar="DIR", help="folder of their translations, same names")
    inputs.add_argument("--src", metavar="PATTERN", help="source files, e.g. 'es/{name}.txt'")
    inputs.add_argument("--tgt", metavar="PATTERN", help="their translations, e.g. 'en/{name}.txt'")
    inputs.add_argument(
        "--manifest", metavar="FILE", help="a CSV, TSV or JSONL file, one row per pair"
    )
    inputs.add_argument(
        "--corpus", metavar="FOLDER", help="a corpus of document folders with metadata.toml"
    )
    p.add_argument(
        "-o", "--output-dir", required=True, metavar="OUT_DIR",
        help="where the outputs, summary.tsv and summary.json go",
    )  # fmt: skip
    p.add_argument("--src-lang", metavar="LANG", help="language of the sources, e.g. es")
    p.add_argument("--tgt-lang", metavar="LANG", help="language of the translations, e.g. en")
    p.add_argument(
        "-f", "--format", default="tei", choices=list(FORMATS), metavar="FORMAT",
        help="output format, one of those listed below (default: %(default)s)",
    )  # fmt: skip
    p.add_argument(
        "--review", action="store_true",
        help="also write each pair's review report (NAME.review.html) and count its findings",
    )  # fmt: skip
    add_alignment_options(p)
    p.add_argument(
        "--editorial", choices=EDITORIAL_MODES, default="omit",
        help="a corpus's editorial brackets, as build-corpus treats them (default: omit)",
    )  # fmt: skip
    p.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="date written in the headers"
    )
    run_opts = p.add_argument_group("where the work runs")
    run_opts.add_argument(
        "--workers", type=workers, metavar="N",
        help="worker processes on this machine (default: as many as the cores and the "
        "memory allow; 0: in this process)",
    )  # fmt: skip
    run_opts.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT",
        help="run on this Dask scheduler's cluster instead (needs the 'dask' extra)",
    )  # fmt: skip
    run_opts.add_argument(
        "--retries", type=retries, default=1, metavar="N",
        help="times a pair whose worker died or failed unexpectedly is tried again (default: 1)",
    )  # fmt: skip
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    from ..batch import batch

    result = batch(
        args.output_dir,
        src_dir=args.src_dir,
        tgt_dir=args.tgt_dir,
        src=args.src,
        tgt=args.tgt,
        manifest=args.manifest,
        corpus=args.corpus,
        workers=args.workers,
        scheduler=args.scheduler,
        retries=args.retries,
        progress=not args.quiet,
        src_lang=args.src_lang,
        tgt_lang=args.tgt_lang,
        format=args.format,
        model=args.model,
        max_bead=args.max_bead,
        overlaps=args.overlaps,
        presegmented=args.presegmented,
        paragraphs=not args.ignore_paragraphs,
        cache=not args.no_cache,
        max_bytes=args.max_bytes,
        review=args.review,
        editorial=args.editorial,
        date=args.date,
    )
    if not args.quiet:
        counts = ", ".join(f"{n} {status}" for status, n in result.counts().items())
        where = result.summary[0] if result.summary else args.output_dir
        print(f"paralign: {len(result.rows)} pairs ({counts}); summary: {where}", file=sys.stderr)
        for row in result.failed[:SHOWN_FAILURES]:
            print(f"paralign: failed: {row.name}: {row.error}", file=sys.stderr)
        more = len(result.failed) - SHOWN_FAILURES
        if more > 0:
            print(f"paralign: … and {more} more failed pairs (see the summary)", file=sys.stderr)
    return 1 if result.failed else 0
