"""The ``<teiHeader>``: title, the source of each text (``Document.meta``), the tool, languages.

:func:`parallel_header` for a text and its translation, :func:`document_header`
for one text on its own. ``Document.meta`` keys become ``<bibl>`` children in the
order of :data:`META_ORDER`; other keys become ``<note type="KEY">`` (the reader,
:func:`paralign.tei.read.bibl_meta`, inverts this table).
"""

from __future__ import annotations

import re

from lxml import etree

from ..isodate import is_iso_date
from ..model import Alignment, Document
from ..output import header_date
from ..version import __version__
from ..vocab import Role
from .vocab import (
    APP_ID,
    EDITORIAL_DECL,
    EDITORIAL_DECL_TEXT,
    TEI_NS,
    XML_ID,
    el,
    language_name,
    token,
    xml_text,
)

# Document.meta keys written as bibl children, in this order; other keys become
# <note type="KEY">. The reader (paralign.tei.read) inverts this table.
META_ORDER = (
    "title",
    "author",
    "translator",
    "editor",
    "publisher",
    "date",
    "repository",
    "collection",
    "shelfmark",
    "url",
    "licence",
)
META_ALIASES = {"license": "licence", "citation": "citation", "source": "source"}
#: Document.meta keys the header writes elsewhere than in the text's ``<bibl>``: the
#: addressee (``correspDesc``) and this edition (``publicationStmt``)
HEADER_KEYS = frozenset(
    {"addressee", "original_date", "edition_publisher", "edition_date", "edition_licence"}
)
#: ``@type`` of the ``<idno>`` that holds the number the archive gives the document
ARCHIVE_IDNO = "archive"
MS_KEYS = ("repository", "collection", "shelfmark")

_VERSION = re.compile(r"\d+(\.\d+){0,3}")


def meta_values(doc: Document) -> dict[str, str]:
    """The document's metadata with canonical keys and one-line values."""
    out: dict[str, str] = {}
    for key, value in doc.meta.items():
        if value is None or not str(value).strip():
            continue
        key = META_ALIASES.get(key, key)
        out[key] = xml_text(str(value), f"metadata {key!r} of the {doc.lang} text")
    return out


def date_element(parent: etree._Element, value: str) -> etree._Element:
    """``<date>``, with ``@when`` when the value is an ISO date."""
    return el(parent, "date", value, **({"when": value} if is_iso_date(value) else {}))


def bibl(parent: etree._Element, doc: Document, xml_id: str, kind: str) -> None:
    """The ``<bibl>`` of one text: its metadata, language and (a translation) its original."""
    meta = meta_values(doc)
    out = el(parent, "bibl", xml_id=xml_id, type=kind)
    simple = {"title": "title", "author": "author", "publisher": "publisher"}
    for key in META_ORDER:
        if key not in meta:
            continue
        value = meta[key]
        if key in simple:
            el(out, simple[key], value)
        elif key == "translator":
            el(out, "editor", value, role="translator")
        elif key == "editor":
            el(out, "editor", value)
        elif key == "date":
            date_element(out, value)
        elif key == "repository":
            ms = el(out, "msIdentifier")
            el(ms, "repository", value)
            if "collection" in meta:
                el(ms, "collection", meta["collection"])
            if "shelfmark" in meta:
                el(ms, "idno", meta["shelfmark"], type="shelfmark")
            if "idno" in meta:
                el(ms, "idno", meta["idno"], type=ARCHIVE_IDNO)
        elif key in MS_KEYS:
            if "repository" not in meta:  # a shelfmark without repository: plain bibl parts
                tag = "idno" if key == "shelfmark" else "note"
                el(out, tag, value, type=key)
        elif key == "url":
            el(out, "idno", value, type="URI")
        elif key == "licence":
            el(el(out, "availability"), "licence", value)
    if "idno" in meta and "repository" not in meta:
        el(out, "idno", meta["idno"], type=ARCHIVE_IDNO)
    el(out, "textLang", language_name(doc.lang), mainLang=doc.lang)
    for key in sorted(set(meta) - set(META_ORDER) - HEADER_KEYS - {"idno"}):
        el(out, "note", meta[key], type=token(key))
    if kind == Role.TRANSLATION:
        el(out, "relatedItem", type="translationOf", target="#bibl-src")


def _title_statement(
    file_desc: etree._Element, title: str, resp: str, docs: tuple[Document, ...] = ()
) -> None:
    """``<titleStmt>``: the title, the author, the translator and paralign, each in its
    ``respStmt``."""
    stmt = el(file_desc, "titleStmt")
    el(stmt, "title", title)
    metas = [meta_values(doc) for doc in docs]
    for author in dict.fromkeys(m["author"] for m in metas if "author" in m):
        el(stmt, "author", author)
    for translator in dict.fromkeys(m["translator"] for m in metas if "translator" in m):
        resp_stmt = el(stmt, "respStmt")
        el(resp_stmt, "resp", "translation")
        el(resp_stmt, "persName", translator)
    resp_stmt = el(stmt, "respStmt")
    el(resp_stmt, "resp", resp)
    el(resp_stmt, "name", "paralign", ref=f"#{APP_ID}")


def _publication(
    file_desc: etree._Element, docs: tuple[Document, ...], date: str | None, what: str
) -> None:
    """``<publicationStmt>``: the edition's publisher, date and licence (``metadata.toml``
    ``[edition]``; the date else the ``date`` option or ``SOURCE_DATE_EPOCH``; the licence
    else the record's), or a sentence saying what the file is where none is known."""
    meta: dict[str, str] = {}
    for doc in reversed(docs):
        meta.update(meta_values(doc))
    stmt = el(file_desc, "publicationStmt")
    publisher = meta.get("edition_publisher")
    when = meta.get("edition_date") or header_date(date)
    licence = meta.get("edition_licence") or meta.get("licence")
    if not publisher:
        el(stmt, "p", what)
        return
    el(stmt, "publisher", publisher)
    if when:
        date_element(stmt, when)
    if licence:
        el(el(stmt, "availability"), "licence", licence)


def _correspondence(profile: etree._Element, doc: Document) -> None:
    """``<correspDesc>``: who sent the letter, when, and to whom (where the record says)."""
    meta = meta_values(doc)
    if "author" not in meta and "addressee" not in meta:
        return
    desc = el(profile, "correspDesc")
    sent_on = meta.get("original_date") or meta.get("date")
    if "author" in meta or sent_on:
        sent = el(desc, "correspAction", type="sent")
        if "author" in meta:
            el(sent, "name", meta["author"])
        if sent_on:
            date_element(sent, sent_on)
    if "addressee" in meta:
        el(el(desc, "correspAction", type="received"), "name", meta["addressee"])


def _application(header: etree._Element, desc: str, date: str | None, model: str = "") -> None:
    """``<encodingDesc><appInfo><application>``: paralign, its version, the model."""
    app_info = el(el(header, "encodingDesc"), "appInfo")
    version = _VERSION.match(__version__)
    attrs = {"xml_id": APP_ID, "ident": APP_ID, "version": version.group() if version else "0"}
    date = header_date(date)
    if date:
        attrs["when"] = date
    app = el(app_info, "application", **attrs)
    el(app, "label", "paralign")
    if model:
        el(app, "label", xml_text(model, "the model name"), type="model")
    el(app, "desc", desc)


def _languages(header: etree._Element, codes: list[str], found: object = None) -> etree._Element:
    """``<profileDesc><langUsage>``: each language, and how paralign found it (given by
    the user, or detected and with what confidence: ``Alignment.settings["languages"]``)."""
    profile = el(header, "profileDesc")
    usage = el(profile, "langUsage")
    notes = _language_notes(codes, found)
    for code in dict.fromkeys(codes):
        name = language_name(code)
        el(usage, "language", f"{name} ({notes[code]})" if code in notes else name, ident=code)
    return profile


def _language_notes(codes: list[str], found: object) -> dict[str, str]:
    if not isinstance(found, dict):
        return {}
    out = {}
    for code, side in zip(codes, ("source", "target"), strict=False):
        entry = found.get(side)
        if not isinstance(entry, dict) or "confidence" not in entry:
            continue
        how = "detected" if entry.get("source") == "detected" else "given, checked"
        out[code] = f"{how}: the text reads as {entry.get('detected')} with confidence " + (
            f"{float(entry['confidence']):.2f}"
        )
    return out


def _title(a: Alignment) -> str:
    for doc in (a.src, a.tgt):
        title = meta_values(doc).get("title")
        if title:
            return title
    return (
        f"{language_name(a.src.lang)} text and its {language_name(a.tgt.lang)} "
        "translation, aligned sentence by sentence"
    )


def parallel_header(root: etree._Element, a: Alignment, date: str | None = None) -> None:
    """The header of a parallel text (``date``: the option; else ``SOURCE_DATE_EPOCH``)."""
    header = el(root, "teiHeader")
    file_desc = el(header, "fileDesc")
    docs = (a.src, a.tgt)
    _title_statement(file_desc, _title(a), "sentence segmentation and alignment", docs)
    _publication(file_desc, docs, date, "Sentence-aligned parallel text made with paralign.")
    bibls = el(el(file_desc, "sourceDesc"), "listBibl")
    bibl(bibls, a.src, "bibl-src", Role.ORIGINAL)
    bibl(bibls, a.tgt, "bibl-tgt", Role.TRANSLATION)
    _application(
        header,
        "Sentence segmentation and embedding-based sentence alignment.",
        date,
        model=a.model,
    )
    profile = _languages(header, [a.src.lang, a.tgt.lang], a.settings.get("languages"))
    _correspondence(profile, a.src)


def not_in_corpus_note(doc: Document) -> str:
    """The sentence that says the original of a translation is not in the corpus."""
    original = doc.meta.get("original_lang", "")
    name = language_name(original) if original else "original-language"
    return (
        f"Only the {language_name(doc.lang)} translation is in this corpus; the {name} "
        "original is not part of it."
    )


def document_header(root: etree._Element, doc: Document, date: str | None = None) -> str:
    """The header of one text on its own; returns the ``@decls`` of its ``<text>``.

    When the document is a translation (``meta["role"] == "translation"``) the
    source description lists the original too, as ``<bibl type="original">`` with
    its language, and says that the original is not part of the corpus.
    """
    meta = meta_values(doc)
    translation = doc.meta.get("role") == Role.TRANSLATION
    header = el(root, "teiHeader")
    file_desc = el(header, "fileDesc")
    _title_statement(
        file_desc,
        meta.get("title") or f"{language_name(doc.lang)} text",
        "sentence segmentation",
        (doc,),
    )
    _publication(file_desc, (doc,), date, "Segmented text made with paralign.")
    if translation:
        el(el(file_desc, "notesStmt"), "note", not_in_corpus_note(doc), type="corpus")
    bibls = el(el(file_desc, "sourceDesc"), "listBibl")
    if translation:
        original = el(bibls, "bibl", xml_id="bibl-src", type=Role.ORIGINAL)
        if "title" in meta:
            el(original, "title", meta["title"])
        if "author" in meta:
            el(original, "author", meta["author"])
        if "original_date" in meta:
            date_element(original, meta["original_date"])
        code = doc.meta.get("original_lang", "")
        if code:
            el(original, "textLang", language_name(code), mainLang=code)
        el(original, "note", not_in_corpus_note(doc), type="availability")
        bibl(bibls, doc, "bibl-tgt", Role.TRANSLATION)
        decl = "#bibl-tgt"
    else:
        bibl(bibls, doc, "bibl-src", Role.ORIGINAL)
        decl = "#bibl-src"
    _application(header, "Clean-up of the archival transcription and sentence segmentation.", date)
    profile = _languages(header, [doc.lang])
    _correspondence(profile, doc)
    return decl


def declare_editorial(text: etree._Element, doc: Document) -> None:
    """Point ``text`` at the :data:`EDITORIAL_DECL` declaration (added to the header
    once) when ``doc``'s editorial insertions are part of its sentences."""
    if not any(m.kind == "editorial" for m in doc.marks):
        return
    root = text.getroottree().getroot()
    encoding = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}encodingDesc")
    if encoding is None:
        return
    if not any(child.get(XML_ID) == EDITORIAL_DECL for child in encoding):
        decl = el(encoding, "editorialDecl", xml_id=EDITORIAL_DECL)
        el(decl, "p", EDITORIAL_DECL_TEXT)
    text.set("decls", " ".join(filter(None, (text.get("decls"), f"#{EDITORIAL_DECL}"))))
