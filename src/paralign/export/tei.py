"""TEI P5: both texts as ``<s xml:id>`` sentences and the alignment as stand-off links.

The layout is the TEI Guidelines' own for parallel texts (§17.5, "Alignment of
parallel texts"), which TEI Publisher's translation view also expects::

    <TEI>
      <teiHeader> title, source of each text (Document.meta), the tool, its
                  version and the model (encodingDesc/appInfo), languages </teiHeader>
      <text><group>
        <text xml:id="es" xml:lang="es"><body><p><s xml:id="es-s1">…</s>…</p></body></text>
        <text xml:id="en" xml:lang="en"><body>…</body></text>
      </group></text>
      <standOff>
        <fs type="alignment-settings">…</fs>            the aligner's settings
        <linkGrp type="alignment" domains="#es #en">
          <link xml:id="al1" type="2-1" target="#es-s1 #es-s2 #en-s1" cert="0.870"/>
          <ptr xml:id="al2" type="unaligned" target="#es-s3" cert="0.412"/>
        </linkGrp>
      </standOff>
    </TEI>

A 1-0 or 0-1 bead is a ``<ptr type="unaligned">``, not a ``<link>``: TEI requires
at least two targets on a link, and a pointer keeps the bead's place and
confidence so that every sentence is in exactly one element of the group and
the file reads back into the same beads. Text kept out of the sentences
(``Document.kept_out``) is placed where it falls, between sentences: running
headers as ``<fw type="header">``, page breaks as ``<pb n="…"/>``, anything else
as ``<note type="KIND">``. Nothing in the output depends on the clock: the date
comes from the ``date`` option or ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from lxml import etree

from ..errors import FormatError
from ..isodate import is_iso_date
from ..model import Alignment, Bead, Document, Span
from .base import Entry, ExportOptions, Writer, confidence_text, register

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
#: the processing instruction that lets XML editors validate against tei_all
XML_MODEL = (
    'href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" '
    'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'
)
#: type of the feature structure that holds Alignment.settings
SETTINGS_TYPE = "alignment-settings"
#: xml:id of the ``<editorialDecl>`` that a ``<text>`` points to (``@decls``) when the
#: editor's insertions inside its sentences (``<supplied>``, ``<gap>``,
#: ``<note type="editorial">``) were part of the sentence text that was aligned, in
#: square brackets (``clean(editorial="mark")``); without it paralign reads them as
#: left out of the sentences (``editorial="omit"``)
EDITORIAL_DECL = "editorial-in-text"
EDITORIAL_DECL_TEXT = (
    "The editor's insertions inside a sentence (supplied, gap, note type=editorial) are part "
    "of the sentence text that was aligned, in square brackets."
)
#: settings that differ from run to run (wall times) and are left out, so that
#: two runs on the same input give identical files
VOLATILE_SETTINGS = frozenset({"timings"})

# Document.meta keys written as bibl children, in this order; other keys become
# <note type="KEY">. The reader (paralign.importers.tei) inverts this table.
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
MS_KEYS = ("repository", "collection", "shelfmark")

LANGUAGE_NAMES = {
    "ar": "Arabic", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "eu": "Basque", "fi": "Finnish",
    "fr": "French", "gl": "Galician", "he": "Hebrew", "hu": "Hungarian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "la": "Latin", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish",
    "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}  # fmt: skip

_SPACE = re.compile(r"[ \t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1b\x1f\ud800-\udfff\ufffe\uffff]")
_TOKEN_BAD = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
_NAME_BAD = re.compile(r"[^A-Za-z0-9_.\-]")
_VERSION = re.compile(r"\d+(\.\d+){0,3}")


def normalise_space(text: str) -> str:
    """Runs of whitespace and line separators as one space, trimmed (as TEI readers see it)."""
    return _SPACE.sub(" ", text).strip()


def xml_safe(text: str, where: str) -> str:
    """``text`` as it is; :class:`FormatError` if XML cannot hold one of its characters."""
    bad = _NOT_XML.search(text)
    if bad:
        raise FormatError(
            f"{where} holds the control character U+{ord(bad.group()):04X}, which XML cannot "
            "hold; remove it from the input"
        )
    return text


def xml_text(text: str, where: str) -> str:
    """``text`` with whitespace normalised; :class:`FormatError` if XML cannot hold it."""
    return xml_safe(normalise_space(text), where)


def language_name(code: str) -> str:
    """English name of a language code where known, else the code."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


def side_prefixes(alignment: Alignment) -> tuple[str, str]:
    """The ``xml:id`` of each side's ``<text>`` (sentence ids are ``PREFIX-sN``)."""
    src, tgt = alignment.src.lang, alignment.tgt.lang
    if src == tgt:
        return f"{src}1", f"{tgt}2"
    return src, tgt


def token(value: str) -> str:
    """A value usable as a TEI token (no whitespace or control characters)."""
    return _TOKEN_BAD.sub("_", value.strip()) or "_"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}")
    for key, value in attrs.items():
        el.set(XML_ID if key == "xml_id" else XML_LANG if key == "xml_lang" else key, value)
    if text is not None:
        el.text = text
    return el


# ---------------------------------------------------------------- header


def _meta(doc: Document) -> dict[str, str]:
    """The document's metadata with canonical keys and one-line values."""
    out: dict[str, str] = {}
    for key, value in doc.meta.items():
        if value is None or not str(value).strip():
            continue
        key = META_ALIASES.get(key, key)
        out[key] = xml_text(str(value), f"metadata {key!r} of the {doc.lang} text")
    return out


def _bibl(parent: etree._Element, doc: Document, xml_id: str, kind: str) -> None:
    meta = _meta(doc)
    bibl = _el(parent, "bibl", xml_id=xml_id, type=kind)
    simple = {"title": "title", "author": "author", "publisher": "publisher"}
    for key in META_ORDER:
        if key not in meta:
            continue
        value = meta[key]
        if key in simple:
            _el(bibl, simple[key], value)
        elif key == "translator":
            _el(bibl, "editor", value, role="translator")
        elif key == "editor":
            _el(bibl, "editor", value)
        elif key == "date":
            attrs = {"when": value} if is_iso_date(value) else {}
            _el(bibl, "date", value, **attrs)
        elif key == "repository":
            ms = _el(bibl, "msIdentifier")
            _el(ms, "repository", value)
            if "collection" in meta:
                _el(ms, "collection", meta["collection"])
            if "shelfmark" in meta:
                _el(ms, "idno", meta["shelfmark"], type="shelfmark")
        elif key in MS_KEYS:
            if "repository" not in meta:  # a shelfmark without repository: plain bibl parts
                tag = "idno" if key == "shelfmark" else "note"
                _el(bibl, tag, value, type=key)
        elif key == "url":
            _el(bibl, "idno", value, type="URI")
        elif key == "licence":
            _el(_el(bibl, "availability"), "licence", value)
    _el(bibl, "textLang", language_name(doc.lang), mainLang=doc.lang)
    for key in sorted(set(meta) - set(META_ORDER)):
        _el(bibl, "note", meta[key], type=token(key))
    if kind == "translation":
        _el(bibl, "relatedItem", type="translationOf", target="#bibl-src")


def _title(a: Alignment) -> str:
    for doc in (a.src, a.tgt):
        title = _meta(doc).get("title")
        if title:
            return title
    return (
        f"{language_name(a.src.lang)} text and its {language_name(a.tgt.lang)} "
        "translation, aligned sentence by sentence"
    )


def _header(root: etree._Element, a: Alignment, options: ExportOptions) -> None:
    from .. import __version__

    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", _title(a))
    resp = _el(title_stmt, "respStmt")
    _el(resp, "resp", "sentence segmentation and alignment")
    _el(resp, "name", "paralign", ref="#paralign")
    _el(
        _el(file_desc, "publicationStmt"), "p", "Sentence-aligned parallel text made with paralign."
    )
    bibls = _el(_el(file_desc, "sourceDesc"), "listBibl")
    _bibl(bibls, a.src, "bibl-src", "original")
    _bibl(bibls, a.tgt, "bibl-tgt", "translation")

    app_info = _el(_el(header, "encodingDesc"), "appInfo")
    version = _VERSION.match(__version__)
    attrs = {
        "xml_id": "paralign",
        "ident": "paralign",
        "version": version.group() if version else "0",
    }
    date = options.header_date()
    if date:
        attrs["when"] = date
    app = _el(app_info, "application", **attrs)
    _el(app, "label", "paralign")
    if a.model:
        _el(app, "label", xml_text(a.model, "the model name"), type="model")
    _el(app, "desc", "Sentence segmentation and embedding-based sentence alignment.")

    usage = _el(_el(header, "profileDesc"), "langUsage")
    langs = dict.fromkeys((a.src.lang, a.tgt.lang))
    for code in langs:
        _el(usage, "language", language_name(code), ident=code)


# ---------------------------------------------------------------- texts


def _span(parent: etree._Element, span: Span, doc: Document) -> None:
    text = xml_text(span.text, f"a kept-out {span.kind!r} span of the {doc.lang} text")
    if span.kind == "fw":
        _el(parent, "fw", text, type="header")
    elif span.kind == "pb":
        _el(parent, "pb", **({"n": text} if text else {}))
    else:
        _el(parent, "note", text, type=token(span.kind))


def declare_editorial(text: etree._Element, doc: Document) -> None:
    """Point ``text`` at the :data:`EDITORIAL_DECL` declaration (added to the header
    once) when ``doc``'s editorial insertions are part of its sentences."""
    if not any(m.kind == "editorial" for m in doc.marks):
        return
    root = text.getroottree().getroot()
    encoding = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}encodingDesc")
    if encoding is None:
        return
    if not any(el.get(XML_ID) == EDITORIAL_DECL for el in encoding):
        decl = _el(encoding, "editorialDecl", xml_id=EDITORIAL_DECL)
        _el(decl, "p", EDITORIAL_DECL_TEXT)
    text.set("decls", " ".join(filter(None, (text.get("decls"), f"#{EDITORIAL_DECL}"))))


def _body(parent: etree._Element, doc: Document, prefix: str) -> None:
    if doc.marks:  # an archival document: letter parts, page layout (export/tei_body.py)
        from .tei_body import render_body

        render_body(parent, doc, prefix)
        declare_editorial(parent, doc)
        return
    body = _el(parent, "body")
    spans = sorted(doc.kept_out, key=lambda s: (s.start, s.end))
    k = 0
    para: etree._Element | None = None
    last = None
    for i, sent in enumerate(doc.sentences):
        same = para is not None and sent.paragraph == last
        while k < len(spans) and spans[k].start <= sent.start:
            _span(para if same else body, spans[k], doc)
            k += 1
        if not same:
            para = _el(body, "p")
            last = sent.paragraph
        assert para is not None
        text = xml_text(sent.text, f"sentence {i + 1} of the {doc.lang} text")
        _el(para, "s", text, xml_id=f"{prefix}-s{i + 1}")
    for span in spans[k:]:
        _span(body, span, doc)


# ---------------------------------------------------------------- stand-off


def _value(parent: etree._Element, value: object) -> None:
    """One setting as a TEI feature value."""
    if isinstance(value, bool):
        _el(parent, "binary", value="true" if value else "false")
    elif isinstance(value, int):
        _el(parent, "numeric", value=str(value))
    elif isinstance(value, float):
        text = (
            "NaN"
            if math.isnan(value)
            else "INF"
            if value > 0 and math.isinf(value)
            else ("-INF" if math.isinf(value) else repr(value))
        )
        _el(parent, "numeric", value=text)
    elif isinstance(value, dict):
        _features(parent, value, None)
    elif isinstance(value, (list, tuple)):
        coll = _el(parent, "vColl", org="list")
        for item in value:
            if item is None:
                _el(coll, "symbol", value="None")
            else:
                _value(coll, item)
    elif value is not None:
        _el(parent, "string", xml_text(str(value), "a setting"))


def _features(parent: etree._Element, settings: dict, kind: str | None) -> None:
    fs = _el(parent, "fs", **({"type": kind} if kind else {}))
    for key, value in settings.items():
        f = _el(fs, "f", name=_NAME_BAD.sub("_", str(key)) or "_")
        if not f.get("name")[0].isalpha() and f.get("name")[0] != "_":
            f.set("name", "_" + f.get("name"))
        _value(f, value)


def _links(standoff: etree._Element, a: Alignment, beads: list[tuple[int, Bead]]) -> None:
    src_p, tgt_p = side_prefixes(a)
    group = _el(
        standoff, "linkGrp", type="alignment", domains=f"#{src_p} #{tgt_p}", resp="#paralign"
    )
    n_src, n_tgt = len(a.src), len(a.tgt)
    for n, bead in beads:
        if not bead.src and not bead.tgt:
            raise FormatError(f"bead {n + 1} has no sentence on either side")
        for ids, size, side in ((bead.src, n_src, "source"), (bead.tgt, n_tgt, "target")):
            if any(not 0 <= i < size for i in ids):
                raise FormatError(
                    f"bead {n + 1} names {side} sentence ids {list(ids)}, but the {side} "
                    f"text has {size} sentences"
                )
        target = " ".join(
            [f"#{src_p}-s{i + 1}" for i in bead.src] + [f"#{tgt_p}-s{j + 1}" for j in bead.tgt]
        )
        cert = confidence_text(bead.confidence)
        if bead.src and bead.tgt:
            _el(group, "link", xml_id=f"al{n + 1}", type=bead.shape, target=target, cert=cert)
        else:
            _el(group, "ptr", xml_id=f"al{n + 1}", type="unaligned", target=target, cert=cert)


def tei_tree(a: Alignment, beads: list[tuple[int, Bead]], options: ExportOptions) -> etree._Element:
    """The ``<TEI>`` element for one alignment."""
    if not beads:
        raise FormatError("nothing to export: the alignment has no beads")
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    root.set(XML_LANG, "en")
    _header(root, a, options)
    src_p, tgt_p = side_prefixes(a)
    group = _el(_el(root, "text"), "group")
    for doc, prefix, decl in ((a.src, src_p, "#bibl-src"), (a.tgt, tgt_p, "#bibl-tgt")):
        _body(_el(group, "text", xml_id=prefix, xml_lang=doc.lang, decls=decl), doc, prefix)
    standoff = _el(root, "standOff")
    settings = {k: v for k, v in a.settings.items() if k not in VOLATILE_SETTINGS}
    if settings:
        _features(standoff, settings, SETTINGS_TYPE)
    _links(standoff, a, beads)
    return root


def serialise(root: etree._Element) -> bytes:
    """A TEI tree as UTF-8 bytes with the declaration and the xml-model instruction."""
    tree = etree.ElementTree(root)
    root.addprevious(etree.ProcessingInstruction("xml-model", XML_MODEL))
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@register
class TeiWriter(Writer):
    name = "tei"
    suffix = ".xml"
    description = "TEI P5: <s xml:id> sentences of both texts and a stand-off <linkGrp> of links"
    sets = False
    filters = False

    def write(self, entries: Sequence[Entry], options: ExportOptions) -> bytes:
        (entry,) = entries
        return serialise(tei_tree(entry.alignment, entry.beads, options))
