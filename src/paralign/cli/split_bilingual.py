"""``paralign split-bilingual FILE``: find the catalogue record, the original and the translation.

A thin layer over :func:`paralign.archive.split_bilingual`: it prints what it found
(record fields, each part's language, lines and first words), or with ``-o DIR``
writes each part as its own text file (an exact slice of FILE) and the record as
``metadata.toml``, ready for ``paralign align`` or a corpus folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import InputError
from ..files import print_out
from ..vocab import ContentsKind
from .arguments import COMMANDS

ENCODING_HELP = "the file's encoding when it is not UTF-8 (e.g. cp1252, latin-1)"


@COMMANDS.register("split-bilingual", order=50)
def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "split-bilingual",
        help="split an archival transcription into its record, original and translation",
        description=(
            "Read a raw archival transcription (catalogue record, original, translation), "
            "find where the original ends and the translation begins, and report it; with "
            "-o, write each part and the record (metadata.toml) into a folder."
        ),
        epilog="example: paralign split-bilingual 001.txt -o split/   "
        "(writes split/original.es.txt, split/translation.en.txt, split/metadata.toml)",
    )
    p.add_argument("file", metavar="FILE", help="the transcription: a text file")
    p.add_argument("-o", "--output", metavar="DIR", help="folder to write the parts into")
    p.add_argument("--encoding", metavar="ENC", help=ENCODING_HELP)
    p.add_argument(
        "--langs",
        metavar="L1,L2",
        help="the two languages to look for (default: the two the text is mostly in)",
    )
    p.add_argument(
        "--single",
        action="store_true",
        help="accept a transcription in one language (a translation without its original)",
    )
    p.set_defaults(run=run)
    return p


def _langs(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = [v.strip() for v in value.split(",") if v.strip()]
    if len(parts) != 2:
        raise InputError(f"--langs {value!r}: give two language codes, e.g. --langs es,en")
    return parts[0], parts[1]


def run(args: argparse.Namespace) -> int:
    """Split the file; print the report or write the parts; return the exit status."""
    from ..archive import Metadata, dumps_metadata, load_transcription
    from ..files import write_files

    tr = load_transcription(
        args.file, encoding=args.encoding, langs=_langs(args.langs), bilingual=not args.single
    )
    print_out(report(tr))
    if args.output:
        out = Path(args.output)
        if out.exists() and not out.is_dir():
            raise InputError(f"cannot write into {out}: it is a file; give a folder")
        outputs = {out / f"{p.role}.{p.lang}.txt": p.text.encode("utf-8") for p in tr.parts}
        contents = ContentsKind.BILINGUAL if len(tr.parts) == 2 else tr.parts[0].role
        meta = Metadata(
            transcription=os.path.relpath(os.path.realpath(args.file), os.path.realpath(out)),
            contents=contents,
            encoding=args.encoding or "utf-8",
            record=tr.record,
        )
        outputs[out / "metadata.toml"] = dumps_metadata(meta).encode("utf-8")
        written = write_files(outputs)
        print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    return 0


def report(tr) -> str:
    """What was found, for people: the record's fields and each part."""
    lines = [f"{tr.name}:"]
    record = tr.record.as_dict()
    for key in ("title", "date", "archive", "original_lang", "translation_lang", "translator"):
        if key in record:
            lines.append(f"  {key}: {record[key]}")
    for part in tr.parts:
        first = tr.raw.count("\n", 0, part.start) + 1
        last = tr.raw.count("\n", 0, part.end) + 1
        head = " ".join(part.text.split()[:8])
        lines.append(
            f"  {part.role} ({part.lang}): lines {first}-{last}, characters "
            f"{part.start}-{part.end}: {head} …"
        )
    kinds: dict[str, int] = {}
    for span in tr.kept_out:
        kinds[span.kind] = kinds.get(span.kind, 0) + 1
    if kinds:
        lines.append(
            "  outside the parts: " + ", ".join(f"{n} {k} block(s)" for k, n in kinds.items())
        )
    return "\n".join(lines)
