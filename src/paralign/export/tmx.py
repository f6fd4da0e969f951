"""TMX 1.4b translation memory: one ``<tu>`` per bead, for CAT tools (OmegaT, memoQ, Trados).

An n-m bead is one unit with its sentences joined by a space (TMX has no n-m
structure). Each unit carries ``<prop>``s with the bead type and confidence, and
each ``<tuv>`` the 0-based ids of its sentences, so a unit can be traced back to
the TEI file. 1-0 and 0-1 beads are left out by default (a memory entry without
translation is of no use to a translator); with ``keep_null=True`` such a bead
is a unit with a single ``<tuv>``.

Written with lxml rather than translate-toolkit, which hard-codes its own
``creationtool`` and drops ``<prop>`` elements.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ..tei.vocab import XML_LANG, xml_text
from .base import Entry, ExportOptions, Writer, bead_text, confidence_text, register

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def _tmx_date(date: str | None) -> str | None:
    """An ISO date ``YYYY-MM-DD`` as TMX's ``YYYYMMDDThhmmssZ``; partial dates give none."""
    if not date or len(date) != 10:
        return None
    return date.replace("-", "") + "T000000Z"


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = value


@register
class TmxWriter(Writer):
    name = "tmx"
    suffix = ".tmx"
    description = "TMX 1.4b translation memory, one <tu> per bead (CAT tools)"
    keep_null = False

    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        from ..version import __version__

        first = entries[0].alignment
        src_langs = {e.alignment.src.lang for e in entries}
        date = _tmx_date(options.header_date())
        root = etree.Element("tmx", version="1.4")
        header = etree.SubElement(
            root,
            "header",
            creationtool="paralign",
            creationtoolversion=__version__,
            segtype="sentence",
            **{"o-tmf": "paralign"},
            adminlang="en",
            srclang=first.src.lang if len(src_langs) == 1 else "*all*",
            datatype="plaintext",
        )
        if date:
            header.set("creationdate", date)
        models = sorted({e.alignment.model for e in entries if e.alignment.model})
        for model in models:
            _prop(header, "x-paralign-model", xml_text(model, "the model name"))
        body = etree.SubElement(root, "body")
        several = len(entries) > 1
        for entry in entries:
            a = entry.alignment
            for n, bead in entry.beads:
                src, tgt = bead_text(a, bead)
                where = f"bead {n + 1}" + (f" of {entry.name}" if several else "")
                tu = etree.SubElement(
                    body, "tu", tuid=f"{entry.name}-al{n + 1}" if several else f"al{n + 1}"
                )
                if date:
                    tu.set("creationdate", date)
                _prop(tu, "x-paralign-type", bead.shape)
                _prop(tu, "x-paralign-confidence", confidence_text(bead.confidence))
                if several:
                    _prop(tu, "x-paralign-doc", entry.name)
                for lang, ids, text in ((a.src.lang, bead.src, src), (a.tgt.lang, bead.tgt, tgt)):
                    if not ids:
                        continue
                    tuv = etree.SubElement(tu, "tuv")
                    tuv.set(XML_LANG, lang)
                    _prop(tuv, "x-paralign-ids", " ".join(map(str, ids)))
                    etree.SubElement(tuv, "seg").text = xml_text(text, where)
        return etree.tostring(
            etree.ElementTree(root),
            xml_declaration=True,
            encoding="UTF-8",
            doctype=DOCTYPE,
            pretty_print=True,
        )
