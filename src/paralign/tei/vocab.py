"""The TEI vocabulary paralign writes and reads: namespaces, names, and the one element helper.

Everything here is shared by the writers (:mod:`.header`, :mod:`.body`,
:mod:`.archival`, :mod:`.standoff`), the readers (:mod:`.read`, :mod:`.read_text`),
the review annotation (:mod:`.review`) and the validator (:mod:`.validate`), so
that reading never depends on writing.
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import FormatError
from ..model import Alignment
from ..vocab import LETTER_PARTS, SpanKind

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
#: the ``xml:id`` and ``@ident`` of paralign's ``<application>`` in the header
APP_ID = "paralign"
#: letter-part marks (``Document.marks``) and the TEI element each becomes, outermost first
PART_ELEMENTS = {kind: "div" if kind == SpanKind.LETTER else kind.value for kind in LETTER_PARTS}

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
#: attribute names the element helper maps to the ``xml:`` namespace
_XML_ATTRIBUTES = {"xml_id": XML_ID, "xml_lang": XML_LANG}


def el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """A TEI element ``tag`` under ``parent``, with ``text`` and attributes (``xml_id``
    and ``xml_lang`` are written as ``xml:id`` and ``xml:lang``), in the given order."""
    child = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}")
    for key, value in attrs.items():
        child.set(_XML_ATTRIBUTES.get(key, key), value)
    if text is not None:
        child.text = text
    return child


def local(node: etree._Element) -> str:
    """The local name of a TEI element ('' for comments, PIs and foreign elements)."""
    tag = node.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{TEI_NS}}}"):
        return ""
    return tag[len(TEI_NS) + 2 :]


def where(node: etree._Element) -> str:
    """Where an element is in its file, for an error message."""
    return f"line {node.sourceline}" if node.sourceline else "somewhere"


def normalise_space(text: str) -> str:
    """Runs of whitespace and line separators as one space, trimmed (as TEI readers see it)."""
    return _SPACE.sub(" ", text).strip()


def text_of(node: etree._Element) -> str:
    """All the text inside an element, whitespace normalised."""
    return normalise_space("".join(node.itertext()))


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


def token(value: str) -> str:
    """A value usable as a TEI token (no whitespace or control characters)."""
    return _TOKEN_BAD.sub("_", value.strip()) or "_"


def language_name(code: str) -> str:
    """English name of a language code where known, else the code."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


def side_prefixes(alignment: Alignment) -> tuple[str, str]:
    """The ``xml:id`` of each side's ``<text>`` (sentence ids are ``PREFIX-sN``)."""
    src, tgt = alignment.src.lang, alignment.tgt.lang
    if src == tgt:
        return f"{src}1", f"{tgt}2"
    return src, tgt


def sentence_id(prefix: str, index: int) -> str:
    """The ``xml:id`` of the sentence at 0-based ``index`` of the text ``prefix``."""
    return f"{prefix}-s{index + 1}"
