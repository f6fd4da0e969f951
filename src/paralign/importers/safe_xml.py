"""Reading untrusted XML: no entities, no network, no file access, bounded size.

lxml expands internal entities inside attribute values even with
``resolve_entities=False``, so a document that declares entities (the "billion
laughs" bomb, an external entity pointing at a local file or a URL) is refused
before it reaches the parser. The parser itself loads no DTD, opens no network
connection and keeps libxml2's limits on depth and text size (no ``huge_tree``).
Files larger than ``max_bytes`` are refused before they are read, which bounds
memory.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from lxml import etree

from ..errors import FormatError
from ..read import human_size, unreadable

#: the largest file read by default: 32 MiB, a TEI file of some 100,000 aligned sentences
MAX_BYTES = 32 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_source(
    source: str | os.PathLike[str] | bytes, max_bytes: int = MAX_BYTES
) -> tuple[bytes, str]:
    """The bytes of a file (or the bytes given) and a label for messages.

    Raises :class:`InputError` for a missing or unreadable file and
    :class:`FormatError` for one larger than ``max_bytes``.
    """
    if isinstance(source, (bytes, bytearray)):
        data, label = bytes(source), "the XML given"
    else:
        path = Path(source)
        label = str(path)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise FormatError(_too_big(label, size, max_bytes))
            data = path.read_bytes()
        except OSError as exc:
            raise unreadable(exc, label, "an XML file") from None
    if len(data) > max_bytes:
        raise FormatError(_too_big(label, len(data), max_bytes))
    if not data.strip():
        raise FormatError(f"{label} is empty")
    return data, label


def _too_big(label: str, size: int, limit: int) -> str:
    return (
        f"{label} is {human_size(size)}, more than the {human_size(limit)} this reader "
        "accepts; raise the limit (max_bytes=…, --max-size) if the file is trusted"
    )


def _declares_entities(data: bytes) -> bool:
    """Whether the document declares an entity (anywhere: this errs on the side of refusing)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return "<!ENTITY" in data[len(bom) :].decode(encoding, errors="replace")
    if data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):  # UTF-16 without BOM
        encoding = "utf-16-le" if data[0] == 0x3C else "utf-16-be"
        return "<!ENTITY" in data.decode(encoding, errors="replace")
    return b"<!ENTITY" in data


def one_line(message: object) -> str:
    """A libxml2 message as one line: its own newlines (``…detecting EBCDIC\\n, line 1``) and runs
    of spaces become single spaces."""
    return " ".join(str(message).replace("\n,", ",").split())


def _parser(recover: bool = False) -> etree.XMLParser:
    # collect_ids must stay on: with it off, libxml2 opens an external DTD file.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
    )


def parse(data: bytes, label: str) -> etree._ElementTree:
    """Parse untrusted XML safely; one :class:`FormatError` for anything wrong.

    A duplicate ``xml:id`` is not a parse error here, so that a validator can
    report it with the rest: such a file is parsed again in recovery mode, which
    is accepted only when duplicate ids are its sole error.
    """
    if _declares_entities(data):
        raise FormatError(
            f"{label} declares XML entities (<!ENTITY …>), which paralign does not expand: "
            "they can read local files or blow up memory; "
            "replace them by the characters they stand for"
        )
    try:
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            if "already defined" not in str(exc.msg):
                raise
            parser = _parser(recover=True)
            root = etree.fromstring(data, parser)
            other = [e for e in parser.error_log if e.type_name != "DTD_ID_REDEFINED"]
            if root is None or other:
                msg = other[0].message if other else "no element could be read"
                raise FormatError(f"{label} is not well-formed XML: {one_line(msg)}") from None
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"{label} is not well-formed XML: {one_line(exc.msg)}") from None
    except (ValueError, MemoryError) as exc:
        raise FormatError(f"{label} cannot be parsed as XML: {exc}") from None
    tree = etree.ElementTree(root)
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise FormatError(f"{label} declares XML entities, which paralign does not expand")
    return tree
