"""The TEI body of an archival document: letters, their parts, and the page as it was.

:func:`archival_body` writes one ``<body>`` from a :class:`~paralign.model.Document`
whose ``marks`` and ``kept_out`` came from the clean stage and the letter reader
(:mod:`paralign.clean`, :mod:`paralign.archive.letter`)::

    <body>
      <div type="letter">                       one per letter when there are several
        <fw type="letterhead">REPUBLICA DE CUBA</fw>
        <opener>
          <dateline><s xml:id="es-s1">La Habana, Diciembre 5 de 1962</s></dateline>
          <address><addrLine><s>AL: Dr. Raúl Roa García</s></addrLine></address>
          <salute><s>Rául:</s></salute>
        </opener>
        <p><s>… sin llegar a nin<lb break="no"/><pb n="2"/>
              <fw type="header">MISION PERMANENTE DE CUBA</fw>
              <fw type="pageNum">--2--</fw>guna votación …</s></p>
        <p><s>… Dobryni <supplied>Anatoly F. Dobrynin</supplied>, so that …</s></p>
        <closer><salute><s>Fraternalmente,</s></salute><signed><s>…</s></signed></closer>
      </div>
    </body>

Kept-out text stays where it fell, inside a sentence when the page broke inside
one: a page's page break, running headers and page number as ``<pb n>`` then
``<fw type="header">`` and ``<fw type="pageNum">``; letterhead not next to a page
break as ``<fw type="letterhead">``; a typed rule as ``<milestone unit="section">``.
Web debris and the catalogue record are not part of the body. Editorial brackets
become ``<supplied>``, ``<note type="editorial">`` or ``<gap>`` (see
:func:`paralign.clean.editorial_type`); a word broken at a line end gets
``<lb break="no"/>`` in place of its hyphen. A letter part whose edges would cut
a sentence is left out (the sentences never are).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lxml import etree

from ..clean.editorial import editorial_type
from ..clean.pages import page_number
from ..model import Document, Sentence, Span
from ..vocab import SpanKind
from .vocab import PART_ELEMENTS, el, sentence_id, xml_safe

#: kept-out kinds that have no place in the body
DROPPED = frozenset({SpanKind.DEBRIS, SpanKind.METADATA, SpanKind.JOIN})
#: marks written inside a sentence: a broken word's ``<lb/>``, an editorial insertion
_INLINE = frozenset({SpanKind.HYPHEN, SpanKind.EDITORIAL})
_OPENER_CLOSER = frozenset({SpanKind.OPENER, SpanKind.CLOSER})
#: letter parts that only stand in an opener or a closer
_OPENER_CLOSER_PARTS = frozenset(
    {SpanKind.DATELINE, SpanKind.ADDRESS, SpanKind.SALUTE, SpanKind.SIGNED}
)
_SPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)")


def _clean_text(text: str, where: str) -> str:
    return xml_safe(_SPACE.sub(" ", text.replace("\f", " ")), where)


def _append_text(parent: etree._Element, text: str) -> None:
    """Add text after the last child of ``parent`` (or as its text)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


@dataclass
class _Node:
    kind: str
    start: int
    end: int
    children: list[_Node] = field(default_factory=list)
    items: list[tuple[int, int, object]] = field(default_factory=list)

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def _tree(doc: Document) -> _Node:
    root = _Node("body", 0, len(doc.raw))
    rank = list(PART_ELEMENTS)
    parts = sorted(
        (m for m in doc.marks if m.kind in PART_ELEMENTS),
        key=lambda m: (m.start, -m.end, rank.index(m.kind)),
    )
    for m in parts:
        node = root
        while True:
            inner = next((c for c in node.children if c.contains(m.start, m.end)), None)
            if inner is None:
                break
            node = inner
        if any(c.start < m.end and m.start < c.end for c in node.children):
            continue  # overlaps a sibling without nesting: leave it out
        if m.kind in _OPENER_CLOSER_PARTS and node.kind not in _OPENER_CLOSER:
            continue  # these parts only stand in an opener or a closer
        node.children.append(_Node(m.kind, m.start, m.end))
    return root


def _zones(spans: list[Span], raw: str) -> list[list[Span]]:
    """Kept-out spans grouped into runs with only whitespace between them."""
    zones: list[list[Span]] = []
    for s in spans:
        if zones and not raw[zones[-1][-1].end : s.start].strip():
            zones[-1].append(s)
        else:
            zones.append([s])
    return zones


def _render_zone(
    parent: etree._Element, zone: list[Span], doc: Document, phrase: bool = True
) -> None:
    """A run of kept-out spans: the page break first, then what the page shows."""
    shown = [s for s in zone if s.kind not in DROPPED]
    if not shown:
        return
    where = f"kept-out text of the {doc.lang} text"
    breaks = [s for s in shown if s.kind == SpanKind.PB]
    if breaks:
        numbers = [page_number(s.text) for s in breaks if page_number(s.text) is not None]
        el(parent, "pb", **({"n": str(numbers[0])} if numbers else {}))
    for s in shown:
        text = _clean_text(s.text, where).strip()
        if s.kind == SpanKind.FW:
            el(parent, "fw", text, type="header" if breaks else "letterhead")
        elif s.kind == SpanKind.PB:
            if text:
                el(parent, "fw", text, type="pageNum")
        elif s.kind == SpanKind.SEPARATOR:
            el(parent, "milestone", unit="section", rend=text.replace(" ", "") or "rule")
        elif s.kind == SpanKind.EDITORIAL:
            _editorial(parent, s.text, where, phrase)
        else:
            el(parent, "note", text, type=s.kind)


def _editorial(parent: etree._Element, text: str, where: str, phrase: bool = True) -> None:
    """``<supplied>``, ``<note type="editorial">`` or ``<gap>`` for a bracketed insertion;
    between paragraphs (``phrase`` false), where ``<supplied>`` cannot stand, a note."""
    inner = _clean_text(text, where).strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1].strip()
    kind = editorial_type(inner)
    if kind == "gap":
        m = re.search(r"excised|illegible|omitted|deleted|redacted|missing|lost|torn", inner, re.I)
        gap = el(parent, "gap", reason=(m.group().lower() if m else "omitted"))
        el(gap, "desc", inner)
    elif kind == "note" or not phrase:
        el(parent, "note", inner, type="editorial")
    else:
        el(parent, "supplied", inner)


def _sentence(
    parent: etree._Element, doc: Document, i: int, sent: Sentence, prefix: str, inline: list[Span]
) -> None:
    """One ``<s>``: the raw stretch with kept-out text, breaks and brackets marked up."""
    s_el = el(parent, "s", xml_id=sentence_id(prefix, i))
    where = f"sentence {i + 1} of the {doc.lang} text"
    raw = doc.raw
    pos = sent.start
    glue = False  # after a broken word's hyphen: no space until the next letter
    pieces: list[Span] = sorted(inline, key=lambda s: (s.start, s.end))
    k = 0
    while k < len(pieces):
        item = pieces[k]
        text = _clean_text(raw[pos : item.start], where)
        _append_text(s_el, text.lstrip() if glue else text)
        glue = glue and not text.strip()
        if item.kind == SpanKind.HYPHEN:
            el(s_el, "lb", **{"break": "no"})
            glue = True
            pos = item.end
            k += 1
            continue
        if item.kind == SpanKind.EDITORIAL:
            _editorial(s_el, item.text, where)
            pos = item.end
            k += 1
            continue
        zone = [item]
        k += 1
        while (
            k < len(pieces)
            and pieces[k].kind not in _INLINE
            and not raw[zone[-1].end : pieces[k].start].strip()
        ):
            zone.append(pieces[k])
            k += 1
        # a page break between words reads as a space (its blank lines are ``join`` spans)
        if not glue:
            _append_text(s_el, " ")
        _render_zone(s_el, zone, doc)
        if not glue:
            _append_text(s_el, " ")
        pos = zone[-1].end
    tail = _clean_text(raw[pos : sent.end], where)
    _append_text(s_el, tail.lstrip() if glue else tail)
    _tidy(s_el)


def _tidy(element: etree._Element) -> None:
    """Trim the whitespace at the edges of an element's content; no doubled spaces."""
    if element.text:
        element.text = _SPACE.sub(" ", element.text).lstrip() or None
    if len(element):
        last = element[-1]
        if last.tail:
            last.tail = last.tail.rstrip() or None
    elif element.text:
        element.text = element.text.rstrip() or None
    for child in element:
        if child.tail:
            child.tail = _SPACE.sub(" ", child.tail)


def archival_body(parent: etree._Element, doc: Document, prefix: str) -> etree._Element:
    """Write ``<body>`` for ``doc`` under ``parent`` (a ``<text>``) and return it."""
    body = el(parent, "body")
    root = _tree(doc)
    marks_inline = [m for m in doc.marks if m.kind in _INLINE]
    kept = sorted(doc.kept_out, key=lambda s: (s.start, s.end))
    sentences = doc.sentences
    # kept-out spans and inline marks inside a sentence go inline; the rest between
    inside: dict[int, list[Span]] = {i: [] for i in range(len(sentences))}
    between: list[Span] = []
    starts = [s.start for s in sentences]
    for span in [*kept, *marks_inline]:
        j = bisect.bisect_right(starts, span.start) - 1
        if j >= 0 and sentences[j].start <= span.start and span.end <= sentences[j].end:
            inside[j].append(span)
        elif span in kept:  # a mark outside every sentence has nothing to mark
            between.append(span)
    for i, s in enumerate(sentences):
        _place(root, s.start, s.end, ("s", i))
    for zone in _zones(sorted(between, key=lambda s: s.start), doc.raw):
        _place(root, zone[0].start, zone[0].start, ("zone", zone))
    _render_node(body, root, doc, prefix, inside)
    if not len(body):
        el(body, "p")
    return body


def _place(root: _Node, start: int, end: int, item: object) -> None:
    node = root
    while True:
        inner = next((c for c in node.children if c.start <= start and end <= c.end), None)
        if inner is None:
            break
        node = inner
    node.items.append((start, end, item))


def _render_node(
    out: etree._Element, node: _Node, doc: Document, prefix: str, inside: dict[int, list[Span]]
) -> None:
    entries: list[tuple[int, int, str, object]] = [(c.start, 0, "node", c) for c in node.children]
    entries += [(start, 1, item[0], item[1]) for start, _, item in node.items]
    entries.sort(key=lambda e: (e[0], e[1]))
    container = node.kind in ("body", SpanKind.LETTER)
    para: etree._Element | None = None
    para_index: int | None = None
    last_end = node.start
    for n, (_, _, what, value) in enumerate(entries):
        if what == "node":
            para = None
            attrs = {"type": "letter"} if value.kind == SpanKind.LETTER else {}
            child = el(out, PART_ELEMENTS[value.kind], **attrs)
            _render_node(child, value, doc, prefix, inside)
            if value.kind in _OPENER_CLOSER and not len(child) and not child.text:
                out.remove(child)
        elif what == "s":
            i = value
            sent = doc.sentences[i]
            target = out
            if container:
                if para is None or sent.paragraph != para_index:
                    para = el(out, "p")
                    para_index = sent.paragraph
                target = para
            elif node.kind == SpanKind.ADDRESS:
                target = el(out, "addrLine")
            _sentence(target, doc, i, sent, prefix, inside[i])
            last_end = sent.end
        else:  # a zone of kept-out spans between sentences
            nxt = next((e for e in entries[n + 1 :] if e[2] in ("s", "node")), None)
            follows = (  # the next sentence goes on in the same paragraph
                nxt is not None and nxt[2] == "s" and doc.sentences[nxt[3]].paragraph == para_index
            )
            # a zone right after a sentence, no blank line between, ends its paragraph
            tight = not _BLANK_LINE.search(doc.raw[last_end : value[0].start])
            same_para = para is not None and (follows or tight)
            if not same_para:
                para = None
            _render_zone(para if same_para else out, value, doc, phrase=same_para)
