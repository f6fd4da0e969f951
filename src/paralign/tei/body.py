"""The ``<body>`` of one text, in the layout chosen for it by :func:`body_layout`.

Two layouts, one writer each:

- ``"paragraphs"`` (:func:`paragraph_body`): ``<p>`` of ``<s xml:id>`` sentences,
  text kept out of the sentences (``Document.kept_out``) placed where it falls,
  between sentences: running headers as ``<fw type="header">``, page breaks as
  ``<pb n="…"/>``, anything else as ``<note type="KIND">``;
- ``"archival"`` (:func:`paralign.tei.archival.archival_body`): letters and their
  parts, the page as it was, the editor's insertions, inside sentences too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from lxml import etree

from ..model import Document, Span
from ..vocab import SpanKind
from .archival import archival_body
from .header import declare_editorial
from .vocab import el, sentence_id, token, xml_text

#: the body layouts, by name
BodyLayout = Literal["paragraphs", "archival"]


def body_layout(doc: Document) -> BodyLayout:
    """``"archival"`` for a document whose clean stage or letter reader marked letter
    parts, broken words or editorial insertions (``Document.marks``), whose markup
    only the archival layout can hold; ``"paragraphs"`` otherwise."""
    return "archival" if doc.marks else "paragraphs"


def _span(parent: etree._Element, span: Span, doc: Document) -> None:
    text = xml_text(span.text, f"a kept-out {span.kind!r} span of the {doc.lang} text")
    if span.kind == SpanKind.FW:
        el(parent, "fw", text, type="header")
    elif span.kind == SpanKind.PB:
        el(parent, "pb", **({"n": text} if text else {}))
    else:
        el(parent, "note", text, type=token(span.kind))


def paragraph_body(parent: etree._Element, doc: Document, prefix: str) -> etree._Element:
    """Write ``<body>`` of paragraphs of sentences under ``parent`` and return it."""
    body = el(parent, "body")
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
            para = el(body, "p")
            last = sent.paragraph
        assert para is not None
        text = xml_text(sent.text, f"sentence {i + 1} of the {doc.lang} text")
        el(para, "s", text, xml_id=sentence_id(prefix, i))
    for span in spans[k:]:
        _span(body, span, doc)
    return body


#: the writer of each layout
BODY_WRITERS: dict[str, Callable[[etree._Element, Document, str], etree._Element]] = {
    "paragraphs": paragraph_body,
    "archival": archival_body,
}


def write_body(
    text: etree._Element, doc: Document, prefix: str, layout: BodyLayout | None = None
) -> etree._Element:
    """Write the body of ``doc`` under its ``<text>`` in ``layout`` (by default
    :func:`body_layout`'s choice), and declare in the header how its editorial
    insertions were read (:func:`~paralign.tei.header.declare_editorial`)."""
    body = BODY_WRITERS[layout or body_layout(doc)](text, doc, prefix)
    declare_editorial(text, doc)
    return body
