"""Export alignments: TEI, vecalign, TSV, JSONL, TMX, XCES, InterText and Moses.

``export(alignment, "tei")`` gives the bytes of one file; ``export_files`` writes
a format to disk, including the formats made of several files (Moses: one file
per language; XCES and InterText: a link file and the two sentence documents),
one file per alignment or one for a whole set::

    from paralign.export import FORMATS, export, export_files
    data = export(alignment, "tmx", keep_null=False, min_confidence=0.5)
    export_files([a1, a2], "moses", "corpus", names=["doc1", "doc2"])

Options (all formats): ``keep_null``, ``min_confidence``, ``date``, ``names``;
see :class:`ExportOptions`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import FormatError
from ..files import write_files
from ..model import Alignment
from .base import FORMATS, Entry, ExportOptions, Writer, get_writer, register, select

__all__ = [
    "FORMATS",
    "Entry",
    "ExportOptions",
    "FormatError",
    "Writer",
    "export",
    "export_files",
    "export_named",
    "register",
]

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _entries(
    alignments: Alignment | Sequence[Alignment], writer: Writer, options: ExportOptions
) -> list[Entry]:
    items = [alignments] if isinstance(alignments, Alignment) else list(alignments)
    if not items:
        raise FormatError("nothing to export: no alignment given")
    for item in items:
        if not isinstance(item, Alignment):
            raise FormatError(f"export takes Alignment objects, not {type(item).__name__}")
    names = list(options.names) or [f"doc{i + 1}" for i in range(len(items))]
    if len(names) != len(items):
        raise FormatError(f"{len(names)} names given for {len(items)} alignments")
    if len(set(names)) != len(names):
        raise FormatError("the names of the alignments must differ from each other")
    for name in names:
        if not _NAME.fullmatch(name):
            raise FormatError(
                f"alignment name {name!r} cannot be a file name: use letters, digits, '.', '_', '-'"
            )
    if writer.filters is False and options.filtering:
        raise FormatError(
            f"the {writer.name} export records every bead so that it can be validated and "
            "read back; leave out beads (keep_null=False, min_confidence) in another format"
        )
    return [Entry(n, a, select(a, writer, options)) for n, a in zip(names, items, strict=True)]


def export(alignments: Alignment | Sequence[Alignment], fmt: str, **options: object) -> bytes:
    """One alignment (or a set, where the format holds several) as the bytes of one file.

    Raises :class:`FormatError` for an unknown format or option, and for Moses,
    which is two files: use :func:`export_files` for it.
    """
    writer = get_writer(fmt)
    opts = ExportOptions.from_kwargs(options)
    entries = _entries(alignments, writer, opts)
    if len(entries) > 1 and not writer.sets:
        raise FormatError(
            f"a {fmt} file holds one alignment; export a set with "
            "export_files(..., per_document=True)"
        )
    return writer.write(entries, opts)


def export_named(alignment: Alignment, fmt: str, stem: str, **options: object) -> dict[str, bytes]:
    """The files one alignment exports to, by name, without writing them: what
    ``paralign align -o STEM.SUFFIX`` writes (companion files named after ``stem``)."""
    writer = get_writer(fmt)
    if not writer.multi_file:  # one file: the bytes export() gives
        return {stem + writer.suffix: export(alignment, fmt, **options)}
    opts = ExportOptions.from_kwargs(options)
    if not opts.names and _NAME.fullmatch(stem):
        opts = replace(opts, names=(stem,))
    return writer.files(_entries(alignment, writer, opts), opts, stem)


def export_files(
    alignments: Alignment | Sequence[Alignment],
    fmt: str,
    path: str | os.PathLike[str],
    *,
    per_document: bool = False,
    **options: object,
) -> list[Path]:
    """Write an export to disk and return the paths written.

    ``path`` names the main file (its format suffix is added to the names of
    companion files, e.g. ``corpus`` → ``corpus.es`` and ``corpus.en`` for Moses).
    With ``per_document``, ``path`` is a folder and each alignment goes to its own
    file(s) there, named after it (``names`` option). Files appear complete or not
    at all (:func:`paralign.files.write_files`); missing folders are created.
    """
    writer = get_writer(fmt)
    opts = ExportOptions.from_kwargs(options)
    target = Path(path)
    stem = target.name
    if writer.suffix and stem.endswith(writer.suffix):
        stem = stem[: -len(writer.suffix)]
    if isinstance(alignments, Alignment) and not opts.names and _NAME.fullmatch(stem):
        # one alignment: its companion files are named after the output (es/corpus.xml)
        opts = replace(opts, names=(stem,))
    entries = _entries(alignments, writer, opts)
    outputs: dict[Path, bytes] = {}
    if per_document:
        if target.exists() and not target.is_dir():
            raise FormatError(f"{target} is a file; per-document export needs a folder")
        for entry in entries:
            for name, data in writer.files([entry], opts, entry.name).items():
                outputs[target / name] = data
    else:
        if len(entries) > 1 and not writer.sets:
            raise FormatError(
                f"a {fmt} file holds one alignment; write one file per alignment "
                "(per_document=True, a folder as path)"
            )
        if target.is_dir():
            raise FormatError(f"{target} is a folder; give the name of the file to write")
        for name, data in writer.files(entries, opts, stem).items():
            outputs[target.parent / name] = data
    return write_files(outputs)
