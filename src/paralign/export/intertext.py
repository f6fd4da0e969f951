"""InterText alignment XML, for review and correction in the InterText editor.

``NAME.xml`` is one ``<linkGrp fromDoc toDoc>`` of ``<link type xtargets status>``;
``DOC.LANG.xml`` are the two texts with InterText's two-place ids
(``<p id="2"><s id="2:3">`` is the third sentence of the second paragraph).
As InterText defines it, ``xtargets`` lists the ``toDoc`` ids (here: the
translation) before the semicolon and the ``fromDoc`` ids (the original) after
it, and ``type`` counts them in that order. Links are ``status="auto"``.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ..importers.intertext import CONFIRMED_STATUS
from ..tei.vocab import side_prefixes
from .base import Entry, ExportOptions, Writer, register
from .xces import sentence_document


def _ids(entry: Entry, side: str) -> list[str]:
    """InterText id of every sentence of one side, in order."""
    doc = entry.alignment.src if side == "src" else entry.alignment.tgt
    ids = [""] * len(doc)
    for p_no, group in enumerate(doc.paragraphs, start=1):
        for s_no, i in enumerate(group, start=1):
            ids[i] = f"{p_no}:{s_no}"
    return ids


def _paths(entry: Entry) -> tuple[str, str]:
    src_p, tgt_p = side_prefixes(entry.alignment)
    return f"{entry.name}.{src_p}.xml", f"{entry.name}.{tgt_p}.xml"


@register
class InterTextWriter(Writer):
    name = "intertext"
    suffix = ".xml"
    description = "InterText alignment file and the two texts with InterText ids (review)"
    sets = False
    multi_file = True

    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        (entry,) = entries
        from_doc, to_doc = _paths(entry)
        src_ids, tgt_ids = _ids(entry, "src"), _ids(entry, "tgt")
        root = etree.Element("linkGrp", toDoc=to_doc, fromDoc=from_doc)
        for _, bead in entry.beads:
            to = " ".join(tgt_ids[j] for j in bead.tgt)
            frm = " ".join(src_ids[i] for i in bead.src)
            etree.SubElement(
                root,
                "link",
                type=f"{len(bead.tgt)}-{len(bead.src)}",
                xtargets=f"{to};{frm}",
                status=CONFIRMED_STATUS if bead.confirmed else "auto",
            )
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def files(
        self, entries: Sequence[Entry], options: ExportOptions, stem: str
    ) -> dict[str, bytes]:
        (entry,) = entries
        from_doc, to_doc = _paths(entry)
        src_ids, tgt_ids = _ids(entry, "src"), _ids(entry, "tgt")
        return {
            stem + self.suffix: self.write(entries, options),
            from_doc: sentence_document(entry.alignment.src, lambda i, p, s: src_ids[i]),
            to_doc: sentence_document(entry.alignment.tgt, lambda i, p, s: tgt_ids[i]),
        }
