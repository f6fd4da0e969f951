"""TEI P5 for one document on its own: a translation whose original is not in the corpus.

The same header and body as the parallel TEI of :mod:`.tei` (one ``<text>``
instead of a ``<group>``, no stand-off links). When the document is a
translation (``meta["role"] == "translation"``) the source description lists the
original too, as ``<bibl type="original">`` with its language, and says that the
original is not part of the corpus, in ``notesStmt`` and in that ``bibl``.
"""

from __future__ import annotations

from lxml import etree

from ..errors import FormatError
from ..isodate import is_iso_date
from ..model import Document
from .base import ExportOptions
from .tei import (
    TEI_NS,
    XML_LANG,
    _bibl,
    _el,
    _meta,
    declare_editorial,
    language_name,
    serialise,
    xml_text,
)
from .tei_body import render_body


def not_in_corpus_note(doc: Document) -> str:
    """The sentence that says the original of a translation is not in the corpus."""
    original = doc.meta.get("original_lang", "")
    name = language_name(original) if original else "original-language"
    return (
        f"Only the {language_name(doc.lang)} translation is in this corpus; the {name} "
        "original is not part of it."
    )


def document_tree(doc: Document, options: ExportOptions | None = None) -> etree._Element:
    """The ``<TEI>`` element for one document with its header and body."""
    from .. import __version__

    options = options or ExportOptions()
    if not doc.sentences:
        raise FormatError(f"nothing to export: the {doc.lang} text has no sentences")
    meta = _meta(doc)
    translation = doc.meta.get("role") == "translation"
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    root.set(XML_LANG, "en")
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", meta.get("title") or f"{language_name(doc.lang)} text")
    resp = _el(title_stmt, "respStmt")
    _el(resp, "resp", "sentence segmentation")
    _el(resp, "name", "paralign", ref="#paralign")
    _el(_el(file_desc, "publicationStmt"), "p", "Segmented text made with paralign.")
    if translation:
        _el(_el(file_desc, "notesStmt"), "note", not_in_corpus_note(doc), type="corpus")
    bibls = _el(_el(file_desc, "sourceDesc"), "listBibl")
    if translation:
        original = _el(bibls, "bibl", xml_id="bibl-src", type="original")
        if "title" in meta:
            _el(original, "title", meta["title"])
        if "date" in meta:
            _el(original, "date", meta["date"], when=meta["date"]) if is_iso_date(
                meta["date"]
            ) else _el(original, "date", meta["date"])
        code = doc.meta.get("original_lang", "")
        if code:
            _el(original, "textLang", language_name(code), mainLang=code)
        _el(original, "note", not_in_corpus_note(doc), type="availability")
        _bibl(bibls, doc, "bibl-tgt", "translation")
        decl = "#bibl-tgt"
    else:
        _bibl(bibls, doc, "bibl-src", "original")
        decl = "#bibl-src"
    app_info = _el(_el(header, "encodingDesc"), "appInfo")
    attrs = {"xml_id": "paralign", "ident": "paralign", "version": _version(__version__)}
    date = options.header_date()
    if date:
        attrs["when"] = date
    app = _el(app_info, "application", **attrs)
    _el(app, "label", "paralign")
    _el(app, "desc", "Clean-up of the archival transcription and sentence segmentation.")
    usage = _el(_el(header, "profileDesc"), "langUsage")
    _el(usage, "language", language_name(doc.lang), ident=doc.lang)
    text = _el(root, "text", xml_id=doc.lang, xml_lang=doc.lang, decls=decl)
    render_body(text, doc, doc.lang)
    declare_editorial(text, doc)  # editorial insertions that are part of the sentences
    return root


def _version(version: str) -> str:
    import re

    m = re.match(r"\d+(\.\d+){0,3}", version)
    return m.group() if m else "0"


def document_tei(doc: Document, options: ExportOptions | None = None) -> bytes:
    """One document as TEI bytes (UTF-8, with the xml-model instruction)."""
    return serialise(document_tree(doc, options))


__all__ = ["document_tei", "document_tree", "not_in_corpus_note", "xml_text"]
