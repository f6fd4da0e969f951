"""XCES cesAlign, the link format of OPUS: a link file and one sentence file per language.

``NAME.xml`` holds ``<cesAlign>`` with one ``<linkGrp fromDoc toDoc>`` per
alignment and a ``<link xtargets="1 2;1" certainty="0.870"/>`` per bead (source
ids, then target ids, 1-based; an empty side is empty). The sentence files
``LANG/DOC.xml`` are OPUS's plain sentence XML, ``<text><p id><s id>…</s></p></text>``,
so ``opus_read -p raw`` reads the set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml import etree

from ..model import Document
from ..tei.vocab import side_prefixes, xml_text
from .base import Entry, ExportOptions, Writer, confidence_text, register

DOCTYPE = '<!DOCTYPE cesAlign PUBLIC "-//CES//DTD XML cesAlign//EN" "">'


def sentence_document(doc: Document, sentence_id: Callable[[int, int, int], str]) -> bytes:
    """A document's sentences as ``<text><p id><s id>`` XML.

    ``sentence_id(i, paragraph_number, number_in_paragraph)`` gives the id of
    sentence ``i`` (0-based) from its 1-based place.
    """
    root = etree.Element("text")
    for p_no, group in enumerate(doc.paragraphs, start=1):
        para = etree.SubElement(root, "p", id=str(p_no))
        for s_no, i in enumerate(group, start=1):
            s = etree.SubElement(para, "s", id=sentence_id(i, p_no, s_no))
            s.text = xml_text(doc.sentences[i].text, f"sentence {i + 1} of the {doc.lang} text")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _paths(entry: Entry) -> tuple[str, str]:
    src_p, tgt_p = side_prefixes(entry.alignment)
    return f"{src_p}/{entry.name}.xml", f"{tgt_p}/{entry.name}.xml"


@register
class XcesWriter(Writer):
    name = "xces"
    suffix = ".xml"
    description = "XCES cesAlign link file (OPUS) and one sentence file per language"
    multi_file = True

    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        root = etree.Element("cesAlign", version="1.0")
        for entry in entries:
            from_doc, to_doc = _paths(entry)
            group = etree.SubElement(root, "linkGrp", targType="s", fromDoc=from_doc, toDoc=to_doc)
            for n, bead in entry.beads:
                src = " ".join(str(i + 1) for i in bead.src)
                tgt = " ".join(str(j + 1) for j in bead.tgt)
                etree.SubElement(
                    group,
                    "link",
                    id=f"SL{n + 1}",
                    xtargets=f"{src};{tgt}",
                    certainty=confidence_text(bead.confidence),
                )
        return etree.tostring(
            etree.ElementTree(root),
            xml_declaration=True,
            encoding="UTF-8",
            doctype=DOCTYPE,
            pretty_print=True,
        )

    def files(
        self, entries: Sequence[Entry], options: ExportOptions, stem: str
    ) -> dict[str, bytes]:
        out = {stem + self.suffix: self.write(entries, options)}
        for entry in entries:
            from_doc, to_doc = _paths(entry)
            out[from_doc] = sentence_document(entry.alignment.src, lambda i, p, s: str(i + 1))
            out[to_doc] = sentence_document(entry.alignment.tgt, lambda i, p, s: str(i + 1))
        return out
