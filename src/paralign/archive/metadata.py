"""The metadata file of a corpus document (``metadata.toml``): what the file is, and its record.

::

    [source]
    transcription = "transcription.txt"   # the raw transcription, as the archive gives it
    contents = "bilingual"                # or "translation" / "original": one language only
    encoding = "utf-8"                    # the transcription's encoding

    [edition]                             # this edition (the TEI's publicationStmt), optional
    publisher = "…"
    date = "2026-12-01"
    licence = "…"

    [record]                              # the catalogue record (paralign.archive.CatalogueRecord)
    title = "…"
    date = "1962-12-02"
    original_lang = "es"
    translator = "Chris Dunlap"
    licence = "…"

Reading uses ``tomllib`` (the standard library from Python 3.11; ``tomli``, the same
code, before it). Writing uses ``tomli-w``, the small writer by tomli's author:
TOML strings need escaping done right, and a writer that only ever emits valid TOML
is worth one tiny dependency (docs/dependencies.md).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import InputError
from ..files import write_file
from ..paths import path_inside
from ..read import check_encoding, read_bytes
from ..vocab import ContentsKind, choices
from .record import CatalogueRecord

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: the name of a document folder's metadata file
METADATA_NAME = "metadata.toml"
#: a metadata file larger than this is refused unread (a real one is under 2 KiB)
MAX_METADATA_BYTES = 1024 * 1024
#: what a document's transcription may hold
CONTENTS = choices(ContentsKind)
#: the keys of ``[edition]``: who publishes the TEI, when, and under what licence
EDITION_KEYS = ("publisher", "date", "licence")


@dataclass
class Metadata:
    """A document's metadata file: its source settings and its catalogue record."""

    transcription: str = "transcription.txt"
    contents: str = ContentsKind.BILINGUAL
    encoding: str = "utf-8"
    record: CatalogueRecord = field(default_factory=CatalogueRecord)
    #: this edition: ``publisher``, ``date``, ``licence`` (see :data:`EDITION_KEYS`)
    edition: dict[str, str] = field(default_factory=dict)


_SOURCE_KEYS = {f.name for f in fields(Metadata)} - {"record", "edition"}


def load_metadata(path: str | os.PathLike[str]) -> Metadata:
    """Read a ``metadata.toml``; an :class:`InputError` says what is wrong with it."""
    name = str(path)
    data = _parse(read_bytes(path, max_bytes=MAX_METADATA_BYTES), name)
    unknown = set(data) - {"source", "record", "edition"}
    if unknown:
        raise InputError(
            f"{name}: unknown table(s) {', '.join(sorted(unknown))}; use [source], [record] "
            "and [edition]"
        )
    source = data.get("source", {})
    record = data.get("record", {})
    edition = data.get("edition", {})
    for table, value in (("source", source), ("record", record), ("edition", edition)):
        if not isinstance(value, dict):
            raise InputError(f"{name}: [{table}] must be a table")
        bad = [k for k, v in value.items() if not isinstance(v, str)]
        if bad:
            raise InputError(f"{name}: [{table}] {bad[0]} must be a string")
    unknown = set(source) - _SOURCE_KEYS
    if unknown:
        raise InputError(
            f"{name}: unknown key(s) in [source]: {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(_SOURCE_KEYS))})"
        )
    unknown = set(edition) - set(EDITION_KEYS)
    if unknown:
        raise InputError(
            f"{name}: unknown key(s) in [edition]: {', '.join(sorted(unknown))} "
            f"(known: {', '.join(EDITION_KEYS)})"
        )
    meta = Metadata(**source, edition=dict(edition))
    if meta.contents not in CONTENTS:
        raise InputError(
            f"{name}: [source] contents = {meta.contents!r}: choose one of {', '.join(CONTENTS)}"
        )
    try:
        check_encoding(meta.encoding)
    except InputError as exc:
        raise InputError(f"{name}: [source] encoding: {exc}") from None
    meta.record.update(record)
    return meta


def _parse(raw: bytes, name: str) -> dict:
    """The TOML tables of a metadata file's bytes; UTF-8 (as TOML requires), not binary,
    not nested deeper than Python's stack allows."""
    if b"\0" in raw:
        raise InputError(f"{name} is not a TOML file (it looks binary)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 (byte 0x{raw[exc.start]:02X} at offset {exc.start}), as TOML "
            f"files must be: convert it with 'iconv -f WINDOWS-1252 -t UTF-8 {name}'"
        ) from None
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{name} is not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(
            f"{name}: arrays or tables nested too deeply to read; a metadata file holds "
            "only [source] and [record] tables of strings"
        ) from None


def transcription_path(folder: str | os.PathLike[str], meta: Metadata) -> Path:
    """Where the transcription a metadata file names lies: inside ``folder``, or an
    :class:`InputError` (an absolute path, ``..``, a link out of the folder)."""
    where = f"{Path(folder) / METADATA_NAME}: [source] transcription"
    return path_inside(folder, meta.transcription, what=where)


def dumps_metadata(meta: Metadata) -> str:
    """The TOML text of a metadata file (empty record fields left out)."""
    import tomli_w

    data = {
        "source": {
            "transcription": meta.transcription,
            "contents": meta.contents,
            "encoding": meta.encoding,
        },
        "record": meta.record.as_dict(),
    }
    if meta.edition:
        data["edition"] = dict(meta.edition)
    return tomli_w.dumps(data)


def save_metadata(path: str | os.PathLike[str], meta: Metadata) -> Path:
    """Write ``meta`` to ``path`` (UTF-8 TOML) and return the path."""
    return write_file(path, dumps_metadata(meta).encode("utf-8"))
