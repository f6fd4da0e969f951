"""TEI P5 documents: a text and its translation with stand-off links, or one text on its own.

The parallel layout is the TEI Guidelines' own for parallel texts (§17.5,
"Alignment of parallel texts"), which TEI Publisher's translation view also
expects::

    <TEI>
      <teiHeader> title, source of each text (Document.meta), the tool, its
                  version and the model (encodingDesc/appInfo), languages </teiHeader>
      <text><group>
        <text xml:id="es" xml:lang="es"><body><p><s xml:id="es-s1">…</s>…</p></body></text>
        <text xml:id="en" xml:lang="en"><body>…</body></text>
      </group></text>
      <standOff> the aligner's settings and the links (see .standoff) </standOff>
    </TEI>

One text on its own (a translation whose original is not in the corpus) has the
same header and body, one ``<text>`` instead of a ``<group>`` and no stand-off.
Nothing in the output depends on the clock: the date comes from the ``date``
argument or ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

from lxml import etree

from ..errors import FormatError
from ..model import Alignment, Bead, Document
from .body import write_body
from .header import document_header, parallel_header
from .standoff import links, settings_features
from .vocab import TEI_NS, XML_LANG, XML_MODEL, el, side_prefixes


def _root() -> etree._Element:
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    root.set(XML_LANG, "en")
    return root


def tei_tree(
    a: Alignment, beads: list[tuple[int, Bead]], *, date: str | None = None
) -> etree._Element:
    """The ``<TEI>`` element for one alignment and the beads of it to link (numbered by
    their place among all its beads); ``date``: the header date (ISO), else
    ``SOURCE_DATE_EPOCH``'s, else none."""
    if not beads:
        raise FormatError("nothing to export: the alignment has no beads")
    root = _root()
    parallel_header(root, a, date)
    src_p, tgt_p = side_prefixes(a)
    group = el(el(root, "text"), "group")
    for doc, prefix, decl in ((a.src, src_p, "#bibl-src"), (a.tgt, tgt_p, "#bibl-tgt")):
        write_body(el(group, "text", xml_id=prefix, xml_lang=doc.lang, decls=decl), doc, prefix)
    standoff = el(root, "standOff")
    settings_features(standoff, a.settings)
    links(standoff, a, beads)
    return root


def document_tree(doc: Document, *, date: str | None = None) -> etree._Element:
    """The ``<TEI>`` element for one document on its own, in the archival layout."""
    if not doc.sentences:
        raise FormatError(f"nothing to export: the {doc.lang} text has no sentences")
    root = _root()
    decl = document_header(root, doc, date)
    text = el(root, "text", xml_id=doc.lang, xml_lang=doc.lang, decls=decl)
    write_body(text, doc, doc.lang, layout="archival")
    return root


def serialise(root: etree._Element) -> bytes:
    """A TEI tree as UTF-8 bytes with the declaration and the xml-model instruction."""
    tree = etree.ElementTree(root)
    root.addprevious(etree.ProcessingInstruction("xml-model", XML_MODEL))
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def document_tei(doc: Document, *, date: str | None = None) -> bytes:
    """One document as TEI bytes (UTF-8, with the xml-model instruction)."""
    return serialise(document_tree(doc, date=date))
