"""A manifest: one row per pair, as CSV, TSV or JSON lines.

Columns (JSON keys): ``source`` and ``target`` (required: paths relative to the
manifest's folder, which must stay inside it), ``name`` (default: the output's or the
source's file name without suffix), ``output`` (relative to the output folder,
default: the name), and any per-pair setting of :data:`~.settings.PER_PAIR`
(``src_lang``, ``tgt_lang``, ``format``, ``model``, ``max_bead``, ``overlaps``,
``presegmented``, ``paragraphs``, ``review``); an empty cell keeps the run's value.
A row with a bad value is a failed pair; an unknown column refuses the manifest.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from ..errors import InputError, ParalignError
from ..export import FORMATS
from ..paths import path_inside
from ..read import decode_text, read_bytes
from .collection import Pair, output_place
from .settings import PER_PAIR, TEXTS, Settings

#: the manifest formats, by file suffix
KINDS = {".csv": ",", ".tsv": "\t", ".jsonl": None}
#: the columns besides the settings
COLUMNS = ("name", "source", "target", "output")
#: a manifest larger than this is refused unread
MAX_MANIFEST_BYTES = 64 * 1024 * 1024


def read_manifest(
    path: str | os.PathLike[str], out_dir: str | os.PathLike[str], settings: Settings
) -> list[Pair]:
    """The pairs a manifest lists, in its order."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        raise InputError(f"{path}: a manifest is a .csv, .tsv or .jsonl file")
    text = decode_text(read_bytes(path, max_bytes=MAX_MANIFEST_BYTES), str(path))
    rows = _json_rows(text, path) if KINDS[suffix] is None else _table_rows(text, KINDS[suffix])
    known = set(COLUMNS) | set(PER_PAIR)
    pairs = []
    for number, row in rows:
        unknown = sorted(set(row) - known)
        if unknown:
            raise InputError(
                f"{path}: unknown column {unknown[0]!r}; the columns are: "
                f"{', '.join(COLUMNS + tuple(PER_PAIR))}"
            )
        pairs.append(_pair(row, number, path, Path(out_dir), settings))
    if not pairs:
        raise InputError(f"{path}: the manifest lists no pairs")
    return pairs


def _table_rows(text: str, delimiter: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = []
    for row in reader:
        if None in row:
            raise InputError(f"line {reader.line_num} of the manifest has more cells than columns")
        cells = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if any(cells.values()):
            out.append((reader.line_num, cells))
    return out


def _json_rows(text: str, path: Path) -> list[tuple[int, dict[str, str]]]:
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}, line {number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}, line {number}: a row is a JSON object")
        out.append((number, {str(k): "" if v is None else v for k, v in row.items()}))
    return out


def _pair(row: dict, number: int, path: Path, out_dir: Path, settings: Settings) -> Pair:
    where = f"{path}, line {number}"
    source, target = str(row.get("source", "")).strip(), str(row.get("target", "")).strip()
    output = str(row.get("output", "")).strip()
    name = str(row.get("name", "")).strip() or Path(output or source).stem or f"line-{number}"
    try:
        values = {k: v for k, v in row.items() if k in PER_PAIR and str(v).strip() != ""}
        mine = settings.with_values(values)
        if not source or not target:
            raise InputError("give both a source and a target")
        src = path_inside(path.parent, source, what="source")
        tgt = path_inside(path.parent, target, what="target")
        folder, stem = output_place(out_dir, output or name, FORMATS[mine.format].suffix, "output")
    except ParalignError as exc:
        return Pair(name, TEXTS, None, None, out_dir, name, settings, f"{where}: {exc}")
    return Pair(name, TEXTS, src, tgt, folder, stem, mine)
